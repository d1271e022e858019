"""Right-to-left overrides and other bidi controls in imported text, isolated on every page.

A title holding U+202E (RIGHT-TO-LEFT OVERRIDE) without its U+202C would reverse the text after it
on the page — the next column, a button's label — and can disguise what a reviewer reads. Every
``{{ value }}`` a template shows that holds a bidi control character is wrapped in U+2068 FIRST
STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE: the value keeps its own direction, and the PDI
ends whatever it left open, in text and in attribute values alike (where an element such as
``<bdi>`` cannot go). Values without such characters are left exactly as they are.
"""

from __future__ import annotations

import re
from typing import Any

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FSI, PDI = "\u2068", "\u2069"


def isolate(value: Any) -> Any:
    """Jinja's ``finalize``: ``value`` isolated when it is text with bidi controls."""
    if isinstance(value, str) and BIDI_CONTROLS.search(value):
        return FSI + value + PDI
    return value
