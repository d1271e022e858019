"""The owner's JSON API: imports, dedupe, reviewers, settings, full texts, exports and reports.

Same rules as the screening API (``Authorization: Bearer TOKEN``; errors ``{"ok": false, "error"}``
with 400 malformed, 401 no or bad token, 403 role not allowed, 404 unknown, 409 state forbids it or
a stale form, 413 too large, 422 a file the importer or the PDF check refuses). Every call is one
call into the Python API; every check runs before anything is written.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from pathlib import Path
from typing import Any, cast

from flask import Blueprint, Response, g, request

from screener.errors import (
    PermissionDenied,
    RecordParseError,
    ScreenerError,
    UsageError,
)
from screener.rank.presets import preset_names
from screener.records.csv_columns import parse_columns
from screener.records.reader import FORMAT_NAMES
from screener.records.textio import file_sha256
from screener.report.agreement import agreement_report, format_agreement_text
from screener.report.exports import ALIASES, FORMATS, export_studies
from screener.report.prisma import RelabelWords, prisma_counts, render_svg, svg_to_png
from screener.report.searches import render_csv, render_markdown, search_log
from screener.web import json_answers
from screener.web.auth import bearer_reviewer
from screener.web.import_words import api_summary, hint_words
from screener.web.links import signin_url
from screener.web.messages import without_paths
from screener.web.remedies import api_line, api_relabel
from screener.workspace import fulltext_upload  # as a module: the limit is read per request
from screener.workspace.dedupe import decide_pair, dedupe_workspace, list_pairs
from screener.workspace.fulltext import attach_fulltext, fulltext_history, latest_fulltext_id, mark_not_retrieved
from screener.workspace.import_hints import import_hints
from screener.workspace.importer import FilesRefused
from screener.workspace.imports import (
    FIELDS,
    STRATEGY_VERSION,
    change_import,
    import_exports,
    keep_upload,
    list_imports,
)
from screener.workspace.reviewers import add_reviewer, get_reviewer, mint_token
from screener.workspace.screening import check_study_number
from screener.workspace.settings_edit import FIELDS as SETTINGS_FIELDS
from screener.workspace.settings_edit import settings_document, update_settings
from screener.workspace.team import revoke_reviewer, team

bp = Blueprint("owner_api", __name__, url_prefix="/api")

IMPORT_LIMIT, IMPORT_LIMIT_TEXT = 200 * 1024 * 1024, "200 MB"


class OwnerApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def status_of(exc: ScreenerError) -> int:
    """The error's own ``http_status``; a file the importer cannot read is 422 (the request was
    well-formed, its content is not an export)."""
    if isinstance(exc, RecordParseError):
        return 422
    return exc.http_status


def json_response(data: Any, status: int = 200) -> Response:
    response = json_answers.json_response(data, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="screener"'
    return response


@bp.errorhandler(OwnerApiError)
def _owner_api_error(exc: OwnerApiError):
    return json_response({"ok": False, "error": str(exc)}, exc.status)


@bp.errorhandler(ScreenerError)
def _screener_error(exc: ScreenerError):
    return json_response({"ok": False, "error": without_paths(g.ws, api_line(exc))}, status_of(exc))


def upload_limit(endpoint: str | None) -> tuple[int, str] | None:
    return {"owner_api.imports_post": (IMPORT_LIMIT, IMPORT_LIMIT_TEXT),
            "owner_api.fulltext_post": (fulltext_upload.PDF_LIMIT + (1 << 20),
                                        fulltext_upload.PDF_LIMIT_TEXT)}.get(endpoint or "")


def check_size(limit: tuple[int, str] | None) -> None:
    """413 before the body is read when it is over the limit; the limit also applies while reading."""
    if limit is None:
        return
    if request.content_length is not None and request.content_length > limit[0]:
        raise OwnerApiError(413, f"the upload is {request.content_length / 1048576:.1f} MB; the limit here is "
                                 f"{limit[1]}. Send fewer or smaller files (nothing was written)")
    request.max_content_length = limit[0]


@bp.before_request
def _authenticate():
    try:
        g.reviewer = bearer_reviewer(g.ws)
    except PermissionDenied as exc:
        raise OwnerApiError(401, str(exc)) from None
    check_size(upload_limit(request.endpoint))


def require_owner(what: str) -> None:
    who = g.reviewer
    if who.role != "owner":
        raise OwnerApiError(403, f"reviewer '{who.name}' is {who.role_phrase}; only the review's owner may {what}")


def require_importer(what: str) -> None:
    """Importing and correcting an import: the owner or the information specialist (searcher)."""
    who = g.reviewer
    if not who.can_import:
        raise OwnerApiError(403, f"reviewer '{who.name}' is {who.role_phrase}; only the review's owner or a searcher "
                                 f"may {what}")


def withdrawal_refusal(who, shown_name: str | None = None) -> str | None:
    """Why ``who`` may not withdraw or restore an import (None: the owner may); ``shown_name``: the
    name a page shows for them. The searcher imports and corrects; a withdrawal changes the studies
    being screened and counts the votes it leaves behind."""
    if who.role == "owner":
        return None
    return (f"reviewer '{shown_name or who.name}' is {who.role_phrase}; only the review's owner may withdraw or restore an "
            f"import (it takes records out of the studies being screened, or puts them back): ask the owner")


def body(allowed: tuple[str, ...]) -> dict[str, Any]:
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        raise OwnerApiError(400, "the request body is not valid JSON; send a JSON object") from None
    if not isinstance(data, dict):
        raise OwnerApiError(400, "the request body must be a JSON object")
    for key in data:
        if key not in allowed:
            raise OwnerApiError(400, f"unknown field {key!r}; the fields are: {', '.join(allowed)}")
    return data


def flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


# ---- imports -----------------------------------------------------------------------------------

def check_import_form(form) -> dict[str, str]:
    allowed = set(FIELDS) | {STRATEGY_VERSION, "dry_run", "empty_ok", "again", "csrf_token", "staged", "columns"}
    for key in form:
        if key not in allowed:
            raise UsageError(f"unknown field {key!r}; the fields are: "
                             f"{', '.join(sorted(allowed - {'csrf_token', 'staged'}))}")
    return {k: form.get(k) for k in (*FIELDS, STRATEGY_VERSION) if k in form}


def save_uploads(files, folder: Path) -> list[Path]:
    """Each uploaded file saved under ``folder/N/NAME`` (N keeps two files of one name apart)."""
    files = [f for f in files if f and f.filename]
    if not files:
        raise UsageError("choose one or more export files (multipart 'file' parts)")
    paths = []
    seen: set[tuple[str, str]] = set()
    for number, upload in enumerate(files, start=1):
        name = Path(upload.filename.replace("\\", "/")).name or f"upload-{number}"
        target = folder / f"{number}" / name
        target.parent.mkdir(parents=True)
        upload.save(target)
        # one file sent twice: each copy is saved apart, so the importer saw two files ('one.ris has the
        # same content as one.ris'); said as the command line says a file named twice
        key = (name, file_sha256(target))
        if key in seen:
            raise UsageError(f"{name} is named twice; give each export once")
        seen.add(key)
        paths.append(target)
    return paths


def as_uploaded(exc: ScreenerError, folder: Path) -> ScreenerError:
    """``exc`` naming the owner's files as they uploaded them, not where the server put them
    (``folder``, the review's exports/). Its remedy and the rest are kept as data: each front end
    words the remedy once (the page's column chooser opens on COLUMNS)."""
    def named(text: str) -> str:
        text = re.sub(re.escape(str(folder)) + r"/\d+/", "", text)
        for exports in (g.ws.path.resolve() / "exports", g.ws.path / "exports"):  # `serve` may be given a relative path
            text = text.replace(str(exports) + "/", "")
        return text

    if isinstance(exc, FilesRefused):         # each file's refusal, worded by itself
        return FilesRefused([cast(RecordParseError, as_uploaded(one, folder)) for one in exc.refused], exc.files)
    said = copy.copy(exc)
    said.args = (named(str(exc.args[0])), *exc.args[1:]) if exc.args else exc.args
    said.after = named(exc.after)
    said.about = {key: named(value) for key, value in exc.about.items()}     # the file it names, as uploaded
    return said


def import_saved(paths: list[Path], form, *, actor: str, dry_run: bool, folder: Path,
                 skip_bad: bool = False) -> dict[str, Any]:
    """The saved uploads through the importer: a dry run reads them where they are; an import keeps
    them under ``DIR/exports/`` first (removed again when the import is refused). ``skip_bad``: as
    `import --skip-bad`, the entries that do not parse are left out (and reported) instead."""
    metadata = check_import_form(form)
    ws = g.ws
    kept: list[Path] = []
    if not dry_run:
        final = []
        for path in paths:
            existed = set((ws.path / "exports").glob("*")) if (ws.path / "exports").exists() else set()
            kept_path = keep_upload(ws, path, path.name)
            if kept_path not in existed:
                kept.append(kept_path)
            final.append(kept_path)
        paths = final
    try:
        # every "columns" field: a script's list is sent as one field per choice (only the first was read)
        given = [text for text in (form.getlist("columns") if hasattr(form, "getlist") else [form.get("columns")])
                 if (text or "").strip()]
        columns = parse_columns(given, label="'columns'") if given else None
        report = import_exports(ws, paths, metadata=metadata, actor=actor, dry_run=dry_run, skip_bad=skip_bad,
                                allow_empty=flag(form.get("empty_ok")), allow_reimport=flag(form.get("again")),
                                columns=columns)
    except ScreenerError as exc:
        for path in kept:
            path.unlink(missing_ok=True)
        raise as_uploaded(exc, folder) from None
    except BaseException:
        for path in kept:
            path.unlink(missing_ok=True)
        raise

    data = report.to_dict()
    for item, path in zip(data["files"], paths):
        item["file"] = path.name
        item["format_name"] = FORMAT_NAMES.get(item["format"], item["format"])
        item["error"] = item["error"].replace(item["path"], path.name)     # the owner's file, not the server's
        if dry_run:
            item["path"] = path.name
        for warning in item["warnings"]:
            warning["file"] = path.name
    where = ("preview" if dry_run else "page") if request.blueprint == "owner_pages" else "api"
    data["hints"] = hint_words(import_hints(report, metadata, may_withdraw=withdrawal_refusal(g.reviewer) is None),
                               where)
    data["summary"] = api_summary(data)
    # imports stopped part-way before this one (a server killed mid-import): when, which files
    data["interrupted"] = [{"started_at": run["started_at"], "files": run["files"]} for run in report.interrupted]
    return data


@bp.post("/imports")
def imports_post():
    """Multipart: one or more ``file`` parts and the metadata fields; ``dry_run=true`` writes nothing."""
    require_importer("import records")
    dry_run = flag(request.form.get("dry_run"))
    check_import_form(request.form)
    with tempfile.TemporaryDirectory(prefix="screener-upload-") as tmp:
        paths = save_uploads(request.files.getlist("file"), Path(tmp))
        data = import_saved(paths, request.form, actor=g.reviewer.name, dry_run=dry_run, folder=Path(tmp))
    return json_response({"ok": True, **data}, 200 if dry_run else 201)


def without_server_path(item: dict[str, Any]) -> dict[str, Any]:
    """An import as the browser may see it: its file's name ("file") but not where the server keeps
    the file ("path", the server's folders; the CLI's `imports list --json` still gives it)."""
    return {k: v for k, v in item.items() if k != "path"}


@bp.get("/imports")
def imports_get():
    require_importer("see the imports")
    return json_response([without_server_path(item) for item in list_imports(g.ws)])


@bp.post("/imports/<int:import_id>")
def import_change(import_id: int):
    """Relabel (any metadata field) and/or ``{"withdrawn": true|false}``."""
    require_importer("correct an import")
    data = body(FIELDS + (STRATEGY_VERSION, "withdrawn"))
    if "withdrawn" in data and (refusal := withdrawal_refusal(g.reviewer)):
        raise OwnerApiError(403, refusal)          # the whole request: a relabel sent with it is not written either
    return json_response(without_server_path(change_import(g.ws, import_id, data, actor=g.reviewer.name)))


# ---- dedupe --------------------------------------------------------------------------------------

@bp.post("/dedupe")
def dedupe():
    require_owner("run deduplication")
    body(())
    return json_response(dedupe_workspace(g.ws, actor=g.reviewer.name))


@bp.get("/pairs")
def pairs():
    require_owner("see the duplicate pairs")
    return json_response(list_pairs(g.ws, request.args.get("status") or "pending"))


@bp.post("/pairs/<int:pair>")
def pair_decide(pair: int):
    require_owner("decide duplicate pairs")
    data = body(("decision", "note"))
    if data.get("decision") not in ("same", "different"):
        raise OwnerApiError(400, 'give "decision": "same" or "different"')
    note = data.get("note") or ""
    if not isinstance(note, str):
        raise OwnerApiError(400, "'note' must be text")
    check_study_number(g.ws, pair)          # a number SQLite cannot hold is no pair
    return json_response(decide_pair(g.ws, pair, data["decision"], actor=g.reviewer.name, note=note))


# ---- reviewers -------------------------------------------------------------------------------------

def signin_link(token: str) -> str:
    return signin_url(request.url_root, token)


@bp.get("/reviewers")
def reviewers_get():
    require_owner("see the team")
    return json_response(team(g.ws))


@bp.post("/reviewers")
def reviewers_post():
    require_owner("add reviewers")
    data = body(("name", "role"))
    name, role = data.get("name"), data.get("role") or "screener"
    if not isinstance(name, str) or not isinstance(role, str):
        raise OwnerApiError(400, "'name' and 'role' must be text")
    reviewer, token = add_reviewer(g.ws, name, role, actor=g.reviewer.name)
    return json_response({**reviewer.to_dict(), "token": token, "url": signin_link(token)}, 201)


@bp.post("/reviewers/<path:name>/link")          # a name may hold "/"
def reviewer_link(name: str):
    require_owner("mint sign-in links")
    body(())
    reviewer = get_reviewer(g.ws, name)
    token = mint_token(g.ws, name, actor=g.reviewer.name)
    return json_response({"name": reviewer.name, "role": reviewer.role, "token": token, "url": signin_link(token)})


@bp.post("/reviewers/<path:name>/revoke")
def reviewer_revoke(name: str):
    require_owner("revoke a sign-in")
    body(())
    return json_response(revoke_reviewer(g.ws, name, actor=g.reviewer.name))


# ---- settings ---------------------------------------------------------------------------------------

def known_presets() -> list[str]:
    return preset_names()


@bp.get("/settings")
def settings_get():
    return json_response(settings_document(g.ws))


@bp.put("/settings")
def settings_put():
    """``{"version": V, <setting>: value, ...}``; 409 when review.toml changed since version V."""
    require_owner("change the settings")
    data = body(tuple(SETTINGS_FIELDS) + ("version",))
    version = data.pop("version", None)
    result = update_settings(g.ws, data, version=version, actor=g.reviewer.name, known_presets=known_presets())
    g.state.refresh_settings()
    return json_response(result)


# ---- full texts -------------------------------------------------------------------------------------

def fulltext_action(study: int, *, upload, url: str | None, not_retrieved: bool, note: str,
                    choices: str = "a PDF file, a link (url), or not_retrieved") -> dict[str, Any]:
    """One of: a PDF upload, a link, or 'not retrieved' (owner and screeners; arbiters do not).
    ``choices``: the three as the front end asking names them (the API's keys by default)."""
    who = g.reviewer
    if who.role not in ("owner", "screener"):
        raise OwnerApiError(403, f"reviewer '{who.name}' is {who.role_phrase}; the owner and screeners attach full texts")
    check_study_number(g.ws, study)
    given = [x for x in (upload is not None, bool(url), not_retrieved) if x]
    if len(given) != 1:
        raise UsageError(f"choose one of {choices}, not two" if len(given) > 1 else f"give one of {choices}")
    if upload is not None:
        data = upload.read()
        return fulltext_upload.attach_pdf(g.ws, study, data, Path(upload.filename or "upload.pdf").name,
                                          actor=who.name, note=note)
    if url:
        if not isinstance(url, str) or not re.match(r"^https?://\S+$", url.strip(), re.I):
            raise UsageError(f"url {url!r}: give the full text's http:// or https:// address")
        before = latest_fulltext_id(g.ws)
        result = attach_fulltext(g.ws, study, url.strip(), actor=who.name, note=note)
        after = latest_fulltext_id(g.ws)
        return {"study": study, "fulltext": result.to_dict(), "recorded": after != before}
    result = mark_not_retrieved(g.ws, study, actor=who.name, note=note)
    return {"study": study, "fulltext": result.to_dict(), "recorded": True,
            "history": [f.to_dict() for f in fulltext_history(g.ws, study)]}


@bp.post("/studies/<int:study>/fulltext")
def fulltext_post(study: int):
    """Multipart ``file`` (a PDF), or JSON ``{"url": ...}`` or ``{"not_retrieved": true}`` (and ``note``)."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise OwnerApiError(400, "send the PDF as a multipart 'file' part")
        note = request.form.get("note", "")
        return json_response(fulltext_action(study, upload=upload, url=None, not_retrieved=False, note=note), 201)
    data = body(("url", "not_retrieved", "note"))
    if "not_retrieved" in data and data["not_retrieved"] is not True:
        raise OwnerApiError(400, '"not_retrieved" must be true (attaching a file or link undoes it)')
    note = data.get("note") or ""
    if not isinstance(note, str):
        raise OwnerApiError(400, "'note' must be text")
    result = fulltext_action(study, upload=None, url=data.get("url"), not_retrieved=bool(data.get("not_retrieved")),
                             note=note)
    return json_response(result, 201 if result.get("recorded") else 200)


# ---- exports and reports -----------------------------------------------------------------------------

#: one entry per format of ``report.exports.FORMATS`` (a test keeps them in step)
EXPORT_TYPES = {"ris": ("application/x-research-info-systems", "ris"), "csv": ("text/csv", "csv"),
                "asreview": ("text/csv", "csv"), "bib": ("application/x-bibtex", "bib"),
                "endnote-xml": ("application/xml", "xml")}


#: what each export format holds, in its file's name
EXPORT_CONTENTS = {"ris": "studies", "csv": "audit", "asreview": "asreview", "bib": "studies", "endnote-xml": "studies"}


def download_name(*parts: str | None) -> str:
    """A download's file name: the review's folder (its short name under ``serve --root``) first, so
    files from two reviews do not collide in one Downloads folder; then what it holds."""
    review = re.sub(r"[^A-Za-z0-9._-]+", "-", g.ws.path.resolve().name).strip("-.") or "review"
    return "-".join([review, *(p for p in parts if p)])


def export_download(fmt: str | None, stage: str | None, decision: str | None) -> Response:
    if not fmt:
        raise UsageError(f"add ?format= to the URL: {', '.join(FORMATS)}")
    text, n = export_studies(g.ws, fmt, stage or None, decision or None)
    fmt = ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    mimetype, ext = EXPORT_TYPES[fmt]
    name = download_name(EXPORT_CONTENTS[fmt], stage, decision)
    response = Response(text, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    response.headers["X-Studies"] = str(n)
    return response


@bp.get("/exports")
def exports():
    require_owner("export studies")
    return export_download(request.args.get("format"), request.args.get("stage"), request.args.get("decision"))


def prisma_svg_response(relabel: RelabelWords) -> Response:
    """The diagram, its note on records without a database ending in ``relabel``'s words (the page's or the API's)."""
    response = Response(render_svg(prisma_counts(g.ws, relabel), g.ws.settings.title), mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    # shown in the page's <img>, and named after the review when downloaded, as every download is
    response.headers["Content-Disposition"] = f'inline; filename="{download_name("prisma")}.svg"'
    return response


def prisma_png_response(relabel: RelabelWords) -> Response:
    with tempfile.TemporaryDirectory(prefix="screener-prisma-") as tmp:
        svg = Path(tmp) / "prisma.svg"
        svg.write_text(render_svg(prisma_counts(g.ws, relabel), g.ws.settings.title), encoding="utf-8")
        svg_to_png(svg, svg.with_suffix(".png"))
        data = svg.with_suffix(".png").read_bytes()
    response = Response(data, mimetype="image/png")
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name("prisma")}.png"'
    return response


def searches_response(fmt: str | None) -> Response:
    fmt = (fmt or "md").lower()
    if fmt not in ("md", "csv"):
        raise UsageError(f"format {fmt!r}: use md or csv")
    rows = search_log(g.ws)
    text, mimetype = (render_markdown(rows), "text/markdown") if fmt == "md" else (render_csv(rows), "text/csv")
    response = Response(text, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name("searches")}.{fmt}"'
    return response


@bp.get("/reports/prisma.svg")
def report_prisma_svg():
    require_owner("see the reports")
    return prisma_svg_response(api_relabel)


@bp.get("/reports/prisma.png")
def report_prisma_png():
    require_owner("see the reports")
    return prisma_png_response(api_relabel)


@bp.get("/reports/searches")
def report_searches():
    require_owner("see the reports")
    return searches_response(request.args.get("format"))


@bp.get("/reports/agreement")
def report_agreement():
    require_owner("see the reports")
    report = agreement_report(g.ws)
    if (request.args.get("format") or "json") == "text":
        return Response(format_agreement_text(report), mimetype="text/plain")
    return json_response(report)
