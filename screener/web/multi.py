"""Many reviews on one server: ``screener serve --root ROOT`` serves every workspace ``ROOT/<name>/``
under ``/r/<name>/`` with a review picker at ``/``.

Each review is the one-review app (``create_app``) mounted at its own path: its own database, its
own session cookie (named after the workspace, sent only under ``/r/<name>/``, signed with the
workspace's own secret), its own tokens. A reviewer's token signs in to the review it was minted
in and nowhere else, and no page of the root shows a review's name or contents to anyone but the
root owner. The root owner (``screener admin token ROOT``) creates reviews and opens any of them
as its owner (a reviewer named ``root-owner`` inside each review they open).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
from pathlib import Path

from flask import Flask, abort, flash, jsonify, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from screener.errors import PermissionDenied, ScreenerError, WorkspaceError
from screener.output import shell_word
from screener.web.app import create_app
from screener.web.auth import check_csrf, csrf_token, load_secret, sign_in
from screener.web.hardening import cookie_settings, foreign_host, loopback, security_headers
from screener.web.links import link_hint
from screener.web.root_sessions import close_review_sessions, close_session, open_session, session_open
from screener.web.server import signin_url
from screener.web.serving import run
from screener.web.throttle import Throttle
from screener.workspace import Workspace
from screener.workspace.queue import prepare_queue
from screener.workspace.reviewers import add_reviewer, display_names, mint_token, token_hash
from screener.workspace.root import ROOT_OWNER, SLUG, authenticate_root, create_review, list_reviews, review_path, root_token_hash

_PREFIX = re.compile(r"^/r/([^/]+)(/.*)?$")
UNOPENABLE = "screener.unopenable"     # the WSGI environ key: why the review addressed cannot be opened
log = logging.getLogger(__name__)


class ReviewRoot:
    """The WSGI app of a server root: the picker, and each review's app under /r/<name>/."""

    def __init__(self, root: str | Path, *, lease_minutes: float = 30, secure_cookies: bool = False,
                 loopback_only: bool | None = None, prepare=None):
        self.root = Path(root)
        if not self.root.is_dir():
            raise WorkspaceError(f"{root}: no such folder; create it, then `screener admin token {shell_word(root)}`")
        self.lease_minutes, self.secure_cookies, self.loopback_only = lease_minutes, secure_cookies, loopback_only
        self.prepare = prepare           # called once per review app made (the server prepares its queue)
        self.apps: dict[str, Flask] = {}
        self.lock = threading.Lock()
        self.front = create_root_app(self, secure_cookies=secure_cookies, loopback_only=loopback_only)

    def review_app(self, slug: str) -> Flask | None:
        if not SLUG.match(slug):
            return None
        with self.lock:
            app = self.apps.get(slug)
            if app is not None:
                return app
            path = self.root / slug
            if not (path / "review.db").is_file() or not (path / "review.toml").is_file():
                return None
            app = create_app(path, lease_minutes=self.lease_minutes, secure_cookies=self.secure_cookies,
                             loopback_only=self.loopback_only)
            app.config["SESSION_COOKIE_PATH"] = f"/r/{slug}/"
            if self.prepare is not None:
                self.prepare(app)
            self.apps[slug] = app
            return app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO") or "/"
        match = _PREFIX.match(path)
        if match:
            slug, rest = match.group(1), match.group(2)
            try:
                app = self.review_app(slug)
            except ScreenerError as exc:
                # a review that cannot be opened as it is (a newer screener's, damaged, its settings
                # emptied): said on a page of the front app, the others served as ever; tried again
                # on the next request, so that once mended it opens without a restart
                log.warning("review %s cannot be opened: %s", slug, exc)
                environ = dict(environ)
                environ[UNOPENABLE] = str(exc).replace(str(self.root / slug) + os.sep, "").replace(
                    str(self.root.resolve() / slug) + os.sep, "")
                return self.front(environ, start_response)
            if app is not None:
                if rest is None:
                    start_response("308 Permanent Redirect", [("Location", f"{environ.get('SCRIPT_NAME', '')}/r/{slug}/"),
                                                             ("Content-Length", "0")])
                    return [b""]
                environ = dict(environ)
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + f"/r/{slug}"
                environ["PATH_INFO"] = rest
                return app(environ, start_response)
        return self.front(environ, start_response)


def _root_signed_in(root: Path) -> bool:
    stored, newest = session.get("root"), root_token_hash(root)
    return (isinstance(stored, str) and newest is not None and hmac.compare_digest(stored, newest)
            and session_open(root, session.get("root_sid")))     # signed out on the server: ended


