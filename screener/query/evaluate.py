"""Run a parsed strategy over records, locally, with Ovid's semantics: the hits of every line.

``evaluate(strategy, records) -> Evaluation``: every line's result as two sets of record indices,
``hits`` (the record matches) and ``undetermined`` (the record cannot answer: it has no MeSH
headings for a heading line, the source exported no abstracts, a limit needs data the record
lacks). Undetermined is never guessed into a hit or a miss; a typed ``EvalWarning`` says why.

Semantics (each a documented decision; the README's "Testing a strategy" repeats them):

* Words: text is folded to lower-case ASCII (diacritics removed) and split at every character
  that is not a letter or a digit, so punctuation and hyphens separate words and are not words:
  ``"back pain"`` matches "back-pain" and "back, pain". A term is split the same way
  (``co-operative`` is the phrase ``co operative``).
* ``ADJACENCY_COUNTS_EVERY_WORD``: every word counts in adjacency (no stopword list); Ovid's own
  stopword handling in ``adjN`` could not be confirmed.
* ``a adjN b``: a and b in the same field, in either order, with at most N−1 words between them;
  ``a adj b`` (no number): b immediately after a. Chains (``a adj3 b adj3 c``) need each
  consecutive pair within the distance. Fields never join: a title word is never adjacent to an
  abstract word, and each keyword or heading is its own run of words.
* Truncation works inside one word: ``*`` (or ``$``) any number of characters, ``$N`` at most
  N, ``#`` exactly one, ``?`` zero or one. ``pain*`` matches pain, pains, painful; not spain.
* Fields: ``ti`` title, ``ab`` abstract, ``kf``/``kw``/``id`` author keywords, ``tw`` = ti+ab,
  ``mp`` = ti+ab+kf+heading words+floating subheadings, ``all``/``af``/``tx`` = those plus
  publication types, authors and journal; PubMed's untagged terms (``atm``) are read as ``mp``
  (``ATM_AS_MP``). A field records do not hold (``rn``, ``ad``, …) is undetermined.
* Headings: a descriptor matches by name (case-insensitive), ``*`` needs a major heading,
  ``/xx`` any of the subheadings. ``exp`` searches the named heading only (no MeSH tree here):
  ``EXPLOSION_NOT_AVAILABLE`` says the count is a lower bound.
* Boolean logic is three-valued (Kleene): ``a NOT b`` is a hit only when b is a definite miss.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from screener.query.index import VALUE_SEP, FieldText, pattern_regex, translation_table
from screener.query.nodes import BoolOp, Filter, Heading, Limit, LineRef, Node, Proximity, Strategy, Term
from screener.records.model import Record

#: Adjacency counts every word: there is no stopword list (a documented constant).
ADJACENCY_COUNTS_EVERY_WORD = True

#: Word positions of different fields are this far apart, so no proximity spans two fields.
FIELD_GAP = 10_000_000
#: Between two values of one field (two keywords, two headings): no proximity across them.
VALUE_GAP = 1_000

#: The record fields the evaluator reads, and the position base of each.
BASE_FIELDS = ("ti", "ab", "kf", "hw", "fs", "pt", "lg", "au", "jn", "ui", "yr")
_BASE = {f: (i + 1) * FIELD_GAP for i, f in enumerate(BASE_FIELDS)}

#: canonical field code (nodes.Term.fields) → base fields searched
FIELD_MAP: dict[str, tuple[str, ...]] = {
    "ti": ("ti",), "ab": ("ab",), "kf": ("kf",), "kw": ("kf",), "id": ("kf",),
    "tw": ("ti", "ab"), "mp": ("ti", "ab", "kf", "hw", "fs"), "atm": ("ti", "ab", "kf", "hw", "fs"),
    "all": ("ti", "ab", "kf", "hw", "fs", "pt", "au", "jn"),
    "af": ("ti", "ab", "kf", "hw", "fs", "pt", "au", "jn"),
    "tx": ("ti", "ab", "kf", "hw", "fs", "pt", "au", "jn"),
    "hw": ("hw",), "sh": ("hw",), "xm": ("hw",), "fs": ("fs",), "pt": ("pt",), "lg": ("lg",),
    "au": ("au",), "jn": ("jn",), "jw": ("jn",), "ta": ("jn",), "so": ("jn",),
    "ui": ("ui",), "pmid": ("ui",), "yr": ("yr",), "dp": ("yr",),
}

#: warning code → what it means (the README's table of evaluator warnings)
WARNING_CODES: dict[str, str] = {
    "NO_HEADINGS": "records without MeSH headings cannot answer heading lines (or the heading "
                   "words in .mp.): undetermined for them",
    "NO_ABSTRACTS": "no record has an abstract (titles only?): abstract searches are undetermined",
    "EXPLOSION_NOT_AVAILABLE": "no MeSH tree here: `exp X/` searches X itself, not its narrower "
                               "headings, so its hits are a lower bound",
    "FIELD_NOT_IN_RECORDS": "a field the records do not hold: undetermined",
    "ATM_AS_MP": "PubMed's untagged terms (automatic term mapping) evaluated as Ovid .mp.",
    "LIMIT_DATA_MISSING": "records without the data a limit needs (language, year, publication "
                          "type, headings): undetermined for them",
    "LIMIT_NOT_EVALUATED": "a limit the records cannot answer at all: undetermined",
    "PROXIMITY_OPERAND": "an operand proximity cannot place (a heading, AND, NOT, a line): the "
                         "proximity is evaluated as AND",
    "OTHER_THESAURUS": "a heading of a thesaurus other than MeSH: undetermined",
    "EMPTY_TERM": "a term with no letters or digits: it matches nothing",
}


@dataclass(frozen=True)
class EvalWarning:
    code: str
    message: str
    line: int | None = None      # strategy line number (statement), when about one line
    count: int | None = None     # how many records it concerns, when it concerns records

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "line": self.line, "count": self.count}


# ---- words ---------------------------------------------------------------------------------------

_MARKUP = re.compile(r"<[^<>]{0,200}>")
_QUERY_TOKEN = re.compile(r"(?:[a-z0-9]|\*|\$\d*|#|\?)+")
_WILD_SPLIT = re.compile(r"(\*|\$\d*|#|\?)")
_SPECIAL_MAP = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "µ": "mu", "π": "pi", "σ": "sigma", "τ": "tau", "ω": "omega",
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l",
    "Ł": "l", "đ": "d", "ı": "i"}


def _fold_error(exc: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler for ``_ascii``: combining marks dropped, Greek letters and ligatures
    spelled out, any other non-ASCII character a space (called once per run of them)."""
    out = []
    for ch in exc.object[exc.start:exc.end]:
        if not unicodedata.combining(ch):
            out.append(_SPECIAL_MAP.get(ch, " "))
    return "".join(out), exc.end


