"""Saved search strategies: a strategy has a name and versions; every save is a new version and
nothing is overwritten. The PRISMA-S report cites the version a search ran.

    save_strategy(ws, name, text, syntax="ovid", *, actor, note="") -> dict
        a new version of the strategy ``name`` (created on its first save); saving the newest
        version's text again records nothing and answers that version with ``"recorded": False``.
        A text with errors is saved all the same (a draft); the answer's ``errors`` and ``warnings``
        count them, so that whoever saved it is told.
    list_strategies(ws) -> list[dict]            every strategy with its newest version
    list_versions(ws, strategy=None) -> list[dict]
        every saved version (of one strategy: its id or name), oldest first, without the text:
        what a page offers when the owner picks the "strategy as run" of an import.
    get_version(ws, version_id) -> dict          one version with its text
    find_version(ws, ref) -> dict                 a version by its id (a number, or digits) or its label
                                                  ("NAME vN"), with its text; an import's strategy as run
    diff_versions(ws, a, b) -> dict              what changed from version ``a`` to ``b``
    link_search(ws, search_id, version_id, actor) / search_version(ws, search_id)
        the saved version a search ran (one per search; never changed once written).
    included_studies_csv(ws) -> (csv text, description)
        the review's included studies as a CSV ``query validate`` reads (PMID, DOI, title).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from screener.errors import NotFoundError, ScreeningError, UsageError
from screener.query.readers.ovid_lines import split_comments
from screener.query.workbench import check_input, check_strategy
from screener.records.csv_safety import GuardedWriter
from screener.workspace.db import SQLITE_INTEGER_MAX, utcnow
from screener.workspace.screening import stage_outcomes

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

MAX_NAME = 200
MAX_NOTE = 2_000


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise UsageError("a saved strategy needs a name, e.g. \"MEDLINE (Ovid) main search\"")
    name = name.strip()
    if len(name) > MAX_NAME:
        raise UsageError(f"the strategy's name is {len(name)} characters long; use at most {MAX_NAME}")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UsageError(f"the strategy's name {name!r} contains a control character; use printable text")
    return name


def _version_dict(row, *, text: bool = False) -> dict[str, Any]:
    data = {"id": row["id"], "strategy_id": row["strategy_id"], "strategy": row["name"],
            "version": row["version"], "label": f"{row['name']} v{row['version']}",
            "syntax": row["syntax"], "sha256": row["sha256"], "note": row["note"],
            "saved_at": row["saved_at"], "saved_by": row["saved_by"],
            # the strategy's own lines, as its author numbers them (not its comments and blank lines)
            "lines": len(split_comments(row["text"])) if row["text"] else 0}
    if text:
        data["text"] = row["text"]
    return data


_VERSION_SQL = ("SELECT v.id, v.strategy_id, s.name, v.version, v.syntax, v.text, v.sha256, v.note, v.saved_at,"
                " v.saved_by FROM strategy_versions v JOIN strategies s ON s.id = v.strategy_id")


def save_strategy(ws: Workspace, name: str, text: str, syntax: str = "ovid", *, actor: str, note: str = "") -> dict[str, Any]:
    """Save ``text`` as the next version of ``name``; see the module docstring."""
    name = _check_name(name)
    check_input(text, syntax)
    if not isinstance(note, str):
        raise UsageError(f"'note' must be text, not {note!r}")
    if len(note) > MAX_NOTE:
        raise UsageError(f"the note is {len(note)} characters long; use at most {MAX_NOTE}")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    checked = check_strategy(text, syntax)
    problems = {"errors": checked["errors"], "warnings": checked["warnings"]}
    with ws.transaction() as conn:
        row = conn.execute("SELECT id FROM strategies WHERE name = ?", (name,)).fetchone()
        if row is None:
            folded = name.casefold()
            for (other,) in conn.execute("SELECT name FROM strategies"):
                if other.casefold() == folded:
                    raise ScreeningError(f"a strategy named '{other}' exists and '{name}' differs only in case; "
                                         f"save under '{other}' or choose a clearly different name")
            strategy_id = conn.execute("INSERT INTO strategies (name, created_at, created_by) VALUES (?, ?, ?)",
                                       (name, utcnow(), actor)).lastrowid
            newest = None
        else:
            strategy_id = row[0]
            newest = conn.execute(_VERSION_SQL + " WHERE v.strategy_id = ? ORDER BY v.version DESC LIMIT 1",
                                  (strategy_id,)).fetchone()
        if newest is not None and newest["sha256"] == digest and newest["syntax"] == syntax:
            return {**_version_dict(newest), "recorded": False, **problems}
        version = (newest["version"] + 1) if newest is not None else 1
        version_id = conn.execute(
            "INSERT INTO strategy_versions (strategy_id, version, syntax, text, sha256, note, saved_at, saved_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (strategy_id, version, syntax, text, digest, note, utcnow(), actor)).lastrowid
        ws.log_event("strategy_save", actor, f"strategy:{strategy_id}",
                     {"name": name, "version": version, "version_id": version_id, "syntax": syntax,
                      "sha256": digest})
        saved = conn.execute(_VERSION_SQL + " WHERE v.id = ?", (version_id,)).fetchone()
    return {**_version_dict(saved), "recorded": True, **problems}


def list_strategies(ws: Workspace) -> list[dict[str, Any]]:
    out = []
    for row in ws.db.execute("SELECT id, name, created_at, created_by FROM strategies ORDER BY id"):
        newest = ws.db.execute(_VERSION_SQL + " WHERE v.strategy_id = ? ORDER BY v.version DESC LIMIT 1",
                               (row["id"],)).fetchone()
        out.append({"id": row["id"], "name": row["name"], "created_at": row["created_at"],
                    "created_by": row["created_by"], "versions": newest["version"] if newest else 0,
                    "newest": _version_dict(newest) if newest else None})
    return out


def _strategy_id(ws: Workspace, strategy: int | str) -> int:
    if isinstance(strategy, bool) or not isinstance(strategy, (int, str)):
        raise UsageError(f"strategy {strategy!r}: give its number or its name")
    if isinstance(strategy, int):
        row = ws.db.execute("SELECT id FROM strategies WHERE id = ?",
                            (strategy if 0 < strategy <= SQLITE_INTEGER_MAX else -1,)).fetchone()
    else:
        row = ws.db.execute("SELECT id FROM strategies WHERE name = ?", (strategy.strip(),)).fetchone()
    if row is None:
        names = [r[0] for r in ws.db.execute("SELECT name FROM strategies ORDER BY id")]
        hint = f"saved strategies: {', '.join(names)}" if names else "no strategy is saved yet"
        raise NotFoundError(f"no saved strategy {strategy!r} in this review ({hint})")
    return row[0]


def list_versions(ws: Workspace, strategy: int | str | None = None) -> list[dict[str, Any]]:
    if strategy is None:
        rows = ws.db.execute(_VERSION_SQL + " ORDER BY v.strategy_id, v.version")
    else:
        rows = ws.db.execute(_VERSION_SQL + " WHERE v.strategy_id = ? ORDER BY v.version",
                             (_strategy_id(ws, strategy),))
    return [_version_dict(r) for r in rows]


def get_version(ws: Workspace, version_id: int) -> dict[str, Any]:
    if isinstance(version_id, bool) or not isinstance(version_id, int):
        raise UsageError(f"a strategy version is a number (its id), not {version_id!r}")
    row = ws.db.execute(_VERSION_SQL + " WHERE v.id = ?",
                        (version_id if 0 < version_id <= SQLITE_INTEGER_MAX else -1,)).fetchone()
    if row is None:
        # the saved versions themselves, so the command line and the web app both know what to give
        versions = [f"{v['id']} = {v['label']}" for v in list_versions(ws)]
        hint = (f"saved versions: {', '.join(versions[-10:])}" if versions
                else "no strategy is saved yet: the workbench saves them")
        raise NotFoundError(f"no saved strategy version {version_id} in this review ({hint})")
    return _version_dict(row, text=True)


def find_version(ws: Workspace, ref: Any) -> dict[str, Any]:
    """The saved version ``ref`` names: its id (an int, or a string of digits as a form sends it) or
    its label as lists show it, ``"NAME vN"``. NotFoundError names the saved versions to choose from."""
    if isinstance(ref, str) and ref.strip().isdigit():
        ref = int(ref.strip())
    if isinstance(ref, int) and not isinstance(ref, bool):
        return get_version(ws, ref)
    if not isinstance(ref, str) or not ref.strip():
        raise UsageError(f"a saved strategy version is its id or its label (\"NAME vN\"), not {ref!r}")
    match = re.fullmatch(r"(.+?)\s+v(\d{1,9})", ref.strip())
    row = None
    if match:
        row = ws.db.execute(_VERSION_SQL + " WHERE s.name = ? AND v.version = ?",
                            (match.group(1).strip(), int(match.group(2)))).fetchone()
    if row is None:
        labels = [v["label"] for v in list_versions(ws)]
        hint = f"saved versions: {', '.join(labels[-10:])}" if labels else "no strategy is saved yet: the workbench saves them"
        raise NotFoundError(f"no saved strategy version {ref.strip()!r} in this review ({hint})")
    return _version_dict(row, text=True)


def diff_versions(ws: Workspace, a: int, b: int) -> dict[str, Any]:
    """Line by line: ``ops`` is a list of {"op": "equal"|"delete"|"insert", "a": line in a or None,
    "b": line in b or None, "text"}; ``unified`` the same as a unified diff."""
    first, second = get_version(ws, a), get_version(ws, b)
    old, new = first["text"].splitlines(), second["text"].splitlines()
    ops: list[dict[str, Any]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += [{"op": "equal", "a": i + 1, "b": j + 1, "text": old[i]} for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        ops += [{"op": "delete", "a": i + 1, "b": None, "text": old[i]} for i in range(i1, i2)]
        ops += [{"op": "insert", "a": None, "b": j + 1, "text": new[j]} for j in range(j1, j2)]
    unified = "\n".join(difflib.unified_diff(old, new, fromfile=first["label"], tofile=second["label"], lineterm=""))
    return {"from": {k: v for k, v in first.items() if k != "text"},
            "to": {k: v for k, v in second.items() if k != "text"},
            "added": sum(1 for o in ops if o["op"] == "insert"),
            "removed": sum(1 for o in ops if o["op"] == "delete"),
            "ops": ops, "unified": unified}


def link_search(ws: Workspace, search_id: int, version_id: int, actor: str) -> None:
    """Record that search ``search_id`` ran saved version ``version_id`` (once; a resumed run keeps it)."""
    with ws.transaction() as conn:
        existing = conn.execute("SELECT strategy_version_id FROM search_strategy_versions WHERE search_id = ?",
                                (search_id,)).fetchone()
        if existing is not None:
            return
        conn.execute("INSERT INTO search_strategy_versions (search_id, strategy_version_id) VALUES (?, ?)",
                     (search_id, version_id))
        ws.log_event("search_strategy_version", actor, f"search:{search_id}", {"strategy_version_id": version_id})


def search_version(ws: Workspace, search_id: int) -> dict[str, Any] | None:
    row = ws.db.execute("SELECT strategy_version_id FROM search_strategy_versions WHERE search_id = ?",
                        (search_id,)).fetchone()
    return None if row is None else {k: v for k, v in get_version(ws, row[0]).items() if k != "text"}


def included_studies_csv(ws: Workspace) -> tuple[str, str]:
    """The review's included studies (full text; title/abstract when no study is decided at full text
    yet) as CSV rows with pmid, doi, title, year — one per study, from the first of its records that
    has each. UsageError when no study is included."""
    included: list[int] = []
    what = ""
    for stage, described in (("full_text", "included at full text"), ("title_abstract", "included at title/abstract")):
        included = [sid for sid, outcome in stage_outcomes(ws, stage).items() if outcome.status == "include"]
        if included:
            what = described
            break
    if not included:
        raise UsageError("no study of this review is included yet; paste the known studies' PMIDs or DOIs instead")
    out = io.StringIO()
    writer = GuardedWriter(out)
    writer.writerow(["id", "title", "year", "doi", "pmid"])

    def first(records: list, attr: str):
        return next((getattr(r, attr) for r in records if getattr(r, attr)), "")

    for sid in included:     # one row per study: the first PMID, DOI, title and year among its records
        records = [record for _, record in ws.study_records(sid)]
        writer.writerow([f"study {sid}"] + [first(records, attr) for attr in ("title", "year", "doi", "pmid")])
    return out.getvalue(), f"{len(included)} studies {what}"


__all__ = ["save_strategy", "list_strategies", "list_versions", "get_version", "find_version", "diff_versions", "link_search",
           "search_version", "included_studies_csv", "MAX_NAME"]