def create_root_app(holder: ReviewRoot, *, secure_cookies: bool = False, loopback_only: bool | None = None) -> Flask:
    root = holder.root
    app = Flask(__name__, static_folder="static", template_folder="templates")
    fingerprint = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:10]
    app.config.update(SECRET_KEY=load_secret(root), MAX_CONTENT_LENGTH=1 << 16,
                      **cookie_settings(f"screener_root_{fingerprint}", secure=secure_cookies))
    loopback_only = True if loopback_only is None else loopback_only

    def wants_json() -> bool:
        return request.path.startswith("/api/")

    def error(status: int, message: str):
        if wants_json():
            response = jsonify({"ok": False, "error": message})
            response.status_code = status
            return response
        return render_template("root.html", page="error", status=status, message=message, reviews=None,
                               signed_in=False), status

    @app.before_request
    def _before():
        refused = foreign_host(request.host, loopback_only)
        return error(400, refused) if refused else None

    @app.after_request
    def _headers(response):
        return security_headers(response)

    @app.errorhandler(ScreenerError)
    def _screener_error(exc: ScreenerError):
        return error(exc.http_status, str(exc))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        return error(exc.code or 500, exc.description or exc.name)

    @app.context_processor
    def _globals():
        return {"csrf_token": csrf_token}

    @app.route("/r/<slug>", methods=["GET", "POST"])
    @app.route("/r/<slug>/", methods=["GET", "POST"])
    @app.route("/r/<slug>/<path:rest>", methods=["GET", "POST"])
    def no_review(slug: str, rest: str = ""):
        unopenable = request.environ.get(UNOPENABLE)
        if unopenable is not None:
            # (the why without its remedy, which is for the server's disk: the person here tells whoever runs it)
            message = f"This review cannot be opened on this server as it is: {unopenable}. Tell whoever runs the server."
            if rest.startswith("api/"):
                return jsonify({"ok": False, "error": message}), 503
            return error(503, message)
        # what a reviewer with a link cut when copied reaches (the framework's 404 spoke of URLs);
        # it names no review, to anyone
        return error(404, "There is no review at this address on this server. Open the sign-in link your "
                          "review's owner sent you (whole: a link cut when copied leads here), or ask them for a "
                          "new one; the server's owner finds every review on the start page.")

    throttle = Throttle()

    def throttled_root(token: str) -> None:
        """``authenticate_root``, refused with 429 for an address that sent too many wrong tokens
        lately (as a review's sign-in and bearer tokens are: screener.web.throttle)."""
        client = request.remote_addr or "?"
        throttle.check(client)
        try:
            authenticate_root(root, token)
        except PermissionDenied:
            throttle.failed(client)
            raise

    def owner_page(view):
        @functools.wraps(view)
        def inner(*args, **kwargs):
            if not _root_signed_in(root):
                if request.method == "GET":
                    return redirect(url_for("index"))
                abort(401, description="sign in with the server owner's link first")
            if request.method == "POST":
                check_csrf()
            return view(*args, **kwargs)
        return inner

    def open_as_owner(slug: str, target: str, message: str):
        """The root owner signed in to review ``slug`` (as its reviewer ``root-owner``, with a fresh
        token) and sent to ``target``, a page of that review: the review's own session cookie is
        set on this answer, so no sign-in page comes between (it asked for a click that decided
        nothing) and the token never reaches the browser."""
        with Workspace.open(review_path(root, slug)) as ws:
            try:
                _, token = add_reviewer(ws, ROOT_OWNER, "owner", actor="root owner")
            except ScreenerError:          # already there: a new token (signs out their older sessions)
                token = mint_token(ws, ROOT_OWNER, actor="root owner")
            message = message.replace("{name}", display_names(ws)[ROOT_OWNER])
        base = request.url_root.rstrip("/") + f"/r/{slug}"
        review = holder.review_app(slug)
        if review is None:                 # its review.toml is missing: not a review the server can open
            abort(404, description=f"review '{slug}' cannot be opened: its folder has no review.toml")
        environ = {"REMOTE_ADDR": request.remote_addr or "127.0.0.1"}
        with review.test_request_context("/signin", base_url=base + "/", environ_base=environ):
            sign_in(review.extensions["screener"].ws, token)
            flash(message, "ok")
            answer = redirect(base + target, code=303)
            review.session_interface.save_session(review, session, answer)    # type: ignore[arg-type]
        return answer

    @app.get("/")
    def index():
        signed = _root_signed_in(root)
        reviews = list_reviews(root) if signed else None
        return render_template("root.html", page="index", reviews=reviews, signed_in=signed, token=request.args.get("token", ""))

    @app.post("/signin")
    def signin():
        check_csrf()
        token = request.form.get("token", "").strip()
        try:
            throttled_root(token)
        except PermissionDenied as exc:
            return render_template("root.html", page="index", reviews=None, signed_in=False, token="",
                                   error=str(exc)), 401

        session.clear()
        session.permanent = True
        session["root"] = token_hash(token)
        session["root_sid"] = open_session(root)    # a server-side session: sign-out ends it
        session["csrf_token"] = secrets.token_urlsafe(32)
        return redirect(url_for("index"), code=303)

    @app.get("/signin")
    def signin_form():
        return render_template("root.html", page="index", reviews=None, signed_in=_root_signed_in(root),
                               token=request.args.get("token", ""))

    @app.post("/signout")
    def signout():
        check_csrf()
        if _root_signed_in(root):
            close_session(root, session.get("root_sid"))
            close_review_sessions(root)          # and out of the reviews opened from here
        session.clear()
        return redirect(url_for("index"), code=303)

    @app.post("/reviews")
    @owner_page
    def reviews_create():
        slug = request.form.get("slug", "").strip().lower()
        title = request.form.get("title", "")
        try:
            ws, _ = create_review(root, slug, title, owner_name=request.form.get("owner_name", ""))
            title = ws.settings.title
            ws.close()
        except ScreenerError as exc:
            return render_template("root.html", page="index", reviews=list_reviews(root), signed_in=True,
                                   error=str(exc), form={"slug": slug, "title": title,
                                                         "owner_name": request.form.get("owner_name", "")}), \
                exc.http_status
        # a new review opens on its home page: its Getting started steps
        return open_as_owner(slug, "/", f"Review “{title}” created; you are its owner. "
                                        f"Start with its first steps below.")

    @app.post("/reviews/<slug>/open")
    @owner_page
    def reviews_open(slug: str):
        return open_as_owner(slug, "/dashboard", "Signed in as {name} (owner).")

    # ---- JSON for scripts (Bearer: the root owner's token) ----------------------------------------

    def bearer_root() -> None:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            abort(401, description="send 'Authorization: Bearer TOKEN' with the server owner's token (whoever runs "
                                   "the server makes it)")
        try:
            throttled_root(token.strip())
        except PermissionDenied as exc:
            abort(401, description=str(exc))

    @app.get("/api/reviews")
    def api_reviews():
        bearer_root()
        return jsonify([{**r, "url": request.url_root.rstrip("/") + f"/r/{r['slug']}/"} for r in list_reviews(root)])

    @app.post("/api/reviews")
    def api_reviews_create():
        bearer_root()
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or set(data) - {"slug", "title"}:
            abort(400, description='send a JSON object {"slug": "pain-qual", "title": "..."}')
        try:
            ws, token = create_review(root, str(data.get("slug", "")), str(data.get("title", "")))
            ws.close()
        except ScreenerError as exc:
            return error(exc.http_status, str(exc))
        base = request.url_root.rstrip("/") + f"/r/{data['slug']}"
        return jsonify({"slug": data["slug"], "url": base + "/", "owner": ROOT_OWNER, "owner_token": token,
                        "owner_link": signin_url(base, token)}), 201

    @app.route("/api/<path:rest>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    def api_unknown(rest: str):
        abort(404, description=f"no call /api/{rest} at the server root; a review's API is under /r/NAME/api/")

    return app


def serve_root(root: str | Path, host: str, port: int, *, threads: int = 8, lease_minutes: float = 30,
               secure_cookies: bool = False, ready=None) -> None:
    """Serve every review under ``root`` until interrupted (a review's queue is prepared when it is
    first opened)."""
    holder = ReviewRoot(root, lease_minutes=lease_minutes, secure_cookies=secure_cookies,
                        loopback_only=loopback(host),
                        prepare=lambda app: prepare_queue(app.extensions["screener"].ws))
    n = len(list_reviews(root))
    run(holder, host, port, threads, ready=ready, again=f"screener serve --root {shell_word(root)}", announce=lambda url: (
        f"Serving {n} review{'s' if n != 1 else ''} under {root} on {url}/ (Ctrl+C to stop)\n"
        f"The server's owner signs in with the link of: screener admin token {shell_word(root)} --url {link_hint(url)}\n"))
