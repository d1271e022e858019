"""The words of one field of many records, indexed for a strategy's word patterns.

A field's text is folded once into one buffer (``FieldText``): every record's values, folded to
ASCII by the evaluator, joined and passed through one ``bytes.translate`` (lower case, every
character that is not a letter or digit a space). Values of a record are separated by `` | ``
and records by `` \\n `` (bytes the folded text can never hold: it is ASCII, and the separators
are written as bytes above 127 and translated last), so a word never runs from one value or
record into the next.

The words some patterns need are found by one regular-expression scan of the buffer
(``pattern_regex``: the exact words and truncations of all patterns as one prefix tree, the
wildcard patterns as alternatives), bounded by each record's start and end offsets. No
per-record word lists are built: the regular-expression engine walks the
text (one ``findall`` per record), and Python sees only the distinct words that some pattern
matches.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Protocol

#: separators, as written into the buffer (never in folded ASCII text) and as read after
#: translation (the translation turns every other non-alphanumeric byte into a space)
VALUE_SEP, RECORD_SEP = b" \xff ", b" \xfe "
_VALUE_MARK, _RECORD_MARK = b"|", b"\n"

_WORD_END = "(?![a-z0-9])"


class _Pattern(Protocol):       # screener.query.evaluate.words.WordPattern (read-only fields)
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def source(self) -> str: ...


def translation_table(word_table: bytes) -> bytes:
    """``word_table`` (bytes → lower-case letter, digit or space) with the two separators kept."""
    table = bytearray(word_table)
    table[VALUE_SEP[1]] = _VALUE_MARK[0]
    table[RECORD_SEP[1]] = _RECORD_MARK[0]
    return bytes(table)


def pattern_regex(patterns: Iterable[_Pattern]) -> re.Pattern | None:
    """One bytes regex matching `` word`` (a space, then a whole word) for every word that any
    of ``patterns`` matches: exact words and truncations (``stem*``) as one prefix tree (so the
    engine reads each word start once, not once per pattern), other wildcards as alternatives."""
    trie: dict = {}
    others: list[str] = []
    for p in patterns:
        if p.kind == "regex":
            others.append(p.source)
            continue
        node = trie
        for ch in p.stem:
            node = node.setdefault(ch, {})
        node["" if p.kind == "exact" else "*"] = True
    alternatives = [_trie_source(trie)] if trie else []
    alternatives.extend(f"(?:{s})" for s in sorted(set(others)))
    if not alternatives:
        return None
    return re.compile((" (?:" + "|".join(alternatives) + ")" + _WORD_END).encode())


def _trie_source(node: dict) -> str:
    if "*" in node:             # a truncation here: any continuation matches
        return "[a-z0-9]*"
    parts = [re.escape(ch) + _trie_source(child)
             for ch, child in sorted((k, v) for k, v in node.items() if k)]
    if "" in node:
        parts.append("")
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


class FieldText:
    """One field of every record as one folded buffer, with each record's start offset."""

    __slots__ = ("buf", "starts")

    def __init__(self, chunks: Sequence[bytes], table: bytes) -> None:
        """``chunks``: per record, its values folded to ASCII and joined by ``VALUE_SEP``."""
        # a space before the first record and after the last, without copying the whole text
        self.buf = RECORD_SEP.join([b" " + chunks[0], *chunks[1:-1], chunks[-1] + b" "]
                                   if len(chunks) > 1 else [b" " + b"".join(chunks) + b" "]
                                   ).translate(table)
        # record i's text is buf[starts[i]:starts[i + 1] - len(RECORD_SEP)]
        self.starts = array("q", accumulate(map(len, chunks), initial=1))
        step = len(RECORD_SEP)
        for i in range(1, len(self.starts)):
            self.starts[i] += i * step

    def __len__(self) -> int:
        return len(self.starts) - 1

    def scan(self, rx: re.Pattern) -> dict[bytes, set[int]]:
        """word → the records holding it, for every word ``rx`` (``pattern_regex``) matches.
        One ``findall`` per record walks its text in C; Python sees only the distinct matching
        words of each record."""
        postings: dict[bytes, set[int]] = defaultdict(set)
        findall = rx.findall
        buf = self.buf
        starts = self.starts
        end_gap = len(RECORD_SEP)
        for index in range(len(starts) - 1):
            if starts[index + 1] - starts[index] == end_gap:
                continue            # nothing in this field
            # from the space before the record's first word to the end of its text
            found = findall(buf, starts[index] - 1, starts[index + 1] - end_gap)
            if found:
                for word in set(found):
                    postings[word].add(index)
        return {word[1:]: records for word, records in postings.items() if len(word) > 1}

    def search(self, rx: re.Pattern, index: int) -> bool:
        """Does bytes regex ``rx`` occur in record ``index``'s text? The search runs from the
        space before its first word to the space after its last (no copy of the text)."""
        return rx.search(self.buf, self.starts[index] - 1,
                         self.starts[index + 1] - len(RECORD_SEP) + 1) is not None

    def values(self, index: int) -> list[bytes]:
        """The folded values of one record (each value's text, words separated by spaces)."""
        start, end = self.starts[index], self.starts[index + 1] - len(RECORD_SEP)
        return self.buf[start:end].split(_VALUE_MARK)

    def words_text(self, index: int) -> str:
        """The record's words joined by single spaces, values separated by `` | ``, with a
        space before and after (what ``Corpus.words_text`` returns)."""
        return " " + b" | ".join(b" ".join(v.split()) for v in self.values(index)).decode() + " "
