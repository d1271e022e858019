"""Running the app: waitress (a pure-Python production WSGI server) on 127.0.0.1 unless told."""

from __future__ import annotations

import sys
from pathlib import Path

from screener.output import shell_word
from screener.web.app import create_app
from screener.web.hardening import loopback
from screener.web.links import DEFAULT_HOST, DEFAULT_PORT, base_url, link_hint, signin_url  # noqa: F401 (re-exported)
from screener.web.serving import run
from screener.workspace.queue import prepare_queue


def serve(directory: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, threads: int = 8,
          lease_minutes: float = 30, secure_cookies: bool = False, ready=None) -> None:
    """Serve the workspace until interrupted. ``ready(url)`` is called once the socket listens
    (``port=0`` picks a free port)."""
    app = create_app(directory, lease_minutes=lease_minutes, secure_cookies=secure_cookies,
                     loopback_only=loopback(host))
    ws = app.extensions["screener"].ws
    sys.stderr.write("Preparing the screening queue and the ranker (features are cached for next time) …\n")
    sys.stderr.flush()
    prepare_queue(ws)
    title = ws.settings.title
    run(app, host, port, threads, ready=ready, again=f"screener serve {shell_word(directory)}", announce=lambda url: (
        f"Serving '{title}' on {url}/ (Ctrl+C to stop)\n"
        f"Give each reviewer a sign-in link: screener reviewers link {shell_word(directory)} NAME --url {link_hint(url)}\n"))
