"""RIS text cut into records: each record's tags in file order, its first line and its verbatim text.

A record opens at ``TY`` and closes at ``ER`` (or, with a warning, at the next ``TY`` / the end of
the file); untagged lines continue the previous value; vendor preambles ("Record #1 of 2",
"Provider:", Ovid's "1.") and trailers (Ovid's "NL" and "Link to the Ovid Full Text" lines) are
kept with the record — nothing is dropped. ``screener.records.ris`` turns the tags into a Record.

Two ways through a file, with the same result. Most records are *ordinary*: "TY  - " on the first
line, "XX  - value" on every line up to the first "ER  - " line, no tag inside a value, and only
blank lines before the next "TY  - " line; those are read with a few whole-record string
operations (``read_ordinary``: the searches, the split and the counts run in C). Every other
record, with what lies around it, goes line by line through ``LineReader.feed`` (the general
reader), which is fed the file a stretch at a time: from one "TY  - " line to the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from screener.records.base import Collector
from screener.records.model import RawTags, Record

# tags whose continuation lines are further values (EndNote writes KW/DB/UR lists that way)
LIST_TAGS = {"AU", "A1", "A2", "A3", "A4", "KW", "UR", "L1", "L2", "L3", "L4", "DB", "SN"}

_TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]|PMID) {1,2}-(?P<value>.*)$")
_EDGE_LINE = re.compile(r"^\s+(?P<tag>TY|ER) {1,2}-(?P<value>.*)$")   # indented TY/ER (JabRef)
_FUSED = re.compile(r"\s{2,}(?=[A-Z][A-Z0-9]  - )")
_PREAMBLE = re.compile(r"^\s*(\d+\.\s*|Record #\s*\d+ of \d+\s*|(Provider|Database|Content)\s*:.*)$")
_OVID_LINK = re.compile(r"^(Link to the Ovid Full Text or citation:|https?://\S+$)")
# a line break and the tag of the next line, with the white space before its value: splitting an
# ordinary record at these gives [its TY line, tag, value, tag, value, …, "ER", ER's value]
_NEXT_TAG = re.compile(r"\n([A-Z][A-Z0-9])  -[^\S\n]*")


_TAG_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TAG_SECOND = _TAG_FIRST | frozenset("0123456789")


def tag_line(line: str):
    # the usual shape, "XX  - value", without the regular expression (the same result, in a
    # tenth of the time: this runs on every line the general reader reads)
    if line[2:5] == "  -" and line[:1] in _TAG_FIRST and line[1:2] in _TAG_SECOND:
        return line[:2], line[5:].strip()
    match = _TAG_LINE.match(line)
    if match is None:
        if not line[:1].isspace():
            return None
        match = _EDGE_LINE.match(line)
        if match is None:
            return None
    tag, value = match.groups()
    return tag, value.strip()


def ordinary_tags(raw: str, lines: int) -> RawTags | None:
    """The tags of ``raw`` (a record's text of ``lines`` lines, from its "TY  - " line to an "ER  - "
    line, with no other TY line) when every line is "XX  - value", no other line is ER and no value
    holds "  -" (a tag fused into it perhaps); else None. Values stripped, as ``tag_line`` gives
    them; ER not included. They are ``raw``'s alone (RawTags): the workspace reads them back from it."""
    # one "  -" per line: the one after its tag (checked below); more means one inside a value
    if raw.count("  -") != lines:
        return None
    parts = _NEXT_TAG.split(raw)
    if len(parts) != 2 * lines - 1:         # a line that is not "XX  - value" (continued, blank)
        return None
    tags = RawTags(TY=[parts[0][5:].strip()])
    get = tags.get
    # (the split took the white space before each value; str.strip, mapped, the white space after)
    for tag, value in zip(parts[1:-2:2], map(str.strip, parts[2:-2:2])):
        values = get(tag)
        if values is None:
            tags[tag] = [value]
        else:
            values.append(value)
    return None if "ER" in tags else tags


