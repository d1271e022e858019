"""Text for a terminal: the one escaping function every command's output, error line and log line
goes through (issue 21).

Control characters from imported records (ESC, BEL, CR, C1 codes) are shown as ``\\x1b`` instead
of being obeyed — a title could otherwise clear the screen, set the window title or overwrite the
line the arbiter reads — and the bidirectional overrides, embeddings and isolates (U+202A–U+202E,
U+2066–U+2069) as ``\\u202e``, so that a right-to-left override cannot reverse what follows it on
a terminal that honours them ("Trojan Source"). Newlines and tabs are kept; right-to-left letters
themselves are text and are kept.
"""

from __future__ import annotations

import logging
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control and bidirectional-override characters shown escaped."""
    return _CONTROL.sub(_escape, text)


def for_stream(text: str, stream, *, data: bool = False) -> str:
    """``text`` as it may be written to ``stream``: escaped, except ``data`` (an export's bytes)
    written to a file or pipe, which stays exact (escaped only when the stream is a terminal)."""
    if data:
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if not tty:
            return text
    return printable(text)


class PrintableFormatter(logging.Formatter):
    """A log formatter whose lines go through ``printable`` (a request path or a file name
    holding ESC is logged escaped, not obeyed by the operator's terminal)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))
