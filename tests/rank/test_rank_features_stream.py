"""Features built from a stream (issue 18, 200,000 studies): the workspace's records are read in
one pass and tokenised as they come, and each view's counts are written chunk by chunk into the
matrix's arrays — never every text, nor an n-gram per token, in memory at once. The matrices must
be the very ones the all-at-once build gave (same columns, entries, order and float32 bits): the
rankers' results may not move. The all-at-once build is kept here, as it was before (main at
48f8bc5: ``count_word_ngrams``, ``_tfidf_from_counts``, ``ranking._pool_docs``), as the oracle."""

from __future__ import annotations

import json
import random
import re

import numpy as np
import pytest

from screener.rank import live, registry
from screener.rank.features import Doc, WordTokens, feature_key, fit_transform_together
from screener.records.model import Record
from screener.workspace import ranking

NOW = "2026-01-01T00:00:00Z"


# ---- the all-at-once build, as it was (the oracle) ------------------------------------------------

def old_pool_docs(ws):
    rows = ws.db.execute(
        "SELECT c.study_id, s.record FROM current_links c JOIN source_records s"
        " ON s.id = c.source_record_id ORDER BY c.study_id, s.id").fetchall()
    docs: dict[int, Doc] = {}
    for study_id, record_json in rows:
        data = json.loads(record_json)
        doc = docs.setdefault(study_id, Doc())
        title = data.get("title") or ""
        abstract = data.get("abstract") or ""
        if len(title) > len(doc.title):
            doc.title = title
        if len(abstract) > len(doc.abstract):
            doc.abstract = abstract
        for keyword in data.get("keywords") or []:
            if keyword not in doc.keywords:
                doc.keywords.append(keyword)
        for heading in data.get("mesh") or []:
            descriptor = heading.get("descriptor") if isinstance(heading, dict) else str(heading)
            if descriptor and descriptor not in doc.mesh:
                doc.mesh.append(descriptor)
    ids = sorted(docs)
    return ids, [docs[i] for i in ids]


def old_count_word_ngrams(texts: list[str], prefixes: list[int | None], ngram_range=(1, 2),
                      chunk: int = 8192) -> list | None:
    """``count_word_ngrams`` before streaming: every text at once."""
    from array import array

    import scipy.sparse as sp

    low, high = (int(v) for v in ngram_range)
    if not 1 <= low <= high <= 2:
        raise ValueError("count_word_ngrams counts 1- and 2-grams only")
    pattern = re.compile(r"(?u)\b\w\w+\b")
    vocab: dict[str, int] = {}
    ids = array("i")
    lengths = np.empty(len(texts), dtype=np.int64)
    for d, text in enumerate(texts):
        tokens = pattern.findall(text.lower())
        ids.extend([vocab.setdefault(t, len(vocab)) for t in tokens])
        lengths[d] = len(tokens)
    if not vocab:
        return None
    tokens_all = np.frombuffer(ids, dtype=np.int32)
    starts = np.concatenate([[0], np.cumsum(lengths)])
    words = list(vocab)
    out = []
    for prefix in prefixes:
        if prefix is None:
            names, unit = words, None
        else:
            cut: dict[str, int] = {}
            unit = np.array([cut.setdefault(w[:prefix], len(cut)) for w in words], dtype=np.int64)
            names = list(cut)
        v = len(names)
        rank = np.empty(v, dtype=np.int64)
        rank[sorted(range(v), key=names.__getitem__)] = np.arange(v)
        rank_of_token = rank if unit is None else rank[unit]
        width = v + 1                  # key = rank(first) · (v + 1) + (0 for a unigram, rank(second) + 1)
        chunk_keys, chunk_counts, chunk_rows = [], [], []
        for c0 in range(0, len(texts), chunk):
            c1 = min(c0 + chunk, len(texts))
            r = rank_of_token[tokens_all[starts[c0]:starts[c1]]]
            doc = np.repeat(np.arange(c1 - c0, dtype=np.int64), lengths[c0:c1])
            keys, docs_ = [], []
            if low == 1:
                keys.append(r * width)
                docs_.append(doc)
            if high == 2 and len(r) > 1:
                same = doc[1:] == doc[:-1]
                keys.append(r[:-1][same] * width + r[1:][same] + 1)
                docs_.append(doc[:-1][same])
            key = np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)
            code = np.concatenate(docs_) * (width * width) + key if keys else key
            code, count = np.unique(code, return_counts=True)
            row = code // (width * width)
            chunk_keys.append(code - row * (width * width))
            chunk_counts.append(count.astype(np.float32))
            chunk_rows.append(np.bincount(row, minlength=c1 - c0))
        features = np.unique(np.concatenate([np.unique(k) for k in chunk_keys]))
        if not len(features):
            return None
        indices = np.concatenate([np.searchsorted(features, k).astype(np.int32) for k in chunk_keys])
        del chunk_keys
        indptr = np.concatenate([[0], np.cumsum(np.concatenate(chunk_rows))])
        data = np.concatenate(chunk_counts)
        del chunk_counts
        out.append(sp.csr_matrix((data, indices, indptr), shape=(len(texts), len(features))))
    return out


