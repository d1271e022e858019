"""Each reviewer's own highlight words (Rayyan's keywords per reviewer), marked beside the review's
``[highlight]`` terms that the owner sets for everyone in review.toml.

A reviewer's words are events (kind ``highlight_words``, subject ``reviewer:NAME``, the two lists
as payload): the newest is in force and earlier ones stay on record. Nobody else's pages use
them: a screener's words say nothing of their votes, but they are theirs. Words are matched as the
review's terms are (``screener.web.text.highlight``: case ignored, a trailing ``*`` for any ending).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from screener.errors import UsageError
from screener.workspace.reviewers import Reviewer, as_reviewer

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

KIND = "highlight_words"
WORD_MAX = 60          # as long as a label
WORDS_MAX = 50         # per list: more than a screener scans for, few enough to stay quick to match


def split_words(text: str) -> list[str]:
    """Words as a person types them in one box: separated by commas, semicolons or new lines."""
    return [w for w in (part.strip() for part in re.split(r"[,;\n]", text or "")) if w]


def _checked(words: Iterable[object], field: str) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    for word in words:
        if not isinstance(word, str):
            raise UsageError(f"{field}: {word!r} is not text; give words such as interview*, focus group")
        word = " ".join(word.split())
        if not word:
            continue
        if len(word) > WORD_MAX:
            raise UsageError(f"{field}: '{word[:20]}…' is {len(word)} characters long; keep each word or phrase "
                             f"to {WORD_MAX}, separated by commas")
        if any(unicodedata.category(c) in ("Cc", "Cf") for c in word):
            raise UsageError(f"{field}: '{word}' holds control or formatting characters; type the word again")
        if word.strip("*") == "":
            raise UsageError(f"{field}: '{word}' would mark every word; put the * after the start of a word (nurs*)")
        if word.casefold() not in seen:
            seen.add(word.casefold())
            kept.append(word)
    if len(kept) > WORDS_MAX:
        raise UsageError(f"{field}: {len(kept)} words; keep to {WORDS_MAX} (the review's own terms are marked too)")
    return kept


def set_my_highlights(ws: Workspace, reviewer: Reviewer | str, include: Iterable[object],
                      exclude: Iterable[object]) -> dict[str, list[str]]:
    """Save ``reviewer``'s include and exclude words (each list replaces the one before; empty
    lists clear them). Refused with one line naming the list, and nothing written, for a word
    longer than 60 characters, a bare ``*``, control characters, or more than 50 words."""
    words = {"include": _checked(include, "My include words"), "exclude": _checked(exclude, "My exclude words")}
    with ws.transaction():
        who = as_reviewer(ws, reviewer)
        ws.log_event(KIND, who.name, f"reviewer:{who.name}", words)
    return words


def my_highlights(ws: Workspace, reviewer: Reviewer | str) -> dict[str, list[str]]:
    """``reviewer``'s words in force: ``{"include": [...], "exclude": [...]}`` (empty before any)."""
    who = as_reviewer(ws, reviewer)
    row = ws.db.execute("SELECT payload FROM events WHERE kind = ? AND subject = ? ORDER BY id DESC LIMIT 1",
                        (KIND, f"reviewer:{who.name}")).fetchone()
    payload = json.loads(row[0]) if row else {}
    return {"include": list(payload.get("include", [])), "exclude": list(payload.get("exclude", []))}


def highlight_terms(ws: Workspace, reviewer: Reviewer | str | None) -> tuple[list[str], list[str]]:
    """The terms marked on ``reviewer``'s pages: the review's, then their own not already there."""
    include, exclude = list(ws.settings.highlight_include), list(ws.settings.highlight_exclude)
    if reviewer is None:
        return include, exclude
    mine = my_highlights(ws, reviewer)
    have = {t.casefold() for t in include + exclude}
    return (include + [w for w in mine["include"] if w.casefold() not in have],
            exclude + [w for w in mine["exclude"] if w.casefold() not in have])
