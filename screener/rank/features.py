"""Feature extractors: documents (title, abstract, keywords, MeSH) → a sparse matrix.

Fitted unsupervised on every document of the review at once (as ASReview does): the vocabulary
and IDF see the whole pool, labels never.
"""

from __future__ import annotations

import json
import numbers
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from screener.rank.registry import build, register


@dataclass
class Doc:
    """What the ranker reads of a study."""

    title: str = ""
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)

    def text(self, fields: tuple[str, ...]) -> str:
        parts = []
        for name in fields:
            value = getattr(self, name)
            if isinstance(value, list):
                value = " ; ".join(value)
            if value:
                parts.append(value)
        return " ".join(parts)


class _Tfidf:
    """TF-IDF on the chosen fields; ``fields`` may add ``keywords`` and ``mesh`` to title+abstract."""

    analyzer = "word"
    defaults: dict = {}

    def __init__(self, fields=("title", "abstract"), **params):
        unknown = set(fields) - {"title", "abstract", "keywords", "mesh"}
        if unknown:
            raise TypeError(f"unknown fields {sorted(unknown)}; use title, abstract, keywords, mesh")
        self.fields = tuple(fields)
        self.params = {**self.defaults, **params}

    def config(self) -> dict:
        return {"fields": list(self.fields), **{k: list(v) if isinstance(v, tuple) else v
                                                 for k, v in self.params.items()}}

    def fit_transform(self, docs: list[Doc]):
        # lazy: scikit-learn takes 1.5 s to load, and every command loads screener.rank
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [doc.text(self.fields) for doc in docs]
        params = dict(self.params)
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        vectorizer = TfidfVectorizer(analyzer=self.analyzer, dtype=_float32(), **params)
        try:
            return vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # empty vocabulary: every document blank
            import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

            return sp.csr_matrix((len(texts), 1), dtype=_float32())


def _float32():
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    # Half the memory of float64 (1.3 GB → 0.65 GB for two views at 200,000 studies) and faster
    # products; the classifiers fit in float64 on the labelled rows only.
    return np.float32


@register("features", "tfidf")
class WordTfidf(_Tfidf):
    """Word uni- and bigrams, sublinear TF, IDF — ASReview's default (ELAS u4) features."""

    defaults = {"ngram_range": (1, 2), "sublinear_tf": True, "min_df": 1, "max_df": 0.95}


@register("features", "tfidf-char")
class CharTfidf(_Tfidf):
    """Character 3–5-grams within word boundaries: robust to spelling, plurals and word forms."""

    analyzer = "char_wb"
    defaults = {"ngram_range": (3, 5), "sublinear_tf": True, "min_df": 2, "max_df": 0.95}


@register("features", "tfidf-word-char")
class WordCharTfidf:
    """Word 1–2-grams and character 3–5-grams side by side in one space, the character block
    scaled by ``char_weight`` (each block L2-normalised first)."""

    def __init__(self, fields=("title", "abstract"), char_weight: float = 0.5):
        self.word = WordTfidf(fields=fields)
        self.char = CharTfidf(fields=fields)
        self.fields = tuple(fields)
        self.char_weight = float(char_weight)

    def config(self) -> dict:
        return {"fields": list(self.fields), "char_weight": self.char_weight}

    def fit_transform(self, docs: list[Doc]):
        import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

        return sp.hstack([self.word.fit_transform(docs),
                          self.char_weight * self.char.fit_transform(docs)], format="csr")


class _PrefixTokenizer:
    """Lower-cased word tokens (scikit-learn's default pattern: 2+ word characters), each cut to
    its first ``prefix`` characters."""

    def __init__(self, prefix: int):
        self.prefix = prefix
        self.pattern = re.compile(r"(?u)\b\w\w+\b")

    def __call__(self, text: str) -> list[str]:
        return [token[:self.prefix] for token in self.pattern.findall(text.lower())]


