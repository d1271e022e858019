"""Searching and filtering studies as one reviewer may see them: free text (SQLite FTS5 over titles,
abstracts, authors and keywords of each source record, see migration m021: a study matches when
every word is in one of its current records), and filters by stage, my vote, decision,
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

import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from screener.errors import PermissionDenied, UsageError
from screener.workspace.imports import database_of_imports
from screener.workspace.queue_state import kept_state
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.settings import STAGES
from screener.workspace.stages import check_stage
from screener.workspace.study_labels import current_labels
from screener.workspace.study_rows import study_rows

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

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
            f.stage = check_stage(stage, "filter 'stage':")
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


def fts_terms(text: str) -> list[str]:
    """A user's search as FTS5 terms, each of which must occur (in any field): "quoted words" as a
    phrase, a trailing * as a prefix. Operators and syntax characters are taken as text, so no
    input can make FTS5 raise. Empty when the text has no word in it."""
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
    return parts


def fts_query(text: str) -> str | None:
    """The terms of ``fts_terms`` as one FTS5 query (all of them in one record); None: no word."""
    parts = fts_terms(text)
    return " ".join(parts) if parts else None


def matching(ws: Workspace, text: str) -> set[int]:
    """The studies with every word of ``text`` in one of their current source records."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it

    biblio = _biblio(ws)
    return {int(i) for i in np.flatnonzero(_studies_matching(ws, fts_terms(text), biblio))}


