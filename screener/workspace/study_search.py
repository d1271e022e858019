"""Searching and filtering studies as one reviewer may see them: free text (SQLite FTS5 over titles,
abstracts, authors and keywords, see migration m013), and filters by stage, my vote, decision,
conflict, label, database, year, exclusion reason and reviewer, with counts per filter value.

Who searches what: a screener searches the studies they voted on ("my votes"); arbiters and
owners search every study. Under blind mode a screener's filters and counts see what their
screening page shows: their own votes and labels, everyone's on decided studies, never a conflict.

Speed: outcomes come from the queue's kept state (only studies with votes are looked at one by
one), labels from their kept copy, and years and databases from a per-process index rebuilt only
when study membership changes; filters are set intersections. Each facet is counted over the
studies every *other* filter selects, so a count says what choosing that value would give.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from screener.errors import PermissionDenied, UsageError
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.settings import STAGES

PAGE_SIZE = 50
DECISION_VALUES = ("include", "exclude", "undecided")
VOTE_VALUES = ("include", "exclude", "maybe", "none")
FILTER_FIELDS = ("q", "stage", "label", "decision", "vote", "conflict", "database", "year", "reason",
                 "reviewer", "page")
MAX_QUERY = 500


@dataclass
class StudyFilter:
    """A search: every field optional (``stage`` defaults to title/abstract). As a URL query it is
    ``?q=&stage=&label=&decision=&vote=&conflict=1&database=&year=&reason=&reviewer=&page=``."""

    q: str = ""
    stage: str = STAGES[0]
    label: str = ""
    decision: str = ""
    vote: str = ""
    conflict: bool = False
    database: str = ""
    year: str = ""           # "2019" or "2015-2020"
    reason: str = ""
    reviewer: str = ""
    page: int = 1

    @classmethod
    def from_mapping(cls, args, *, strict: bool = True) -> StudyFilter:
        """From a URL's arguments or a JSON object; one clear UsageError naming the field."""
        unknown = [k for k in args if k not in FILTER_FIELDS]
        if strict and unknown:
            raise UsageError(f"unknown filter {unknown[0]!r}; the filters are: {', '.join(FILTER_FIELDS)}")
        f = cls()
        for name in ("q", "label", "database", "reason", "reviewer", "year", "decision", "vote"):
            value = args.get(name)
            if value is None:
                continue
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                raise UsageError(f"filter '{name}' must be text, not {value!r}")
            setattr(f, name, str(value).strip())
        if len(f.q) > MAX_QUERY:
            raise UsageError(f"filter 'q' is {len(f.q)} characters long; keep a search under {MAX_QUERY}")
        stage = args.get("stage")
        if stage not in (None, ""):
            if stage not in STAGES:
                raise UsageError(f"filter 'stage': {stage!r} is not a stage; use one of: {', '.join(STAGES)}")
            f.stage = stage
        if f.decision and f.decision not in DECISION_VALUES:
            raise UsageError(f"filter 'decision': {f.decision!r}; use one of: {', '.join(DECISION_VALUES)}")
        if f.vote and f.vote not in VOTE_VALUES:
            raise UsageError(f"filter 'vote': {f.vote!r}; use one of: {', '.join(VOTE_VALUES)}")
        conflict = args.get("conflict")
        if conflict not in (None, "", "0", 0, False):
            if conflict not in ("1", 1, True, "true"):
                raise UsageError(f"filter 'conflict': {conflict!r}; use conflict=1 (or leave it out)")
            f.conflict = True
        if f.year and not re.fullmatch(r"\d{4}(-\d{4})?", f.year):
            raise UsageError(f"filter 'year': {f.year!r}; use a year (2019) or a range (2015-2020)")
        page = args.get("page")
        if page not in (None, ""):
            try:
                f.page = int(page)
            except (TypeError, ValueError):
                raise UsageError(f"filter 'page': {page!r} is not a page number") from None
            if not 1 <= f.page <= 1_000_000:
                raise UsageError(f"filter 'page': {f.page}; pages start at 1")
        return f

    def to_dict(self, *, with_defaults: bool = False) -> dict[str, Any]:
        """The filter's fields that are set (for a URL: a shared link gives the same search)."""
        data = asdict(self)
        if with_defaults:
            return data
        out = {k: v for k, v in data.items() if v not in ("", False, None)}
        if out.get("page") == 1:
            del out["page"]
        if data["conflict"]:
            out["conflict"] = 1
        return out

    def selects(self) -> dict[str, Any]:
        """The fields that choose studies (not the page): what a bulk action records."""
        out = self.to_dict()
        out.pop("page", None)
        out["stage"] = self.stage
        return out