@register("features", "tfidf-prefix")
class PrefixTfidf(_Tfidf):
    """Word 1–2-grams over words cut to their first ``prefix`` characters (truncation stemming:
    'depression'/'depressive' → 'depressi', 'antidepressants' → 'antidepr'), sublinear TF, IDF.
    Word forms pool their evidence as with character n-grams, while the features stay words."""

    defaults = {"ngram_range": (1, 2), "sublinear_tf": True, "min_df": 1, "max_df": 0.95}

    def __init__(self, fields=("title", "abstract"), prefix: int = 8, **params):
        if int(prefix) < 1:
            raise TypeError("prefix must be at least 1")
        super().__init__(fields, **params)
        self.prefix = int(prefix)

    def config(self) -> dict:
        return {**super().config(), "prefix": self.prefix}

    def fit_transform(self, docs: list[Doc]):
        # lazy: scikit-learn takes 1.5 s to load, and every command loads screener.rank
        from sklearn.feature_extraction.text import TfidfVectorizer

        params = dict(self.params)
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        vectorizer = TfidfVectorizer(tokenizer=_PrefixTokenizer(self.prefix), token_pattern=None,
                                     lowercase=False, dtype=_float32(), **params)
        try:
            return vectorizer.fit_transform([doc.text(self.fields) for doc in docs]).tocsr()
        except ValueError:  # empty vocabulary: every document blank
            import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

            return sp.csr_matrix((len(docs), 1), dtype=_float32())


@register("features", "tfidf-views")
class TfidfViews:
    """Several feature views of the same text side by side in one space — e.g. word 1–2-grams and
    word 1–2-grams over 8-letter prefixes — each block L2-normalised per document and scaled by its
    weight. One classifier fitted on the stacked space weighs every view's terms by the labels of
    the review at hand, so a view that separates this review's records gets the weight, without a
    separate choice between models.

    ``views``: a list of ``[name, {params}]`` of other feature components (not ``tfidf-views``);
    ``weights``: one per view (default 1 each). ``fields`` is passed to every view."""

    def __init__(self, views=(("tfidf", {}), ("tfidf-prefix", {"prefix": 8})), weights=None,
                 fields=("title", "abstract")):
        views = [list(v) if not isinstance(v, str) else [v, {}] for v in views]
        if not views:
            raise TypeError("views must name at least one feature component")
        if any(name == "tfidf-views" for name, _ in views):
            raise TypeError("a view cannot itself be tfidf-views")
        if weights is not None and len(weights) != len(views):
            raise TypeError(f"{len(weights)} weights for {len(views)} views; give one per view")
        self.fields = tuple(fields)
        self.views = [[name, dict(params or {})] for name, params in views]
        self.weights = [float(w) for w in (weights or [1.0] * len(views))]
        self._components = [build("features", name, {**params, "fields": self.fields})
                            for name, params in self.views]

    def config(self) -> dict:
        return {"fields": list(self.fields), "views": self.views, "weights": self.weights}

    def fit_transform(self, docs: list[Doc], built: dict | None = None):
        """``built``: matrices already computed for these documents by other members, keyed by
        ``feature_key`` — a view found there is reused, not recomputed (the same matrix)."""
        # lazy: scipy.sparse and scikit-learn take 1.74 s to load, and every command loads screener.rank
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        blocks = []
        for w, component in zip(self.weights, self._components):
            if not w:
                continue
            matrix = (built or {}).get(feature_key(component))
            if matrix is None:
                matrix = component.fit_transform(docs)
            blocks.append(w * normalize(matrix))
        return sp.hstack(blocks, format="csr")


