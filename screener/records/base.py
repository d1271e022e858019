"""What every reader shares: warnings, rejected records, the read result, and field normalisers.

Readers turn text into ``Record`` objects; they never raise on a recoverable oddity, they add a
``ReadWarning`` (file, line, record number, code, message) so that nothing is silently changed.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from screener.errors import RecordParseError
from screener.identifiers import clean_doi, issns, parse_year  # noqa: F401 (the readers import them from here)
from screener.records.model import Record


# a file's dates and its journals' ISSNs repeat from record to record: the line-based readers
# (RIS, MEDLINE) work each distinct value out once per process
@lru_cache(maxsize=16384)
def cached_year(value: str) -> int | None:
    return parse_year(value)


@lru_cache(maxsize=16384)
def cached_issns(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(issns(*values))


@dataclass
class ReadWarning:
    """Something odd in a file that did not stop the import (the record was kept)."""

    file: str
    line: int | None
    record_number: int | None
    code: str          # no_title, missing_er, fused_tags, unknown_tag, repeated_tag, cp1252_fallback, ...
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "record_number": self.record_number,
                "code": self.code, "message": self.message}

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        rec = f" (record {self.record_number})" if self.record_number is not None else ""
        return f"{where}{rec}: {self.code}: {self.message}"


@dataclass
class RejectedRecord:
    """A record that could not be imported (only collected with ``skip_bad``)."""

    file: str
    line: int | None
    record_number: int | None
    message: str
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "record_number": self.record_number,
                "message": self.message, "raw": self.raw}


@dataclass
class ReadResult:
    """The records of one file, with how it was read and what was odd about it."""

    path: str
    records: list[Record]
    format: str
    encoding: str
    warnings: list[ReadWarning] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    search_query: str = ""     # the search the export says produced it (Embase.com CSV), else ""
    # the database(s) the records name themselves, when a database given for the file replaced them
    # ('' when none was given: ``database`` is what they name)
    records_named: str = ""

    @property
    def database(self) -> str:
        names = sorted({r.database for r in self.records})
        return ", ".join(names) if names else "unknown"

    @property
    def named_database(self) -> str:
        """The database(s) the records name themselves, whatever database was given for the file."""
        return self.records_named or self.database

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "database": self.database, "records": len(self.records), "search_query": self.search_query,
                "warnings": [w.to_dict() for w in self.warnings],
                "rejected": [r.to_dict() for r in self.rejected]}


class Collector:
    """Warnings for one file; aggregates per-tag warnings so a 10,000-record file stays readable."""

    def __init__(self, file: str):
        self.file = file
        self.warnings: list[ReadWarning] = []
        self._tag_counts: dict[tuple[str, str], list] = {}
        self.search_query = ""     # set by a reader when the file states the search it came from

    def warn(self, code: str, message: str, line: int | None = None,
             record_number: int | None = None) -> None:
        self.warnings.append(ReadWarning(self.file, line, record_number, code, message))

    def tag_note(self, code: str, tag: str, line: int | None, record_number: int | None) -> None:
        """Count an unknown / repeated tag; one warning per tag is made by ``finish``."""
        entry = self._tag_counts.get((code, tag))
        if entry is None:
            self._tag_counts[(code, tag)] = [line, record_number, 1]
        else:
            entry[2] += 1

    def finish(self) -> list[ReadWarning]:
        for (code, tag), (line, number, count) in self._tag_counts.items():
            what = "unknown tag" if code == "unknown_tag" else "repeated tag"
            times = f"{count} time{'s' if count != 1 else ''}"
            self.warnings.append(ReadWarning(
                self.file, line, number, code,
                f"{what} {tag} kept ({times}; first here)"))
        self._tag_counts.clear()
        self.warnings.sort(key=lambda w: (w.line or 0))
        return self.warnings

    def place(self, record: Record, number: int | None, line: int | None, raw: str,
              title_tags: str = "") -> Record:
        """Where ``record`` came from (this file, its record number, first line, verbatim text);
        warns ``no_title`` when it has none (``title_tags``: the tags a title is read from)."""
        record.record_number, record.line, record.raw, record.file = number, line, raw, self.file
        if not record.title:
            self.warn("no_title", "record has no title" + (f" ({title_tags})" if title_tags else ""),
                      line=line, record_number=number)
        return record

    def fatal(self, message: str, line: int | None = None, record_number: int | None = None,
              remedy: str | None = None, **said: Any):
        """The error that ends reading the file (``said``: the error's ``after`` and ``about``)."""
        where = self.file + (f":{line}" if line is not None else "")
        rec = f" (record {record_number})" if record_number is not None else ""
        return RecordParseError(f"{where}{rec}: {message}", path=self.file, line=line,
                                record_number=record_number, remedy=remedy, **said)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading and storing records allocates millions of short-lived, acyclic objects; the cyclic
    collector would walk them again and again (it doubled reading time on a 10,000-record file and
    took about a third of import time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                # What was made here is kept (records) or already freed: the young generation now
                # holds hundreds of thousands of objects, and the first allocation after enabling
                # would walk them all (a fifth of reading time). Freezing and unfreezing moves
                # them, unwalked, to the oldest generation, which full collections still walk (so
                # nothing escapes collection). Not done when something else froze objects (a
                # pre-forking server): unfreezing would undo that.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# ---- field normalisers shared by all readers ---------------------------------------------

# DOI, year and ISSN rules live in screener.identifiers (shared with dedupe); re-exported here
# for the readers.


def first_value(tags: dict[str, list[str]], *names: str) -> str:
    """The first non-blank value (stripped) of the first of ``names`` that has one, else ''."""
    for name in names:
        for value in tags.get(name, ()):
            if value.strip():
                return value.strip()
    return ""


def all_values(tags: dict[str, list[str]], *names: str) -> list[str]:
    """Every value of ``names``, tag by tag in that order (blank ones too)."""
    return [value for name in names for value in tags.get(name, ())]


def first_doi(tags: dict[str, list[str]], names: Iterable[str], *, doi_tags: Container[str] = (),
              looks_like: Callable[[str], bool]) -> str:
    """The DOI of the first value under ``names`` (tag by tag, in that order) that cleans to one:
    any value of a tag in ``doi_tags`` (the format's DOI fields), a value of the other tags (notes,
    links) only when ``looks_like(value)``. '' when none does."""
    for name in names:
        for value in tags.get(name, ()):
            if name in doi_tags or looks_like(value):
                doi = clean_doi(value)
                if doi:
                    return doi
    return ""


def join_pages(start: str, end: str) -> str:
    start, end = (start or "").strip(), (end or "").strip()
    if start and end and end != start:
        return f"{start}-{end}"
    return start or end


def unique(values) -> list[str]:
    out: list[str] = []
    for v in values:
        v = (v or "").strip()
        if v and v not in out:
            out.append(v)
    return out


def clean_space(text: str) -> str:
    return " ".join((text or "").split())


# JATS formula markup (NISO Z39.96: <inline-formula> holding <tex-math> and/or <mml:math>, in <alternatives>)
# that IEEE Xplore's metadata carries in titles and abstracts, and exports pass on (ACM's BibTeX of IEEE papers
# writes it HTML-escaped and title-cased: '<inline-Formula><tex-Math Notation="LaTeX">$F_0$</Tex-Math>…')
_JATS_MATHML = re.compile(r"<mml:math\b.*?</mml:math>", re.I | re.S)
_JATS_FORMULA_TAG = re.compile(r"</?(?:inline-formula|tex-math|alternatives)\b[^>]*>", re.I)
# the formula's picture, one of the alternatives: an empty element naming a GIF ('<inline-graphic xlink:href=…/>')
_JATS_GRAPHIC = re.compile(r"<inline-graphic\b[^>]*?(?:/>|>\s*</inline-graphic>)", re.I)


def strip_formula_markup(text: str) -> str:
    """A title or abstract without JATS formula tags, their TeX kept ('… <inline-formula><tex-math
    notation="LaTeX">$F_0$</tex-math></inline-formula> …' → '… $F_0$ …'); the MathML and the picture
    beside the TeX (other alternatives of the same formula) are dropped."""
    if "<" not in text or "formula" not in text.lower() and "tex-math" not in text.lower():
        return text
    if re.search(r"<tex-math\b", text, re.I):
        text = _JATS_GRAPHIC.sub("", _JATS_MATHML.sub("", text))
    return _JATS_FORMULA_TAG.sub("", text)


_FLAG_RULES = (
    ("erratum", re.compile(r"\berrat|\bcorrigend|published erratum|\bcorrection\b", re.I)),
    ("retraction", re.compile(r"retraction|retracted", re.I)),
    ("conference", re.compile(r"conference|congress|proceedings|meeting abstract", re.I)),
    ("book", re.compile(r"^(book|chap|chapter|ebook|echap|edbook)\b", re.I)),
    ("preprint", re.compile(r"preprint", re.I)),
)


def flags_for(publication_types: list[str], reference_type: str = "") -> list[str]:
    """Flags derived only from publication types and the reference type (so every format agrees)."""
    return list(_flags_for(tuple(publication_types), reference_type))


@lru_cache(maxsize=4096)     # a file has a handful of distinct type lists; each is worked out once
def _flags_for(publication_types: tuple[str, ...], reference_type: str) -> tuple[str, ...]:
    flags: list[str] = []
    texts = list(publication_types) + ([reference_type] if reference_type else [])
    for name, pattern in _FLAG_RULES:
        if any(pattern.search(t or "") for t in texts):
            flags.append(name)
    if reference_type.upper() in {"CONF", "CPAPER"} and "conference" not in flags:
        flags.append("conference")
    return tuple(flags)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


DATABASE_ALIASES = (
    # (pattern, canonical name) — matched against DB/DP/vendor markers in the records
    (re.compile(r"embase", re.I), "Embase"),
    (re.compile(r"\bpsyc ?info|\bpsyh\b|psycnet", re.I), "PsycINFO"),
    (re.compile(r"\bcinahl\b|\brzh\b|\bccm\b", re.I), "CINAHL"),
    (re.compile(r"\bamed\b|allied and complementary", re.I), "AMED"),
    (re.compile(r"central register|^central$|\bcctr\b|cochrane central", re.I), "Cochrane CENTRAL"),
    (re.compile(r"cochrane database of systematic reviews|\bcdsr\b", re.I),
     "Cochrane Database of Systematic Reviews"),
    (re.compile(r"cochrane", re.I), "Cochrane Library"),
    (re.compile(r"scopus", re.I), "Scopus"),
    (re.compile(r"web of science|web of knowledge|\bwos\b|\bisi\b|clarivate", re.I), "Web of Science"),
    (re.compile(r"^a9h$|academic search complete", re.I), "Academic Search Complete"),
    (re.compile(r"^aph$|academic search", re.I), "Academic Search Premier"),
    # more EBSCOhost codes (its links' db=): GreenFILE, Environment Index, SocINDEX, PsycARTICLES, Business Source
    (re.compile(r"^8gh$|greenfile", re.I), "GreenFILE"),
    (re.compile(r"^egh$|environment index", re.I), "Environment Index"),
    (re.compile(r"^sih$|socindex", re.I), "SocINDEX"),
    (re.compile(r"^pdh$|psycarticles", re.I), "PsycARTICLES"),
    (re.compile(r"^buh$|business source complete", re.I), "Business Source Complete"),
    (re.compile(r"^bth$|business source premier", re.I), "Business Source Premier"),
    (re.compile(r"^(cmedm|mdc|mnh)$", re.I), "MEDLINE"),
    (re.compile(r"^ecn$|econlit", re.I), "EconLit"),
    (re.compile(r"^i3h$|criminal justice abstracts", re.I), "Criminal Justice Abstracts"),
    (re.compile(r"medline|pubmed|\bnlm\b", re.I), "MEDLINE"),
    (re.compile(r"\beric\b", re.I), "ERIC"),
)
# every database name the tool spells one way (each alias's canonical name, once; PubMed searched by the tool)
KNOWN_DATABASES = tuple(dict.fromkeys([canonical for _, canonical in DATABASE_ALIASES] + ["PubMed"]))


# what Ovid's APA PsycInfo writes for the pages of a record without them (tagged PG, CSV, RIS SP/EP), lower-cased
NO_PAGES = "no pagination specified"


@lru_cache(maxsize=4096)     # pure, and called once per record with few distinct values
def canonical_database(value: str) -> str:
    """A database name as the records say it ('Ovid MEDLINE(R) <2022>' → 'MEDLINE'), else the value."""
    # invisible format characters (EBSCOhost writes 'CAB Abstracts' + 7 zero-width spaces + ' with Full Text')
    # would make a name that looks like another and counts apart from it in PRISMA
    value = clean_space("".join(c for c in value if unicodedata.category(c) != "Cf"))
    if not value:
        return ""
    for pattern, name in DATABASE_ALIASES:
        if pattern.search(value):
            if name == "MEDLINE" and re.search(r"pubmed|^nlm$", value, re.I) and not re.search(r"medline", value, re.I):
                return "PubMed"
            return name
    return value