class Draft:
    """A record being read: its lines, tags in file order, and where it started."""

    def __init__(self, start: int, number: int):
        self.start = start
        self.number = number
        self.lines: list[str] = []      # set when it closes: the file's lines from TY on
        self.items: list[list] = []     # [tag, value, line]
        # while every line after TY is an ordinary "XX  - value" line (or blank), the tags are
        # collected here directly (values stripped); the first other line turns them into items
        self.tags: dict[str, list[str]] | None = None
        self.er = False                 # closed by its ER line (the last of ``lines``)
        self.preamble: list[str] = []
        self.trailer: list[str] = []
        self.trailer_items: list[list] = []
        self.closed = False
        self.pending_blank = False


def read_records(text: str, reader: LineReader) -> list[Record]:
    """Every record of ``text``: ordinary ones read whole while the general reader is between records
    (nothing of it pending but blank lines), the rest fed to it a stretch at a time."""
    size = len(text)
    pos, line = 0, 1              # where reading goes on: a line's start, and that line's number
    while pos <= size:
        if reader.between_records() and text.startswith("TY  -", pos):
            pos, line = reader.read_ordinary(text, pos, line)
            if pos >= size:
                break
        # to the line before the next "TY  - " line: whatever that line closes, it closes on its own
        stop = text.find("\nTY  -", pos)
        if stop < 0:
            stop = size
        lines = text[pos:stop].split("\n")
        reader.feed(lines, line)
        pos, line = stop + 1, line + len(lines)
    return reader.finish()


