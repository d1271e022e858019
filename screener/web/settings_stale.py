"""The Settings page refused as stale (someone saved the settings after the owner opened it): what the
owner typed stays in the form, and each field that differs from what is saved now is marked with the
saved value beside it, so that nothing typed is lost and nothing saved meanwhile is overwritten unseen.
Saving again (the owner's new confirm) is the only way either reaches review.toml."""

from __future__ import annotations

from typing import Any

from screener.web.owner_words import setting_label
from screener.web.people import person
from screener.workspace.settings import STAGES

#: a saved value is shown beside its field; a long one (the inclusion criteria) cut to this many characters
SHOWN_MAX = 300


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "ticked" if value else "not ticked"
    if isinstance(value, list):
        text = "; ".join(value) if value else "(none)"
    else:
        text = str(value) if str(value) else "(empty)"
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX - 1] + "…"


def differing_fields(typed: dict[str, Any], saved: dict[str, Any]) -> dict[str, str]:
    """Form field name → the value saved now, for each field where the form holds something else
    (the per-stage settings field by field: 'votes_needed_full_text')."""
    differs: dict[str, str] = {}
    for key, value in typed.items():
        if key not in saved or key == "version":
            continue
        if key in ("votes_needed", "reason_required"):
            for stage in STAGES:
                if value.get(stage) != saved[key].get(stage):
                    differs[f"{key}_{stage}"] = _shown(saved[key].get(stage))
        elif value != saved[key]:
            differs[key] = _shown(saved[key])
    return differs


def with_their_changes(typed: dict[str, Any], saved: dict[str, Any],
                       loaded: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
    """The form to show again: what was typed, except where the owner left a setting as it was loaded
    and someone changed it since — there the value saved now, so that saving again does not undo
    their change unseen. Returns it and the settings so taken (per stage: a stage's own value)."""
    if loaded is None:
        return dict(typed), []
    form: dict[str, Any] = {}
    taken: list[str] = []
    for key, value in typed.items():
        if key not in saved or key not in loaded:
            form[key] = value
        elif key in ("votes_needed", "reason_required"):
            form[key] = {stage: saved[key].get(stage) if value.get(stage) == loaded[key].get(stage)
                         else value.get(stage) for stage in value}
            if any(form[key][stage] != value.get(stage) for stage in value):
                taken.append(key)
        elif value == loaded[key] and saved[key] != loaded[key]:
            form[key] = saved[key]
            taken.append(key)
        else:
            form[key] = value
    return form, taken


def seen_change(form_value: str) -> int:
    """The newest settings change when the form was loaded (its hidden field; 0 from an older form)."""
    return int(form_value) if form_value.isdigit() else 0


def stale_line(last: dict[str, Any] | None, seen: int, taken: list[str]) -> str:
    """One line: who saved meanwhile and when (when the app saved it; a hand edit of review.toml has
    no name), that nothing was saved, which of their changes the form now holds, and what to do."""
    if last is not None and last["id"] > seen:
        who = f"{person(last['actor'])} saved the settings at {last['at'][:16].replace('T', ' ')} UTC"
    else:
        who = "The settings file (review.toml) was changed"
    theirs = (f" Their change{'s' if len(taken) > 1 else ''} to {', '.join(map(setting_label, taken))}, which you "
              f"had not touched, {'are' if len(taken) > 1 else 'is'} in the form too." if taken else "")
    return (f"{who}, after you opened this page; nothing of yours was saved. What you typed is still in the form "
            f"and the fields that differ from what is saved now are marked: review them and save again.{theirs}")