class StackedViews:
    """A ``tfidf-views`` member's matrix kept as its blocks — the matrices other members already
    hold — instead of a copy of them side by side: the rows a classifier trains on are stacked on
    demand (a few thousand at most), and scoring every document is done block by block
    (``Ranker.scores`` multiplies each block once for every member that reads it). The same
    numbers as ``TfidfViews.fit_transform``: blocks are used as they are when their rows are
    already unit length (TF-IDF's), normalised copies otherwise."""

    def __init__(self, blocks, weights):
        # lazy: numpy, scipy.sparse and scikit-learn take 1.8 s to load, and every command loads screener.rank
        import numpy as np
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize
        from sklearn.utils.sparsefuncs_fast import csr_row_norms

        self.blocks, self.weights = [], []
        for block, w in zip(blocks, weights):
            if not w:
                continue
            if sp.issparse(block) and block.format == "csr":
                # in place over the data: block.multiply(block) copied each block (0.46 GB at
                # 200,000 studies) to decide nothing more than whether rows are unit length
                norms = np.sqrt(csr_row_norms(block))
            else:
                norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1)).ravel())
            unit = norms[norms > 0]
            if len(unit) and np.abs(unit - 1.0).max() > 1e-4:
                block = normalize(block)
            self.blocks.append(block)
            self.weights.append(float(w))
        self.shape = (blocks[0].shape[0], sum(b.shape[1] for b in self.blocks))
        self.dtype = self.blocks[0].dtype
        self.nnz = sum(b.nnz for b in self.blocks)

    def widths(self) -> list[int]:
        return [b.shape[1] for b in self.blocks]

    def __getitem__(self, rows):
        import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

        return sp.hstack([w * b[rows] for w, b in zip(self.weights, self.blocks)], format="csr")

    def __matmul__(self, vector):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        out, start = None, 0
        for w, b in zip(self.weights, self.blocks):
            part = w * (b @ vector[start:start + b.shape[1]])
            out, start = part if out is None else out + part, start + b.shape[1]
        return out if out is not None else np.zeros(self.shape[0], dtype=self.dtype)

    def tocsr(self):
        import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

        return sp.hstack([w * b for w, b in zip(self.weights, self.blocks)], format="csr")


_JOINT_PARAMS = {"ngram_range", "sublinear_tf", "min_df", "max_df"}


def _joint_group(component) -> tuple | None:
    """Word and prefix TF-IDF components that one count pass can serve (same fields, n-grams, TF):
    their group; None for any other component."""
    if type(component) not in (WordTfidf, PrefixTfidf) or not set(component.params) <= _JOINT_PARAMS:
        return None
    return (component.fields, tuple(component.params.get("ngram_range", (1, 1))),
            bool(component.params.get("sublinear_tf", False)))


def fit_transform_together(components, docs: Iterable[Doc]) -> dict[str, object]:
    """Every component's matrix for ``docs``, by ``feature_key``. Word 1–2-gram TF-IDF and its
    prefix variants over the same fields come from one tokenisation (``WordTokens``): a prefix
    n-gram is the word n-gram with its words cut, so the word ids of each document give every
    view's counts (columns in the same sorted order, the same document-frequency pruning and
    TF-IDF as TfidfVectorizer) — one pass of the tokeniser instead of one per view.

    ``docs`` may be any iterable: when the one pass over them is all the components need (word
    and prefix views of the same fields, as the default preset has) they are read once and not
    kept — a stream of 200,000 studies from the workspace is never all in memory; otherwise they
    are listed first."""
    out: dict[str, object] = {}
    single: list = []                   # components computed alone, each reading every document
    groups: dict[tuple, dict] = {}
    for component in components:
        key = feature_key(component)
        if key in out:
            continue
        out[key] = None
        group = _joint_group(component)
        if group is None:
            single.append(component)
        else:
            groups.setdefault(group, {})[key] = component
    single += [c for group in groups.values() if len(group) == 1 for c in group.values()]
    joint = [list(group.values()) for group in groups.values() if len(group) > 1]
    if (single or len(joint) > 1) and not isinstance(docs, Sequence):
        docs = list(docs)               # read more than once, or by a component that lists them
    for component in single:
        out[feature_key(component)] = component.fit_transform(docs)
    for members in joint:
        out.update(_word_and_prefixes(members, docs))
    return out