def _studies_matching(ws: Workspace, terms: list[str], biblio: _Biblio):
    """A mask over study ids: the studies that have each term in one of their current records (the
    index is per source record, m021; a study's records may share the words between them, as when
    the index was per study). One FTS5 query per term, the matches as one string from SQLite
    instead of a Python row each: 90,000 matches in a few ms."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it

    size = biblio.size
    mask = np.zeros(size, dtype=bool)
    for number, term in enumerate(dict.fromkeys(terms)):
        joined = ws.db.execute("SELECT group_concat(rowid) FROM record_search WHERE record_search MATCH ?",
                               (term,)).fetchone()[0]
        found = np.zeros(size, dtype=bool)
        if joined:
            ids = np.fromstring(joined, dtype=np.int64, sep=",")
            studies = biblio.record_study[ids[ids < len(biblio.record_study)]]   # newer records: not yet
            found[studies[(studies > 0) & (studies < size)]] = True             # 0: withdrawn
        mask = found if number == 0 else mask & found
        if not mask.any():
            break
    return mask


# ---- what every search reads, kept per process as arrays indexed by study id ------------------
#
# Filters are boolean masks over study ids and facet counts are bincounts: at 100,000 studies a
# search is a few vectorised passes instead of Python loops over every study. Three parts are kept,
# each rebuilt only when what it derives from changes: the bibliographic part (years, databases)
# when study membership or an import's database changes; the screening part (outcomes, voters,
# reasons) when the queue's kept state moves (a vote, a resolution); the labels when a label row is
# written. A screener's own votes are read per request (only the studies they voted on).

STATUS_CODES = {"include": 1, "exclude": 2, "conflict": 3}     # everything else: 0 (undecided)
VOTE_CODES = {"include": 1, "exclude": 2, "maybe": 3}


@dataclass
class _Biblio:
    mark: tuple = ()
    size: int = 1
    year: Any = None            # int32 array, 0 = unknown
    db_study: Any = None        # (study, database code) pairs
    db_code: Any = None
    db_names: list[str] = field(default_factory=list)
    record_study: Any = None    # int64 array: each source record's current study, 0 = none (withdrawn)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class _Screening:
    key: tuple = ()
    pool: Any = None            # bool mask: studies at the stage
    status: Any = None          # int8: STATUS_CODES
    reason: Any = None          # int16: index into reasons + 1 (decided excludes)
    reasons: list[str] = field(default_factory=list)
    voter_study: Any = None     # (study, reviewer id) pairs of current votes
    voter_id: Any = None


@dataclass
class _Labels:
    mark: int = -1
    study: Any = None           # (study, label code, reviewer id) triples of labels on
    code: Any = None
    rid: Any = None
    names: list[str] = field(default_factory=list)


_KEPT: dict[tuple, dict[str, Any]] = {}
_KEPT_LOCK = threading.Lock()


def _kept(ws: Workspace) -> dict[str, Any]:
    key = (ws.key, ws.created_at)
    with _KEPT_LOCK:
        return _KEPT.setdefault(key, {"biblio": _Biblio(), "screening": {}, "labels": _Labels(),
                                      "lock": threading.Lock()})


def _biblio(ws: Workspace) -> _Biblio:
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it

    kept = _kept(ws)["biblio"]
    with kept.lock:
        # membership changes, and an owner relabelling an import's database, change the index
        mark = tuple(ws.db.execute("SELECT (SELECT coalesce(max(id), 0) FROM study_links),"
                                   " (SELECT coalesce(max(id), 0) FROM import_metadata)").fetchone())
        if mark != kept.mark:
            relabel = database_of_imports(ws)
            size = (ws.db.execute("SELECT coalesce(max(id), 0) FROM studies").fetchone()[0] or 0) + 1
            year = np.zeros(size, dtype=np.int32)
            records = (ws.db.execute("SELECT coalesce(max(id), 0) FROM source_records").fetchone()[0] or 0) + 1
            record_study = np.zeros(records, dtype=np.int64)
            pairs: set[tuple[int, str]] = set()
            for rid, sid, y, db, import_id in ws.db.execute(
                    "SELECT s.id, c.study_id, s.year, s.database, s.import_id FROM current_links c"
                    " JOIN source_records s ON s.id = c.source_record_id ORDER BY s.id DESC"):
                if rid < records:
                    record_study[rid] = sid
                if y:
                    year[sid] = y          # read newest first: the oldest record's year wins
                pairs.add((sid, relabel.get(import_id, db) if import_id is not None else db))
            names = sorted({db for _, db in pairs})
            code = {name: i for i, name in enumerate(names)}
            ordered = sorted(pairs)
            kept.db_study = np.fromiter((sid for sid, _ in ordered), dtype=np.int64, count=len(ordered))
            kept.db_code = np.fromiter((code[db] for _, db in ordered), dtype=np.int32, count=len(ordered))
            kept.db_names, kept.year, kept.size, kept.mark = names, year, size, mark
            kept.record_study = record_study
    return kept


def _screening(ws: Workspace, state, book, stage: str, size: int) -> _Screening:
    """The owner's view of one stage's outcomes as arrays (masked per viewer by the caller)."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it

    kept = _kept(ws)
    key = (state.version, id(state), stage, size)
    with kept["lock"]:
        cached = kept["screening"].get(stage)
        if cached is not None and cached.key == key:
            return cached
    queue = state.stages[stage]
    sorted_pool, _ = state.pool(stage)
    pool = np.zeros(size, dtype=bool)
    ids = np.fromiter(sorted_pool, dtype=np.int64, count=len(sorted_pool))
    pool[ids[ids < size]] = True
    status = np.zeros(size, dtype=np.int8)
    reason = np.zeros(size, dtype=np.int16)
    reasons: list[str] = []
    reason_code: dict[str, int] = {}
    vs: list[int] = []
    vr: list[int] = []
    for sid, value in queue.status.items():
        if sid >= size:
            continue
        code = STATUS_CODES.get(value, 0)
        status[sid] = code
        if code == 2:
            text = book.unmasked_outcome(sid, stage).reason
            if text:
                if text not in reason_code:
                    reason_code[text] = len(reasons) + 1
                    reasons.append(text)
                reason[sid] = reason_code[text]
        for rid in queue.active.get(sid, ()):
            vs.append(sid)
            vr.append(rid)
    result = _Screening(key, pool, status, reason, reasons, np.array(vs, dtype=np.int64), np.array(vr, dtype=np.int64))
    with kept["lock"]:
        kept["screening"][stage] = result
    return result


