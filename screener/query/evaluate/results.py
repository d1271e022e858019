"""What an evaluation answers: each line's hits and undetermined records, the typed warnings, and
how output names a record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from screener.query.nodes import Node, Strategy
from screener.records.model import Record

if TYPE_CHECKING:
    from screener.query.evaluate.evaluator import Evaluator

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
    evaluator: Evaluator = field(repr=False)     # answers ``status`` of any node

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



def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1-3, 5"."""
    groups: list[list[int]] = []
    for n in numbers:
        if groups and groups[-1][1] == n - 1:
            groups[-1][1] = n
        else:
            groups.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in groups)

