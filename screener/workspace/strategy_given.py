"""A search strategy given where an export goes (`screener import DIR medline.txt`, the Imports page's upload).

A review's folder holds each database's strategy beside the records it found, often under the same name; the
strategy picked by mistake got the readers' 'not a known export format (RIS, MEDLINE/nbib, …)', which says what
is read, not what the file is. The readers know export formats only; what a strategy looks like is the query
package's (each syntax's own tokens: `.ti,ab.`, `[tiab]`, `TITLE-ABS-KEY(`, `TS=` …), so the file is named
here, above both, and only once the readers have refused it.
"""

from __future__ import annotations

from pathlib import Path

from screener.errors import RecordParseError
from screener.query.syntax_guess import SYNTAX_NAMES, syntax_signals

_READ_AT_MOST = 1_000_000      # a strategy is a few kilobytes; a larger unknown file is not one
_TOKENS = 3                    # a syntax's own tokens before a file counts as written in it


def strategy_instead(path: Path, error: RecordParseError) -> RecordParseError | None:
    """The error naming ``path`` as a search strategy, when the readers found no export format in it and it
    is written in a strategy syntax; None otherwise."""
    # the readers' words for content in no format they know (records.reader): the only refusal this can explain
    if "not a known export format" not in str(error):
        return None
    try:
        if path.stat().st_size > _READ_AT_MOST:
            return None
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    signals = [s for s in syntax_signals(text).values() if s.count >= _TOKENS]
    if not signals:
        return None
    best = max(signals, key=lambda s: s.count)
    return RecordParseError(
        f"{error.path or path}:1: this is a search strategy ({SYNTAX_NAMES.get(best.syntax, best.syntax)} syntax: "
        f"{best.token!r} …), not the records it found: export the records themselves from the database (RIS, "
        "MEDLINE or CSV) and import those, with this file as the strategy as run", path=error.path or str(path), line=1)