codecs.register_error("screener.fold", _fold_error)


def _ascii(text: str) -> bytes:
    """The text as ASCII bytes, markup removed: diacritics dropped (é → e), Greek letters spelled
    out (β → beta), ligatures split (œ → oe), other scripts and symbols turned into spaces."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    if text.isascii():
        return text.encode()
    return unicodedata.normalize("NFKD", text).encode("ascii", "screener.fold")


#: bytes.translate table: A-Z → a-z, letters and digits kept, everything else a space
_BYTE_TABLE = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else c + 32 if 65 <= c <= 90 else 32
                    for c in range(256))
#: the same, keeping the value and record separators of ``index.FieldText``
_FIELD_TABLE = translation_table(_BYTE_TABLE)


def tokenize(text: str) -> list[str]:
    """The words of a text, as the evaluator sees them (lower case, ASCII, no punctuation)."""
    if not text:
        return []
    return _ascii(text).translate(_BYTE_TABLE).decode().split()


def _strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "screener.fold").decode().lower()


def term_words(text: str) -> list[str]:
    """A term's words, split like record text, wildcards kept (``post-modern*`` → post, modern*)."""
    text = text.lower() if text.isascii() else _strip_accents(text)
    return _QUERY_TOKEN.findall(text)


@dataclass(frozen=True)
class WordPattern:
    """One word of a term: exact, a prefix (trailing ``*``), or a regular expression."""

    text: str
    kind: str        # "exact", "prefix", "regex"
    stem: str        # the literal characters before the first wildcard
    regex: re.Pattern | None = None

    @classmethod
    def of(cls, word: str) -> WordPattern:
        pieces = [p for p in _WILD_SPLIT.split(word) if p]
        wild = [p for p in pieces if _WILD_SPLIT.fullmatch(p)]
        if not wild:
            return cls(word, "exact", word)
        stem = "" if _WILD_SPLIT.fullmatch(pieces[0]) else pieces[0]
        if len(wild) == 1 and pieces[-1] in ("*", "$") and len(pieces) == 2 - (stem == ""):
            return cls(word, "prefix", stem)
        out = []
        for p in pieces:
            if p in ("*", "$"):
                out.append("[a-z0-9]*")
            elif p.startswith("$"):
                out.append(f"[a-z0-9]{{0,{int(p[1:])}}}")
            elif p == "#":
                out.append("[a-z0-9]")
            elif p == "?":
                out.append("[a-z0-9]?")
            else:
                out.append(re.escape(p))
        return cls(word, "regex", stem, re.compile("".join(out)))

    @property
    def source(self) -> str:
        """The pattern as regular-expression source over one word of [a-z0-9]."""
        if self.kind == "exact":
            return re.escape(self.text)
        if self.kind == "prefix":
            return re.escape(self.stem) + "[a-z0-9]*"
        return self.regex.pattern

    def matches(self, token: str) -> bool:
        if self.kind == "exact":
            return token == self.text
        if self.kind == "prefix":
            return token.startswith(self.stem)
        return token.startswith(self.stem) and self.regex.fullmatch(token) is not None


_DATE_RANGE = re.compile(r"^(\d{4})(?:/\d{1,2}){0,2}:(\d{4})(?:/\d{1,2}){0,2}$")


def effective_text(node: Term) -> str:
    """The text a term searches: Ovid's two-letter floating subheading codes (``di.fs.``) read
    as the subheading's name (diagnosis)."""
    if node.fields == ("fs",):
        from screener.query.fields import SUBHEADINGS
        return SUBHEADINGS.get(node.text.lower(), node.text)
    return node.text


