"""What the owner reads of a duplicate pair: which fields the two records disagree on, which only
one of them gives, and what a decision did.

A field differs only when both records give it and they disagree as a reader would judge: an
abbreviated journal ('J Adv Nurs'), authors with initials ('Smith, J.') and a short page range
('201-10') agree with the full forms (the matcher's own rules, ``screener.dedup.normalize``). A field
only one record gives is no disagreement, and was shown as one: 'differs: Authors, Journal, Volume,
Issue, Pages' over a pair whose only conflict was the journal.
"""

from __future__ import annotations

from typing import Any

from screener.dedup.normalize import author_key, journal_variants, journals_compatible, normalize_pages
from screener.output import counted

DIFF_FIELDS = ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid")


def _norm(value) -> str:
    """What a reader compares: letters and digits, case and punctuation aside ('Raymond R.' = 'Raymond R')."""
    if isinstance(value, list):
        value = "; ".join(value)
    return "".join(ch for ch in str(value or "").casefold() if ch.isalnum())


def _author_key(name: str) -> tuple[str, str]:
    """('smith', 'j') for 'Smith, Jane', 'Smith, J.', 'Smith J' and 'Jane Smith': the matcher's
    surname and first initial."""
    surname, initials = author_key(name)
    return surname, initials[:1]


def _agree(field: str, a, b) -> bool:
    if field == "authors":
        return [_author_key(n) for n in a] == [_author_key(n) for n in b]
    if field == "journal":
        return journals_compatible(journal_variants(str(a)), journal_variants(str(b))) is not False
    if field == "pages":
        return normalize_pages(str(a)) == normalize_pages(str(b))
    return _norm(a) == _norm(b)


def compare_fields(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(fields both records give that disagree, fields only one of them gives)."""
    differs, lacking = [], []
    for field in DIFF_FIELDS:
        given = [bool(_norm(r.get(field))) for r in (a, b)]
        if given == [True, True]:
            if not _agree(field, a.get(field), b.get(field)):
                differs.append(field)
        elif any(given):
            lacking.append(field)
    return differs, lacking


def decision_words(pair: int, decision: str, result: dict[str, Any]) -> str:
    """What a decision did, and how to take it back (one more decision: nothing is deleted)."""
    moved = result.get("moved") or []
    study_a, study_b = result.get("study_a"), result.get("study_b")
    where = "under 'Decided by people' on the Duplicates page"
    if decision == "same":
        if not moved:
            return f"Pair {pair}: same study (they were one study already)."
        froms = sorted({m["from"] for m in moved})
        return (f"Pair {pair}: same study. Study {', '.join(map(str, froms))} joined study {moved[0]['to']} "
                f"({counted(len(moved), 'record')} moved; nothing was deleted). Changed your mind? "
                f"'Split: different studies' {where} puts them apart again.")
    if moved:
        return (f"Pair {pair}: different studies. Study {study_a} and study {study_b} are screened apart again "
                f"({counted(len(moved), 'record')} moved; nothing was deleted). 'Merge: same study' {where} "
                f"joins them again.")
    return (f"Pair {pair}: different studies. Study {study_a} and study {study_b} stay apart; 'Merge: same study' "
            f"{where} joins them if you change your mind.")
