"""Text for a terminal: control characters from imported records (ESC, BEL, CR, C1 codes) shown
as ``\\x1b`` instead of being obeyed — a title could otherwise clear the screen, set the window
title or overwrite the line the arbiter reads. Newlines and tabs are kept."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)
