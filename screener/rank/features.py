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

    return np.float64


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


def feature_key(component) -> str:
    """Identifies a feature component's output for the same documents: name and configuration."""
    import json

    return json.dumps([component.name, component.config()], sort_keys=True)
