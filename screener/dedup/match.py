"""Pair comparison: rapidfuzz similarities, vetoes for the known traps, and a verdict.

A verdict is ``same`` (certain: merged automatically), ``maybe`` (queued for a person) or
``different``. A ``different`` verdict with ``veto=True`` is a hard conflict (pages, volume, year,
conference abstract vs article, recurring title in another issue): clustering never lets a merge
put two such records in one study, even through a third record.

The rules favour precision: librarians count a lost record as far worse than a duplicate screened
twice, so anything short of certain goes to the queue.

About 600 lines, kept as one module: ``compare``, the evidence it computes once (``Facts``) and
the rules it tries in order (``RULES``) are one decision list, read and changed together; the
similarity helpers above them exist only for those rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from screener.dedup.normalize import Normalized, journals_compatible, page_number

SAME, MAYBE, DIFFERENT = "same", "maybe", "different"


@dataclass(slots=True)
class Verdict:
    label: str
    score: float                       # 0–100, for ordering the queue and merges
    reasons: list[str] = field(default_factory=list)
    veto: bool = False
    erratum: bool = False              # one side is an erratum notice of the other
    evidence: dict = field(default_factory=dict)


# a pair's score (0-100): its title likeness weighted with its author likeness (the pages explain it)
TITLE_WEIGHT, AUTHOR_WEIGHT = 0.7, 0.3

def _different(reason: str, score: float, evidence: dict, veto: bool = True) -> Verdict:
    return Verdict(DIFFERENT, score, [reason], veto=veto, evidence=evidence)


def title_similarity(a: Normalized, b: Normalized) -> float:
    ta, tb = a.title or a.title_script, b.title or b.title_script
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 100.0
    return fuzz.ratio(ta, tb)


def _subtitle_match(a: Normalized, b: Normalized) -> bool:
    """One title is the other without its subtitle (or both share the main title)."""
    ta, tb = a.title, b.title
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short.split()) < 3:
        return False
    if long_.startswith(short + " "):
        return True
    if len(short.split()) >= 4 and long_.endswith(" " + short):
        return True       # "Thrombotic microangiopathy: can liver-kidney transplantation cure aHUS?"
    ma, mb = a.main_title, b.main_title
    return len(ma.split()) >= 4 and ma == mb


def author_similarity(a: Normalized, b: Normalized) -> float | None:
    """0–100 over the authors both lists have (surnames, first initials); None if either is empty."""
    if not a.authors or not b.authors:
        return None
    k = min(len(a.authors), len(b.authors), 8)
    sa = " ".join(s for s, _ in a.authors[:k])
    sb = " ".join(s for s, _ in b.authors[:k])
    if sa == sb:
        return 100.0
    surname_score = fuzz.ratio(sa, sb)
    # one list ordered differently or truncated: compare as token sets
    surname_score = max(surname_score, fuzz.token_set_ratio(sa, sb) - 5)
    if surname_score < 90 and _names_reversed(a.authors[:k], b.authors[:k]):
        surname_score = 90.0
    if surname_score < 85 and k >= 3 and _surnames_in_names(a, b, k) >= k - k // 5:
        surname_score = 85.0
    return surname_score


def _surnames_in_names(a: Normalized, b: Normalized, k: int) -> int:
    """How many of the first k authors (position by position) have one side's surname among the
    words of the other side's name: 'Santos, A L' vs 'Luis Ferreira, Santos A', an export that put
    the given names before the comma and the surname after it."""
    na, nb = a.author_names.split("|"), b.author_names.split("|")
    hits = 0
    for i in range(min(k, len(na), len(nb))):
        (sa, _), (sb, _) = a.authors[i], b.authors[i]
        if sa == sb or len(sa) >= 3 and sa in nb[i].split() or len(sb) >= 3 and sb in na[i].split():
            hits += 1
    return hits


def _names_reversed(x: list[tuple[str, str]], y: list[tuple[str, str]]) -> bool:
    """'Carignani, Andrea' vs 'Andrea, C.': one export swapped given name and surname."""
    if not x:
        return False
    swapped = garbled = 0
    pairs = list(zip(x, y))
    for n, ((s1, i1), (s2, i2)) in enumerate(pairs):
        if s1 == s2:
            continue
        if not (i1 and i2 and s1 and s2 and s1[0] == i2[0] and s2[0] == i1[0]):
            # a swapping export also garbles compound given names ("Yusheng, Wangliang" for
            # "Wang, L."): one such name is tolerated when the first and two others are swapped
            if n == 0:
                return False
            garbled += 1
            continue
        swapped += 1
    if garbled:
        return garbled == 1 and len(pairs) >= 3 and swapped >= 2
    return swapped > 0


def first_author_match(a: Normalized, b: Normalized) -> bool | None:
    if not a.first_author or not b.first_author:
        return None
    x, y = a.first_author, b.first_author
    if x == y or x.startswith(y) or y.startswith(x):
        return True
    if len(x) >= 3 and x in b.author_names.split("|", 1)[0].split() \
            or len(y) >= 3 and y in a.author_names.split("|", 1)[0].split():
        return True       # "Santos, A L" vs "Luis Ferreira, Santos A": given names and surname swapped
    if min(len(x), len(y)) >= 4 and (x.endswith(y) or y.endswith(x)):
        return True       # "Il Cheong, H." vs "Cheong, H. I."
    if Levenshtein.distance(x, y) <= (1 if min(len(x), len(y)) <= 6 else 2):
        return True
    return False


def _shifted(a: Normalized, b: Normalized) -> bool:
    """Fields shifted one place by an export: volume empty, the volume in the issue field and the
    issue in the pages field ("v'' n26 p9" for volume 26, issue 9)."""
    for x, y in ((a, b), (b, a)):
        if not x.volume and x.issue and x.issue == y.volume and y.issue and x.first_page == y.issue \
                and not x.last_page:
            return True
    return False


def _pages_relation(a: Normalized, b: Normalized) -> str:
    """'equal', 'compatible' (one missing), or 'conflict'."""
    if not a.first_page or not b.first_page:
        if a.pages_damaged and a.pages_damaged == b.pages_damaged:
            return "equal"          # "01-Aug" on both: one range, damaged the same way by a spreadsheet
        return "compatible"
    if a.first_page == b.first_page:
        if a.last_page and b.last_page and a.last_page != b.last_page:
            na, nb = page_number(a.last_page), page_number(b.last_page)
            if na is not None and nb is not None and na != nb \
                    and page_number(a.last_page_ext or a.last_page) != page_number(b.last_page_ext or b.last_page):
                # ("742-8; discussion 748-9" vs "742-749": the discussion continues the article)
                return "conflict_end"
        return "equal"
    na, nb = page_number(a.first_page), page_number(b.first_page)
    if na is not None and na == nb:
        return "equal"          # e494 vs 494, S99 vs 99: same number, prefix dropped by one database
    for x, y in ((a, b), (b, a)):
        # "1-6" vs "e12724": one database paginates an online-only article, the other gives its number
        if x.first_page == "1" and (y.first_page.startswith("e") or len(y.first_page) >= 5):
            return "compatible"
        # ahead of print: "1-" with no volume yet, against the final pagination
        if x.first_page == "1" and not x.last_page and not x.volume:
            return "compatible"
        # "488" vs "487-488": one database gave the last page alone
        if not x.last_page and y.last_page and x.first_page == y.last_page:
            return "compatible"
        # "969-972" vs "a1754": BMJ's electronic locator beside the print pages
        if x.first_page.isdigit() and re.fullmatch(r"[a-e]\d{4,}", y.first_page):
            return "compatible"
    if a.other_first_pages and (b.first_page in a.other_first_pages or a.other_first_pages & b.other_first_pages) \
            or b.other_first_pages and a.first_page in b.other_first_pages:
        return "compatible"     # "233-238+230-235+246-251" vs "230-5, 246-51, 233-8": parts listed in another order
    if a.last_page and a.last_page == b.last_page and na and nb and na >= 10 and nb >= 10 \
            and Levenshtein.distance(str(na), str(nb)) == 1:
        return "typo"           # 2297-2108 vs 2097-2108: one digit mistyped, same last page
    return "conflict"


def _whole_range(a: Normalized, b: Normalized) -> bool:
    """Both give the same first and last page, two pages or more apart."""
    first, last = page_number(a.first_page), page_number(a.last_page)
    return bool(a.last_page) and a.first_page == b.first_page and page_number(b.last_page) == last \
        and first is not None and last is not None and last > first


def _abstract_length(x: Normalized) -> bool:
    """One or two pages: the length of a congress abstract."""
    first, last = page_number(x.first_page), page_number(x.last_page)
    return first is not None and (last is None or 0 <= last - first <= 1)


def _adjacent(a: Normalized, b: Normalized) -> bool:
    """One range ends where the other begins (or one page before): consecutive items of an issue."""
    for x, y in ((a, b), (b, a)):
        end, start = page_number(x.last_page or x.first_page), page_number(y.first_page)
        if end is not None and start is not None and 0 <= start - end <= 1:
            return True
    return False


def compare(a: Normalized, b: Normalized) -> Verdict:
    """The verdict on one pair: the first rule of ``RULES`` that decides, in order.

    The order is the rule: the vetoes (the known traps) come before the evidence for the same
    record (a veto must come before the DOI that would otherwise merge). Every rule reads the
    evidence computed once (``Facts``) and returns a verdict or None (not its case). Every branch is
    pinned by tests/dedup/test_dedup_match.py and the labelled corpora (benchmarks/dedup.py).
    """
    t = title_similarity(a, b)
    dy = abs(a.year - b.year) if a.year and b.year else None
    shifted = _shifted(a, b)
    pages = "compatible" if shifted else _pages_relation(a, b)
    volume_conflict = bool(a.volume and b.volume and a.volume != b.volume
                           # "1" vs "61" with issue "10 SUPPL. 1": one export put the supplement in volume
                           and a.volume not in b.issue_numbers and b.volume not in a.issue_numbers)
    # issue numbers above 60 are record numbers in some exports, not issues
    issue_conflict = bool(a.issue and b.issue and a.issue != b.issue and a.issue.isdigit() and b.issue.isdigit()
                          and int(a.issue) <= 60 and int(b.issue) <= 60 and not shifted)
    if t < 60 and a.erratum == b.erratum and not (a.doi and a.doi == b.doi) and not (a.pmid and a.pmid == b.pmid) \
            and not (pages == "equal" and a.volume and a.volume == b.volume) and not _subtitle_match(a, b):
        # most blocked pairs: different titles and nothing to outweigh them. Only the hard
        # conflicts are worked out (clustering needs the vetoes); no author or journal comparison.
        veto = pages == "conflict" or volume_conflict or issue_conflict or (dy is not None and dy > 1)
        return Verdict(DIFFERENT, TITLE_WEIGHT * t, ["titles differ"], veto=veto)
    f = _facts(a, b, t, dy, pages, volume_conflict, issue_conflict)
    if a.erratum != b.erratum:
        return _compare_erratum(a, b, t, f.fa, dy, f.journal, f.score, f.evidence)
    for rule in RULES:
        verdict = rule(f)
        if verdict is not None:
            return verdict
    raise AssertionError("the last rule always decides")   # pragma: no cover


@dataclass(slots=True)
class Facts:
    """The evidence on a pair that got past the quick 'titles differ' exit, computed once."""

    a: Normalized
    b: Normalized
    t: float                           # title similarity
    dy: int | None                     # years apart
    pages: str                         # _pages_relation (or "compatible" when fields are shifted)
    volume_conflict: bool
    issue_conflict: bool
    au: float | None                   # author similarity (None: not comparable)
    fa: bool | None                    # first authors match
    doi_equal: bool
    doi_conflict: bool
    pmid_equal: bool
    pmid_conflict: bool
    journal: bool | None               # journals compatible (None: unknown)
    authors_ok: bool
    score: float
    evidence: dict
    n_authors: int                     # the shorter author list's length
    twin: bool                         # same long title, same people, a year at most apart
    strong_detail: bool                # same volume and pages

    def verdict(self, label: str, reason: str, score: float | None = None, veto: bool = False) -> Verdict:
        return Verdict(label, self.score if score is None else score, [reason], veto=veto, evidence=self.evidence)

    def different(self, reason: str, veto: bool = True) -> Verdict:
        return _different(reason, self.score, self.evidence, veto=veto)


def _facts(a: Normalized, b: Normalized, t: float, dy: int | None, pages: str, volume_conflict: bool,
           issue_conflict: bool) -> Facts:
    if a.collective or b.collective:        # "ALTS Group" vs "Solomon, D": authors cannot be compared
        au, fa = None, None
    else:
        au = author_similarity(a, b)
        fa = first_author_match(a, b)
    doi_equal = bool(a.doi and a.doi == b.doi)
    doi_conflict = bool(a.doi and b.doi and a.doi != b.doi)
    journal = journals_compatible(a.journals, b.journals)
    if journal is None and a.venues and b.venues and journals_compatible(a.venues, b.venues):
        journal = True          # same conference; different names prove nothing ("AMCIS 2017 Proceedings")
    authors_ok = au is None and fa is not False or au is not None and au >= 75 and (fa is not False or au >= 80)
    evidence = {"title": round(t, 1), "authors": None if au is None else round(au, 1), "year_diff": dy,
                "pages": pages, "volume": "conflict" if volume_conflict else
                ("equal" if a.volume and a.volume == b.volume else "unknown"),
                "journal": {True: "compatible", False: "different", None: "unknown"}[journal],
                "doi": "equal" if doi_equal else ("conflict" if doi_conflict else "unknown")}
    n_authors = min(len(a.authors), len(b.authors))
    # same long-enough title and the same people: queued rather than vetoed when other details
    # conflict (a reprint a year later, an abstract and its article)
    twin = t >= 98 and au is not None and au >= 95 and bool(fa) and dy is not None and dy <= 1 \
        and n_authors >= 2 and not a.generic_title and not b.generic_title
    return Facts(a, b, t, dy, pages, volume_conflict, issue_conflict, au, fa, doi_equal, doi_conflict,
                 pmid_equal=bool(a.pmid and a.pmid == b.pmid), pmid_conflict=bool(a.pmid and b.pmid and a.pmid != b.pmid),
                 journal=journal, authors_ok=authors_ok,
                 score=TITLE_WEIGHT * t + AUTHOR_WEIGHT * (au if au is not None else 70.0),
                 evidence=evidence, n_authors=n_authors, twin=twin,
                 strong_detail=pages == "equal" and bool(a.volume) and a.volume == b.volume)


# ---- identifiers and erratum pointers -------------------------------------------------------------

def _erratum_pointer(f: Facts) -> Verdict | None:
    """"[Erratum appears in Am J Transplant. 2009 Sep;9(9):2205]": the record at that volume and page
    is the notice, even when its own title does not say so."""
    a, b = f.a, f.b
    if not a.erratum and f.t >= 90 and f.fa is not False and not f.doi_equal:
        for x, y, side in ((a, b, "b"), (b, a, "a")):
            if x.erratum_at and y.volume and y.first_page and x.erratum_at[0] == y.volume \
                    and page_number(x.erratum_at[1]) == page_number(y.first_page):
                return Verdict(SAME, f.score, ["erratum notice of this article (its pointer names the page)"],
                               erratum=True, evidence=dict(f.evidence, erratum_reference=True, notice=side))
    return None


def _same_pmid(f: Facts) -> Verdict | None:
    if f.pmid_equal and (f.t >= 70 or not f.a.title or not f.b.title):
        return f.verdict(SAME, "same PMID", max(f.score, 99.0))
    return None


# ---- vetoes: the known traps ----------------------------------------------------------------------

def _thesis(f: Facts) -> Verdict | None:
    """A thesis ("Ph.D.", "215 p") and its Dissertation Abstracts entry (volume 73, page 1524), a year
    apart: one work, but the labelled sets disagree, so a person decides."""
    a, b = f.a, f.b
    if a.thesis and b.thesis and (f.pages == "conflict" or f.volume_conflict or f.dy) and not f.doi_equal:
        if f.t >= 95 and f.fa and f.au is not None and f.au >= 90 and f.dy is not None and f.dy <= 1:
            return f.verdict(MAYBE, "a thesis and its Dissertation Abstracts entry", veto=True)
        return f.different("another thesis record")
    return None


def _multiple_letters(f: Facts) -> Verdict | None:
    """One record for a letter and its replies, against one of the items it covers: a reply by other
    authors is another publication, so a person decides."""
    a, b = f.a, f.b
    if a.letters != b.letters and f.pages != "equal" and f.t >= 90 and a.volume and a.volume == b.volume \
            and not f.doi_equal:
        letters, item = (a, b) if a.letters else (b, a)
        start, end = page_number(letters.first_page), page_number(letters.last_page or letters.first_page)
        first = page_number(item.first_page)
        if start is not None and end is not None and first is not None and start < first <= end:
            return f.verdict(MAYBE, "one record covers several letters (\"multiple letters\"); the other is one of them")
    return None


def _conference_vs_article(f: Facts) -> Verdict | None:
    if f.a.conference != f.b.conference and f.journal is not True and not f.doi_equal \
            and (f.pages != "equal" or f.volume_conflict):
        if f.twin:
            # one abstract printed in two journals' congress supplements, or an abstract and its
            # article: the same title and authors in one year. Never merged automatically.
            return f.verdict(MAYBE, "same title and authors: abstract vs article, or one abstract in two supplements",
                             veto=True)
        return f.different("conference abstract vs journal article")
    return None


def _printed_twice(f: Facts) -> Verdict | None:
    """One abstract printed twice in one issue (e8-e9 and e3): a long title, three or more authors,
    journal, year, volume and issue agree; pieces printed back to back (453-456, 457-459) are a
    series, not a reprint."""
    a, b = f.a, f.b
    if f.pages == "conflict" and f.twin and f.dy == 0 and not f.doi_conflict and f.n_authors >= 3 \
            and f.journal is True and a.volume and a.volume == b.volume and a.issue_text == b.issue_text \
            and len(a.title.split()) >= 10 and not _adjacent(a, b):
        return f.verdict(SAME, "same title, authors, journal, volume and issue; printed twice")
    return None


def _page_conflict(f: Facts) -> Verdict | None:
    a, b = f.a, f.b
    if f.pages != "conflict":
        return None
    if f.doi_equal and f.t >= 95 and f.authors_ok and f.fa and not f.volume_conflict:
        return f.verdict(SAME, "same DOI, title and authors; pagination differs", max(f.score, 98.0))
    if f.doi_equal and f.t >= 90:
        return f.verdict(MAYBE, "same DOI but different first pages")
    if f.twin and (f.journal is not False or _abstract_length(a) or _abstract_length(b)):
        # (a joint guideline printed in full in three journals is three records: not queued)
        return f.verdict(MAYBE, "same title and authors on different pages (an abstract and its article, or a "
                                "reprint)", veto=True)
    if f.t >= 98 and f.fa and f.au is not None and f.au >= 70 and f.dy is not None and f.dy <= 1 \
            and f.journal is True and (_abstract_length(a) or _abstract_length(b)) \
            and not a.generic_title and not b.generic_title:
        # a one- or two-page item with the article's title and first author in the same journal: its
        # congress abstract (the labelled sets call some of these one study, others two) or an
        # unflagged correction notice; a person decides, and no chain joins them meanwhile
        return f.verdict(MAYBE, "same title and first author in one journal, one side a page or two (an abstract "
                                "and its article, or a correction notice)", veto=True)
    return f.different("different first pages")


def _volume_conflict(f: Facts) -> Verdict | None:
    a, b = f.a, f.b
    if not f.volume_conflict:
        return None
    if f.doi_equal and f.t >= 95 and f.authors_ok and f.fa and f.pages == "equal" and a.last_page \
            and a.last_page == b.last_page:
        return f.verdict(SAME, "same DOI, title, authors and pages; one volume mistyped", max(f.score, 98.0))
    if f.doi_equal and f.t >= 90:
        return f.verdict(MAYBE, "same DOI but different volumes")
    if f.twin:
        return f.verdict(MAYBE, "same title and authors in different volumes", veto=True)
    return f.different("different volumes")


def _recurring_title(f: Facts) -> Verdict | None:
    """A generic title ("Editorial", "Correspondence") recurs issue after issue."""
    a, b = f.a, f.b
    if not (a.generic_title or b.generic_title):
        return None
    if f.issue_conflict or (f.dy is not None and f.dy > 0) or f.pages == "conflict_end":
        return f.different("recurring title in another issue")
    if not (f.doi_equal or f.pmid_equal or (f.pages == "equal" and a.volume and a.volume == b.volume)):
        if f.t >= 95 and f.authors_ok and f.fa:
            return f.verdict(MAYBE, "recurring title; not enough to tell issues apart")
        return f.different("recurring title without issue details", veto=False)
    return None


def _years_apart(f: Facts) -> Verdict | None:
    if f.dy is not None and f.dy > 1:
        if (f.t >= 90 and f.authors_ok) or f.doi_equal:
            return f.verdict(MAYBE, f"years differ by {f.dy}")
        return f.different(f"years differ by {f.dy}")
    return None


def _pmid_conflict(f: Facts) -> Verdict | None:
    if f.pmid_conflict and not f.doi_equal:
        if f.t >= 95 and f.authors_ok:
            return f.verdict(MAYBE, "different PMIDs")
        return f.different("different PMIDs", veto=False)
    return None


# ---- evidence for the same record -----------------------------------------------------------------

def _same_doi(f: Facts) -> Verdict | None:
    if f.doi_equal:
        if f.t >= 80 or (f.t >= 50 and f.fa) or not f.a.title or not f.b.title:
            return f.verdict(SAME, "same DOI", max(f.score, 98.0))
        return f.verdict(MAYBE, "same DOI but different titles")
    return None


def _page_typo(f: Facts) -> Verdict | None:
    a, b = f.a, f.b
    if f.pages != "typo":
        return None
    if ((f.t >= 95 or f.t >= 90 and _subtitle_match(a, b)) and f.au is not None and f.au >= 90
            and a.volume and a.volume == b.volume and f.dy == 0):
        return f.verdict(SAME, "same title, authors and volume; first page mistyped")
    return f.verdict(MAYBE, "first pages differ by one digit")


def _last_page_differs(f: Facts) -> Verdict | None:
    a, b = f.a, f.b
    if f.pages == "conflict_end" and f.t >= 95 and f.au is not None and f.au >= 90 and f.dy == 0 and \
            (a.volume and a.volume == b.volume or f.t >= 98 and f.au >= 95 and f.journal is not False):
        return f.verdict(SAME, "same title, authors, volume and first page")
    return None


def _issue_conflict(f: Facts) -> Verdict | None:
    if f.issue_conflict and f.pages != "equal":
        if f.t >= 90 and f.authors_ok:
            return f.verdict(MAYBE, "different issues")
        return f.different("different issues")
    return None


def _same_title(f: Facts) -> Verdict | None:
    """Titles 95 or more alike: the other fields decide between same, maybe and different."""
    a, b, t, au, dy, journal, strong_detail = f.a, f.b, f.t, f.au, f.dy, f.journal, f.strong_detail
    if t < 95:
        return None
    if f.doi_conflict:
        if t >= 98 and f.authors_ok and f.fa and strong_detail and dy == 0:
            return f.verdict(SAME, "same title, authors, volume and pages; DOIs differ")
        if f.twin and f.n_authors >= 4 and f.pages == "equal" and a.first_page and journal is True:
            # one export gave the DOI of a sister journal's abstract (regpep vs appet): four or
            # more authors, journal, year and first page all agree
            return f.verdict(SAME, "same title, authors, journal, year and first page; DOIs differ")
        return f.verdict(MAYBE, "DOIs differ")
    if t >= 98 and strong_detail and dy == 0 and journal is True and f.fa:
        return f.verdict(SAME, "same title, first author, journal, year, volume and pages")
    if t >= 98 and au is not None and au >= 95 and dy == 0 and a.volume and a.volume == b.volume \
            and a.issue and a.issue == b.issue and f.pages != "conflict_end":
        # a journal known under two names (romanised and translated): everything else agrees
        return f.verdict(SAME, "same title, authors, year, volume and issue")
    if not f.authors_ok:
        if strong_detail and dy == 0 and au is not None and au >= 70 and journal is not False:
            return f.verdict(SAME, "same title, volume and pages; author names written differently")
        if f.pages == "equal" and (au is not None and au >= 50):
            return f.verdict(MAYBE, "same title, authors differ")
        return f.different("authors differ", veto=False) if au is not None and au < 50 \
            else f.verdict(MAYBE, "same title, authors differ")
    if journal is False and not strong_detail:
        return f.verdict(MAYBE, "same title in different journals")
    if f.pages == "conflict_end" and not strong_detail:
        return f.verdict(MAYBE, "last pages differ")
    both_authors = au is not None
    if not both_authors and t >= 98 and dy == 0 and journal is True and a.volume and a.volume == b.volume \
            and (a.issue_text and a.issue_text == b.issue_text or f.pages == "equal" and a.first_page):
        return f.verdict(SAME, "same title, journal, year and volume; authors missing on one side")
    if not both_authors and not (strong_detail or f.pages == "equal" and journal):
        return f.verdict(MAYBE, "same title, no authors to compare")
    if dy == 1 and not (f.pages == "equal" or a.volume and a.volume == b.volume):
        # epub vs print is common, but so are yearly reports with one title
        if au is not None and au >= 90 and journal is True:
            return f.verdict(SAME, "same title and authors; epub vs print year")
        return f.verdict(MAYBE, "years differ by 1")
    if len(a.title.split()) <= 4 and not strong_detail and not (au is not None and au >= 90 and dy == 0):
        return f.verdict(MAYBE, "short title")
    return f.verdict(SAME, "same title and authors")


def _similar_title(f: Facts) -> Verdict | None:
    """Titles 85 to 95 alike, or one the other with a subtitle."""
    a, b, au, dy = f.a, f.b, f.au, f.dy
    subtitle = _subtitle_match(a, b)
    if not (f.t >= 85 or subtitle):
        return None
    if f.authors_ok and f.fa and au is not None and au >= 90 and dy == 0 and f.strong_detail \
            and a.last_page and a.last_page == b.last_page and not f.doi_conflict:
        # journal names disagree only in form ("Jthoraccardiovascsurg"): volume, both pages,
        # year and authors agree
        return f.verdict(SAME, "similar title; same authors, year, volume and page range")
    if f.authors_ok and f.fa and au is not None and au >= 85 and dy is not None and dy <= 1 \
            and not f.doi_conflict and f.journal is not False:
        if f.strong_detail or (f.pages == "equal" and a.first_page and dy == 0):
            return f.verdict(SAME, "near-identical title, same authors and pages")
        if f.t >= 90 and dy == 0 and f.journal is True and f.pages != "conflict_end":
            return f.verdict(SAME, "near-identical title, same authors and journal")
    if f.authors_ok or f.pages == "equal":
        return f.verdict(MAYBE, "similar titles" if not subtitle else "subtitle differs")
    return f.different("authors differ", veto=False)


def _different_titles(f: Facts) -> Verdict:
    """Titles differ (translation, original-language title, encoding damage): the same record only
    when every other field agrees, and never on one author alone."""
    a, b, t, dy = f.a, f.b, f.t, f.dy
    translated = a.translated or b.translated
    # a translated record often carries its journal's name in another form ("Csl. Psychiat" /
    # "Cesk Psychiatr"): with a whole page range and two authors agreeing, the name may differ
    journal_ok = f.journal is not False or translated and bool(a.last_page) and a.last_page == b.last_page \
        and min(len(a.authors), len(b.authors)) >= 2
    if translated and f.fa is None and t >= 70 and f.strong_detail and dy == 0 and f.journal is True \
            and not f.doi_conflict and not f.pmid_conflict and not f.issue_conflict and _whole_range(a, b) \
            and not a.generic_title and not b.generic_title:
        # a translated title against the original-language one, authors on one side only: journal,
        # year, volume and a whole page range (two pages or more) agree, which two papers never do
        return f.verdict(SAME, "translated title: same journal, year, volume and page range; authors missing on "
                               "one side")
    if f.strong_detail and f.fa and dy == 0 and journal_ok and not f.doi_conflict and a.title and b.title:
        if f.au is not None and f.au >= 90 and (min(len(a.authors), len(b.authors)) >= 2 or translated) \
                and (a.last_page and a.last_page == b.last_page
                     or translated and t >= 50 and not (a.last_page and b.last_page)) \
                and (t >= 70 or translated):
            return f.verdict(SAME, "translated title: same authors, year, volume and pages")
        return f.verdict(MAYBE, "titles differ; same authors, volume and pages")
    if t >= 70 and f.authors_ok and f.fa and (f.pages == "equal" or dy == 0):
        return f.verdict(MAYBE, "similar titles")
    return f.different("titles differ", veto=False)


# The decision list, in order: the first rule that returns a verdict decides.
RULES = (
    _erratum_pointer, _same_pmid,
    _thesis, _multiple_letters, _conference_vs_article, _printed_twice, _page_conflict, _volume_conflict,
    _recurring_title, _years_apart, _pmid_conflict,
    _same_doi, _page_typo, _last_page_differs, _issue_conflict, _same_title, _similar_title, _different_titles,
)


def _compare_erratum(a: Normalized, b: Normalized, t: float, fa: bool | None, dy: int | None,
                     journal: bool | None, score: float, evidence: dict) -> Verdict:
    """An erratum notice against a record that is not one: joins its article's study."""
    notice, article = (a, b) if a.erratum else (b, a)
    tn, ta = notice.title, article.title
    if not tn or not ta:
        return _different("erratum notice without a title", score, evidence, veto=False)
    partial = fuzz.partial_ratio(tn, ta) if min(len(tn), len(ta)) >= 30 else t
    title_ok = max(t, partial) >= 90
    consistent = None
    if notice.erratum_ref and article.volume and article.first_page:
        consistent = notice.erratum_ref[0] == article.volume and \
            page_number(notice.erratum_ref[1]) == page_number(article.first_page)
    if article.erratum_at and notice.volume and notice.first_page:
        at = article.erratum_at[0] == notice.volume and \
            page_number(article.erratum_at[1]) == page_number(notice.first_page)
        consistent = at if consistent is None else (consistent or at)
    if notice.erratum_doi and article.doi and notice.erratum_doi != notice.doi:
        consistent = notice.erratum_doi == article.doi   # a cited DOI outweighs a volume/page reading
    evidence = dict(evidence, erratum_reference=consistent)
    # a notice names the author who asked for the correction, often not the first author: when it
    # cites the article's volume and first page, that citation outweighs the author list
    if not title_ok or (fa is False and not consistent) or (dy is not None and dy > 1):
        return _different("erratum notice of another article", score, evidence, veto=False)
    if consistent is False:
        return _different("erratum notice points to another volume or page", score, evidence)
    if consistent or (journal is not False and t >= 95 and fa):
        return Verdict(SAME, score, ["erratum notice of this article"], erratum=True, evidence=evidence)
    return Verdict(MAYBE, score, ["possibly an erratum notice of this article"], erratum=True,
                   evidence=evidence)