# ---- the free-text part ----------------------------------------------------------------------

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """A user's search as an FTS5 query: every word must occur (in any field), "quoted words" as a
    phrase, a trailing * as a prefix. Operators and syntax characters are taken as text, so no
    input can make FTS5 raise. None when the text has no word in it."""
    parts = []
    for phrase, word in _TOKEN.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        words = _WORD.findall(word)
        if not words:
            continue
        prefix = word.endswith("*") and len(words) == 1
        if len(words) > 1:
            parts.append('"' + " ".join(words) + '"')
        else:
            parts.append(f'"{words[0]}"' + ("*" if prefix else ""))
    return " ".join(parts) if parts else None


def matching(ws, text: str) -> set[int]:
    query = fts_query(text)
    if query is None:
        return set()
    return {row[0] for row in ws.db.execute("SELECT rowid FROM study_search WHERE study_search MATCH ?", (query,))}


# ---- years and databases, kept per process ---------------------------------------------------

@dataclass
class _Biblio:
    mark: tuple = ()
    year: dict[int, int] = field(default_factory=dict)
    databases: dict[int, tuple[str, ...]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_BIBLIO: dict[tuple[str, str], _Biblio] = {}
_BIBLIO_LOCK = threading.Lock()


def _biblio(ws) -> _Biblio:
    key = (ws.key, ws.created_at)
    with _BIBLIO_LOCK:
        kept = _BIBLIO.setdefault(key, _Biblio())
    with kept.lock:
        # membership changes, and an owner relabelling an import's database, change the index
        mark = ws.db.execute("SELECT (SELECT coalesce(max(id), 0) FROM study_links),"
                             " (SELECT coalesce(max(id), 0) FROM import_metadata)").fetchone()
        mark = tuple(mark)
        if mark != kept.mark:
            from screener.workspace.imports import database_of_imports

            relabel = database_of_imports(ws)
            year: dict[int, int] = {}
            databases: dict[int, set[str]] = {}
            for sid, y, db, import_id in ws.db.execute(
                    "SELECT c.study_id, s.year, s.database, s.import_id FROM current_links c"
                    " JOIN source_records s ON s.id = c.source_record_id ORDER BY s.id"):
                if y and sid not in year:
                    year[sid] = y
                databases.setdefault(sid, set()).add(relabel.get(import_id, db) if import_id is not None else db)
            kept.year = year
            kept.databases = {sid: tuple(sorted(dbs)) for sid, dbs in databases.items()}
            kept.mark = mark
    return kept


# ---- searching -----------------------------------------------------------------------------

def _year_range(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def search_studies(ws, viewer: Reviewer | str | None, flt: StudyFilter, *,
                   page_size: int | None = None, ids_only: bool = False) -> dict[str, Any]:
    """The studies ``viewer`` may see that ``flt`` selects, one page of them, the total, and per
    facet the count of each value. ``ids_only`` also returns every selected id (bulk actions)."""
    from screener.workspace.queue_state import kept_state
    from screener.workspace.study_labels import current_labels, visible

    who = None if viewer is None else as_reviewer(ws, viewer)
    page_size = page_size or PAGE_SIZE
    stage = flt.stage
    blind = who is not None and who.role == "screener" and ws.settings.blind
    if flt.conflict and blind:
        raise PermissionDenied("under blind mode a screener is not shown which studies are in conflict; "
                               "leave out conflict=1")
    scope = "mine" if who is not None and who.role == "screener" else "all"
    biblio = _biblio(ws)
    on_labels = current_labels(ws)
    names = dict(ws.db.execute("SELECT id, name FROM reviewers").fetchall())
    ids_by_name = {n.casefold(): i for i, n in names.items()}

    with kept_state(ws) as state:
        book = state.view(who)
        queue = state.stages[stage]
        _, pool = state.pool(stage)
        if who is not None and scope == "mine":
            universe = {sid for sid, rids in queue.active.items() if who.id in rids and sid in pool}
        else:
            universe = set(pool)
        # per study, the values the viewer may see (only studies with events or labels differ from
        # the default: undecided, no votes, no labels)
        status: dict[int, str] = {}
        reasons: dict[int, str] = {}
        voters: dict[int, tuple[int, ...]] = {}
        my_vote: dict[int, str] = {}
        conflicts: set[int] = set()
        for sid in queue.status:
            if sid not in universe:
                continue
            outcome = book.outcome(sid, stage)
            status[sid] = outcome.status if outcome.status in ("include", "exclude") else "undecided"
            if outcome.status == "exclude" and outcome.reason:
                reasons[sid] = outcome.reason
            if not blind and outcome.status == "conflict":
                conflicts.add(sid)
            events = book.votes(sid, stage)
            voters[sid] = tuple(e.reviewer_id for e in events)
            if who is not None:
                mine = next((e.vote for e in events if e.reviewer_id == who.id), None)
                if mine is not None:
                    my_vote[sid] = mine
        labels: dict[int, set[str]] = {}
        shown_label: dict[str, str] = {}
        for sid, holders in on_labels.items():
            if sid not in universe:
                continue
            seen = visible(ws, who, book, sid, holders) if blind else holders
            folded = {f for f, by in seen.items() if by}
            if folded:
                labels[sid] = folded
                for f in folded:
                    shown_label.setdefault(f, next(iter(seen[f].values())))

    # ---- one set per active filter
    selected: dict[str, set[int]] = {}
    if flt.q:
        selected["q"] = matching(ws, flt.q) & universe
    if flt.label:
        f = flt.label.casefold()
        selected["label"] = {sid for sid, ls in labels.items() if f in ls}
    if flt.decision:
        if flt.decision == "undecided":
            selected["decision"] = universe - {sid for sid, s in status.items() if s != "undecided"}
        else:
            selected["decision"] = {sid for sid, s in status.items() if s == flt.decision}
    if flt.vote:
        if flt.vote == "none":
            selected["vote"] = universe - set(my_vote)
        else:
            selected["vote"] = {sid for sid, v in my_vote.items() if v == flt.vote}
    if flt.conflict:
        selected["conflict"] = set(conflicts)
    if flt.database:
        d = flt.database.casefold()
        selected["database"] = {sid for sid in universe
                                if any(x.casefold() == d for x in biblio.databases.get(sid, ()))}
    if flt.year:
        low, high = _year_range(flt.year)
        selected["year"] = {sid for sid in universe if low <= biblio.year.get(sid, -1) <= high}
    if flt.reason:
        r = flt.reason.casefold()
        selected["reason"] = {sid for sid, x in reasons.items() if x.casefold() == r}
    if flt.reviewer:
        rid = ids_by_name.get(flt.reviewer.casefold())
        selected["reviewer"] = {sid for sid, rs in voters.items() if rid in rs} if rid is not None else set()

    def base_without(facet: str | None) -> set[int]:
        sets = [s for name, s in selected.items() if name != facet]
        if not sets:
            return universe
        sets.sort(key=len)
        out = sets[0] & universe
        for s in sets[1:]:
            out &= s
        return out

    result_ids = base_without(None)

    # ---- counts per facet value, over what the other filters select
    counts: dict[str, dict[str, int]] = {}
    base = base_without("decision")
    decided = Counter(status[sid] for sid in base if sid in status and status[sid] != "undecided")
    counts["decision"] = {"include": decided["include"], "exclude": decided["exclude"],
                          "undecided": len(base) - decided["include"] - decided["exclude"]}
    if who is not None:
        base = base_without("vote")
        mine = Counter(my_vote[sid] for sid in base if sid in my_vote)
        counts["vote"] = {v: mine[v] for v in VOTE_VALUES[:3]}
        counts["vote"]["none"] = len(base) - sum(mine.values())
    if not blind:
        counts["conflict"] = {"1": len(base_without("conflict") & conflicts)}
    base = base_without("label")
    label_counts = Counter(f for sid in base if sid in labels for f in labels[sid])
    counts["label"] = {shown_label[f]: n for f, n in sorted(label_counts.items(), key=lambda kv: (-kv[1], kv[0]))}
    base = base_without("database")
    db_counts = Counter(d for sid in base for d in biblio.databases.get(sid, ()))
    counts["database"] = dict(sorted(db_counts.items(), key=lambda kv: (-kv[1], kv[0])))
    base = base_without("year")
    year_counts = Counter(biblio.year.get(sid) for sid in base)
    counts["year"] = {str(y) if y else "unknown": n for y, n in sorted(year_counts.items(), key=lambda kv: -(kv[0] or 0))}
    base = base_without("reason")
    counts["reason"] = dict(Counter(reasons[sid] for sid in base if sid in reasons).most_common())
    base = base_without("reviewer")
    rev_counts = Counter(rid for sid in base if sid in voters for rid in voters[sid])
    counts["reviewer"] = {names.get(rid, "?"): n for rid, n in sorted(rev_counts.items(), key=lambda kv: names.get(kv[0], ""))}

    ordered = sorted(result_ids)
    total = len(ordered)
    pages = max(1, -(-total // page_size))
    start = (flt.page - 1) * page_size
    page_ids = ordered[start:start + page_size]
    rows = _rows(ws, who, page_ids, stage, status, my_vote, labels, shown_label, biblio)
    answer: dict[str, Any] = {"scope": "my votes" if scope == "mine" else "all studies", "filter": flt.to_dict(),
              "stage": stage, "total": total, "page": flt.page, "pages": pages, "page_size": page_size,
              "studies": rows, "counts": counts}
    if ids_only:
        answer["ids"] = ordered
    return answer


def _rows(ws, who, page_ids, stage, status, my_vote, labels, shown_label, biblio) -> list[dict[str, Any]]:
    titles: dict[int, str] = {}
    authors: dict[int, str] = {}
    if page_ids:
        marks = ",".join("?" * len(page_ids))
        for sid, title, record in ws.db.execute(
                f"SELECT c.study_id, s.title, json_extract(s.record, '$.authors') FROM current_links c"
                f" JOIN source_records s ON s.id = c.source_record_id WHERE c.study_id IN ({marks})"
                f" ORDER BY s.id", page_ids):
            if title and sid not in titles:
                titles[sid] = title
            if record and record != "[]" and sid not in authors:
                authors[sid] = record
    hide = ws.settings.hide_authors and who is not None and who.role == "screener"

    rows = []
    for sid in page_ids:
        names = [] if hide or sid not in authors else json.loads(authors[sid])
        rows.append({"study": sid, "title": titles.get(sid, ""), "authors": names[:3] + (["et al."] if len(names) > 3 else []),
                     "year": biblio.year.get(sid), "databases": list(biblio.databases.get(sid, ())),
                     "decision": status.get(sid, "undecided"), "my_vote": my_vote.get(sid),
                     "labels": sorted((shown_label[f] for f in labels.get(sid, ())), key=str.casefold)})
    return rows
