"""The owner's pages' words for the Python API's errors: its messages name CLI commands and options
(`screener reviewers token …`, --as) and fields by their keys (searched_on, exclusion_reasons); the
pages name their own buttons and their forms' labels instead."""

from __future__ import annotations

import re

from screener.errors import ScreenerError
from screener.web.messages import said
from screener.web.pages import STAGE_NAMES
from screener.workspace.imports import FIELD_LABELS, FIELDS

# the import checks name a field by its key ('searched_on 2099-01-01 is in the future', "'notes' is
# 30,000 characters long"); the form labels it ('Date searched'), and the owner reads the form
_FORM_LABELS = {**FIELD_LABELS, "database": "Database searched"}
_FIELD_WORDS = tuple((re.compile(rf"'{key}'|\b{key}\b" if "_" in key else f"'{key}'"), _FORM_LABELS[key])
                     for key in FIELDS)


def owner_message(exc: ScreenerError) -> str:
    """An error of the Python API for the owner's pages: no paths, no CLI commands, the form's labels."""
    text = said(exc)
    for pattern, label in _FIELD_WORDS:
        text = pattern.sub(label, text)
    return text


# the settings checks name a setting by its review.toml key ("'exclusion_reasons' lists 'out of
# scope' twice", 'votes_needed at title_abstract must be …'); the page names it as its form does
_SETTING_LABELS = {"title": "Title", "inclusion_criteria": "Inclusion criteria", "exclusion_reasons": "Exclusion reasons",
                   "labels": "Shared labels",
                   "votes_needed": "Votes needed", "reason_required": "A reason is required to exclude",
                   "blind": "Blind mode", "hide_authors": "Hide authors and journal",
                   "highlight_include": "Highlight as include", "highlight_exclude": "Highlight as exclude",
                   "ranker_preset": "Ranker preset"}
_SETTING_WORDS = (*((re.compile(rf"'{key}'|\b{key}\b" if "_" in key else f"'{key}'"), label)
                    for key, label in _SETTING_LABELS.items()),
                  *((re.compile(rf"\bat {stage}\b"), f"at {name}") for stage, name in STAGE_NAMES.items()))


def setting_label(key: str) -> str:
    """A setting as the Settings page's form labels it ('labels' → 'Shared labels')."""
    return _SETTING_LABELS.get(key, key.replace("_", " "))


def settings_message(exc: ScreenerError) -> str:
    """A refused setting's message for the Settings page."""
    text = owner_message(exc)
    for pattern, words in _SETTING_WORDS:
        text = pattern.sub(words, text)
    return text


def choose_again(error: str, names: list[str]) -> str:
    """After a refusal among several files: the file chooser comes back empty, so say which files
    were fine to choose again (a refusal names its file first, as 'paper.pdf:1: …')."""
    refused = [n for n in names if re.search(rf"(^|\n){re.escape(n)}[:,]", error)]
    fine = [n for n in names if n not in refused]
    if not refused or not fine:
        return ""
    start = "" if error.rstrip(".").endswith("nothing was imported") else " Nothing was imported."
    return (f"{'.' if not error.endswith('.') else ''}{start} {and_list(fine)} "
            f"{'was' if len(fine) == 1 else 'were'} read without a problem: choose {'it' if len(fine) == 1 else 'them'} "
            f"again without {and_list(refused)}.")


def and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