def old_tfidf_from_counts(counts, params: dict, n: int):
    """``_tfidf_from_counts`` before streaming."""
    import numbers

    import scipy.sparse as sp

    max_df, min_df = params.get("max_df", 1.0), params.get("min_df", 1)
    high = float(max_df if isinstance(max_df, numbers.Integral) else max_df * n)
    low = float(min_df if isinstance(min_df, numbers.Integral) else min_df * n)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = (df <= high) & (df >= low)
    if high < low or not keep.any():
        return sp.csr_matrix((n, 1), dtype=np.float32)
    if not keep.all():
        new_column = np.cumsum(keep) - 1
        counts.data[~keep[counts.indices]] = 0
        counts.eliminate_zeros()
        counts.indices[:] = new_column[counts.indices]
        counts = sp.csr_matrix((counts.data, counts.indices, counts.indptr), shape=(n, int(keep.sum())),
                               copy=False)
        df = df[keep]
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    data = counts.data
    if params.get("sublinear_tf", False):
        np.log(data, out=data)
        data += 1.0
    # TfidfTransformer's smooth IDF, computed in the matrix's precision as it does
    idf = np.full(len(df), fill_value=n + 1, dtype=data.dtype)
    idf /= df.astype(data.dtype) + data.dtype.type(1.0)
    np.log(idf, out=idf)
    idf += 1.0
    data *= idf[counts.indices]
    inplace_csr_row_normalize_l2(counts)
    return counts




def old_features(components, docs: list[Doc]) -> dict:
    """``_word_and_prefixes`` before streaming."""
    import scipy.sparse as sp

    first, n = components[0], len(docs)
    counts = old_count_word_ngrams([doc.text(first.fields) for doc in docs],
                                   [getattr(c, "prefix", None) for c in components],
                                   tuple(first.params.get("ngram_range", (1, 1))))
    if counts is None:
        return {feature_key(c): sp.csr_matrix((n, 1), dtype=np.float32) for c in components}
    return {feature_key(c): old_tfidf_from_counts(m, c.params, n) for c, m in zip(components, counts)}


def assert_identical(new, old):
    """The same matrix to the bit: shape, index dtypes, entries in the same order, float32 data."""
    assert new.shape == old.shape
    assert (new.data.dtype, new.indices.dtype, new.indptr.dtype) == (old.data.dtype, old.indices.dtype,
                                                                     old.indptr.dtype)
    assert np.array_equal(new.indptr, old.indptr)
    assert np.array_equal(new.indices, old.indices)
    assert new.data.tobytes() == old.data.tobytes()


# ---- synthetic records -------------------------------------------------------------------------

WORDS = ("depression depressive depressed antidepressant antidepressants rats rat mice mouse swim "
         "test tests tail suspension kinase expression cell cells lines western blot forced "
         "behaviour behavioural behavior randomised randomized controlled trial trials placebo "
         "fluoxetine sertraline dose doses response responses 5-HT 2019 2020 12mg émigré Straße "
         "İstanbul naïve co-morbidity a I x of in on the and or with without").split()