def year_range(node: Term) -> tuple[int, int] | None:
    """A PubMed date range on the publication date (``2007:3000[dp]``) as (first, last) years."""
    if set(node.fields) <= {"dp", "yr"}:
        m = _DATE_RANGE.match(node.text.strip())
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


# ---- record fields -------------------------------------------------------------------------------

_LANGUAGES = {
    "eng": "english", "en": "english", "fre": "french", "fra": "french", "fr": "french",
    "ger": "german", "deu": "german", "de": "german", "spa": "spanish", "es": "spanish",
    "ita": "italian", "it": "italian", "por": "portuguese", "pt": "portuguese", "dut": "dutch",
    "nld": "dutch", "nl": "dutch", "jpn": "japanese", "ja": "japanese", "chi": "chinese",
    "zho": "chinese", "zh": "chinese", "rus": "russian", "ru": "russian", "pol": "polish",
    "swe": "swedish", "dan": "danish", "nor": "norwegian", "fin": "finnish", "kor": "korean",
    "tur": "turkish", "heb": "hebrew", "gre": "greek", "ell": "greek", "hun": "hungarian",
    "cze": "czech", "ces": "czech", "per": "persian", "fas": "persian", "ara": "arabic",
}


def record_languages(record: Record) -> set[str]:
    out = set()
    for lang in record.language:
        low = lang.strip().lower()
        out.add(_LANGUAGES.get(low, low))
    return out


def field_values(record: Record, base: str) -> list[str]:
    """The texts of one base field of a record (one per value)."""
    if base == "ti":
        return [record.title] if record.title else []
    if base == "ab":
        return [record.abstract] if record.abstract else []
    if base == "kf":
        return record.keywords
    if base == "hw":
        return [m.descriptor for m in record.mesh]
    if base == "fs":
        return [q for m in record.mesh for q in m.qualifiers]
    if base == "pt":
        return record.publication_types
    if base == "lg":
        return sorted(record_languages(record))
    if base == "au":
        return record.authors
    if base == "jn":
        return [j for j in (record.journal, record.journal_abbrev) if j]
    if base == "ui":
        return [record.pmid] if record.pmid else []
    if base == "yr":
        return [str(record.year)] if record.year else []
    raise KeyError(base)


def _values_chunk(values: list[str]) -> bytes:
    """A record's values folded to ASCII, joined by ``index.VALUE_SEP`` (each value folded on its
    own; plain ASCII values, the common case, in one step)."""
    values = [v for v in values if v]
    if len(values) == 1:
        return _ascii(values[0])
    joined = "\0".join(values)
    if (joined.isascii() and "&" not in joined and "<" not in joined
            and joined.count("\0") == len(values) - 1):
        return joined.encode().replace(b"\0", VALUE_SEP)
    return VALUE_SEP.join([_ascii(v) for v in values])


# ---- results -------------------------------------------------------------------------------------

HIT, UNDETERMINED, MISS = "hit", "undetermined", "miss"


@dataclass
class LineResult:
    number: int
    text: str
    hits: frozenset[int]
    undetermined: frozenset[int]

    def status(self, index: int) -> str:
        return HIT if index in self.hits else UNDETERMINED if index in self.undetermined else MISS

    def to_dict(self) -> dict:
        return {"line": self.number, "text": self.text, "hits": len(self.hits),
                "undetermined": len(self.undetermined)}


@dataclass
class Evaluation:
    """The result of a strategy over records: per line, and the warnings."""

    strategy: Strategy
    records: Sequence[Record]
    lines: list[LineResult]
    warnings: list[EvalWarning]
    evaluator: Evaluator = field(repr=False, default=None)

    @property
    def final(self) -> LineResult:
        return self.lines[-1]

    def line(self, number: int) -> LineResult:
        for res in self.lines:
            if res.number == number:
                return res
        raise KeyError(number)

    def status(self, node: Node, index: int) -> str:
        """Hit / undetermined / miss of any node of the strategy for record ``index``."""
        t, u = self.evaluator.eval(node)
        return HIT if index in t else UNDETERMINED if index in u else MISS

    def to_dict(self, with_records: bool = True) -> dict:
        data = {"records": len(self.records), "lines": [r.to_dict() for r in self.lines],
                "warnings": [w.to_dict() for w in self.warnings]}
        if with_records and self.lines:
            data["final_line"] = self.final.number
            data["matching"] = [record_summary(self.records[i], i) for i in sorted(self.final.hits)]
            data["undetermined"] = [record_summary(self.records[i], i)
                                    for i in sorted(self.final.undetermined)]
        return data


def identifier_label(record: Record) -> str:
    """A record named by its PMID, DOI or the file's own ID (the first it has), else ''."""
    if record.pmid:
        return f"PMID {record.pmid}"
    if record.doi:
        return f"doi:{record.doi}"
    if record.record_id:
        return f"id {record.record_id}"
    return ""