class LineReader:
    """The records of one file, read in order. ``to_record`` builds a Record from a closed Draft,
    ``ordinary_record(tags, number, line, raw)`` from an ordinary record's tags."""

    def __init__(self, collector: Collector, to_record: Callable[[Draft], Record],
                 ordinary_record: Callable[[dict[str, list[str]], int, int, str], Record]):
        self.collector = collector
        self.to_record = to_record
        self.ordinary_record = ordinary_record
        self.records: list[Record] = []
        self.opened = 0                     # records opened so far (their numbers)
        self.last: Draft | None = None      # the last record opened by the general reader, until built
        self.current: Draft | None = None   # the record whose lines are being read
        self.loose: list[tuple[int, str]] = []   # lines outside any record: (line number, text)

    def between_records(self) -> bool:
        """No record open, and nothing read since the last one but blank lines."""
        return self.current is None and not any(t.strip() for _, t in self.loose)

    def _close(self, draft: Draft, reason: str | None) -> None:
        draft.closed = True
        if reason:
            self.collector.warn("missing_er", f"record has no ER line; it was closed {reason}",
                                line=draft.start, record_number=draft.number)

    def _flush(self) -> None:
        # the record before is complete once the lines after it have been attached: build it now
        # and drop its working state, so memory holds records, not drafts
        draft = self.last
        if draft is not None and draft.closed:
            self.records.append(self.to_record(draft))
            self.last = None

    def _open(self, start: int) -> Draft:
        self.opened += 1
        draft = self.last = Draft(start, self.opened)
        return draft

    def read_ordinary(self, text: str, pos: int, line: int) -> tuple[int, int]:
        """Ordinary records from ``pos`` (the start of a "TY  - " line, numbered ``line``) on, while
        each is one; returns where the general reader goes on (a TY line's start, or the end) and
        that line's number."""
        self._flush()         # nothing but blank lines followed it: no trailer to wait for
        self.loose = []
        size = len(text)
        find, records, build = text.find, self.records, self.ordinary_record
        while True:
            following = find("\nTY  -", pos)       # the next record's TY line (its line break)
            stop = size if following < 0 else following
            er = text.rfind("\nER  -", pos, stop)   # (an ER line before it: not ordinary, below)
            if er < 0:                               # closed by the next TY or the end: a warning
                return pos, line
            end = find("\n", er + 1, stop)
            if end < 0:
                end = stop
            if end < stop and not text[end:stop].isspace():   # a trailer, or the next one's preamble
                return pos, line
            raw = text[pos:end]
            lines = raw.count("\n") + 1
            tags = ordinary_tags(raw, lines)
            if tags is None:
                return pos, line
            self.opened += 1
            records.append(build(tags, self.opened, line, raw))
            if following < 0:
                return size, line
            line += lines + text.count("\n", end, following)
            pos = following + 1

    def feed(self, lines: list[str], first: int) -> None:
        """Read ``lines``, the file's lines from line number ``first`` on. Every stretch after the
        first starts with a "TY  - " line, so a record still open at the end of one is closed by the
        first line of the next."""
        # One pass over the lines (about 80 lines of loop): which tag a line continues depends on
        # the lines before it, so the state stays in one loop rather than in helpers sharing it.
        collector = self.collector
        current, loose = self.current, self.loose
        for i, line in enumerate(lines, first):
            if current is None:
                if not line:
                    loose.append((i, line))     # the blank line between two records (as below)
                    continue
            elif (tags := current.tags) is not None:
                # most lines: "XX  - value" inside a record, read as tag_line and _add_line would
                if line[2:5] == "  -" and line[:1] in _TAG_FIRST and line[1:2] in _TAG_SECOND:
                    tag = line[:2]
                    if tag == "ER":                 # the record's end (as below)
                        current.lines = lines[current.start - first:i - first + 1]
                        current.closed = current.er = True
                        current = None
                        continue
                    if tag != "TY":
                        value = line[5:].strip()
                        if "  - " not in value:       # (else perhaps fused tags: read below)
                            values = tags.get(tag)
                            if values is None:
                                tags[tag] = [value]
                            else:
                                values.append(value)
                            current.pending_blank = False
                            continue
                elif not line or line.isspace():
                    current.pending_blank = True
                    continue
            parsed = tag_line(line)
            if parsed is None and line.strip() == "ER":
                parsed = ("ER", "")           # a bare "ER" (no dash) still ends the record
            if parsed and parsed[0] == "TY":
                if current is not None:
                    if current.start >= first:      # (else opened in the stretch before: its lines kept)
                        current.lines = lines[current.start - first:i - first]
                    self._close(current, f"at the next TY (line {i})")
                first_record = not self.opened
                _attach_loose(self.last, first_record, loose, collector)
                self._flush()
                current = self._open(i)
                current.preamble = [t for _, t in loose if t.strip() and (
                    first_record or (_PREAMBLE.match(t) and not _OVID_LINK.match(t.strip())))]
                loose = []
                current.tags = {"TY": [parsed[1]]}
                continue
            if current is None:
                if parsed and parsed[0] == "ER" and any(tag_line(t) for _, t in loose):
                    # a block of tags closed by ER but never opened by TY (JabRef's "corrupted" file)
                    start_at = next(k for k, (_, t) in enumerate(loose) if tag_line(t))
                    first_record = not self.opened
                    _attach_loose(self.last, first_record, loose[:start_at], collector)
                    self._flush()
                    block = loose[start_at:]
                    draft = self._open(block[0][0])
                    if first_record:
                        draft.preamble = [t for _, t in loose[:start_at] if t.strip()]
                    for n, t in block:
                        draft.lines.append(t)
                        _add_line(draft, t, n, collector)
                    draft.lines.append(line)
                    draft.closed = True
                    collector.warn("missing_ty", "record has no TY line; read from its first tag to ER",
                                   line=draft.start, record_number=draft.number)
                    loose = []
                    continue
                loose.append((i, line))
                continue
            if parsed and parsed[0] == "ER":
                current.lines = lines[current.start - first:i - first + 1]
                current.closed = current.er = True
                current = None
                continue
            if current.tags is not None:     # a line the loop above does not read: from here on, items
                to_items(current, lines, current.start - first, i)
            _add_line(current, line, i, collector, parsed)
        if current is not None:               # (closed by the next stretch's first line, or the end)
            current.lines = lines[current.start - first:]
        self.current, self.loose = current, loose

    def finish(self) -> list[Record]:
        """The records, once every line has been fed."""
        current = self.current
        if current is not None:
            # trailing blank lines are not part of the record
            while current.lines and not current.lines[-1].strip():
                current.lines.pop()
            self._close(current, "at the end of the file")
        _attach_loose(self.last, not self.opened, self.loose, self.collector, at_end=True)
        self._flush()
        if not self.opened:
            tagged = [n for n, t in self.loose if tag_line(t)]
            if tagged:
                raise self.collector.fatal("RIS tags but no record: no TY line opens a record", line=tagged[0])
        return self.records


