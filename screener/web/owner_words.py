"""The owner's pages' words for the Python API's errors. Each error carries what its front ends word
their own way as data — the remedy (web/remedies.py: the pages' buttons), the field or setting by its
key (remedies.PAGE_FIELDS: the forms' labels) —, so nothing here rewrites a message; what is left is
the page's own: which files to choose again after a refusal among several."""

from __future__ import annotations

import re

from screener.errors import ScreenerError
from screener.web.messages import said
from screener.web.remedies import SETTING_LABELS


def owner_message(exc: ScreenerError) -> str:
    """An error of the Python API for the owner's pages: no paths, no CLI commands, the form's labels."""
    return said(exc)


def setting_label(key: str) -> str:
    """A setting as the Settings page's form labels it ('labels' → 'Shared labels')."""
    return SETTING_LABELS.get(key, key.replace("_", " "))


def settings_message(exc: ScreenerError) -> str:
    """A refused setting's message for the Settings page (its field by the form's label: error.field)."""
    return owner_message(exc)


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