def record_label(record: Record, index: int) -> str:
    """How a record is named in output: PMID, DOI, the file's own ID, or file#number."""
    if record.extra.get("source_record_id") is not None:
        study = record.extra.get("study_id")
        where = f"study {study} (source record {record.extra['source_record_id']})" if study is not None else ""
        return where or f"source record {record.extra['source_record_id']}"
    if label := identifier_label(record):
        return label
    if record.file and record.record_number:
        return f"{record.file}#{record.record_number}"
    return f"record {index + 1}"


def record_summary(record: Record, index: int) -> dict:
    summary = {"index": index, "label": record_label(record, index), "pmid": record.pmid,
               "doi": record.doi, "title": record.title, "year": record.year}
    if record.extra.get("study_id") is not None:       # a review's record: the study to screen
        summary["study"] = record.extra["study_id"]
    return summary


# ---- the evaluator -------------------------------------------------------------------------------

Sets = tuple[frozenset, frozenset]
_EMPTY: frozenset = frozenset()


class Corpus:
    """Records prepared for evaluation: per base field, the field's folded text (one buffer for
    all records, built once) and postings of the words some pattern needs; word positions
    computed lazily for the records a phrase or proximity must check."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = records
        self.n = len(records)
        self.all = frozenset(range(self.n))
        self._postings: dict[str, dict[str, set[int]]] = {}
        self._relevant: dict[str, set[str]] = {}
        self._scanned: dict[str, set[WordPattern]] = defaultdict(set)
        self._matches: dict[tuple[str, WordPattern], frozenset] = {}
        self._tokens: dict[tuple[str, WordPattern], frozenset] = {}
        self._positions: dict[tuple[int, str], dict[str, list[int]]] = {}
        self._texts: dict[tuple[int, str], str] = {}
        self._fields: dict[str, FieldText] = {}
        self._bytes_regex: dict[re.Pattern, re.Pattern] = {}
        no_mesh = frozenset(i for i, r in enumerate(records) if not r.mesh)
        self.has_abstracts = any(r.abstract for r in records)
        self.unavailable: dict[str, frozenset] = {
            "ti": _EMPTY, "kf": _EMPTY, "au": _EMPTY, "jn": _EMPTY, "ui": _EMPTY, "yr": _EMPTY,
            "ab": _EMPTY if self.has_abstracts else self.all,
            "hw": no_mesh, "fs": no_mesh,
            "pt": frozenset(i for i, r in enumerate(records) if not r.publication_types),
            "lg": frozenset(i for i, r in enumerate(records) if not r.language),
        }
        self.no_mesh = no_mesh
        self._mesh_index: dict[str, list[int]] | None = None

    def field_text(self, base: str) -> FieldText:
        """One base field of every record, folded once into one buffer (built on first use)."""
        got = self._fields.get(base)
        if got is None:
            if base in ("ti", "ab"):
                attribute = "title" if base == "ti" else "abstract"
                chunks = [_ascii(text) if (text := getattr(r, attribute)) else b""
                          for r in self.records]
            elif base in ("hw", "fs"):      # most records of a RIS export have no headings
                chunks = [_values_chunk(values) if r.mesh and (values := field_values(r, base))
                          else b"" for r in self.records]
            else:
                chunks = [_values_chunk(values) if (values := field_values(r, base)) else b""
                          for r in self.records]
            got = self._fields[base] = FieldText(chunks, _FIELD_TABLE)
        return got

    def prepare(self, base: str, patterns: Iterable[WordPattern]) -> None:
        """Index the words of the field that any of ``patterns`` matches: one regular-expression
        scan of the field's text for the patterns not indexed before."""
        patterns = set(patterns) - self._scanned[base]
        if not patterns:
            return
        self._scanned[base] |= patterns
        rx = pattern_regex(patterns)
        found = self.field_text(base).scan(rx) if rx is not None else {}
        postings = self._postings.setdefault(base, {})
        relevant = self._relevant.setdefault(base, set())
        for word, records in found.items():
            token = word.decode()
            if token not in postings:       # a word's postings do not depend on the pattern
                postings[token] = records
                relevant.add(token)
        for cache in (self._matches, self._tokens):
            for key in [k for k in cache if k[0] == base]:
                del cache[key]

    def matching_tokens(self, base: str, pattern: WordPattern) -> frozenset:
        """The words of the field (over all records) that ``pattern`` matches."""
        key = (base, pattern)
        got = self._tokens.get(key)
        if got is None:
            if pattern.kind == "exact":
                got = frozenset({pattern.text}) & self._relevant.get(base, set())
            else:
                got = frozenset(t for t in self._relevant.get(base, ()) if pattern.matches(t))
            self._tokens[key] = got
        return got

    def word_records(self, base: str, pattern: WordPattern) -> frozenset:
        key = (base, pattern)
        got = self._matches.get(key)
        if got is None:
            postings = self._postings.get(base, {})
            out: set[int] = set()
            for token in self.matching_tokens(base, pattern):
                out |= postings[token]
            got = self._matches[key] = frozenset(out)
        return got

    def positions(self, index: int, base: str) -> dict[str, list[int]]:
        """token → global positions of the token in one base field of one record."""
        key = (index, base)
        got = self._positions.get(key)
        if got is None:
            got = defaultdict(list)
            at = _BASE[base]
            for text in field_values(self.records[index], base):
                tokens = tokenize(text)
                for pos, token in enumerate(tokens):
                    got[token].append(at + pos)
                at += len(tokens) + VALUE_GAP
            got = self._positions[key] = dict(got)
        return got

    def words_text(self, index: int, base: str) -> str:
        """The field's words joined by single spaces, values separated by `` | `` (so a
        phrase or proximity regex can never run from one keyword or heading into the next),
        with a space before and after."""
        key = (index, base)
        got = self._texts.get(key)
        if got is None and base in self._fields:
            got = self._texts[key] = self._fields[base].words_text(index)
        if got is None:
            got = self._texts[key] = " " + " | ".join(
                b" ".join(_ascii(text).translate(_BYTE_TABLE).split()).decode()
                for text in field_values(self.records[index], base) if text) + " "
        return got

    def search(self, rx: re.Pattern, index: int, base: str) -> bool:
        """Does ``rx`` (``Evaluator._regex``) occur in one base field of record ``index``? Run on
        the field's buffer when it was built, else on ``words_text``."""
        field_text = self._fields.get(base)
        if field_text is None:
            return rx.search(self.words_text(index, base)) is not None
        brx = self._bytes_regex.get(rx)
        if brx is None:
            brx = self._bytes_regex[rx] = re.compile(rx.pattern.encode())
        return field_text.search(brx, index)

    def word_positions(self, index: int, base: str, pattern: WordPattern) -> list[int]:
        here = self.positions(index, base)
        out: list[int] = []
        for token in self.matching_tokens(base, pattern) & here.keys():
            out.extend(here[token])
        return out

    def mesh_index(self) -> dict[str, list[int]]:
        if self._mesh_index is None:
            index: dict[str, list[int]] = defaultdict(list)
            for i, record in enumerate(self.records):
                if record.mesh:
                    for name in {m.descriptor.lower() for m in record.mesh}:
                        index[name].append(i)
            self._mesh_index = dict(index)
        return self._mesh_index


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1-3, 5"."""
    groups: list[list[int]] = []
    for n in numbers:
        if groups and groups[-1][1] == n - 1:
            groups[-1][1] = n
        else:
            groups.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in groups)


