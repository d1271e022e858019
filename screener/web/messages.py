"""Error messages as the web shows them: without the server's file paths.

The workspace's messages name files for the person at the command line (``no study 9 in
/srv/reviews/pain``, ``... in /srv/reviews/pain/review.toml``); a screener in a browser or a
script has no use for them, and a server's layout is not theirs to see."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from flask import g

from screener.errors import ScreenerError
from screener.web.remedies import page_line

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def without_paths(ws: Workspace, message: str) -> str:
    for root in {str(ws.path), str(ws.path.resolve()), os.path.abspath(ws.path)}:
        message = message.replace(root + os.sep, "").replace(root, "the review")
    return message


def said(exc: BaseException) -> str:
    """An error's message for a page the app renders itself (``_error`` strips the paths of the
    errors that reach it; a page that shows the error beside the form it came from calls this)."""
    text = page_line(exc) if isinstance(exc, ScreenerError) else str(exc)
    return page_words(without_paths(g.ws, text) if "ws" in g else text)


# The stages by the names the pages give them, not their codes ('at full_text'). Kept as a swap of the
# code itself, not made data as the remedies and fields are (errors.py): a stage code is in some 25
# messages, anywhere in them, and is how the Python and JSON APIs and the command line name it; the swap
# matches the code, not a sentence, so a reworded message still gets it.
_PAGE_WORDS = (
    (re.compile(r"\btitle_abstract\b"), "title/abstract"),
    (re.compile(r"\bfull_text\b"), "full text"),
)


def page_words(message: str) -> str:
    """``message`` for a page (not the API): the stages by the pages' names for them."""
    for pattern, words in _PAGE_WORDS:
        message = pattern.sub(words, message)
    return message
