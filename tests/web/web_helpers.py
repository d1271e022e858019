"""Helpers for the web app tests (a uniquely named module: tests/ has several conftest.py)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from waitress import create_server
from waitress.server import BaseWSGIServer
from waitress.wasyncore import dispatcher

from screener.records.model import Record
from screener.web import create_app
from screener.web.multi import ReviewRoot

TA, FT = "title_abstract", "full_text"

SETTINGS = '''
title = "Web test review"
inclusion_criteria = """
Population: adults with chronic pain.
Design: qualitative studies."""
exclusion_reasons = ["out of scope", "not qualitative", "wrong population"]

[stages.title_abstract]
votes_needed = 2
reason_required = false

[stages.full_text]
votes_needed = 2
reason_required = true

[screening]
blind = true
hide_authors = false

[highlight]
include = ["qualitative", "interview*"]
exclude = ["randomi*", "script"]
'''

RECORDS = [
    Record(title="Living with chronic pain: a qualitative interview study", database="test",
           abstract="BACKGROUND: Pain is common. METHODS: We interviewed 20 adults. RESULTS: Three themes. "
                    "CONCLUSIONS: Pain shapes identity.",
           authors=["Smith, Jane", "Doe, John"], journal="Journal of Pain", year=2019, doi="10.1000/pain.1",
           keywords=["chronic pain", "qualitative research"]),
    Record(title="<script>alert('x')</script> A randomised trial of pain education", database="test",
           abstract="A randomised trial in 200 adults.", authors=["Roe, Rita"], journal="BMJ", year=2020),
    Record(title="Nurses' experiences of pain care", database="test", abstract="Focus groups with 30 nurses.",
           authors=["Lee, Kim"], journal="J Adv Nurs", year=2018),
    Record(title="Pain & ageing: a meta-ethnography", database="test", abstract="Synthesis of 12 studies.",
           authors=["Ng, Po"], journal="Age Ageing", year=2021),
    Record(title="Study five", database="test", abstract="Abstract five.", year=2015),
    Record(title="Study six", database="test", abstract="Abstract six.", year=2016),
]


def study_ids(ws) -> list[int]:
    return [r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links ORDER BY study_id")]


def counts(ws) -> dict[str, int]:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("votes", "resolutions", "events", "leases", "reviewer_tokens", "pair_decisions")}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def signed_in(app, token: str):
    """A test client signed in through the real sign-in form."""
    client = app.test_client()
    page = client.get(f"/signin?token={token}")
    assert page.status_code == 200
    answer = client.post("/signin", data={"token": token, "csrf_token": csrf_of(page.get_data(as_text=True))})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return client


def _stop(server: BaseWSGIServer, loop: threading.Thread) -> None:
    """Stop a waitress server whose loop runs in ``loop``. Its sockets are closed in the loop's own
    thread (closing them from this thread while the loop was in select() on them raised EBADF in the
    loop, about one stop in three, and left the loop serving open keep-alive connections), and the
    trigger that runs code there only once the loop has ended (a thunk may run before the byte
    that asked for it is written)."""
    listener_closed = threading.Event()

    def close_listener() -> None:                 # no new connections; requests under way go on
        server.accepting = False
        dispatcher.close(server)
        listener_closed.set()

    def close_connections() -> None:              # and take the trigger off the map: the loop ends
        for channel in list(server._map.values()):
            if channel is not server.trigger:
                channel.handle_close()
        server.trigger.del_channel()

    server.trigger.pull_trigger(close_listener)
    listener_closed.wait(timeout=10)
    server.task_dispatcher.shutdown(cancel_pending=True, timeout=10)   # the loop still sends their answers
    server.trigger.pull_trigger(close_connections)
    loop.join(timeout=10)
    assert not loop.is_alive(), "the test server's loop did not stop in 10 s"
    server.trigger.close()


@contextmanager
def served(wsgi_app) -> Iterator[str]:
    """``wsgi_app`` served by waitress (as `screener serve` runs it) on a free 127.0.0.1 port;
    yields the server's URL and stops every thread it started."""
    server = create_server(wsgi_app, host="127.0.0.1", port=0, threads=4)
    loop = threading.Thread(target=server.run, name="test-server-loop", daemon=True)
    loop.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        _stop(server, loop)


def _close_app(app) -> None:
    """Wait for the app's PubMed search jobs, then close its workspace."""
    jobs = app.extensions.get("screener_search_jobs")
    if jobs is not None:
        jobs.join(timeout=30)
    app.extensions["screener"].ws.close()


@contextmanager
def serving(path) -> Iterator[str]:
    """The review at ``path`` (as given: it may be relative) served (``served``); yields the
    server's URL."""
    app = create_app(path)
    try:
        with served(app) as url:
            yield url
    finally:
        _close_app(app)


@contextmanager
def serving_root(root: Path) -> Iterator[str]:
    """Every review under ``root`` served as `screener serve --root` serves them (``served``);
    yields the server's URL."""
    holder = ReviewRoot(root)
    try:
        with served(holder) as url:
            yield url
    finally:
        for app in holder.apps.values():
            _close_app(app)


@contextmanager
def serving_with_reasons(ws, reasons: list[str]) -> Iterator[str]:
    """The review served (``serving``) with ``reasons`` as its exclusion reasons (long ones are
    what the layout tests need); yields the server's URL."""
    settings = SETTINGS.replace('exclusion_reasons = ["out of scope", "not qualitative", "wrong population"]',
                                "exclusion_reasons = [" + ", ".join(f'"{r}"' for r in reasons) + "]")
    assert settings != SETTINGS
    (ws.path / "review.toml").write_text(settings, encoding="utf-8")
    ws.reload_settings()
    with serving(ws.path) as url:
        yield url


def signed_in_page(browser, server: str, token: str, width: int):
    """A Chromium page of ``width`` px signed in with ``token`` through the sign-in form."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{server}/signin?token={token}")
    page.click("#signin")
    page.wait_for_url(f"{server}/")
    return page
