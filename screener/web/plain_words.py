"""What the pages say for the numbers and code names the workspace hands them: how alike a
duplicate pair's records are (not the matcher's bare 0–100 score), what a stopping method is (not
its registry name), a record field's label. The numbers and names stay available in tooltips."""

from __future__ import annotations

from typing import Any

from screener.dedup.match import AUTHOR_WEIGHT, TITLE_WEIGHT
from screener.records.reader import FORMAT_NAMES
from screener.report.exports import ALIASES

# a record's fields as the pair cards label them
FIELD_LABELS = {"title": "Title", "authors": "Authors", "year": "Year", "journal": "Journal", "volume": "Volume",
                "issue": "Issue", "pages": "Pages", "doi": "DOI", "pmid": "PMID"}

PAIR_STATUS = {"pending": "to check", "merged": "merged automatically", "same": "decided: same study",
               "different": "decided: different studies", "kept apart": "kept apart (a conflict elsewhere)"}


# the ranker presets as the Settings list names them (their codes, what review.toml holds, and the
# technical description stay in each option's value and tooltip)
PRESET_WORDS = {
    "default": "Recommended (suits most reviews)",
    "ensemble": "Three models combined (what Recommended uses today)",
    "ensemble-lite": "Two models combined (about half the computing time)",
    "elas-u4": "As ASReview orders the queue (for comparison)",
    "word": "Words only (fastest)",
    "word-prefix": "Word beginnings (earlier default)",
    "word-char": "Words and letter groups (slower; for preclinical reviews)",
}


def preset_words(name: str) -> str:
    """A ranker preset's name in words; a preset added later without words shows its code."""
    return PRESET_WORDS.get(name, name)


# the text encodings the importer reads, as a person knows them (Python's codec names in tooltips:
# 'utf-8-sig' is UTF-8 whose file starts with a byte-order mark)
ENCODING_WORDS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252 (Western)"}


def encoding_words(codec: str) -> str:
    return ENCODING_WORDS.get(codec, codec)


def format_words(fmt: str) -> str:
    """An export format's name ('RIS', 'Ovid tagged') rather than the importer's code ('ris', 'ovid')."""
    return FORMAT_NAMES.get(fmt, fmt)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def pair_status(status: str) -> str:
    return PAIR_STATUS.get(status, status)


def _alike(what: str, similarity: float) -> str:
    if similarity >= 100:
        return f"{what} identical"
    return f"{what} {similarity:.0f}% alike"


def pair_likeness(pair: dict[str, Any]) -> str:
    """How alike the pair's records are, field by field, from the matcher's evidence: 'Titles 96%
    alike · authors identical · same year · no DOI on either'. Empty when the matcher kept none
    (a pair it ruled out on the titles alone)."""
    evidence = pair.get("evidence") or {}
    parts = []
    if evidence.get("title") is not None:
        parts.append(_alike("Titles", float(evidence["title"])))
    if "authors" in evidence:
        authors = evidence["authors"]
        parts.append("authors missing on one side or both" if authors is None else _alike("authors", float(authors)))
    if "year_diff" in evidence:
        years = evidence["year_diff"]
        parts.append("a year missing" if years is None else "same year" if years == 0
                     else f"years {years} apart")
    doi = evidence.get("doi")
    if doi == "equal":
        parts.append("same DOI")
    elif doi == "conflict":
        parts.append("different DOIs")
    elif doi == "unknown":
        parts.append("DOI missing on one side or both")
    return " · ".join(parts)


def pair_score_tip(pair: dict[str, Any]) -> str:
    return (f"The matcher's score {float(pair['score']):.2f} of 100 ({TITLE_WEIGHT:.0%} title likeness, "
            f"{AUTHOR_WEIGHT:.0%} author likeness); "
            f"it merges only pairs it is certain of and queues the rest for a person.")


def stopping_method(estimate: dict[str, Any]) -> str:
    """The stopping estimate's method in words, with what 'may stop' means under it."""
    method = estimate.get("method")
    if method == "buscar":
        target, alpha = estimate.get("recall_target") or 0.95, estimate.get("alpha") or 0.05
        return (f"a statistical test: 'may stop' once it is {100 * (1 - alpha):g}% confident that at least "
                f"{100 * target:g}% of the relevant studies have been found")
    if method == "consecutive-irrelevant":
        return "a rule of thumb: 'may stop' after a long run of irrelevant studies; no statistical guarantee"
    if method == "none":
        return "no stopping rule: screen every study"
    return f"the '{method}' rule"


def stopping_method_tip(estimate: dict[str, Any]) -> str:
    """The method's code name and its note (the test and its reference), for a tooltip."""
    note = estimate.get("note") or ""
    return f"method: {estimate.get('method')}" + (f"; {note}" if note else "")


# the Exports page's formats as its Format list names them (value, words)
EXPORT_FORMATS = (("ris", "RIS (reference managers)"), ("csv", "Audit CSV (every vote)"),
                  ("asreview", "ASReview CSV (labels)"), ("bib", "BibTeX (JabRef, Zotero, LaTeX)"),
                  ("endnote-xml", "EndNote XML"))


def export_choice_problem(fmt: str | None, stage: str | None, stage_names: dict[str, str]) -> str | None:
    """What is wrong with an export address's format or stage, in the Exports page's own words (the
    export's own check speaks the command line's: '--stage … use one of: title_abstract, full_text');
    None when both are choices the page offers (or the stage is left empty)."""
    formats = dict(EXPORT_FORMATS)
    given = (fmt or "").strip().lower()
    if ALIASES.get(given, given) not in formats:          # 'RIS', 'bibtex' are still understood
        return (f"There is no export format '{fmt or ''}': choose one from the Format list "
                f"({', '.join(formats.values())}).")
    if stage and stage not in stage_names:
        return (f"There is no stage '{stage}': choose all studies, {' or '.join(stage_names.values())} "
                f"from the Stage list.")
    return None
