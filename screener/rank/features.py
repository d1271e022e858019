"""Feature extractors: documents (title, abstract, keywords, MeSH) → a sparse matrix.

Fitted unsupervised on every document of the review at once (as ASReview does): the vocabulary
and IDF see the whole pool, labels never.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from screener.rank.registry import register


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
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [doc.text(self.fields) for doc in docs]
        params = dict(self.params)
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        vectorizer = TfidfVectorizer(analyzer=self.analyzer, dtype=_float32(), **params)
        try:
            return vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # empty vocabulary: every document blank
            import scipy.sparse as sp

            return sp.csr_matrix((len(texts), 1), dtype=_float32())


def _float32():
    import numpy as np

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
        import scipy.sparse as sp

        return sp.hstack([self.word.fit_transform(docs),
                          self.char_weight * self.char.fit_transform(docs)], format="csr")


class _PrefixTokenizer:
    """Lower-cased word tokens (scikit-learn's default pattern: 2+ word characters), each cut to
    its first ``prefix`` characters."""

    def __init__(self, prefix: int):
        import re

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
        from sklearn.feature_extraction.text import TfidfVectorizer

        params = dict(self.params)
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        vectorizer = TfidfVectorizer(tokenizer=_PrefixTokenizer(self.prefix), token_pattern=None,
                                     lowercase=False, dtype=_float32(), **params)
        try:
            return vectorizer.fit_transform([doc.text(self.fields) for doc in docs]).tocsr()
        except ValueError:  # empty vocabulary: every document blank
            import scipy.sparse as sp

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
        from screener.rank.registry import build

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
        import numpy as np
        from sklearn.preprocessing import normalize

        self.blocks, self.weights = [], []
        for block, w in zip(blocks, weights):
            if not w:
                continue
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
        import scipy.sparse as sp

        return sp.hstack([w * b[rows] for w, b in zip(self.weights, self.blocks)], format="csr")

    def __matmul__(self, vector):
        import numpy as np

        out, start = None, 0
        for w, b in zip(self.weights, self.blocks):
            part = w * (b @ vector[start:start + b.shape[1]])
            out, start = part if out is None else out + part, start + b.shape[1]
        return out if out is not None else np.zeros(self.shape[0], dtype=self.dtype)

    def tocsr(self):
        import scipy.sparse as sp

        return sp.hstack([w * b for w, b in zip(self.weights, self.blocks)], format="csr")


_JOINT_PARAMS = {"ngram_range", "sublinear_tf", "min_df", "max_df"}


def _joint_group(component) -> tuple | None:
    """Word and prefix TF-IDF components that one count pass can serve (same fields, n-grams, TF):
    their group; None for any other component."""
    if type(component) not in (WordTfidf, PrefixTfidf) or not set(component.params) <= _JOINT_PARAMS:
        return None
    return (component.fields, tuple(component.params.get("ngram_range", (1, 1))),
            bool(component.params.get("sublinear_tf", False)))


def fit_transform_together(components, docs: list[Doc]) -> dict[str, object]:
    """Every component's matrix for ``docs``, by ``feature_key``. Word 1–2-gram TF-IDF and its
    prefix variants over the same fields come from one tokenisation: a prefix n-gram's count is the
    sum of the counts of the word n-grams it cuts to, so the word count matrix times a 0/1 map
    from word n-grams to prefix n-grams gives the prefix counts exactly (columns in the same
    sorted order, the same document-frequency pruning and TF-IDF as TfidfVectorizer) — one pass
    of the tokeniser and of the vocabulary sort instead of one per view."""
    out: dict[str, object] = {}
    groups: dict[tuple, list] = {}
    for component in components:
        key = feature_key(component)
        if key in out:
            continue
        group = _joint_group(component)
        if group is None:
            out[key] = component.fit_transform(docs)
        else:
            groups.setdefault(group, []).append(component)
            out[key] = None
    for members in groups.values():
        unique = {feature_key(c): c for c in members}
        if len(unique) == 1:
            component = next(iter(unique.values()))
            out[feature_key(component)] = component.fit_transform(docs)
        else:
            out.update(_word_and_prefixes(list(unique.values()), docs))
    return out


def _word_and_prefixes(components, docs: list[Doc]) -> dict[str, object]:
    import scipy.sparse as sp

    first = components[0]
    n = len(docs)
    ngrams = tuple(first.params.get("ngram_range", (1, 1)))
    counts = count_word_ngrams([doc.text(first.fields) for doc in docs],
                               [getattr(c, "prefix", None) for c in components], ngrams)
    if counts is None:  # empty vocabulary: every document blank
        return {feature_key(c): sp.csr_matrix((n, 1), dtype=_float32()) for c in components}
    return {feature_key(c): _tfidf_from_counts(m, c.params, n) for c, m in zip(components, counts)}


TOKEN = r"(?u)\b\w\w+\b"     # scikit-learn's default token pattern, as the components use


def count_word_ngrams(texts: list[str], prefixes: list[int | None], ngram_range=(1, 2),
                      chunk: int = 8192) -> list | None:
    """Word 1- and 2-gram count matrices of ``texts`` (lower-cased, scikit-learn's default token
    pattern), one per entry of ``prefixes``: None for the words themselves, p for the words cut to
    their first p characters. The same counts, column order and vocabulary as CountVectorizer
    (and as ``PrefixTfidf``'s tokeniser), from one tokenisation and without building a string per
    n-gram: tokens become ids, a bigram is a pair of ids, and the columns are sorted as the n-gram
    strings would be (space sorts before every word character, so "a b" sorts as the pair (a, b),
    after the unigram "a" and before "ab"). Documents are counted ``chunk`` at a time, so peak
    memory is the counts, not the tokens' n-grams. None when no document has a token."""
    import re
    from array import array

    import numpy as np
    import scipy.sparse as sp

    low, high = (int(v) for v in ngram_range)
    if not 1 <= low <= high <= 2:
        raise ValueError("count_word_ngrams counts 1- and 2-grams only")
    pattern = re.compile(TOKEN)
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


def _tfidf_from_counts(counts, params: dict, n: int):
    """TfidfVectorizer's steps after counting, in place on ``counts`` (float32 CSR, sorted
    indices; it is consumed): document-frequency pruning (min_df, max_df), then TF-IDF as
    TfidfTransformer computes it (smooth IDF, sublinear TF as set, rows scaled to unit length) —
    without its copies of the matrix (each 0.2-0.5 GB at 200,000 studies). A zero column when
    nothing is left, as the components give for an empty vocabulary."""
    import numbers

    import numpy as np
    import scipy.sparse as sp

    max_df, min_df = params.get("max_df", 1.0), params.get("min_df", 1)
    high = float(max_df if isinstance(max_df, numbers.Integral) else max_df * n)
    low = float(min_df if isinstance(min_df, numbers.Integral) else min_df * n)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = (df <= high) & (df >= low)
    if high < low or not keep.any():
        return sp.csr_matrix((n, 1), dtype=_float32())
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


def feature_key(component) -> str:
    """Identifies a feature component's output for the same documents: name and configuration."""
    import json

    return json.dumps([component.name, component.config()], sort_keys=True)