def _my_votes(ws: Workspace, state, stage: str, who: Reviewer | None, size: int):
    """The viewer's own current vote per study (VOTE_CODES; 0: none), kept until the next vote."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it

    my_vote = np.zeros(size, dtype=np.int8)
    if who is None:
        return my_vote
    kept = _kept(ws)
    key = ("mine", state.version, id(state), stage, who.id, size)
    with kept["lock"]:
        cached = kept["screening"].get(key[:1] + (stage, who.id))
        if cached is not None and cached[0] == key:
            return _with_requests(state, stage, who, cached[1])
    queue, book = state.stages[stage], state.view(None)
    for sid, voters in queue.active.items():
        if sid < size and who.id in voters:
            own = book.unmasked_votes(sid, stage).get(who.id)     # their own vote: always theirs to see
            if own is not None:
                my_vote[sid] = VOTE_CODES.get(own.vote, 0)
    my_vote.flags.writeable = False
    with kept["lock"]:
        kept["screening"][key[:1] + (stage, who.id)] = (key, my_vote)
    return _with_requests(state, stage, who, my_vote)


def _with_requests(state, stage: str, who: Reviewer, my_vote):
    """Under blind mode a screener's pending change request is their vote as they see it (issue 21;
    ``VoteBook.own_requests``): applied over the kept votes, which a request does not change."""
    book = state.view(who)
    requests = book.own_requests()
    if not requests:
        return my_vote
    mine = my_vote.copy()
    for (sid, st), asked in requests.items():
        if st == stage and sid < len(mine) and not book.unmasked_outcome(sid, stage).decided:
            mine[sid] = 0 if asked.vote == "retract" else VOTE_CODES.get(asked.vote, 0)
    mine.flags.writeable = False
    return mine


def _labels(ws: Workspace, size: int) -> _Labels:
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it


    kept = _kept(ws)
    mark = ws.db.execute("SELECT coalesce(max(id), 0) FROM study_labels").fetchone()[0]
    with kept["lock"]:
        cached = kept["labels"]
        if cached.mark == mark and cached.study is not None and (len(cached.study) == 0 or cached.study.max() < size):
            return cached
    on = current_labels(ws)
    names: list[str] = []
    codes: dict[str, int] = {}
    st: list[int] = []
    cd: list[int] = []
    rd: list[int] = []
    for sid, holders in on.items():
        if sid >= size:
            continue
        for folded, by in holders.items():
            if folded not in codes:
                codes[folded] = len(names)
                names.append(next(iter(by.values())))
            for rid in by:
                st.append(sid)
                cd.append(codes[folded])
                rd.append(rid)
    result = _Labels(mark, np.array(st, dtype=np.int64), np.array(cd, dtype=np.int32), np.array(rd, dtype=np.int64), names)
    with kept["lock"]:
        kept["labels"] = result
    return result


_FTS_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_FTS_CACHE_SIZE = 32


def _fts_mask(ws: Workspace, text: str, biblio: _Biblio):
    """The studies matching ``text``, as a mask; the last few searches are kept (paging and
    clicking facets repeat the same text), until study membership changes."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it

    query = fts_query(text)
    size = biblio.size
    key = (ws.key, ws.created_at, biblio.mark, size, query)
    with _KEPT_LOCK:
        if key in _FTS_CACHE:
            _FTS_CACHE.move_to_end(key)
            return _FTS_CACHE[key]
    if query is None:
        return np.zeros(size, dtype=bool)
    mask = _studies_matching(ws, fts_terms(text), biblio)
    mask.flags.writeable = False          # shared by later searches: never changed in place
    with _KEPT_LOCK:
        _FTS_CACHE[key] = mask
        while len(_FTS_CACHE) > _FTS_CACHE_SIZE:
            _FTS_CACHE.popitem(last=False)
    return mask


# ---- searching -----------------------------------------------------------------------------

