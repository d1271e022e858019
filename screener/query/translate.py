"""``translate(text, read, write)``: parse once, compile with the target's generator."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from importlib import import_module
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from screener.errors import UsageError
from screener.output import did_you_mean
from screener.query.codes import Problem
from screener.query.nodes import Strategy
from screener.query.parsing import parse

if TYPE_CHECKING:
    from screener.query.dialects.base import Generator

log = logging.getLogger(__name__)

#: target name → "module:Class" under screener.query.dialects (one module per target)
_REGISTRY = {
    "pubmed": "pubmed:PubMed",
    "ovid-medline": "ovid_medline:OvidMedline",
    "ovid-embase": "ovid_embase:OvidEmbase",
    "ovid-psycinfo": "ovid_psycinfo:OvidPsycInfo",
    "ovid-amed": "ovid_amed:OvidAmed",
    "ebsco-cinahl": "ebsco_cinahl:EbscoCinahl",
    "scopus": "scopus:Scopus",
    "wos": "wos:WebOfScience",
    "embase-com": "embase_com:EmbaseCom",
    "cochrane": "cochrane:Cochrane",
    "proquest": "proquest:ProQuest",
    "ebsco-psycinfo": "ebsco_psycinfo:EbscoPsycInfo",
    "europepmc": "europepmc:EuropePmc",
    "google-scholar": "google_scholar:GoogleScholar",
}
TARGETS: tuple[str, ...] = tuple(_REGISTRY)
_TEXT = itemgetter(0)   # a chunk's text


class Segment(NamedTuple):
    """Characters ``[start, end)`` of ``Translation.query`` came from strategy line ``line``."""

    start: int
    end: int
    line: int


@dataclass
class Translation:
    target: str
    query: str | None
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    line_chunks: list = field(default_factory=list, repr=False)
    strategy: Strategy | None = None

    @property
    def lines(self) -> list[tuple[int, str | None]]:
        """(strategy line number, that line compiled on its own) for every line."""
        return [(n, None if ch is None else "".join(map(_TEXT, ch))) for n, ch in self.line_chunks]

    def to_dict(self) -> dict:
        return {"target": self.target, "query": self.query,
                "warnings": [w.to_dict() for w in self.warnings],
                "errors": [e.to_dict() for e in self.errors]}

    def line_for(self, fragment: str) -> int | None:
        """Strategy line number that produced ``fragment`` (as PubMed quotes it in
        PhraseNotFound / QuotedPhraseNotFound); ``None`` when it is not in the query."""
        if not self.query or not fragment:
            return None
        hay = self.query.lower()
        needle = fragment.strip().strip('"').lower()
        needle = re.sub(r"\[[^\]]*\]$", "", needle).strip().strip('"')
        if not needle:
            return None
        at = hay.find(needle)
        if at < 0:
            return None
        for seg in self.segments:
            if seg.start <= at < seg.end:
                return seg.line
        return None

    def query_for_line(self, number: int) -> str | None:
        for n, ch in self.line_chunks:
            if n == number:
                return None if ch is None else "".join(t for t, _ in ch)
        return None


def generator_class(target: str) -> type[Generator]:
    """The generator class of a target (``UsageError`` naming the targets for an unknown one)."""
    if target not in _REGISTRY:
        raise UsageError(f"unknown target {target!r}; use one of: {', '.join(TARGETS)} "
                         + (did_you_mean(target, TARGETS).lstrip() or "(see `screener query targets`)"))
    module, cls = _REGISTRY[target].split(":")
    return getattr(import_module(f"screener.query.dialects.{module}"), cls)


def translate(text: str, read: str = "ovid", write: str = "pubmed") -> Translation:
    """Compile ``text`` (a strategy in ``read`` syntax) for target ``write``."""
    gen_cls = generator_class(write)
    strategy = parse(text, read)
    return compile_strategy(strategy, gen_cls, write)


def translate_strategy(strategy: Strategy, write: str = "pubmed", reuse: bool = False) -> Translation:
    """Compile an already parsed strategy (parse once, compile for several targets). ``reuse``:
    take lines compiled before from the lines kept across compilations and keep this one's
    (``screener.query.dialects.reuse``; the same translation, for a strategy edited line by line)."""
    return compile_strategy(strategy, generator_class(write), write, reuse)


def compile_strategy(strategy: Strategy, gen_cls, target: str, reuse: bool = False) -> Translation:
    gen = gen_cls(strategy)
    if reuse:
        gen.reuse_lines()
    chunks, per_line = gen.compile()
    # a compiler problem at a place the strategy's reading already reported under the same code (a
    # reference to a line that does not exist) is the same fault again: counted once
    reported = {(p.code, p.line, p.col) for p in strategy.problems}
    problems = strategy.problems + [p for p in gen.problems.sorted() if (p.code, p.line, p.col) not in reported]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if chunks is None:
        query = None
        if not any(p.code == "EMPTY_STRATEGY" for p in errors):      # (the reason already, said once)
            errors.append(Problem("NOTHING_TO_TRANSLATE", f"no {gen.label} query could be produced "
                                  "from this strategy (see the other errors)", None, None, "error"))
        segments: list[Segment] = []
    else:
        texts, segments, pos = [], [], 0
        seg_start, seg_line = 0, None
        for text, line in chunks:
            if not text:
                continue
            if line != seg_line:
                if seg_line is not None:
                    segments.append(Segment(seg_start, pos, seg_line))
                seg_start, seg_line = pos, line
            texts.append(text)
            pos += len(text)
        if seg_line is not None:
            segments.append(Segment(seg_start, pos, seg_line))
        query = "".join(texts)
    log.debug("compiled a %d-line strategy for %s: %d errors, %d warnings", len(strategy.lines), target, len(errors),
              len(warnings))
    return Translation(target=target, query=query, warnings=warnings, errors=errors,
                       segments=segments, line_chunks=per_line, strategy=strategy)
