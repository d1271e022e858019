"""The record model every reader fills: normalized fields beside the verbatim source text.

A ``Record`` is one *source record*: one study as one database exported it. Normalized fields are
what dedupe, screening and the query evaluator use; ``raw`` and ``tags`` keep everything the file
said, so nothing is lost and the original can always be shown or re-exported.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MeshHeading:
    """One indexing heading: descriptor, qualifiers (subheadings), and whether it is a major topic."""

    descriptor: str
    qualifiers: tuple[str, ...] = ()
    major: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"descriptor": self.descriptor, "qualifiers": list(self.qualifiers), "major": self.major}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeshHeading:
        return cls(data["descriptor"], tuple(data.get("qualifiers") or ()), bool(data.get("major")))


class RawTags(dict):
    """A record's tags when they are what ``screener.records.raw_tags.tags_of_raw`` reads from its
    ``raw`` text alone (an ordinary RIS record, a MEDLINE record): the workspace stores ``raw`` and
    reads these back from it instead of keeping the same text twice (the tags were half of each
    stored record). Any other tags (a record read line by line, with a note, a trailer, or of
    another format) are a plain dict and stored as they are."""

    __slots__ = ()


@dataclass
class Record:
    """One source record. Empty string / empty list means "the source did not say"."""

    # normalized bibliographic fields
    title: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)        # "Surname, Given" or a collective name
    year: int | None = None
    journal: str = ""
    journal_abbrev: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""                                          # as printed, e.g. "558-69", "E1120–E1125"
    doi: str = ""                                            # bare, lower-case, no URL prefix
    pmid: str = ""
    issn: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)        # author keywords
    mesh: list[MeshHeading] = field(default_factory=list)   # subject headings where the source has them
    language: list[str] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    reference_type: str = ""                                 # RIS TY or the format's own type
    urls: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)           # "erratum", "retraction", "book", ...
    # identity within the file
    record_id: str = ""                                      # the file's own ID (RIS ID, CSV id, AN)
    # provenance
    database: str = "unknown"
    format: str = ""                                         # "ris", "medline", "pubmed_xml", ...
    file: str = ""
    record_number: int | None = None                         # 1-based position in the file
    line: int | None = None                                  # 1-based first physical line
    raw: str = ""                                            # the verbatim text of this record
    tags: dict[str, list[str]] = field(default_factory=dict)  # every tag as read, repeated ones kept
    extra: dict[str, Any] = field(default_factory=dict)      # format-specific structure (abstract sections, ...)

    def to_dict(self) -> dict[str, Any]:
        # A shallow dict: dataclasses.asdict deep-copies every tag list, which dominated import time.
        data = {f.name: getattr(self, f.name) for f in _FIELDS}
        data["mesh"] = [m.to_dict() for m in self.mesh]
        return data

    def to_json(self, include_raw: bool = True) -> str:
        """JSON of every field; the workspace stores ``raw`` in its own column, so it leaves it out."""
        data = self.to_dict()
        if not include_raw:
            del data["raw"]
        # keys not sorted: the tags stay in the order the file has them (an export writes them so)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["mesh"] = [MeshHeading.from_dict(m) for m in values.get("mesh") or []]
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> Record:
        return cls.from_dict(json.loads(text))

    @property
    def first_author(self) -> str:
        return self.authors[0] if self.authors else ""


_FIELDS = dataclasses.fields(Record)
