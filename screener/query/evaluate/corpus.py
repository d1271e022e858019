"""Records prepared for evaluation: each field folded once into one buffer, postings of the words a
strategy needs, word positions for the records a phrase or proximity must check."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from screener.query.evaluate.index import FieldText, pattern_regex
from screener.query.evaluate.record_fields import FIELD_BASE, VALUE_GAP, field_values, values_chunk
from screener.query.evaluate.words import FIELD_TABLE, WORD_TABLE, WordPattern, fold_ascii, tokenize
from screener.records.model import Record

Sets = tuple[frozenset, frozenset]
EMPTY: frozenset = frozenset()


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
            "ti": EMPTY, "kf": EMPTY, "au": EMPTY, "jn": EMPTY, "ui": EMPTY, "yr": EMPTY,
            "ab": EMPTY if self.has_abstracts else self.all,
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
                chunks = [fold_ascii(text) if (text := getattr(r, attribute)) else b""
                          for r in self.records]
            elif base in ("hw", "fs"):      # most records of a RIS export have no headings
                chunks = [values_chunk(values) if r.mesh and (values := field_values(r, base))
                          else b"" for r in self.records]
            else:
                chunks = [values_chunk(values) if (values := field_values(r, base)) else b""
                          for r in self.records]
            got = self._fields[base] = FieldText(chunks, FIELD_TABLE)
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
            at = FIELD_BASE[base]
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
                b" ".join(fold_ascii(text).translate(WORD_TABLE).split()).decode()
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