def synthetic_texts(n: int, seed: int = 18) -> list[tuple[str, str]]:
    """(title, abstract) pairs from fixed words: shared prefixes (depressi-), Unicode, digits,
    one-letter words (no token), blank records, one-word titles; 'study' in nearly every record
    (more than 95%: pruned by max_df 0.95, a column dropped from the middle)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 97 == 0:
            out.append(("", ""))
            continue
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9)))
        abstract = " ".join(rng.choice(WORDS) for _ in range(rng.choice([0, 3, 20, 60])))
        if i % 41:
            abstract += " study"
        out.append((title.capitalize() + f" [{i % 500}]", abstract))
    return out


@pytest.fixture()
def pool(workspace):
    """3,000 studies of synthetic records; 40 studies hold a second record (a longer title, a
    shorter abstract, keywords), as dedupe merges them."""
    texts = synthetic_texts(3000)
    with workspace.transaction() as conn:
        workspace.add_source_records(Record(title=t, abstract=a, database="test", raw="") for t, a in texts)
        workspace.add_source_records(Record(title=texts[s][0] + " depressive rats", abstract="mice",
                                            keywords=["swim"], database="test", raw="")
                                     for s in range(5, 3000, 75))
        extra = [r for (r,) in conn.execute("SELECT id FROM source_records WHERE id > 3000 ORDER BY id")]
        for record, study in zip(extra, range(6, 3001, 75)):
            conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind, actor, reason)"
                         " VALUES (?, ?, ?, 'merge', 'test', 'same')", (NOW, record, study))
    live._MODELS.clear()
    yield workspace
    for model in live._MODELS.values():
        model.wait()
    live._MODELS.clear()


# ---- the tests ---------------------------------------------------------------------------------

def test_the_workspace_stream_gives_the_same_studies_and_documents(pool):
    ids, docs = old_pool_docs(pool)
    streamed = list(ranking._pool_documents(pool))
    assert [s for s, _ in streamed] == ids == ranking._pool_ids(pool)
    assert [d for _, d in streamed] == docs
    assert len(ids) == 3000 and sum(1 for d in docs if d.keywords) == 40


@pytest.mark.parametrize("how", ["now", "background"])
def test_features_built_from_the_workspace_stream_equal_the_all_at_once_build(pool, monkeypatch, how):
    # chunks of 700 documents: the counts cross chunk boundaries five times per view
    monkeypatch.setattr(WordTokens, "CHUNK", 700)
    monkeypatch.setattr(live, "SYNC_FEATURES_UP_TO", 100)
    ids, docs = old_pool_docs(pool)
    model = ranking.live_model(pool, "title_abstract")
    # the default preset's views (its third member, tfidf-views, reads these two matrices as blocks)
    components = [c for c, _ in model.ranker.members if not hasattr(c, "views")]
    assert [c.name for c in components] == ["tfidf", "tfidf-prefix"]
    expected = old_features(components, docs)
    if how == "now":
        assert ranking.ready_features(pool, "title_abstract")
    else:   # read through the building thread's own connection, as the queue does at this size
        signature = ranking._pool_signature(pool)
        assert not model.ensure_features(signature, lambda: ranking._pool_documents(pool), wait=False,
                                         pool_ids=lambda: ranking._pool_ids(pool))
        assert model.feature_thread is not None
        model.wait()
        assert model.signature == signature
    assert model.study_ids == ids
    built = model.ranker.base_matrices()
    assert sorted(built) == sorted(expected)
    for key, matrix in built.items():
        assert_identical(matrix, expected[key])
    # 'study' (in more than 95% of the records) was dropped by max_df: a pruned column was tested
    unpruned = old_count_word_ngrams([d.text(("title", "abstract")) for d in docs], [None])
    assert unpruned[0].shape[1] > expected[feature_key(components[0])].shape[1]
    # ... and the disk cache gives them back to the next process as they are
    live._MODELS.clear()
    again = ranking.live_model(pool, "title_abstract")
    assert again is not model and ranking.ready_features(pool, "title_abstract")
    for key, matrix in again.ranker.base_matrices().items():
        assert_identical(matrix, expected[key])


@pytest.mark.parametrize("chunk", [1, 3, 64, 10_000])
@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (2, 2)])
def test_counts_in_chunks_equal_the_all_at_once_counts(monkeypatch, chunk, ngrams):
    monkeypatch.setattr(WordTokens, "CHUNK", chunk)
    docs = [Doc(t, a) for t, a in synthetic_texts(300, seed=chunk)] + [Doc("one", ""), Doc("", "")]
    components = [registry.build("features", "tfidf", {"ngram_range": ngrams}),
                  registry.build("features", "tfidf-prefix", {"prefix": 3, "min_df": 2, "ngram_range": ngrams}),
                  registry.build("features", "tfidf-prefix", {"prefix": 8, "max_df": 0.5, "ngram_range": ngrams}),
                  registry.build("features", "tfidf-prefix", {"prefix": 5, "min_df": 400, "ngram_range": ngrams})]
    expected = old_features(components, docs)
    together = fit_transform_together(components, iter(docs))      # a stream, read once
    for c in components:
        assert_identical(together[feature_key(c)], expected[feature_key(c)])
    assert together[feature_key(components[3])].shape == (len(docs), 1)    # min_df above every df


def test_a_stream_is_read_once_and_listed_only_when_a_component_needs_the_documents():
    reads = []

    def stream(docs):
        for doc in docs:
            reads.append(doc)
            yield doc

    docs = [Doc(t, a) for t, a in synthetic_texts(50)]
    word, prefix = registry.build("features", "tfidf"), registry.build("features", "tfidf-prefix")
    fit_transform_together([word, prefix], stream(docs))
    assert len(reads) == len(docs)
    reads.clear()
    # a component computed alone (scikit-learn) reads the documents again: they are listed first
    char = registry.build("features", "tfidf-char")
    out = fit_transform_together([word, prefix, char], stream(docs))
    assert len(reads) == len(docs)
    assert np.allclose(out[feature_key(char)].toarray(), char.fit_transform(docs).toarray())
    blank = fit_transform_together([word, prefix], iter([Doc(), Doc()]))
    assert all(m.shape == (2, 1) and m.nnz == 0 for m in blank.values())


def test_the_queue_order_places_each_study_by_its_row_as_the_study_index_does(pool):
    """The pool is placed on the features' rows with arrays (200,000 studies: no dict lookup
    each); the order is the one the study → row index gives: ranked rows, then studies without
    features (imported since) shuffled by the review's seed."""
    import random as stdlib_random

    from screener.rank.live import StageLabels

    labels = StageLabels({s: int(s % 7 == 0) for s in range(10, 300)}, {}, set())
    model = ranking.live_model(pool, "title_abstract")
    seed = int(pool.settings.ranker_seed)
    for wanted in (list(range(1, 3001)), [s for s in range(3000, 0, -1) if s % 3] + [5000, 4000, -1]):
        model.order_cache = None
        order = ranking.rank_studies(pool, "title_abstract", wanted, background=False, labels=labels).order
        index = model.index
        unknown = sorted(s for s in wanted if s not in index)
        stdlib_random.Random(f"{seed}:title_abstract:new").shuffle(unknown)
        rows = np.array([index[s] for s in wanted if s in index], dtype=np.int64)
        ranked = model.ranker.querier.order(model.scores, rows, np.random.default_rng([seed, len(labels.labels)]))
        assert order == [model.study_ids[i] for i in ranked.tolist()] + unknown
        assert len(order) == len(wanted) and set(order) == set(wanted)


@pytest.mark.parametrize("make", [
    lambda rng: rng.random(50_000),                                           # no ties
    lambda rng: np.round(rng.random(50_000), 2),                              # many ties
    lambda rng: 1 / (60 + rng.integers(1, 900, 50_000)) + 1 / (60 + rng.integers(1, 900, 50_000)),  # RRF sums
    lambda rng: np.concatenate([np.zeros(3000), -np.zeros(3000), [np.inf, -np.inf] * 50,
                                rng.random(3000).astype(np.float32)]),        # signed zeros, infinities
    lambda rng: np.where(rng.random(20_000) < 0.01, np.nan, rng.random(20_000)),   # NaN: the stable sort
    lambda rng: rng.random(100),                                              # small
    lambda rng: rng.integers(0, 9, 10_000),                                   # integers
])
def test_descending_order_is_numpys_stable_order(make):
    from screener.rank.ordering import descending_order

    values = make(np.random.default_rng(18))
    assert np.array_equal(descending_order(values), np.argsort(-values, kind="stable"))
