"""The web app: one Flask application over one workspace.

Flask because everything behind a request is synchronous SQLite and CPU-bound ranking: a threaded
WSGI server gives each request a thread with its own SQLite connection (``ws.db`` is per thread),
with no event loop to keep unblocked; Flask brings signed session cookies (itsdangerous), Jinja2
autoescaping and an in-process test client. ``screener serve`` runs it on waitress, a pure-Python
production WSGI server.

Every read and write goes through the screening API (``screener.workspace.screening``,
``queue``, ``reviewers``), which applies the rules and the blinding; this package only decides who
is asking and how the answer looks.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from flask import Flask, g, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from screener.errors import ScreenerError
from screener.web import (  # noqa: F401 (labels_api adds calls to api.bp; the *_pages of pages.bp add theirs)
    api,
    conflict_pages,
    dashboard_pages,
    labels_api,
    owner_api,
    owner_pages,
    pages,
    reviewer_pages,
    screen_pages,
    signin_pages,
    study_pages,
    workbench_api,
    workbench_counts,
)
from screener.web.access import log_request
from screener.web.after_post import refused_form
from screener.web.auth import csrf_token, load_secret, session_reviewer
from screener.web.bidi import isolate
from screener.web.form_homes import form_home
from screener.web.hardening import cookie_settings, foreign_host, security_headers
from screener.web.json_answers import gzip_large_json
from screener.web.messages import page_words, without_paths
from screener.web.people import person
from screener.web.remedies import api_line, page_line
from screener.web.request_limits import MAX_BODY_BYTES, json_body_problem
from screener.workspace import Workspace

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


class WebState:
    """The workspace the app serves, and review.toml reloaded when it changes on disk."""

    def __init__(self, ws: Workspace, lease_minutes: float):
        self.ws = ws
        self.lease_minutes = lease_minutes
        self.settings_file = ws.path / "review.toml"
        self.settings_mtime = self._mtime()
        self.settings_error: str | None = None

    def _mtime(self) -> float | None:
        try:
            return self.settings_file.stat().st_mtime_ns
        except OSError:
            return None

    def refresh_settings(self) -> None:
        mtime = self._mtime()
        if mtime == self.settings_mtime:
            return
        self.settings_mtime = mtime
        try:
            self.ws.reload_settings()
            self.settings_error = None
        except ScreenerError as exc:   # keep serving with the last good settings, and say so (to the owner,
            # in the page's words: not the server's path, nor the command line's remedy)
            self.settings_error = without_paths(self.ws, page_line(exc))


def create_app(directory: str | Path, *, lease_minutes: float = 30, secure_cookies: bool = False,
               loopback_only: bool | None = None, secret_key: bytes | None = None) -> Flask:
    """The app for the workspace at ``directory``.

    ``loopback_only`` (default: decided by ``screener serve`` from --host; True here) refuses
    requests whose Host header is not 127.0.0.1/localhost, which stops DNS-rebinding pages from
    reaching a server bound to the loopback interface. ``secure_cookies`` marks the session cookie
    Secure (set it when a TLS proxy is in front).
    """
    ws = Workspace.open(directory)
    state = WebState(ws, lease_minutes)
    app = Flask(__name__, static_folder="static", template_folder="templates")
    fingerprint = hashlib.sha256(str(ws.path.resolve()).encode()).hexdigest()[:10]
    app.config.update(
        SECRET_KEY=secret_key or load_secret(ws.path),
        **cookie_settings(f"screener_{fingerprint}", secure=secure_cookies),
        MAX_CONTENT_LENGTH=1 << 20,
        JSON_SORT_KEYS=False,
    )
    app.jinja_env.finalize = isolate       # bidi overrides in imported text isolated on every page
    app.add_template_filter(person, "person")   # reviewers by the name people read
    app.json.sort_keys = False         # type: ignore[attr-defined]  # Flask's DefaultJSONProvider
    app.json.ensure_ascii = False      # type: ignore[attr-defined]
    app.extensions["screener"] = state
    loopback_only = True if loopback_only is None else loopback_only

    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(study_pages.bp)
    app.register_blueprint(owner_api.bp)
    app.register_blueprint(owner_pages.bp)
    workbench_api.register(app)       # the search workbench: its API, its page, the search jobs
    workbench_counts.register(app)    # and every line's PubMed count

    @app.before_request
    def _before():
        g.started = time.perf_counter()
        g.state = state
        g.ws = state.ws
        refused = foreign_host(request.host, loopback_only)
        if refused:
            return _error(400, refused)
        if request.content_length and request.mimetype not in FORM_TYPES:
            # every JSON body, whichever endpoint reads it (issue 21); uploads and forms are the
            # endpoints' own (they set their own size limits and messages)
            problem = (json_body_problem(request.get_data(cache=True))
                       if request.content_length <= MAX_BODY_BYTES else None)
            if problem:
                return _error(400, problem)
        state.refresh_settings()
        return None

    @app.after_request
    def _headers(response):
        response = gzip_large_json(request, response)
        if "started" in g:     # what the app itself took, for browsers' developer tools and the load test
            took = (time.perf_counter() - g.started) * 1000
            response.headers["Server-Timing"] = f"app;dur={took:.1f}"
            log_request(request.method, request.script_root + request.path, response.status_code, took)
        return security_headers(response, no_store=request.endpoint != "static")

    @app.errorhandler(ScreenerError)
    def _screener_error(exc: ScreenerError):
        return _error(exc.http_status, api_line(exc) if _wants_json() else page_line(exc))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code == 405 and request.method in ("GET", "HEAD") and not _wants_json():
            # a form's answer address opened as a page (a reload, a bookmark): the form's page
            home = form_home(app.create_url_adapter(request), request.path)
            if home:
                return redirect(home, code=303)
        message = exc.description or exc.name
        if message == type(exc).description:      # Werkzeug's own words ('The requested URL was not found …')
            message = _framework_words(exc) or message
        return _error(exc.code or 500, message)

    @app.context_processor
    def _globals():
        return {"csrf_token": csrf_token, "review_title": state.ws.settings.title,
                "settings_error": state.settings_error, "me": g.get("reviewer"), "refused_form": refused_form}

    return app


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def _framework_words(exc: HTTPException) -> str | None:
    """Our sentence for an error the framework raised itself (an address no page answers, a form's
    address opened as a page): Werkzeug's words speak of 'the requested URL' and 'the server'."""
    where = request.script_root + request.path
    allowed = " or ".join(m for m in getattr(exc, "valid_methods", None) or [] if m not in ("HEAD", "OPTIONS"))
    if _wants_json():
        # the API's own words for calls it does not have (api.unknown), for the addresses it does not reach
        return {404: f"no API call {where}; see the README's Web app section for the calls",
                405: f"{where} does not take {request.method}; use {allowed or 'another method'}",
                403: f"{request.method} {where} is not allowed for this token"}.get(exc.code or 500)
    return {404: f"There is no page at {where}. The link may be cut short or out of date: start again from the "
                 f"menu or the start page.",
            405: f"{where} is where a page's form sends what you chose: it is not a page to open. Start again "
                 f"from the menu or the start page.",
            403: "You are not allowed to open this page."}.get(exc.code or 500)


def _error(status: int, message: str):
    if "ws" in g:
        message = without_paths(g.ws, message)
        if "reviewer" not in g and not _wants_json():
            # an address no view answers never reached @page(): the error page still shows the
            # menu of whoever is signed in (and none to a visitor)
            try:
                g.reviewer = session_reviewer(g.ws)
            except ScreenerError:
                g.reviewer = None
    if _wants_json():
        response = jsonify({"ok": False, "error": message})
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="screener"'
        return response
    return render_template("error.html", status=status, message=page_words(message)), status