def _word_and_prefixes(components, docs: Iterable[Doc]) -> dict[str, object]:
    import scipy.sparse as sp  # lazy: scipy.sparse takes 0.24 s to load, and every command loads screener.rank

    first = components[0]
    ngrams = tuple(first.params.get("ngram_range", (1, 1)))
    tokens = WordTokens(doc.text(first.fields) for doc in docs)
    out: dict[str, object] = {}
    for c in components:
        matrix = tokens.tfidf(getattr(c, "prefix", None), ngrams, c.params) if tokens.words else None
        # None: no n-gram in any document (every document blank)
        out[feature_key(c)] = matrix if matrix is not None else sp.csr_matrix((tokens.n, 1), dtype=_float32())
    return out


TOKEN = r"(?u)\b\w\w+\b"     # scikit-learn's default token pattern, as the components use


class WordTokens:
    """Every document's word tokens (lower-cased, scikit-learn's default token pattern) as one
    array of word ids, read from ``texts`` — any iterable, consumed once: documents streamed from
    the workspace are tokenised as they arrive and their texts are not kept (at 200,000 studies
    the texts held while tokenising were most of the peak memory). ``counts`` and ``tfidf`` then
    give the word or prefix n-gram matrices of these documents."""

    def __init__(self, texts: Iterable[str]):
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        vocab: defaultdict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__      # a word not seen before gets the next id
        find, word_id = re.compile(TOKEN).findall, vocab.__getitem__
        ids, lengths = array("i"), array("q")
        for text in texts:
            tokens = find(text.lower())
            ids.extend(map(word_id, tokens))
            lengths.append(len(tokens))
        self.words = list(vocab)                   # by id: in order of first appearance
        # the arrays' own buffers, no copy (an empty buffer made an error in older numpy)
        self.ids = np.frombuffer(ids, dtype=np.int32) if ids else np.empty(0, dtype=np.int32)
        self.lengths = np.frombuffer(lengths, dtype=np.int64) if lengths else np.empty(0, dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(self.lengths)])
        self.n = len(self.lengths)

    CHUNK = 4096     # documents counted at a time (at 200,000 studies: less memory and CPU than 8,192)

    def counts(self, prefix: int | None, ngram_range=(1, 2), min_df=1, max_df=1.0, chunk: int | None = None):
        """The word 1- and 2-gram count matrix (float32 CSR, int32 indices, sorted) — of the words
        themselves (``prefix`` None) or of the words cut to their first ``prefix`` characters —
        with the columns whose document frequency is outside ``min_df``..``max_df`` dropped, and
        the kept columns' document frequencies: the counts, column order, vocabulary and pruning
        of scikit-learn's CountVectorizer (and of ``PrefixTfidf``'s tokeniser). None when no
        document has an n-gram.

        Without a string per n-gram: a bigram is a pair of word ranks, and the columns are sorted
        as the n-gram strings would be (space sorts before every word character, so "a b" sorts
        as the pair (a, b), after the unigram "a" and before "ab"). Documents are taken ``chunk``
        at a time, twice: first for the sorted set of n-grams present, then for each document's
        counts, written straight into the matrix's arrays — so the memory is the matrix and one
        chunk's n-grams, never an n-gram per token of every document."""
        # lazy: numpy and scipy.sparse take 0.3 s to load, and every command loads screener.rank
        import numpy as np
        import scipy.sparse as sp

        low, high = (int(v) for v in ngram_range)
        if not 1 <= low <= high <= 2:
            raise ValueError("WordTokens counts 1- and 2-grams only")
        n = self.n
        if prefix is None:
            names, unit = self.words, None
        else:
            cut: dict[str, int] = {}
            unit = np.array([cut.setdefault(w[:prefix], len(cut)) for w in self.words], dtype=np.int64)
            names = list(cut)
        v = len(names)
        rank = np.empty(v, dtype=np.int64)
        rank[sorted(range(v), key=names.__getitem__)] = np.arange(v)
        rank_of_word = rank if unit is None else rank[unit]
        width = v + 1                 # key = rank(first) · (v + 1) + (0 for a unigram, rank(second) + 1)
        # key · documents + document must fit in int64 (v < 2^31, so at least one document does)
        chunk = max(1, min(chunk or self.CHUNK, (2 ** 63 - 1) // (width * width)))

        features = np.empty(0, dtype=np.int64)          # the n-grams present, sorted
        for c0 in range(0, n, chunk):
            key, _ = self._keys(c0, min(c0 + chunk, n), rank_of_word, width, low, high, with_docs=False)
            features = _sorted_union(features, _distinct(np.sort(key)))
        if not len(features):
            return None

        # Upper bound of the non-zeros (one per token and n-gram order); np.empty touches no page
        # until written, and the arrays are cut to the real size at the end.
        tokens = len(self.ids)
        bound = (tokens if low == 1 else 0) + (max(tokens - 1, 0) if high == 2 else 0)
        data = np.empty(bound, dtype=np.float32)
        indices = np.empty(bound, dtype=np.int32)
        indptr = np.zeros(n + 1, dtype=np.int64)
        df = np.zeros(len(features), dtype=np.int64)
        pos = 0
        for c0 in range(0, n, chunk):
            c1 = min(c0 + chunk, n)
            nc = c1 - c0
            key, doc = self._keys(c0, c1, rank_of_word, width, low, high)
            code = key * nc + doc           # by n-gram, then document
            del key, doc
            code.sort()
            first = _first_of_runs(code)
            count = np.diff(np.append(first, len(code))).astype(np.float32)
            code = code[first]
            key = code // nc
            doc = (code - key * nc).astype(np.int32)
            del code, first
            runs = _first_of_runs(key)                    # each n-gram of the chunk, once
            docs_with = np.diff(np.append(runs, len(key)))
            found = np.searchsorted(features, key[runs])  # sorted queries: a merge
            del key
            df[found] += docs_with
            column = np.repeat(found.astype(np.int32), docs_with)
            del runs, docs_with, found
            # documents in order, each one's columns ascending (a counting sort, in C)
            part = sp.coo_matrix((count, (doc, column)), shape=(nc, len(features))).tocsr()
            del count, doc, column
            k = part.nnz
            data[pos:pos + k] = part.data
            indices[pos:pos + k] = part.indices
            indptr[c0 + 1:c1 + 1] = pos + part.indptr[1:]
            pos += k
            del part
        max_df = float(max_df if isinstance(max_df, numbers.Integral) else max_df * n)
        min_df = float(min_df if isinstance(min_df, numbers.Integral) else min_df * n)
        keep = (df <= max_df) & (df >= min_df)
        if max_df < min_df or not keep.any():
            return sp.csr_matrix((n, 1), dtype=np.float32), np.zeros(1, dtype=np.int64)
        if not keep.all():
            pos = _drop_columns(data, indices, indptr, keep, chunk)
        # cut the arrays to their size (realloc: no copy; nothing else refers to them yet)
        data.resize(pos, refcheck=False)
        indices.resize(pos, refcheck=False)
        return sp.csr_matrix((data, indices, indptr), shape=(n, int(keep.sum()))), df[keep]

    def _keys(self, c0: int, c1: int, rank_of_word, width: int, low: int, high: int, with_docs: bool = True):
        """The n-gram keys of documents ``c0``..``c1`` (one per token and n-gram order) and, with
        ``with_docs``, the document (from 0 in the chunk) of each."""
        import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

        r = rank_of_word[self.ids[self.starts[c0]:self.starts[c1]]]
        keys, pairs = [], None
        if low == 1:
            keys.append(r * width)
        if high == 2 and len(r) > 1:
            pairs = np.ones(len(r) - 1, dtype=bool)     # neighbouring tokens of one document
            ends = self.starts[c0 + 1:c1] - self.starts[c0]
            pairs[ends[(ends > 0) & (ends < len(r))] - 1] = False
            keys.append(r[:-1][pairs] * width + r[1:][pairs] + 1)
        key = np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)
        if not with_docs:
            return key, None
        doc = np.repeat(np.arange(c1 - c0, dtype=np.int64), self.lengths[c0:c1])
        docs = ([doc] if low == 1 else []) + ([doc[:-1][pairs]] if pairs is not None else [])
        return key, np.concatenate(docs) if docs else np.empty(0, dtype=np.int64)

    def tfidf(self, prefix: int | None, ngram_range, params: dict):
        """``counts`` turned into TfidfVectorizer's matrix in place: smooth IDF, sublinear TF as
        set, rows scaled to unit length, in float32 as it computes them — without its copies of
        the matrix (each 0.2-0.5 GB at 200,000 studies). None when no document has an n-gram."""
        # lazy: numpy and scikit-learn take 1.56 s to load, and every command loads screener.rank
        import numpy as np
        from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

        counted = self.counts(prefix, ngram_range, params.get("min_df", 1), params.get("max_df", 1.0))
        if counted is None:
            return None
        matrix, df = counted
        if not matrix.nnz:
            return matrix
        data = matrix.data
        if params.get("sublinear_tf", False):
            np.log(data, out=data)
            data += 1.0
        # TfidfTransformer's smooth IDF, computed in the matrix's precision as it does
        idf = np.full(len(df), fill_value=self.n + 1, dtype=data.dtype)
        idf /= df.astype(data.dtype) + data.dtype.type(1.0)
        np.log(idf, out=idf)
        idf += 1.0
        step = 1 << 22           # idf[indices] a slice at a time: no int64 copy of every index
        for s in range(0, len(data), step):
            data[s:s + step] *= idf[matrix.indices[s:s + step]]
        inplace_csr_row_normalize_l2(matrix)
        return matrix


def _distinct(sorted_values):
    return sorted_values[_first_of_runs(sorted_values)]


def _first_of_runs(sorted_values):
    """Positions where a new value starts in a sorted array."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    if not len(sorted_values):
        return np.empty(0, dtype=np.int64)
    new = np.empty(len(sorted_values), dtype=bool)
    new[0] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=new[1:])
    return np.flatnonzero(new)


def _sorted_union(a, b):
    """Sorted distinct values of two sorted distinct arrays (a stable sort merges the two runs)."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    both = np.concatenate([a, b])
    both.sort(kind="stable")
    return _distinct(both)


def _drop_columns(data, indices, indptr, keep, rows: int) -> int:
    """Remove the entries of the columns not in ``keep`` and renumber the rest, in place on a
    CSR matrix's arrays (``rows`` rows at a time); the new number of entries."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and every command loads screener.rank

    new_column = (np.cumsum(keep) - 1).astype(np.int32)
    written, a = 0, int(indptr[0])
    for r0 in range(0, len(indptr) - 1, rows):
        r1 = min(r0 + rows, len(indptr) - 1)
        bounds = indptr[r0 + 1:r1 + 1].copy()      # these rows' old ends (rewritten below)
        b = int(bounds[-1])
        kept = keep[indices[a:b]]
        before = np.concatenate([[0], np.cumsum(kept)])
        k = int(before[-1])
        indices[written:written + k] = new_column[indices[a:b][kept]]
        data[written:written + k] = data[a:b][kept]
        indptr[r0 + 1:r1 + 1] = written + before[bounds - a]
        written, a = written + k, b
    return written


def feature_key(component) -> str:
    """Identifies a feature component's output for the same documents: name and configuration."""
    return json.dumps([component.name, component.config()], sort_keys=True)
