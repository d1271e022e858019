"""Changing review.toml from the web: validated as review.toml is, saved atomically, refused when the
file changed since the form was loaded, and each change an ``settings_change`` event.

``settings_document`` is what a form shows (with ``version``, the SHA-256 of the file's bytes);
``update_settings`` takes the changed fields and that version back.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.errors import ScreeningError, SettingsError, UsageError
from screener.workspace.settings import LABEL_MAX, STAGES, Settings, load_settings, render_toml

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

SETTINGS_FILE = "review.toml"
# field -> (type, description for messages)
FIELDS: dict[str, tuple[type, str]] = {
    "title": (str, "text"),
    "inclusion_criteria": (str, "text"),
    "exclusion_reasons": (list, "a list of reasons"),
    "labels": (list, "a list of labels"),
    "votes_needed": (dict, 'an object like {"title_abstract": 2, "full_text": 2}'),
    "reason_required": (dict, 'an object like {"title_abstract": false, "full_text": true}'),
    "blind": (bool, "true or false"),
    "hide_authors": (bool, "true or false"),
    "highlight_include": (list, "a list of words"),
    "highlight_exclude": (list, "a list of words"),
    "ranker_preset": (str, "a preset name"),
}

# What a list setting may hold: (the most characters an item may have, the most items, the item
# in words). A reason is picked from a list on the screening page and travels in every export; a
# highlight term is a word or short phrase marked in titles and abstracts (a page of text there
# was a mistake, and a term of '*' or '**' would mark every word or none).
LIST_LIMITS: dict[str, tuple[int, int, str]] = {
    "exclusion_reasons": (150, 50, "an exclusion reason"),
    "labels": (LABEL_MAX, 50, "a label"),   # as review.toml's check and the labels API allow
    "highlight_include": (60, 200, "a highlight term"),
    "highlight_exclude": (60, 200, "a highlight term"),
}


class StaleSettings(ScreeningError):
    """review.toml changed after the form was loaded."""

    http_status = 409


def settings_version(ws: Workspace) -> str:
    try:
        return hashlib.sha256((ws.path / SETTINGS_FILE).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def settings_document(ws: Workspace) -> dict[str, Any]:
    """The settings as a form shows them, with the ``version`` to send back."""
    return {**settings_document_of(ws.reload_settings()), "version": settings_version(ws)}


def _check(key: str, value: Any) -> Any:
    try:
        return _checked(key, value)
    except UsageError as exc:
        # every refusal here is about ``key``: a front end names it its own way when the message opens with it
        if exc.field is None:
            exc.field = key
        raise


def _checked(key: str, value: Any) -> Any:
    if key not in FIELDS:
        raise UsageError(f"unknown setting {key!r}; the settings are: {', '.join(FIELDS)}")
    kind, words = FIELDS[key]
    if kind is bool and not isinstance(value, bool) or kind is str and not isinstance(value, str):
        raise UsageError(f"'{key}' must be {words}, not {value!r}")
    if kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"'{key}' must be {words} (text each), not {value!r}")
        value = [" ".join(v.split()) for v in value if v.strip()]
        # a label is matched in any case (the labels API puts 'Adult?' on as 'adult?'), so twice is any case;
        # a reason in other capitals is the same reason, counted apart in PRISMA's reasons
        folded = [v.casefold() if key in ("labels", "exclusion_reasons") else v for v in value]
        if len(set(folded)) != len(folded):
            repeated = next(f for f in folded if folded.count(f) > 1)
            first, again = [v for v, f in zip(value, folded, strict=True) if f == repeated][:2]
            if first == again or key == "labels":
                raise UsageError(f"'{key}' lists {first!r} twice; give each once")
            raise UsageError(f"'{key}' lists {first!r} and {again!r}, the same reason in other capitals; give it once")
        _check_items(key, value)
    if kind is dict:
        if not isinstance(value, dict) or set(value) - set(STAGES):
            raise UsageError(f"'{key}' must be {words}")
        for stage, v in value.items():
            if key == "votes_needed" and (isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5):
                raise UsageError(f"votes_needed at {stage} must be a whole number from 1 to 5, not {v!r}")
            if key == "reason_required" and not isinstance(v, bool):
                raise UsageError(f"reason_required at {stage} must be true or false, not {v!r}")
    if key == "title" and not value.strip():
        raise UsageError("the title must not be empty")
    if key == "exclusion_reasons" and not value:
        raise UsageError("give at least one exclusion reason (screeners pick one when they exclude)")
    return value


def _check_items(key: str, items: list[str]) -> None:
    """UsageError naming the limit and what was given, for a list setting over ``LIST_LIMITS``."""
    if key not in LIST_LIMITS:
        return
    longest, most, what = LIST_LIMITS[key]
    if len(items) > most:
        raise UsageError(f"'{key}' has {len(items):,} items; at most {most} are allowed")
    for number, item in enumerate(items, 1):
        shown = repr(item) if len(item) <= 40 else repr(item[:40]) + "…"
        if len(item) > longest:
            raise UsageError(f"'{key}': item {number} ({shown}) is {len(item):,} characters long; {what} may be "
                             f"at most {longest} characters")
        if key.startswith("highlight_") and not any(c.isalnum() for c in item):
            raise UsageError(f"'{key}': {shown} has no letter or digit; {what} must contain a letter or digit "
                             f"(a * at its end stands for any ending, as in interview*)")


def _apply(s: Settings, key: str, value: Any) -> None:
    if key in ("votes_needed", "reason_required"):
        for stage, v in value.items():
            setattr(s.stages[stage], key, v)
    else:
        setattr(s, key, value.strip() if key in ("title", "inclusion_criteria") else value)


def update_settings(ws: Workspace, changes: dict[str, Any], *, version: str, actor: str = "owner",
                    known_presets: list[str] | None = None) -> dict[str, Any]:
    """Apply ``changes`` to review.toml if it is still at ``version``. Everything is checked before
    the file is replaced (atomically); StaleSettings (409) when someone else saved first."""
    if not isinstance(changes, dict) or not changes:
        raise UsageError(f"no settings to change; give one or more of: {', '.join(FIELDS)}")
    if not isinstance(version, str) or not version:
        raise UsageError("give the 'version' the settings were loaded at (GET /api/settings returns it), so "
                         "that a change made meanwhile by someone else is not overwritten")
    checked = {key: _check(key, value) for key, value in changes.items()}
    if "ranker_preset" in checked and known_presets is not None and checked["ranker_preset"] not in known_presets:
        raise UsageError(f"ranker_preset {checked['ranker_preset']!r} is not a preset; use one of: "
                         f"{', '.join(known_presets)}", field="ranker_preset")
    path = ws.path / SETTINGS_FILE
    with ws.transaction():            # one writer at a time, and the event lands with the file
        if settings_version(ws) != version:
            raise StaleSettings("the settings were changed by someone else (or review.toml was edited) after "
                                "you loaded this form; nothing was saved. Reload the settings, then make your "
                                "change again")
        before = load_settings(path)
        after = copy.deepcopy(before)
        for key, value in checked.items():
            _apply(after, key, value)
        text = render_toml(after)
        fd, tmp = tempfile.mkstemp(prefix=".review.toml.", dir=ws.path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            try:
                load_settings(Path(tmp))      # validated exactly as review.toml is
            except SettingsError as exc:
                raise UsageError(str(exc).replace(tmp, SETTINGS_FILE)) from None
            old_doc = settings_document_of(before)
            new_doc = settings_document_of(after)
            changed = {k: {"from": old_doc[k], "to": new_doc[k]} for k in new_doc if old_doc[k] != new_doc[k]}
            if not changed:
                os.unlink(tmp)
                return {**settings_document(ws), "changed": {}}
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        ws.log_event("settings_change", actor, "review.toml", {"changed": changed})
    return {**settings_document(ws), "changed": changed}


def settings_document_of(s: Settings) -> dict[str, Any]:
    return {
        "title": s.title, "inclusion_criteria": s.inclusion_criteria, "exclusion_reasons": list(s.exclusion_reasons),
        "labels": list(s.labels),
        "votes_needed": {stage: s.stages[stage].votes_needed for stage in STAGES},
        "reason_required": {stage: s.stages[stage].reason_required for stage in STAGES},
        "blind": s.blind, "hide_authors": s.hide_authors,
        "highlight_include": list(s.highlight_include), "highlight_exclude": list(s.highlight_exclude),
        "ranker_preset": s.ranker_preset,
    }


def last_settings_change(ws: Workspace) -> dict[str, Any] | None:
    """The newest settings change saved through the API (its event id, who, when, which settings), so
    that a form refused as stale can say who saved meanwhile; None before any."""
    row = ws.db.execute("SELECT id, actor, at, payload FROM events WHERE kind = 'settings_change' "
                        "ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return {"id": int(row[0]), "actor": row[1], "at": row[2], "changed": sorted(json.loads(row[3]).get("changed", {}))}


def settings_as_loaded(ws: Workspace, seen: int) -> dict[str, Any] | None:
    """The settings as a form loaded when the newest settings change was event ``seen``: today's,
    with each change saved since taken back (from its event's 'from'); None when none was saved
    through the API since (review.toml edited by hand: what the form held is not known)."""
    rows = ws.db.execute("SELECT payload FROM events WHERE kind = 'settings_change' AND id > ? ORDER BY id DESC",
                         (seen,)).fetchall()
    if not rows:
        return None
    loaded = settings_document_of(ws.reload_settings())
    for (payload,) in rows:
        for key, change in json.loads(payload).get("changed", {}).items():
            if key in loaded:
                loaded[key] = change["from"]
    return loaded
