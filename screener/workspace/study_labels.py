"""Labels on studies (Rayyan's labels, Covidence's tags): free text any reviewer adds or removes.

Each change is a row of ``study_labels`` (append-only); a label is on while the newest row for
that reviewer, study and label (compared case-folded) is an 'add'. Under blind mode labels are
treated like votes: a screener sees their own labels, and everyone's on a study once its screening
is decided (decided at title/abstract and, if it went on to full text, decided there too) — a label
such as "exclude?" says as much as a vote. Owners and arbiters see every label. The owners' shared
labels (``labels = [...]`` in review.toml) are offered to everyone.

The current labels of every study are kept per process and brought up to date by reading only
the rows written since (the table is append-only), so a search over 100,000 studies does not read
every label again.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from screener.errors import UsageError
from screener.workspace.db import utcnow
from screener.workspace.reviewers import Reviewer, as_reviewer
from screener.workspace.screening import VoteBook, require_current_study
from screener.workspace.settings import LABEL_MAX, STAGES

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

TITLE_ABSTRACT, FULL_TEXT = STAGES
RECENT = 9            # labels offered on keys 1-9 (with Shift) on the screening page


def check_label(text: Any) -> str:
    """A label as stored: text of 1-60 characters without control characters, spaces collapsed."""
    if not isinstance(text, str):
        raise UsageError(f"a label must be text, not {text!r}")
    label = " ".join(text.split())
    if not label:
        raise UsageError("a label cannot be empty")
    if len(label) > LABEL_MAX:
        raise UsageError(f"label '{label[:20]}…' is {len(label)} characters long; keep labels to {LABEL_MAX}")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in label):
        raise UsageError("a label cannot hold control or formatting characters")
    return label


@dataclass
class _Kept:
    mark: int = 0
    # study -> case-folded label -> reviewer id -> the label as that reviewer spelled it
    on: dict[int, dict[str, dict[int, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_KEPT: dict[tuple[str, str], _Kept] = {}
_KEPT_LOCK = threading.Lock()


def _kept(ws: Workspace) -> _Kept:
    key = (ws.key, ws.created_at)
    with _KEPT_LOCK:
        kept = _KEPT.get(key)
        if kept is None:
            kept = _KEPT[key] = _Kept()
        return kept


def _apply(on: dict, rows) -> int:
    mark = 0
    for id_, rid, sid, label, action in rows:
        folded = label.casefold()
        holders = on.setdefault(sid, {}).setdefault(folded, {})
        if action == "add":
            holders[rid] = label
        else:
            holders.pop(rid, None)
            if not holders:
                del on[sid][folded]
                if not on[sid]:
                    del on[sid]
        mark = id_
    return mark


_ROWS = "SELECT id, reviewer_id, study_id, label, action FROM study_labels WHERE id > ? ORDER BY id"


def current_labels(ws: Workspace) -> dict[int, dict[str, dict[int, str]]]:
    """Unmasked: every study's labels on now, ``{study: {folded label: {reviewer id: label}}}``.
    For the rules and the search index only; a reviewer is shown ``labels_of``.

    Inside a write transaction the rows are read afresh and the kept copy is left alone: rows of
    an uncommitted transaction may yet be rolled back (and their ids reused)."""
    if ws.db.in_transaction:
        on: dict = {}
        _apply(on, ws.db.execute(_ROWS, (0,)))
        return on
    kept = _kept(ws)
    with kept.lock:
        kept.mark = max(kept.mark, _apply(kept.on, ws.db.execute(_ROWS, (kept.mark,))))
        return kept.on


def screening_decided(book, study_id: int) -> bool:
    """Whether a study's screening is decided (what lifts the blind from its labels and comments):
    decided at title/abstract, and at full text too when it was included at title/abstract."""
    ta = book.outcome(study_id, TITLE_ABSTRACT)
    if not ta.decided:
        return False
    if ta.status == "exclude":
        return True
    return book.outcome(study_id, FULL_TEXT).decided


def sees_all_labels(ws: Workspace, viewer: Reviewer | None) -> bool:
    return viewer is None or viewer.role in ("owner", "arbiter") or not ws.settings.blind


def visible(ws: Workspace, viewer: Reviewer | None, book, study_id: int,
            holders: dict[str, dict[int, str]]) -> dict[str, dict[int, str]]:
    """The labels of one study ``viewer`` may see: ``{folded: {reviewer id: label}}``."""
    if sees_all_labels(ws, viewer) or screening_decided(book, study_id):
        return holders
    assert viewer is not None          # sees_all_labels is true for the owner at the command line
    own = viewer.id
    return {folded: {own: who[own]} for folded, who in holders.items() if own in who}


def _names(ws: Workspace) -> dict[int, str]:
    return dict(ws.db.execute("SELECT id, name FROM reviewers").fetchall())


def labels_of(ws: Workspace, viewer: Reviewer | str | None, study_ids: Iterable[int], book=None) -> dict[int, list[dict]]:
    """Per study, the labels ``viewer`` may see: ``[{"label", "by": [names], "mine": bool}]``,
    sorted by label."""
    who = None if viewer is None else as_reviewer(ws, viewer)
    ids = list(study_ids)
    on = current_labels(ws)
    names = _names(ws)
    if book is None and not sees_all_labels(ws, who):
        book = VoteBook(ws, who, [sid for sid in ids if sid in on])
    out: dict[int, list[dict]] = {}
    for sid in ids:
        holders = visible(ws, who, book, sid, on.get(sid, {})) if sid in on else {}
        items = []
        for by in holders.values():
            if not by:
                continue
            mine = who is not None and who.id in by
            shown = by[who.id] if who is not None and mine else next(iter(by.values()))
            items.append({"label": shown, "by": sorted(names.get(rid, "?") for rid in by), "mine": mine})
        out[sid] = sorted(items, key=lambda item: item["label"].casefold())
    return out


def change_labels(ws: Workspace, reviewer: Reviewer | str, study_id: int, add: Iterable[Any] = (),
                  remove: Iterable[Any] = (), *, bulk_filter: dict | None = None) -> dict[str, Any]:
    """Add and remove ``reviewer``'s labels on a study. Adding a label already on, or removing one
    that is not, writes nothing (a retry is harmless). Returns ``{"study", "added", "removed",
    "labels"}`` with the labels as the reviewer may now see them."""
    adds = [check_label(x) for x in add]
    removes = [check_label(x) for x in remove]
    both = {a.casefold() for a in adds} & {r.casefold() for r in removes}
    if both:
        raise UsageError(f"label '{sorted(both)[0]}' is both added and removed; send it in one list")
    with ws.transaction() as conn:
        who = as_reviewer(ws, reviewer)
        require_current_study(ws, study_id)
        on = current_labels(ws).get(study_id, {})
        added, removed = _write(conn, ws, who, study_id, on, adds, removes, bulk_filter)
        if added or removed:
            ws.log_event("label", who.name, f"study:{study_id}",
                         {"added": added, "removed": removed, **({"filter": bulk_filter} if bulk_filter else {})})
    return {"study": study_id, "added": added, "removed": removed,
            "labels": labels_of(ws, who, [study_id])[study_id]}


def _write(conn, ws, who: Reviewer, study_id: int, on: dict[str, dict[int, str]], adds: list[str],
           removes: list[str], bulk_filter: dict | None) -> tuple[list[str], list[str]]:
    mine = {folded: by[who.id] for folded, by in on.items() if who.id in by}
    shared = {label.casefold(): label for label in ws.settings.labels}
    now = utcnow()
    added: list[str] = []
    removed: list[str] = []
    filter_json = json.dumps(bulk_filter, ensure_ascii=False, sort_keys=True) if bulk_filter else ""
    for label in adds:
        folded = label.casefold()
        if folded in mine or folded in {a.casefold() for a in added}:
            continue
        label = shared.get(folded, label)       # a shared label keeps the owners' spelling
        conn.execute("INSERT INTO study_labels (at, reviewer_id, study_id, label, action, bulk_filter)"
                     " VALUES (?, ?, ?, ?, 'add', ?)", (now, who.id, study_id, label, filter_json))
        added.append(label)
    for label in removes:
        folded = label.casefold()
        if folded not in mine:
            continue
        conn.execute("INSERT INTO study_labels (at, reviewer_id, study_id, label, action, bulk_filter)"
                     " VALUES (?, ?, ?, ?, 'remove', ?)", (now, who.id, study_id, mine[folded], filter_json))
        removed.append(mine[folded])
    return added, removed


def label_studies(ws: Workspace, owner: Reviewer, study_ids: list[int], label: str, bulk_filter: dict) -> int:
    """An owner's label on every study of a filtered set, in one transaction; the filter is kept
    with every row. Returns how many studies gained the label."""
    label = check_label(label)
    with ws.transaction() as conn:
        changed, on = 0, current_labels(ws)
        for sid in study_ids:
            added, _ = _write(conn, ws, owner, sid, on.get(sid, {}), [label], [], bulk_filter)
            changed += bool(added)
        ws.log_event("bulk_label", owner.name, "studies",
                     {"label": label, "filter": bulk_filter, "studies": len(study_ids), "labelled": changed})
    return changed


def recent_labels(ws: Workspace, reviewer: Reviewer | str, limit: int = RECENT) -> list[str]:
    """The labels offered on keys: the owners' shared labels first, then the reviewer's own most
    recently added ones, ``limit`` at most."""
    who = as_reviewer(ws, reviewer)
    found: list[str] = []
    seen: set[str] = set()
    for label in ws.settings.labels:
        if label.casefold() not in seen:
            seen.add(label.casefold())
            found.append(label)
    for (label,) in ws.db.execute("SELECT label FROM study_labels WHERE reviewer_id = ? AND action = 'add'"
                                  " ORDER BY id DESC LIMIT 200", (who.id,)):
        if len(found) >= limit:
            break
        if label.casefold() not in seen:
            seen.add(label.casefold())
            found.append(label)
    return found[:limit]


def export_labels(ws: Workspace, study_ids: Iterable[int]) -> dict[int, list[tuple[str, list[str]]]]:
    """Unmasked, for the owner's exports: per study, ``[(label, [reviewer names])]`` by label."""
    on = current_labels(ws)
    names = _names(ws)
    out = {}
    for sid in study_ids:
        items = [(next(iter(by.values())), sorted(names.get(r, "?") for r in by))
                 for by in on.get(sid, {}).values() if by]
        out[sid] = sorted(items, key=lambda item: item[0].casefold())
    return out