def _near(a: tuple[int, int], b: tuple[int, int], distance: int, ordered: bool) -> bool:
    """Span b follows span a with at most distance−1 words between (or either order)."""
    if b[0] > a[1] and b[0] - a[1] <= distance:
        return True
    return not ordered and a[0] > b[1] and a[0] - b[1] <= distance


class Evaluator:
    """Evaluates nodes of one strategy over one corpus, memoising every node's (hits,
    undetermined) pair (so per-record questions about any node are cheap afterwards)."""

    def __init__(self, strategy: Strategy, corpus: Corpus) -> None:
        self.strategy = strategy
        self.corpus = corpus
        self.memo: dict[int, Sets] = {}
        self.line_results: dict[int, Sets] = {}
        self._warnings: dict[tuple, EvalWarning] = {}
        self._current_line: int | None = None
        self._line_of_node: dict[int, int] = {}

    # -- warnings
    def warn(self, code: str, message: str, line: int | None = None, count: int | None = None,
             key: object = None) -> None:
        k = (code, line if key is None else key)
        if k not in self._warnings:
            self._warnings[k] = EvalWarning(code, message, line, count)

    @property
    def warnings(self) -> list[EvalWarning]:
        """The warnings, one per kind and place; exploded headings merged into one warning."""
        out, exploded = [], []
        for w in self._warnings.values():
            if w.code == "EXPLOSION_NOT_AVAILABLE":
                exploded.append(w)
            else:
                out.append(w)
        if len(exploded) == 1:
            out.append(exploded[0])
        elif exploded:
            lines = sorted({w.line for w in exploded if w.line is not None})
            out.append(EvalWarning(
                "EXPLOSION_NOT_AVAILABLE", f"{len(exploded)} exploded headings (lines "
                f"{_ranges(lines)}) are searched without their narrower headings: no MeSH tree "
                "here, so their hits are a lower bound"))
        return out

    # -- preparation: index every word the strategy needs, one pass per field
    def prepare(self) -> None:
        wanted: dict[str, set[WordPattern]] = defaultdict(set)
        for ln in self.strategy.lines:
            if ln.node is None:
                continue
            for node in ln.node.walk():
                if isinstance(node, Term):
                    bases, _ = self._bases(node.fields)
                    for w in term_words(effective_text(node)):
                        for b in bases:
                            wanted[b].add(WordPattern.of(w))
        for base, patterns in wanted.items():
            self.corpus.prepare(base, patterns)

    def _bases(self, fields: tuple[str, ...]) -> tuple[list[str], list[str]]:
        bases: list[str] = []
        unknown: list[str] = []
        for f in fields:
            mapped = FIELD_MAP.get(f)
            if mapped is None:
                unknown.append(f)
                continue
            for b in mapped:
                if b not in bases:
                    bases.append(b)
        return bases, unknown

    # -- lines
    def run(self) -> list[LineResult]:
        out = []
        for ln in self.strategy.lines:
            if ln.node is None:
                continue
            self._current_line = ln.number
            t, u = self.eval(ln.node)
            self.line_results[ln.number] = (t, u)
            out.append(LineResult(ln.number, ln.text, t, u))
        self._current_line = None
        return out

    def eval(self, node: Node) -> Sets:
        key = id(node)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self._eval(node)
        return got

    def _eval(self, node: Node) -> Sets:
        if isinstance(node, LineRef):
            if node.number in self.line_results:
                return self.line_results[node.number]
            target = self.strategy.line(node.number)
            if target is None or target.node is None:
                return _EMPTY, _EMPTY
            return self.eval(target.node)
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, Heading):
            return self._heading(node)
        if isinstance(node, BoolOp):
            parts = [self.eval(o) for o in node.operands]
            if node.op == "or":
                t = frozenset().union(*(p[0] for p in parts))
                u = frozenset().union(*(p[1] for p in parts)) - t
                return t, u
            if node.op == "and":
                t = frozenset.intersection(*(p[0] for p in parts))
                maybe = frozenset.intersection(*(p[0] | p[1] for p in parts))
                return t, maybe - t
            if node.op == "not":
                (ta, ua), (tb, ub) = parts[0], parts[1]
                t = ta - tb - ub
                return t, (ta | ua) - tb - t
            raise ValueError(f"unknown operator {node.op}")
        if isinstance(node, Proximity):
            return self._proximity(node)
        if isinstance(node, Limit):
            t, u = self.eval(node.operand) if node.operand is not None else (_EMPTY, _EMPTY)
            for flt in node.filters:
                passed, unknown = self._filter(flt)
                new_t = t & passed
                u = (t | u) & (passed | unknown) - new_t
                t = new_t
            return t, u
        return _EMPTY, _EMPTY

    # -- terms
    def _term(self, node: Term) -> Sets:
        c = self.corpus
        years = year_range(node)
        if years is not None:
            lacking = frozenset(i for i, r in enumerate(c.records) if not r.year)
            return frozenset(i for i, r in enumerate(c.records)
                             if r.year and years[0] <= r.year <= years[1]), lacking
        words = [WordPattern.of(w) for w in term_words(effective_text(node))]
        bases, unknown = self._bases(node.fields)
        self._field_warnings(node, bases, unknown)
        if not words:
            self.warn("EMPTY_TERM", f"{node.text!r} has no letters or digits: it matches nothing",
                      self._current_line, key=("EMPTY_TERM", node.line, node.col))
            return _EMPTY, _EMPTY
        hits: set[int] = set()
        for b in bases:
            if len(words) == 1:
                hits |= c.word_records(b, words[0])
                continue
            candidates = frozenset.intersection(*(c.word_records(b, w) for w in words))
            rx = self._regex(node)
            for i in candidates - hits:
                if c.search(rx, i, b):
                    hits.add(i)
        t = frozenset(hits)
        return t, self._unavailable(bases, unknown) - t

    def _field_warnings(self, node: Term, bases: list[str], unknown: list[str]) -> None:
        c = self.corpus
        line = self._current_line
        for f in unknown:
            self.warn("FIELD_NOT_IN_RECORDS", f"field .{f}. is not held in the records: "
                      f"terms searched in it are undetermined", line, c.n, key=("FIELD", f))
        if "atm" in node.fields:
            self.warn("ATM_AS_MP", "untagged PubMed terms (automatic term mapping) evaluated as "
                      "Ovid .mp. (title, abstract, keywords, heading words)", None, key="ATM")
        if ("hw" in bases or "fs" in bases) and c.no_mesh:
            self.warn("NO_HEADINGS", f"{len(c.no_mesh)} of {c.n} records have no MeSH headings: "
                      "heading lines and the heading words of .mp. cannot be answered for them "
                      "(undetermined)", None, len(c.no_mesh), key="NO_HEADINGS")
        if "ab" in bases and not c.has_abstracts and c.n:
            self.warn("NO_ABSTRACTS", f"none of the {c.n} records has an abstract (titles only?): "
                      "abstract searches are undetermined", None, c.n, key="NO_ABSTRACTS")

    def _unavailable(self, bases: list[str], unknown: list[str]) -> frozenset:
        """Records that cannot answer a search in these fields (cached per field set)."""
        if unknown:
            return self.corpus.all
        key = ("unavailable", tuple(bases))
        got = self.memo.get(key)
        if got is None:
            got = frozenset().union(*(self.corpus.unavailable[b] for b in bases))
            self.memo[key] = got
        return got

    def _phrase_spans(self, i: int, base: str, words: list[WordPattern],
                      first_only: bool = False) -> list[tuple[int, int]]:
        c = self.corpus
        starts = c.word_positions(i, base, words[0])
        if len(words) == 1:
            return [(p, p) for p in starts]
        later = [set(c.word_positions(i, base, w)) for w in words[1:]]
        out = []
        for p in sorted(starts):
            if all(p + k + 1 in later[k] for k in range(len(later))):
                out.append((p, p + len(words) - 1))
                if first_only:
                    break
        return out

    # -- proximity
    def _positional(self, node: Node) -> bool:
        if isinstance(node, Term):
            return True
        if isinstance(node, BoolOp) and node.op == "or":
            return all(self._positional(o) for o in node.operands)
        if isinstance(node, Proximity):
            return all(self._positional(o) for o in node.operands)
        return False

    def _regex(self, node: Node) -> re.Pattern | None:
        """A regular expression over ``Corpus.words_text`` (or the field's buffer: words are
        separated by runs of spaces, `` | `` between values) equivalent to a positional node
        (phrases, OR-groups of them, two-operand proximity of those), or None."""
        key = ("re", id(node))
        if key in self.memo:
            return self.memo[key]
        src = self._regex_source(node)
        # words_text starts and ends with a space: a leading literal space lets the regex engine
        # skip to word starts instead of trying the alternation at every character
        got = re.compile(" (?:" + src + ")(?= )") if src else None
        self.memo[key] = got
        return got

    def _regex_source(self, node: Node) -> str | None:
        if isinstance(node, Term):
            words = term_words(effective_text(node))
            return " +".join(WordPattern.of(w).source for w in words) if words else None
        if isinstance(node, BoolOp) and node.op == "or":
            parts = [self._regex_source(o) for o in node.operands]
            return None if None in parts else "|".join(f"(?:{p})" for p in parts)
        if isinstance(node, Proximity) and len(node.operands) == 2:
            if any(not isinstance(o, (Term, BoolOp)) for o in node.operands):
                return None
            a, b = (self._regex_source(o) for o in node.operands)
            if a is None or b is None:
                return None
            gap = f"(?: +[a-z0-9]+){{0,{node.distance - 1}}} +"
            forward = f"(?:{a}){gap}(?:{b})"
            return forward if node.ordered else f"{forward}|(?:{b}){gap}(?:{a})"
        return None

    def _same_fields(self, node: Node) -> list[str] | None:
        """The base fields of a positional node when all its terms search the same ones."""
        key = ("fields", id(node))
        if key not in self.memo:
            fields = {n.fields for n in node.walk() if isinstance(n, Term)}
            bases, unknown = self._bases(next(iter(fields))) if len(fields) == 1 else ([], ["?"])
            self.memo[key] = None if unknown else bases
        return self.memo[key]

    def _found(self, node: Node, i: int) -> bool:
        """Does positional ``node`` occur in record i (fast path by regex, else by spans)?"""
        rx = self._regex(node)
        bases = self._same_fields(node) if rx is not None else None
        if bases is not None:
            return any(self.corpus.search(rx, i, b) for b in bases)
        return bool(self.spans(node, i, first_only=True))

    def _proximity(self, node: Proximity) -> Sets:
        parts = [self.eval(o) for o in node.operands]
        maybe = frozenset.intersection(*(p[0] | p[1] for p in parts))
        if not all(self._positional(o) for o in node.operands):
            self.warn("PROXIMITY_OPERAND", "an operand of this proximity is not words (a heading, "
                      "AND, NOT or a line number): evaluated as AND", self._current_line,
                      key=("PROX", node.line, node.col))
            t = frozenset.intersection(*(p[0] for p in parts))
            return t, maybe - t
        candidates = frozenset.intersection(*(p[0] for p in parts))
        t = frozenset(i for i in candidates if self._found(node, i))
        # all words present but not near: a miss, unless a field the words may also be in is
        # missing from the record (heading words of .mp. on a record without headings)
        lacking = frozenset().union(*{self._unavailable(*self._bases(term.fields))
                                      for term in node.walk() if isinstance(term, Term)})
        return t, (maybe - candidates) | ((candidates - t) & lacking)

    def spans(self, node: Node, i: int, first_only: bool = False) -> list[tuple[int, int]]:
        """Where a positional node occurs in record ``i``: (first, last) global word positions."""
        if isinstance(node, Term):
            words = [WordPattern.of(w) for w in term_words(effective_text(node))]
            if not words:
                return []
            bases, _ = self._bases(node.fields)
            out = []
            for b in bases:
                out.extend(self._phrase_spans(i, b, words))
            return out
        if isinstance(node, BoolOp):
            out = []
            for o in node.operands:
                out.extend(self.spans(o, i))
            return out
        if isinstance(node, Proximity):
            # each combination: (span covering all so far, span of the last operand)
            combos = [(s, s) for s in self.spans(node.operands[0], i)]
            for operand in node.operands[1:]:
                nxt = self.spans(operand, i)
                combos = [((min(whole[0], b[0]), max(whole[1], b[1])), b)
                          for whole, last in combos for b in nxt
                          if _near(last, b, node.distance, node.ordered)]
                if not combos:
                    return []
            whole = sorted({w for w, _ in combos})
            return whole[:1] if first_only else whole
        return []

    # -- headings
    def _heading(self, node: Heading) -> Sets:
        c = self.corpus
        line = self._current_line
        if node.thesaurus != "mesh":
            self.warn("OTHER_THESAURUS", f"{node.name}: a {node.thesaurus} heading cannot be "
                      "matched against MeSH headings: undetermined", line, key=("THES", node.name))
            return _EMPTY, c.all
        if c.no_mesh:
            self.warn("NO_HEADINGS", f"{len(c.no_mesh)} of {c.n} records have no MeSH headings: "
                      "heading lines and the heading words of .mp. cannot be answered for them "
                      "(undetermined)", None, len(c.no_mesh), key="NO_HEADINGS")
        if node.explode:
            self.warn("EXPLOSION_NOT_AVAILABLE", f"{node.name} (exploded): no MeSH tree here, so only "
                      f"{node.name} itself is searched, not its narrower headings (hits are a "
                      "lower bound)", line, key=("EXP", node.name.lower()))
        name = node.name.lower()
        subs = {s.lower() for s in node.subheadings}
        hits = set()
        for i in c.mesh_index().get(name, ()):
            for m in c.records[i].mesh:
                if m.descriptor.lower() != name:
                    continue
                if node.major and not m.major:
                    continue
                if subs and not subs & {q.lower() for q in m.qualifiers}:
                    continue
                hits.add(i)
                break
        t = frozenset(hits)
        return t, c.no_mesh - t

    # -- limits
    def _filter(self, flt: Filter) -> Sets:
        c = self.corpus
        recs = c.records
        line = self._current_line
        kind = flt.kind

        def missing(what: str, lacking: frozenset) -> None:
            if lacking:
                self.warn("LIMIT_DATA_MISSING", f"limit to {flt.text}: {len(lacking)} of {c.n} "
                          f"records have no {what}: undetermined for them", line, len(lacking),
                          key=("LIMIT", line, flt.text))

        if kind == "language":
            lacking = c.unavailable["lg"]
            missing("language", lacking)
            wanted = {str(v).lower() for v in (flt.value if isinstance(flt.value, tuple)
                                               else (flt.value,))}
            return frozenset(i for i, r in enumerate(recs)
                             if wanted & set(record_languages(r))), lacking
        if kind in ("humans", "animals"):
            missing("MeSH headings", c.no_mesh)
            name = "humans" if kind == "humans" else "animals"
            return frozenset(c.mesh_index().get(name, ())), c.no_mesh
        if kind == "year":
            first, last = flt.value
            lacking = frozenset(i for i, r in enumerate(recs) if not r.year)
            missing("year", lacking)
            return frozenset(i for i, r in enumerate(recs) if r.year and r.year >= first
                             and (last is None or r.year <= last)), lacking
        if kind == "publication_type":
            lacking = c.unavailable["pt"]
            missing("publication type", lacking)
            value = str(flt.value).lower()
            return frozenset(i for i, r in enumerate(recs)
                             if value in {p.lower() for p in r.publication_types}), lacking
        self.warn("LIMIT_NOT_EVALUATED", f"limit to {flt.text}: records do not hold what this "
                  "limit needs (entry dates, or a limit screener does not know): undetermined",
                  line, c.n, key=("LIMIT", line, flt.text))
        return _EMPTY, c.all


