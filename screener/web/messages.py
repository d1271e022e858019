"""Error messages as the web shows them: without the server's file paths.

The workspace's messages name files for the person at the command line (``no study 9 in
/srv/reviews/pain``, ``... in /srv/reviews/pain/review.toml``); a screener in a browser or a
script has no use for them, and a server's layout is not theirs to see."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from flask import g

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def without_paths(ws: Workspace, message: str) -> str:
    for root in {str(ws.path), str(ws.path.resolve()), os.path.abspath(ws.path)}:
        message = message.replace(root + os.sep, "").replace(root, "the review")
    return message


def said(exc: BaseException) -> str:
    """An error's message for a page the app renders itself (``_error`` strips the paths of the
    errors that reach it; a page that shows the error beside the form it came from calls this)."""
    return page_words(without_paths(g.ws, str(exc)) if "ws" in g else str(exc))


# the workspace's hints name CLI commands; a page names where to go in the app instead
_PAGE_WORDS = (
    (re.compile(r"; `screener next` gives the study numbers to screen"),
     "; open your queue (Title/abstract or Full text in the menu) for the studies to screen"),
    (re.compile(r"; list pairs with `screener pairs list [^`]*`"), "; the pairs are on the Duplicates page"),
    (re.compile(r"; take your next study with `screener next`"),
     "; take your next study from your queue (Title/abstract or Full text in the menu)"),
    # the storage refusing a write (screener.workspace.db.storage_error) says what the person at the
    # command line does; a screener in the browser can only wait, or tell whoever runs the server
    (re.compile(r"^[^:]*: another process is writing to this review \(an import, dedupe or the web app\?\) and did "
                r"not finish within ([\d.]+) s; nothing was changed: run the command again once it is done$"),
     r"the review is busy: another change to it (an import or deduplication the owner started?) did not finish "
     r"within \1 s; nothing was changed — do it again in a moment"),
    (re.compile(r"^[^:]*: the disk is full \(or failing\): nothing of this change was written; free some space and "
                r"try again$"),
     "the server's disk is full (or failing): nothing of this change was written; tell whoever runs the review's "
     "server (`screener serve`) to free some space, then do it again"),
    (re.compile(r"^[^:]*: the workspace is read-only: this change was not written .*$"),
     "the review cannot be written on the server (its files are read-only): this change was not written; tell "
     "whoever runs the review's server (`screener serve`)"),
    # the stages by the names the pages give them, not their codes ('at full_text')
    (re.compile(r"\btitle_abstract\b"), "title/abstract"),
    (re.compile(r"\bfull_text\b"), "full text"),
    # a reason the owner took out of the settings after the page was loaded (the page offers no other)
    (re.compile(r"^reason '(.*)' is not one of the exclusion_reasons in \S+: (.*); use one of them, or add it to that list$",
                re.DOTALL),
     r"'\1' is no longer one of the review's exclusion reasons (the owner changed them since this page was "
     r"loaded): pick one of: \2"),
)


def page_words(message: str) -> str:
    """``message`` for a page (not the API): CLI hints swapped for the page's own places."""
    for pattern, words in _PAGE_WORDS:
        message = pattern.sub(words, message)
    return message