def _year_range(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def search_studies(ws: Workspace, viewer: Reviewer | str | None, flt: StudyFilter, *,
                   page_size: int | None = None, ids_only: bool = False) -> dict[str, Any]:
    """The studies ``viewer`` may see that ``flt`` selects, one page of them, the total, and per
    facet the count of each value. ``ids_only`` also returns every selected id (bulk actions)."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the web app loads this module at start; only a search needs it


    who = None if viewer is None else as_reviewer(ws, viewer)
    page_size = page_size or PAGE_SIZE
    stage = flt.stage
    blind = who is not None and who.role == "screener" and ws.settings.blind
    if flt.conflict and blind:
        raise PermissionDenied("under blind mode a screener is not shown which studies are in conflict; "
                               "leave out conflict=1")
    scope = "mine" if who is not None and who.role == "screener" else "all"
    biblio = _biblio(ws)
    size = biblio.size
    labels = _labels(ws, size)
    names = dict(ws.db.execute("SELECT id, name FROM reviewers").fetchall())
    ids_by_name = {n.casefold(): i for i, n in names.items()}

    with kept_state(ws) as state:
        screening = _screening(ws, state, state.view(None), stage, size)
        # labels are blind until the study's screening is decided (study_labels.screening_decided):
        # at title/abstract, and at full text too when it was included there
        if blind:
            ta = _screening(ws, state, state.view(None), STAGES[0], size).status
            ft = _screening(ws, state, state.view(None), STAGES[1], size).status
        my_vote = _my_votes(ws, state, stage, who, size)

    status = screening.status
    decided = (status == 1) | (status == 2)
    universe = screening.pool & (my_vote > 0) if scope == "mine" else screening.pool
    seen_status = np.where(status == 3, 0, status) if blind else status
    voter_study, voter_id = screening.voter_study, screening.voter_id
    label_study, label_code = labels.study, labels.code
    if blind:                    # others' votes and labels only on decided studies
        assert who is not None
        keep = (voter_id == who.id) | decided[voter_study]
        voter_study, voter_id = voter_study[keep], voter_id[keep]
        labels_open = (ta == 2) | ((ta == 1) & ((ft == 1) | (ft == 2)))
        keep = (labels.rid == who.id) | labels_open[label_study] if len(label_study) else np.zeros(0, dtype=bool)
        label_study, label_code = label_study[keep], label_code[keep]

    def studies_with(pair_study, pair_value, value) -> Any:
        mask = np.zeros(size, dtype=bool)
        mask[pair_study[pair_value == value]] = True
        return mask

    # ---- one mask per active filter
    selected: dict[str, Any] = {}
    if flt.q:
        selected["q"] = _fts_mask(ws, flt.q, biblio)
    if flt.label:
        folded = flt.label.casefold()
        code = next((i for i, n in enumerate(labels.names) if n.casefold() == folded), -1)
        selected["label"] = studies_with(label_study, label_code, code)
    if flt.decision:
        selected["decision"] = (seen_status == {"include": 1, "exclude": 2}[flt.decision]
                                if flt.decision != "undecided" else ~((seen_status == 1) | (seen_status == 2)))
    if flt.vote:
        selected["vote"] = my_vote == (0 if flt.vote == "none" else VOTE_CODES[flt.vote])
    if flt.conflict:
        selected["conflict"] = status == 3
    if flt.database:
        d = flt.database.casefold()
        code = next((i for i, n in enumerate(biblio.db_names) if n.casefold() == d), -1)
        selected["database"] = studies_with(biblio.db_study, biblio.db_code, code)
    if flt.year:
        low, high = _year_range(flt.year)
        selected["year"] = (biblio.year >= low) & (biblio.year <= high)
    if flt.reason:
        r = flt.reason.casefold()
        code = next((i + 1 for i, n in enumerate(screening.reasons) if n.casefold() == r), -1)
        selected["reason"] = screening.reason == code
    if flt.reviewer:
        rid = ids_by_name.get(flt.reviewer.casefold(), -1)
        selected["reviewer"] = studies_with(voter_study, voter_id, rid)

    def base_without(facet: str | None) -> Any:
        out = universe.copy()
        for name, mask in selected.items():
            if name != facet:
                out &= mask
        return out

    result_mask = base_without(None)

    # ---- counts per facet value, over what the other filters select
    counts: dict[str, dict[str, int]] = {}
    base = base_without("decision")
    by_status = np.bincount(seen_status[base], minlength=4)
    counts["decision"] = {"include": int(by_status[1]), "exclude": int(by_status[2]),
                          "undecided": int(base.sum() - by_status[1] - by_status[2])}
    if who is not None:
        base = base_without("vote")
        by_vote = np.bincount(my_vote[base], minlength=4)
        counts["vote"] = {"include": int(by_vote[1]), "exclude": int(by_vote[2]), "maybe": int(by_vote[3]),
                          "none": int(by_vote[0])}
    if not blind:
        counts["conflict"] = {"1": int((base_without("conflict") & (status == 3)).sum())}
    base = base_without("label")
    if len(label_study):
        # a label two reviewers put on one study counts the study once
        pairs = np.unique(label_study[base[label_study]] * max(len(labels.names), 1) + label_code[base[label_study]])
        per_label = np.bincount(pairs % max(len(labels.names), 1), minlength=len(labels.names))
    else:
        per_label = np.zeros(len(labels.names), dtype=np.int64)
    by_count = sorted(enumerate(per_label), key=lambda kv: (-kv[1], labels.names[kv[0]]))
    counts["label"] = {labels.names[i]: int(n) for i, n in by_count if n}
    base = base_without("database")
    per_db = np.bincount(biblio.db_code[base[biblio.db_study]], minlength=len(biblio.db_names))
    by_count = sorted(enumerate(per_db), key=lambda kv: (-kv[1], biblio.db_names[kv[0]]))
    counts["database"] = {biblio.db_names[i]: int(n) for i, n in by_count if n}
    base = base_without("year")
    years, per_year = np.unique(biblio.year[base], return_counts=True)
    counts["year"] = {(str(y) if y else "unknown"): int(n)
                      for y, n in sorted(zip(years.tolist(), per_year.tolist()), key=lambda kv: -kv[0])}
    base = base_without("reason")
    per_reason = np.bincount(screening.reason[base], minlength=len(screening.reasons) + 1)
    counts["reason"] = {screening.reasons[i - 1]: int(per_reason[i]) for i in np.argsort(-per_reason[1:], kind="stable") + 1
                        if per_reason[i]}
    base = base_without("reviewer")
    voters_in = voter_id[base[voter_study]] if len(voter_study) else voter_id
    rids, per_rid = np.unique(voters_in, return_counts=True)
    counts["reviewer"] = dict(sorted(((names.get(int(r), "?"), int(n)) for r, n in zip(rids, per_rid))))

    ordered = np.flatnonzero(result_mask)
    total = int(len(ordered))
    pages = max(1, -(-total // page_size))
    start = (flt.page - 1) * page_size
    page_ids = [int(x) for x in ordered[start:start + page_size]]
    shown_labels: dict[int, set[str]] = {sid: set() for sid in page_ids}
    if len(label_study) and page_ids:
        on_page = np.isin(label_study, page_ids)
        for sid, code in zip(label_study[on_page].tolist(), label_code[on_page].tolist()):
            shown_labels[sid].add(labels.names[code])
    status_name = {1: "include", 2: "exclude"}
    vote_name = {1: "include", 2: "exclude", 3: "maybe"}
    rows = study_rows(ws, who, page_ids, {sid: status_name.get(int(seen_status[sid]), "undecided") for sid in page_ids},
                 {sid: vote_name[int(my_vote[sid])] for sid in page_ids if my_vote[sid]}, shown_labels, biblio)
    answer: dict[str, Any] = {"scope": "my votes" if scope == "mine" else "all studies", "filter": flt.to_dict(),
                              "stage": stage, "total": total, "page": flt.page, "pages": pages,
                              "page_size": page_size, "studies": rows, "counts": counts}
    if ids_only:
        answer["ids"] = [int(x) for x in ordered]
    return answer