def evaluate(strategy: Strategy | str, records: Sequence[Record], read: str = "ovid",
             corpus: Corpus | None = None) -> Evaluation:
    """Evaluate every line of ``strategy`` (a parsed ``Strategy``, or its text in ``read``
    syntax) over ``records``. A strategy with errors raises ``StrategyParseError`` (nothing is
    evaluated). ``corpus`` lets several strategies share one prepared set of records."""
    from screener.query import parse, raise_for_errors
    strategy = raise_for_errors(parse(strategy, read) if isinstance(strategy, str) else strategy)
    corpus = corpus if corpus is not None else Corpus(records)
    evaluator = Evaluator(strategy, corpus)
    evaluator.prepare()
    lines = evaluator.run()
    return Evaluation(strategy, corpus.records, lines, evaluator.warnings, evaluator)


def load_records(files: Sequence[str] = (), review: str | None = None) -> tuple[list[Record], str]:
    """Records to evaluate over: export files (any format the importer reads) or a review
    workspace's source records; returns them and a description for output."""
    from pathlib import Path

    from screener.errors import UsageError
    if bool(files) == bool(review):
        raise UsageError("give the records to search: --records FILE (any export) or "
                         "--review DIR (a workspace's source records), one of the two")
    if review:
        from screener.workspace import Workspace
        with Workspace.open(review) as ws:
            rows = ws.db.execute("SELECT s.id, s.record, c.study_id FROM source_records s LEFT JOIN "
                                 "current_links c ON c.source_record_id = s.id ORDER BY s.id").fetchall()
        records = []
        for row in rows:
            record = Record.from_json(row["record"])
            record.extra = dict(record.extra, source_record_id=row["id"], study_id=row["study_id"])
            records.append(record)
        if not records:
            raise UsageError(f"{review}: the workspace has no source records yet "
                             "(`screener import` or `screener search pubmed` first)")
        return records, f"{len(records)} source records of the review {review}"
    from screener.records import read_file
    records = []
    for f in files:
        if Path(f).is_dir():
            raise UsageError(f"records file {f} is a directory: give the export files themselves "
                             f"(e.g. {f}/*.ris)")
        if not Path(f).is_file():
            raise UsageError(f"records file {f} not found")
        result = read_file(f)
        if not result.records and len(files) == 1:
            raise UsageError(f"{f}: no records in it (the file is empty); nothing to search")
        records.extend(result.records)
    if not records:
        raise UsageError(f"no records in {', '.join(str(f) for f in files)} (the files are empty); "
                         "nothing to search")
    return records, f"{len(records)} records from {', '.join(str(f) for f in files)}"