_UNSET = object()


def to_items(draft: Draft, lines: list[str], first: int, end: int) -> None:
    """A draft read so far into ``tags`` as the items line-by-line reading gives: ``lines[first]``
    is its TY line, and every line after it up to line number ``end`` (exclusive) an ordinary
    "XX  - value" line or blank."""
    tags = draft.tags
    assert tags is not None
    draft.items = [["TY", tags["TY"][0], draft.start]] + [
        [line[:2], line[5:].strip(), n]
        for n, line in enumerate(lines[first + 1:first + end - draft.start], draft.start + 1)
        if line and not line.isspace()]
    draft.tags = None


def _add_line(draft: Draft, line: str, number: int, collector: Collector, parsed=_UNSET) -> None:
    if parsed is _UNSET:
        parsed = tag_line(line)
    if parsed:
        tag, value = parsed
        pieces = _FUSED.split(value) if "  - " in value else [value]
        if len(pieces) > 1:
            collector.warn("fused_tags", f"{len(pieces)} tags on one line were split "
                           f"({', '.join([tag] + [p[:2] for p in pieces[1:]])})",
                           line=number, record_number=draft.number)
            draft.items.append([tag, pieces[0].strip(), number])
            for piece in pieces[1:]:
                sub = tag_line(piece.strip())
                if sub:
                    draft.items.append([sub[0], sub[1], number])
            return
        draft.items.append([tag, value, number])
        draft.pending_blank = False
        return
    if not line.strip():
        draft.pending_blank = True
        return
    if not draft.items:
        return
    last = draft.items[-1]
    if last[0] in LIST_TAGS:
        draft.items.append([last[0], line.strip(), number])
    elif last[1]:
        # a blank line inside a value is a paragraph break (Citavi, structured abstracts)
        last[1] = last[1] + ("\n\n" if draft.pending_blank else "\n") + line.strip()
    else:
        last[1] = line.strip()
    draft.pending_blank = False


def _attach_loose(prev: Draft | None, first: bool, loose: list[tuple[int, str]], collector: Collector,
                  at_end: bool = False) -> None:
    """Lines between records: vendor trailers go to the record before (``prev``, not yet built),
    headers to the one after; ``first``: no record opened yet."""
    if not loose or first:
        if loose and first:
            for n, t in loose:
                if t.strip() and not _PREAMBLE.match(t) and not tag_line(t):
                    collector.warn("stray_text", f"text before the first record kept as its preamble: "
                                   f"{t.strip()[:80]!r}", line=n)
        return
    for n, t in loose:
        if not t.strip():
            continue
        if _PREAMBLE.match(t) and not at_end:
            continue  # collected as the next record's preamble by the caller
        # (lines other than blank ones follow only a record the general reader read: see read_ordinary)
        assert prev is not None
        parsed = tag_line(t)
        if parsed:
            prev.trailer_items.append([parsed[0], parsed[1], n])
        elif not _OVID_LINK.match(t.strip()):
            collector.warn("stray_text", f"text between records kept with record {prev.number}: "
                           f"{t.strip()[:80]!r}", line=n, record_number=prev.number)
        prev.trailer.append(t)
