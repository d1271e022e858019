"""PubMed searches run in the background for the web app: one job at a time per review, live
progress, cancel, and resume after a restart — the same ``search_pubmed`` the CLI runs (its client,
rate limits, retries and resumability).

    create_job(ws, *, actor, version_id=None, query=None, eutils_url=None, email="", batch_size=500) -> dict
        checks everything first (a saved version that compiles for PubMed without errors, or a
        query; the E-utilities URL from the request, else ``$SCREENER_EUTILS_URL``, else NCBI's;
        no other job queued or running) and writes the job ``queued``.
    job_status(ws, job_id, live=None) -> dict
        state, the search it runs, counts (listed, fetched, imported, slices, batches),
        requests and retries, messages and errors.
    JobRunner(ws): ``start(job_id)``, ``cancel(job_id, actor)``, ``resume()`` (every job a stopped
        server left queued or running starts again: the search resumes from what it staged).

A job's state is the newest row of ``search_job_events``; nothing is updated in place.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from screener.errors import NotFoundError, ScreenerError, ScreeningError, StrategyParseError, UsageError
from screener.query import translate
from screener.search import pubmed
from screener.search.eutils import EutilsClient, eutils_base_url, valid_email
from screener.search.pubmed import compile_query
from screener.workspace.db import utcnow
from screener.workspace.strategies import get_version, link_search

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)
ACTIVE = ("queued", "running")
FINISHED = ("complete", "failed", "cancelled")
MAX_BATCH = 10_000
# search_pubmed's progress lines in the CLI's words, as the workbench page says them (its user has
# fields, not options or environment variables)
_PAGE_WORDS = {
    "note: no --email given; NCBI asks every E-utilities user for one (or set $NCBI_EMAIL)":
        "note: no email given; NCBI asks every E-utilities user for one (fill in 'Email for NCBI' before searching)",
}


class JobCancelled(Exception):
    """Raised inside the run (from its progress callback) when someone cancels the job."""


def _newest_event(ws: Workspace, job_id: str):
    return ws.db.execute("SELECT state, search_id, detail, at FROM search_job_events WHERE job_id = ?"
                         " ORDER BY id DESC LIMIT 1", (job_id,)).fetchone()


def _event(ws: Workspace, job_id: str, state: str, *, search_id: int | None = None, detail: dict | None = None,
           actor: str = "system") -> None:
    with ws.transaction() as conn:
        if search_id is None:
            row = conn.execute("SELECT search_id FROM search_job_events WHERE job_id = ? AND search_id IS NOT NULL"
                               " ORDER BY id DESC LIMIT 1", (job_id,)).fetchone()
            search_id = row[0] if row else None
        conn.execute("INSERT INTO search_job_events (job_id, at, state, search_id, detail) VALUES (?, ?, ?, ?, ?)",
                     (job_id, utcnow(), state, search_id, json.dumps(detail or {}, ensure_ascii=False)))
        ws.log_event(f"search_job_{state}", actor, f"job:{job_id}", {"search_id": search_id, **(detail or {})})


def active_job(ws: Workspace) -> str | None:
    row = ws.db.execute(
        "SELECT e.job_id FROM search_job_events e WHERE e.id IN (SELECT max(id) FROM search_job_events"
        " GROUP BY job_id) AND e.state IN ('queued', 'running') ORDER BY e.id LIMIT 1").fetchone()
    return row[0] if row else None


def _compile(ws: Workspace, version_id: int | None, query: str | None) -> tuple[dict[str, Any], dict | None]:
    """What ``search_pubmed`` is given (strategy_text or query), checked now so a bad request writes
    nothing; and the saved version, if any."""
    if (version_id is None) == (query is None):
        raise UsageError("give exactly one of 'strategy_id' (a saved strategy version) or 'query' (a PubMed query)")
    if query is not None:
        if not isinstance(query, str):
            raise UsageError(f"'query' must be a PubMed query as text, not {query!r}")
        compile_query(query=query)        # empty → UsageError
        return {"query": query.strip()}, None
    assert version_id is not None
    version = get_version(ws, version_id)
    label = f"saved strategy {version['label']}"
    if version["syntax"] == "ovid":
        compile_query(strategy_text=version["text"], strategy_file=label)   # errors → StrategyParseError
        return {"strategy_text": version["text"], "strategy_file": label}, version
    t = translate(version["text"], read=version["syntax"], write="pubmed")
    if t.errors or not t.query:
        first = t.errors[0] if t.errors else None
        where = f"line {first.line}, column {first.col}: {first.code}: {first.message}" if first else "no query"
        raise StrategyParseError(f"{label}: nothing was searched: the strategy has errors; {where} (fix it in "
                                 "the workbench, which underlines each one)", [e.to_dict() for e in t.errors])
    return {"query": t.query}, version


def create_job(ws: Workspace, *, actor: str, version_id: int | None = None, query: str | None = None,
               eutils_url: str | None = None, email: str = "", batch_size: int = 500) -> dict[str, Any]:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or not 1 <= batch_size <= MAX_BATCH:
        raise UsageError(f"'batch_size' {batch_size!r}: give a number from 1 to {MAX_BATCH}")
    if eutils_url is not None and not isinstance(eutils_url, str):
        raise UsageError(f"'eutils_url' must be a URL, not {eutils_url!r}")
    base = eutils_base_url(eutils_url or None)
    email = email or ""
    if not isinstance(email, str) or (email and not valid_email(email)):
        raise UsageError(f"'email' {email!r}: not a valid email address; NCBI uses it to contact you about problems")
    _compile(ws, version_id, query)
    job_id = secrets.token_hex(8)
    with ws.transaction() as conn:
        running = active_job(ws)
        if running is not None:
            raise ScreeningError(f"search job {running} is still {_newest_event(ws, running)['state']}; a review "
                                 f"runs one search at a time: wait for it or cancel it (POST /api/jobs/{running}/cancel)")
        conn.execute("INSERT INTO search_jobs (id, kind, created_at, created_by, strategy_version_id, query,"
                     " eutils_url, email, batch_size) VALUES (?, 'pubmed', ?, ?, ?, ?, ?, ?, ?)",
                     (job_id, utcnow(), actor, version_id, (query or "").strip(), base, email, batch_size))
        _event(ws, job_id, "queued", actor=actor)
    return job_status(ws, job_id)


def _job_row(ws: Workspace, job_id: Any):
    if not isinstance(job_id, str) or not job_id or len(job_id) > 64:
        raise NotFoundError(f"no search job {job_id!r} in this review")
    row = ws.db.execute("SELECT * FROM search_jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no search job {job_id!r} in this review (a job id names a job of the review "
                            f"that started it; GET /api/jobs lists this review's)")
    return row


def _counts(ws: Workspace, search_id: int | None) -> dict[str, Any]:
    if search_id is None:
        return {"count": None, "listed": 0, "fetched": 0, "imported": 0, "slices": 0, "batches": 0}
    one = lambda sql: ws.db.execute(sql, (search_id,)).fetchone()[0]   # noqa: E731
    staged = one("SELECT count(*) FROM pubmed_staged_records WHERE search_id = ?")
    imported = one("SELECT count(*) FROM source_records WHERE search_id = ?")
    return {"count": one("SELECT count FROM searches WHERE id = ?"),
            "listed": one("SELECT count(*) FROM pubmed_result_pmids WHERE search_id = ?"),
            "fetched": staged + imported if staged else one("SELECT coalesce(sum(staged), 0) FROM pubmed_batches"
                                                             " WHERE search_id = ?"),
            "imported": imported,
            "slices": one("SELECT count(*) FROM pubmed_slices WHERE search_id = ?"),
            "batches": one("SELECT count(*) FROM pubmed_batches WHERE search_id = ?")}


def job_status(ws: Workspace, job_id: str, live: dict | None = None) -> dict[str, Any]:
    row = _job_row(ws, job_id)
    events = ws.db.execute("SELECT at, state, search_id, detail FROM search_job_events WHERE job_id = ? ORDER BY id",
                           (job_id,)).fetchall()
    newest = events[-1]
    search_id = next((e["search_id"] for e in reversed(events) if e["search_id"] is not None), None)
    detail = json.loads(newest["detail"] or "{}")
    search = None
    if search_id is not None:
        s = ws.db.execute("SELECT id, database, platform, started_at, finished_at, query_sent, count, new_records,"
                          " status FROM searches WHERE id = ?", (search_id,)).fetchone()
        search = dict(s) if s else None
    version = None
    if row["strategy_version_id"] is not None:
        version = {k: v for k, v in get_version(ws, row["strategy_version_id"]).items() if k != "text"}
    live = live or {}
    errors = [e for e in (json.loads(ev["detail"] or "{}").get("error") for ev in events) if e]
    return {"id": row["id"], "kind": row["kind"], "state": newest["state"], "created_at": row["created_at"],
            "created_by": row["created_by"], "strategy_version": version, "query": row["query"] or None,
            "eutils_url": row["eutils_url"], "batch_size": row["batch_size"], "search_id": search_id,
            "search": search, "counts": _counts(ws, search_id),
            "requests": live.get("requests", detail.get("requests", 0)),
            "retries": live.get("retries", detail.get("retries", 0)),
            "run": detail.get("run"), "resumed": sum(1 for e in events if json.loads(e["detail"] or "{}").get("resumed")),
            "cancel_requested": bool(live.get("cancel")),
            "messages": list(live.get("messages", ())), "errors": errors,
            "events": [{"at": e["at"], "state": e["state"]} for e in events]}


def list_jobs(ws: Workspace) -> list[dict[str, Any]]:
    return [job_status(ws, r[0]) for r in ws.db.execute("SELECT id FROM search_jobs ORDER BY created_at DESC, id")]


_RUNNERS: dict[str, JobRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def runner_for(ws: Workspace, client_options: dict[str, Any] | None = None) -> JobRunner:
    """The one runner of this review in this process: two apps over one review (tests, a reload)
    must not run — or resume — the same job twice."""
    with _RUNNERS_LOCK:
        runner = _RUNNERS.get(ws.key)
        if runner is None or runner.ws.created_at != ws.created_at:    # a review made again at the same path
            runner = _RUNNERS[ws.key] = JobRunner(ws, client_options)
        return runner


class JobRunner:
    """Runs a review's search jobs on background threads (one at a time, as ``create_job`` allows)."""

    def __init__(self, ws: Workspace, client_options: dict[str, Any] | None = None):
        self.ws = ws
        self.client_options = client_options or {}     # tests: a fast limiter and retry policy
        self._lock = threading.Lock()
        self._threads: dict[str, threading.Thread] = {}
        self.live: dict[str, dict[str, Any]] = {}

    def status(self, job_id: str) -> dict[str, Any]:
        return job_status(self.ws, job_id, self.live.get(job_id))

    def start(self, job_id: str, *, resumed: bool = False) -> None:
        with self._lock:
            thread = self._threads.get(job_id)
            if thread is not None and thread.is_alive():
                return
            self.live[job_id] = {"cancel": False, "messages": deque(maxlen=30), "requests": 0, "retries": 0}
            thread = threading.Thread(target=self._run, args=(job_id, resumed), name=f"search-job-{job_id}",
                                      daemon=True)
            self._threads[job_id] = thread
        thread.start()

    def resume(self) -> list[str]:
        """Start again every job a stopped server left queued or running."""
        rows = self.ws.db.execute(
            "SELECT e.job_id, e.state FROM search_job_events e WHERE e.id IN (SELECT max(id) FROM search_job_events"
            " GROUP BY job_id) AND e.state IN ('queued', 'running') ORDER BY e.id").fetchall()
        if rows:
            log.info("resuming %d search job(s) a stopped server left queued or running: %s", len(rows),
                     ", ".join(r[0] for r in rows))
        for job_id, state in rows:
            self.start(job_id, resumed=state == "running")
        return [r[0] for r in rows]

    def cancel(self, job_id: str, actor: str, wait: float = 10.0) -> dict[str, Any]:
        newest = _newest_event(self.ws, _job_row(self.ws, job_id)["id"])
        if newest["state"] in FINISHED:
            raise ScreeningError(f"search job {job_id} is already {newest['state']}; nothing to cancel")
        thread = self._threads.get(job_id)
        if thread is None or not thread.is_alive():
            _event(self.ws, job_id, "cancelled", detail={"by": actor}, actor=actor)
            return self.status(job_id)
        self.live[job_id]["cancel"] = actor
        thread.join(timeout=wait)
        return self.status(job_id)

    def join(self, timeout: float | None = None) -> None:
        for thread in list(self._threads.values()):
            thread.join(timeout)

    # ---- the thread ----------------------------------------------------------------------------

    def _run(self, job_id: str, resumed: bool) -> None:
        ws = self.ws
        live = self.live[job_id]
        try:
            self._search(job_id, resumed, live)
        except JobCancelled:
            _event(ws, job_id, "cancelled", detail={"by": live["cancel"], "requests": live["requests"],
                                                    "retries": live["retries"]}, actor=str(live["cancel"]))
        except ScreenerError as exc:
            _event(ws, job_id, "failed", detail={"error": str(exc), "requests": live["requests"],
                                                 "retries": live["retries"]})
        except Exception as exc:   # a bug: the job says so rather than staying "running" for ever
            log.exception("search job %s failed", job_id)
            _event(ws, job_id, "failed", detail={"error": f"internal error: {type(exc).__name__}: {exc}"})
        finally:
            ws.close()            # this thread's connection

    def _search(self, job_id: str, resumed: bool, live: dict[str, Any]) -> None:
        ws = self.ws
        row = _job_row(ws, job_id)
        if live["cancel"]:
            raise JobCancelled()
        args, version = _compile(ws, row["strategy_version_id"], row["query"] or None)
        client = EutilsClient(row["eutils_url"], email=row["email"] or None, **self.client_options)
        platform = getattr(pubmed, "_platform", lambda c: f"NCBI E-utilities ({c.base_url})")(client)
        query = pubmed.compile_query(**args).query
        _event(ws, job_id, "running", detail={"resumed": True} if resumed else {})
        known: dict[str, int | None] = {"search_id": None}

        def progress(message: str) -> None:
            message = _PAGE_WORDS.get(message, message)
            live["messages"].append(f"{time.strftime('%H:%M:%S')} {message}")
            live["requests"], live["retries"] = client.requests_made, client.retries
            if known["search_id"] is None:
                found = ws.db.execute("SELECT id FROM searches WHERE database = ? AND query_sent = ? AND platform = ?"
                                      " AND status IN ('running', 'incomplete') ORDER BY id DESC LIMIT 1",
                                      (pubmed.DATABASE, query, platform)).fetchone()
                if found is not None:
                    known["search_id"] = found[0]
                    _event(ws, job_id, "running", search_id=found[0])
                    if version is not None:
                        link_search(ws, found[0], version["id"], row["created_by"])
            if live["cancel"]:
                raise JobCancelled()

        client.on_retry = progress      # each retry in the job's log and counts (it was silent for a minute)
        try:
            report = pubmed.search_pubmed(ws, **args, eutils_url=row["eutils_url"], batch_size=row["batch_size"],
                                          client=client, progress=progress, actor=row["created_by"])
        finally:    # a failed search's last attempt too: its count is the error's 'after N attempts'
            live["requests"], live["retries"] = client.requests_made, client.retries
        if version is not None and report.search_id is not None:
            link_search(ws, report.search_id, version["id"], row["created_by"])
        _event(ws, job_id, "complete", search_id=report.search_id,
               detail={"run": report.run, "count": report.count, "new_records": report.new_records,
                       "fetched": report.fetched, "already_staged": report.already_staged,
                       "previously_imported": report.previously_imported, "missing": len(report.missing),
                       "requests": client.requests_made, "retries": client.retries, "seconds": report.seconds})


__all__ = ["create_job", "job_status", "list_jobs", "active_job", "JobRunner", "JobCancelled", "runner_for"]
