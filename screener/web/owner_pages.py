"""The owner's pages: imports (upload, preview, confirm, correct), dedupe, reviewers, settings,
exports and reports; and full texts (upload a PDF, give a link, mark not retrieved; the PDF inline).

Each page is a form over the same Python API as ``owner_api``; a refusal comes back as the page with
the message and the right status, and nothing written.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, send_file, session, url_for

from screener.errors import COLUMNS, RecordParseError, ScreenerError, UsageError
from screener.output import counted
from screener.query.strategy_file import decode_strategy
from screener.rank.presets import PRESETS, preset_names
from screener.records.reader import FORMATS_READ
from screener.report.agreement import agreement_report, format_agreement_text
from screener.report.prisma import prisma_counts
from screener.web.after_post import keep_view, kept_view, mark_refused, see_other
from screener.web.import_steps import (
    chosen_again,
    column_choice,
    columns_from_form,
    columns_spec,
    imported_as,
    mark_imported,
    skip_bad_offer,
    skipped_lines,
    skipped_words,
    staged,
    staged_paths,
    without_chooser,
)
from screener.web.import_steps import stage as stage_upload
from screener.web.import_words import interrupted_notice
from screener.web.messages import said
from screener.web.owner_api import (
    OwnerApiError,
    check_size,
    download_name,
    export_download,
    fulltext_action,
    import_saved,
    known_presets,
    prisma_png_response,
    prisma_svg_response,
    save_uploads,
    searches_response,
    status_of,
    upload_limit,
    withdrawal_refusal,
)
from screener.web.owner_words import choose_again, owner_message, setting_label, settings_message
from screener.web.pages import STAGE_NAMES, page
from screener.web.pair_fields import compare_fields, decision_words
from screener.web.people import person
from screener.web.plain_words import EXPORT_FORMATS, export_choice_problem
from screener.web.remedies import page_line, page_relabel
from screener.web.settings_stale import differing_fields, seen_change, stale_line, with_their_changes
from screener.workspace.dedupe import current_record_count, decide_pair, dedupe_due, dedupe_workspace, last_run, list_pairs
from screener.workspace.fulltext import fulltext_for
from screener.workspace.import_runs import interrupted_imports
from screener.workspace.imports import (
    FIELD_LABELS,
    FIELDS,
    STRATEGY_VERSION,
    change_import,
    database_of_imports,
    import_of_record,
    list_imports,
    platform_named,
    searched_database,
)
from screener.workspace.pubmed_searches import searches_as_imports
from screener.workspace.reviewers import (
    IMPORT_ROLES,
    list_reviewers,
)
from screener.workspace.screening import check_study_number, progress, require_current_study
from screener.workspace.settings import STAGES
from screener.workspace.settings_edit import (
    StaleSettings,
    last_settings_change,
    settings_as_loaded,
    settings_document,
    update_settings,
)
from screener.workspace.strategies import list_versions

bp = Blueprint("owner_pages", __name__)
bp.add_app_template_filter(skipped_lines)

@bp.before_request
def _limits():
    check_size(upload_limit({"owner_pages.imports_preview": "owner_api.imports_post",
                             "owner_pages.fulltext_post": "owner_api.fulltext_post"}.get(request.endpoint or "")))


@bp.errorhandler(OwnerApiError)
def _too_large(exc: OwnerApiError):
    if request.endpoint == "owner_pages.fulltext_post" and exc.status == 413:
        return _fulltext_refused((request.view_args or {}).get("study"), str(exc))
    return render_template("error.html", status=exc.status, message=str(exc)), exc.status


def _fulltext_refused(study, message: str):
    """A refused full-text upload: back to the study's page with the reason (redirect-after-post, so
    reloading that page does not send the upload again)."""
    flash(f"Full text not attached: {message}", "error")
    return redirect(url_for("pages.screen", stage="full_text", study=study), code=303)


# ---- imports ------------------------------------------------------------------------------------

def _imports_page(*, error: str | None = None, status: int = 200, preview: dict | None = None,
                  form: dict | None = None, correcting: dict | None = None, columns: dict | None = None):
    """``correcting``: ``{"id", "form"}`` of a refused correction, shown open with what was typed;
    ``columns``: the column chooser of an upload whose columns were not known (``column_choice``)."""
    return render_template("owner_imports.html", imports=list_imports(g.ws), searches=searches_as_imports(g.ws),
                           error=error, preview=preview, form=form or {}, labels=FIELD_LABELS, correcting=correcting,
                           columns=columns,
                           versions=list_versions(g.ws), dedupe=dedupe_due(g.ws), formats_read=FORMATS_READ,
                           interrupted=[interrupted_notice(run, here=True) for run in interrupted_imports(g.ws)]), status


@bp.get("/owner/imports")
@page(*IMPORT_ROLES)
def imports():
    return _imports_page()


@bp.post("/owner/imports/preview")
@page(*IMPORT_ROLES)
def imports_preview():
    """Step 1: the files are read, nothing is written to the review; the page shows what was found.
    Files refused only for entries that do not parse are offered as `import --skip-bad` would
    import them (``skip_bad_offer``): the refusal stands above the preview of the good records."""
    # a private folder (0700) outside the review: a preview writes nothing to the review; the column
    # chooser sends back the staged upload it was shown for, with the columns chosen
    chosen_key = request.form.get("staged", "")
    kept = staged()
    if chosen_key and chosen_key not in kept:
        abort(400, description="this upload is not yours or has expired; choose the file again")
    folder = Path(kept[chosen_key]) if chosen_key else Path(tempfile.mkdtemp(prefix="screener-preview-"))
    paths: list[Path] = []
    refused = None
    columns_chosen = columns_from_form(request.form) if chosen_key else {}
    fields = {"columns": columns_spec(columns_chosen)} if columns_chosen else {}
    try:
        paths = chosen_again(folder) if chosen_key else save_uploads(request.files.getlist("file"), folder)
        report = import_saved(paths, fields, actor=g.reviewer.name, dry_run=True, folder=folder)
    except ScreenerError as exc:
        choice = column_choice(paths, columns_chosen) \
            if getattr(exc, "remedy", None) == COLUMNS or chosen_key else None
        error = without_chooser(exc) if choice is None and getattr(exc, "remedy", None) == COLUMNS else owner_message(exc)
        if choice is not None:       # which column holds what: the page asks, the upload kept
            key = chosen_key or stage_upload(folder)
            return _staged_page(folder, key, error=error, status=422, columns={**choice, "key": key})
        offer = skip_bad_offer(paths, folder) if isinstance(exc, RecordParseError) and paths else None
        if offer is None:
            shutil.rmtree(folder, ignore_errors=True)
            chosen = [Path(f.filename or "").name for f in request.files.getlist("file")]
            return _imports_page(error=error + choose_again(error, chosen),
                                 status=422 if status_of(exc) in (400, 422) else status_of(exc))
        report, refused = offer, error
    # a file imported before is passed over, not empty (its records are not read again)
    empty = [f["file"] for f in report["files"] if f["status"] not in ("refused", "already imported") and not f["records"]]
    if empty:
        shutil.rmtree(folder, ignore_errors=True)
        return _imports_page(error=f"{', '.join(empty)}: no records in this file (an empty export or not an export "
                                   f"at all); check that you chose the right file. Nothing was imported.", status=422)
    key = chosen_key or stage_upload(folder)
    databases = {searched_database(f["database"]) for f in report["files"] if f["status"] != "already imported"}
    form = {"database": databases.pop() if len(databases) == 1 else ""}
    shown = report       # its hints (import_hints' 'preview' words) ask for the database of a file naming only a platform
    if platform := platform_named(form["database"]):
        # the API refuses such a file without a database (workspace.imports.platform_named): the form asks for it
        form = {"database": "", "platform": platform, "platform_named": platform}     # 'Database searched' required
    return _staged_page(folder, key, preview={"key": key, **shown, **fields}, form=form, error=refused,
                        status=422 if refused else 200)


def _staged_page(folder: Path, key: str, **view):
    """The upload's page (its preview, or a question about it) kept beside it and shown at its own
    address: Back and Reload show it again without sending the files again (after_post)."""
    keep_view(folder, view)
    return see_other(url_for("owner_pages.imports_staged", key=key))


@bp.get("/owner/imports/preview/<key>")
@page(*IMPORT_ROLES)
def imports_staged(key: str):
    """A staged upload's page as its form left it; once imported, the Imports page, saying so."""
    done, import_id = imported_as(key)
    if done:
        return _imported_already(import_id)
    folder = staged().get(key)
    view = kept_view(Path(folder)) if folder else None
    if view is None:
        flash("That preview is gone (a newer upload replaced it, or the server restarted): choose the files again.",
              "warning")
        return see_other(url_for("owner_pages.imports"))
    return _imports_page(**view)


def _imported_already(import_id: int | None):
    """A preview's page or its Import button reached again after its import (Back, a reload)."""
    flash(f"The files of that preview were imported already{f' (import {import_id})' if import_id else ''}: "
          f"nothing was imported again.", "warning")
    return see_other(url_for("owner_pages.imports") + (f"#import-{import_id}" if import_id else ""))


@bp.post("/owner/imports/confirm")
@page(*IMPORT_ROLES)
def imports_confirm():
    """Step 2: the staged files imported with the metadata the owner gave."""
    key = request.form.get("staged", "")
    done, import_id = imported_as(key)
    if done:
        return _imported_already(import_id)
    kept = staged()
    if key not in kept or not staged_paths(Path(kept[key])):
        mark_refused()          # the error page shows the details typed under the preview, to copy
    if key not in kept:
        abort(400, description="this preview is not yours or has expired; upload the files again")
    folder = Path(kept[key])
    paths = staged_paths(folder)
    if not paths:
        abort(409, description="the previewed files are gone (the server restarted or they were imported "
                               "already); upload them again")
    form = request.form.to_dict()
    skip_bad = form.pop("skip_bad", "") == "on"       # the offer after a refusal (skip_bad_offer), as the page said
    strategy_upload = request.files.get("strategy_upload")
    try:
        if strategy_upload is not None and strategy_upload.filename and not form.get("strategy", "").strip():
            # read as the commands read a strategy file: Notepad's UTF-16 was kept as mojibake
            name = Path(strategy_upload.filename).name
            form["strategy"] = decode_strategy(strategy_upload.read(), name, label="the strategy file").text
            form["strategy_file"] = name
        fields = {k: v for k, v in form.items() if k != "platform_named"}     # the page's own, kept on a refusal
        report = import_saved(paths, fields, actor=g.reviewer.name, dry_run=False, folder=folder, skip_bad=skip_bad)
    except ScreenerError as exc:
        chosen = {"columns": form["columns"]} if form.get("columns") else {}     # the column chooser's, if used
        preview = import_saved(paths, chosen, actor=g.reviewer.name, dry_run=True, folder=folder, skip_bad=skip_bad)
        if skip_bad:
            preview["skipped"] = [{**r, "file": f["file"]} for f in preview["files"] for r in f["rejected"]]
        return _imports_page(error=owner_message(exc), status=status_of(exc), preview={"key": key, **preview, **chosen},
                             form=form)
    shutil.rmtree(folder, ignore_errors=True)
    mark_imported(key, next((f["import_id"] for f in report["files"] if f["status"] == "imported"), None))
    n = sum(1 for f in report["files"] if f["status"] == "imported")
    flash(f"Imported {counted(report['records'], 'record')} from {counted(n, 'file')}.", "ok")
    if report["rejected"]:
        flash(skipped_words(report), "warning")
    for hint in report["hints"]:
        flash(hint + ".", "warning")           # the import is done: a hint, and it starts with a file name
    return redirect(url_for("owner_pages.imports"), code=303)


@bp.post("/owner/imports/<int:import_id>")
@page(*IMPORT_ROLES)
def import_change(import_id: int):
    action = request.form.get("action", "relabel")
    changes: dict[str, object]
    if action in ("withdraw", "restore") and (refusal := withdrawal_refusal(g.reviewer, person(g.reviewer.name))):
        return _imports_page(error=f"Import {import_id}: {refusal}.", status=403)
    if action == "withdraw":
        changes = {"withdrawn": True}
    elif action == "restore":
        changes = {"withdrawn": False}
    elif action == "relabel":
        changes = {k: request.form.get(k, "") for k in (*FIELDS, STRATEGY_VERSION) if k in request.form}
    else:
        abort(400, description="choose relabel, withdraw or restore")
    try:
        result = change_import(g.ws, import_id, changes, actor=g.reviewer.name)
    except ScreenerError as exc:
        return _imports_page(error=f"Import {import_id}: {owner_message(exc)}", status=status_of(exc),
                             correcting={"id": import_id, "form": request.form.to_dict()} if action == "relabel" else None)
    if action == "withdraw":
        flash(f"Import {import_id} ({result['file']}) withdrawn: {result.get('records_withdrawn', 0)} records left "
              f"the review's studies. Nothing was deleted; Restore brings them back.", "ok")
    elif action == "restore":
        flash(f"Import {import_id} ({result['file']}) restored.", "ok")
    elif result.get("changed"):
        flash(f"Import {import_id}: " + "; ".join(f"{k.replace('_', ' ')} now {v['to']!r}" if k != "strategy"
                                                   else "strategy changed"
                                                   for k, v in result["changed"].items()) + ".", "ok")
        for hint in result.get("hints", []):
            flash(f"Import {import_id}: {hint}.", "warning")
        if result.get("hints"):
            # a warning is read at the top of the page: the import's anchor scrolled it out of sight
            return redirect(url_for("owner_pages.imports"), code=303)
    else:
        flash(f"Import {import_id}: nothing changed.", "ok")
    return redirect(url_for("owner_pages.imports") + f"#import-{import_id}", code=303)


# ---- dedupe -------------------------------------------------------------------------------------

def _with_differences(pairs: list[dict]) -> list[dict]:
    """Each pair with the fields that differ, and each record's database as PRISMA counts it (an
    import relabelled by the owner shows its corrected database)."""
    relabel = database_of_imports(g.ws)
    for pair in pairs:
        for record in pair["records"]:
            import_id = import_of_record(g.ws, record["source_record"])
            if import_id is not None and import_id in relabel:
                record["database"] = relabel[import_id]
        pair["differs"], pair["lacking"] = compare_fields(*pair["records"])
    return pairs


@bp.get("/owner/dedupe")
@page("owner")
def dedupe():
    last = last_run(g.ws)
    records = current_record_count(g.ws)
    return render_template("owner_dedupe.html", pending=_with_differences(list_pairs(g.ws, "pending")),
                           merged=_with_differences(list_pairs(g.ws, "merged")),
                           decided=_with_differences(list_pairs(g.ws, "decided")),
                           last=dict(last) if last else None, records=records,
                           left_behind=session.pop("left_behind", None))


def _pairs_to_check(n: int) -> str:
    return "no uncertain pairs to check" if n == 0 else f"{counted(n, 'uncertain pair')} to check"


@bp.post("/owner/dedupe/run")
@page("owner")
def dedupe_run():
    result = dedupe_workspace(g.ws, actor=g.reviewer.name)
    flash(f"Deduplication: {result.get('records', 0)} records; {result.get('studies_before', '?')} studies before, "
          f"{result.get('studies_after', '?')} after; {_pairs_to_check(result.get('queued_pairs', 0))}.", "ok")
    if result.get("merged_away_with_votes"):
        session["left_behind"] = result["merged_away_with_votes"]
    return redirect(url_for("owner_pages.dedupe"), code=303)


def record_pair_decision(pair: int) -> dict:
    """The owner's decision on an uncertain pair from a form (this page's or the dashboard's): said in a
    flash, and the votes a merge left behind kept for this page to list."""
    decision = request.form.get("decision", "")
    if decision not in ("same", "different"):
        abort(400, description="choose same or different")
    try:
        check_study_number(g.ws, pair)
        result = decide_pair(g.ws, pair, decision, actor=g.reviewer.name, note=request.form.get("note", ""))
    except ScreenerError as exc:
        abort(status_of(exc), description=page_line(exc))
    flash(decision_words(pair, decision, result), "ok")
    if result.get("merged_away_with_votes"):
        session["left_behind"] = result["merged_away_with_votes"]
    return result


@bp.post("/owner/dedupe/pairs/<int:pair>")
@page("owner")
def dedupe_decide(pair: int):
    record_pair_decision(pair)
    return redirect(url_for("owner_pages.dedupe"), code=303)


# ---- settings -----------------------------------------------------------------------------------

def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _settings_from_form(form) -> dict:
    def votes(stage):
        raw = form.get(f"votes_needed_{stage}", "").strip()
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"votes needed at {stage.replace('_', '/')}: {raw!r} is not a whole number (1 to 5)") from None

    # a form loaded before the page had the shared labels sends none: their absence leaves them as they are
    labels = {"labels": _lines(form.get("labels", ""))} if "labels" in form else {}
    return {
        **labels,
        "title": form.get("title", ""), "inclusion_criteria": form.get("inclusion_criteria", "").replace("\r\n", "\n"),
        "exclusion_reasons": _lines(form.get("exclusion_reasons", "")),
        "votes_needed": {stage: votes(stage) for stage in STAGES},
        "reason_required": {stage: form.get(f"reason_required_{stage}") == "on" for stage in STAGES},
        "blind": form.get("blind") == "on", "hide_authors": form.get("hide_authors") == "on",
        "highlight_include": _lines(form.get("highlight_include", "")),
        "highlight_exclude": _lines(form.get("highlight_exclude", "")),
        "ranker_preset": form.get("ranker_preset", ""),
    }


def _settings_page(values: dict | None = None, *, error: str | None = None, status: int = 200,
                   differs: dict[str, str] | None = None):
    current = settings_document(g.ws)
    last = last_settings_change(g.ws)
    return render_template("owner_settings.html", s=values or current, version=current["version"]
                           if values is None else values.get("version", current["version"]),
                           seen_change=last["id"] if last else 0, differs=differs or {},
                           stages=STAGES, presets=preset_names(), error=error, saved_blind=current["blind"],
                           preset_words={name: PRESETS[name].get("description", "") for name in preset_names()}), status


@bp.get("/owner/settings")
@page("owner")
def settings():
    return _settings_page()


@bp.post("/owner/settings")
@page("owner")
def settings_save():
    version = request.form.get("version", "")
    try:
        values = _settings_from_form(request.form)
        current = settings_document(g.ws)
        changes = {k: v for k, v in values.items() if current.get(k) != v}
        if not changes:
            flash("Nothing changed.", "ok")
            return redirect(url_for("owner_pages.settings"), code=303)
        decided_before = _decided_per_stage() if "votes_needed" in changes else {}
        result = update_settings(g.ws, changes, version=version, actor=g.reviewer.name, known_presets=known_presets())
    except StaleSettings:       # what was typed stays, marked where it differs from what is saved now
        now, seen = settings_document(g.ws), seen_change(request.form.get("seen_change", ""))
        form, taken = with_their_changes(values, now, settings_as_loaded(g.ws, seen))
        return _settings_page({**now, **form, "version": now["version"]}, status=409,
                              error=stale_line(last_settings_change(g.ws), seen, taken), differs=differing_fields(form, now))
    except ScreenerError as exc:
        kept: dict[str, object] = {**request.form.to_dict(), "version": version}
        try:
            kept.update(_settings_from_form(request.form))
        except ScreenerError:
            kept["votes_needed"] = {}
        return _settings_page(kept, error=settings_message(exc), status=status_of(exc))
    g.state.refresh_settings()
    flash("Settings saved: " + ", ".join(map(setting_label, result["changed"])) + ".", "ok")
    if decided_before:
        _flash_votes_needed_effect(decided_before, values["votes_needed"])
    return redirect(url_for("owner_pages.settings"), code=303)


def _decided_per_stage() -> dict[str, int]:
    stages = progress(g.ws, g.reviewer)["stages"]
    return {stage: data["include"] + data["exclude"] for stage, data in stages.items()}


def _flash_votes_needed_effect(before: dict[str, int], needed: dict[str, int]) -> None:
    """A change of votes needed re-reads every study's outcome: say what it did (studies decided by
    fewer votes are undecided again) and whether enough people can vote to ever reach it."""
    after = _decided_per_stage()
    voters = sum(1 for r in list_reviewers(g.ws) if r.can_vote)
    for stage, count in before.items():
        reopened = count - after.get(stage, 0)
        name = STAGE_NAMES.get(stage, stage).lower()
        if reopened > 0:
            flash(f"{reopened} stud{'y' if reopened == 1 else 'ies'} decided at {name} "
                  f"{'is' if reopened == 1 else 'are'} undecided again: {name} now needs {needed[stage]} votes "
                  f"(setting it back decides them again).", "warning")
        if needed.get(stage, 0) > voters:
            flash(f"{name.capitalize()} needs {needed[stage]} votes but only {voters} reviewers can vote "
                  f"(screeners and owners): add screeners on the Reviewers page or lower it, or no study "
                  f"there can be decided.", "warning")


# ---- exports and reports ------------------------------------------------------------------------

@bp.get("/owner/exports")
@page("owner")
def exports():
    return _exports_page()


def _exports_page(error: str | None = None, status: int = 200):
    return render_template("owner_exports.html", stages=STAGES, formats=EXPORT_FORMATS, prisma=prisma_counts(g.ws).to_dict(),
                           error=error), status


@bp.get("/owner/exports/download")
@page("owner")
def exports_download():
    args = request.args
    problem = export_choice_problem(args.get("format"), args.get("stage"), STAGE_NAMES)
    if problem:
        return _exports_page(error=problem, status=400)
    stage, decision = args.get("stage") or None, args.get("decision") or None
    try:
        answer = export_download(args.get("format"), stage, decision)
    except ScreenerError as exc:
        return _exports_page(error=owner_message(exc), status=status_of(exc))
    if answer.headers.get("X-Studies") == "0":       # an empty file says nothing; the page says why
        where = STAGE_NAMES.get(stage or "", "").lower()
        what = (f"no study is {decision}d at {where} yet" if decision else f"no study has reached {where} yet"
                if stage else "the review has no studies yet")
        return _exports_page(error=f"Nothing to download: {what}.", status=404)
    return answer


@bp.get("/owner/reports/<name>")
@page("owner")
def report(name: str):
    try:
        if name == "prisma.svg":
            return prisma_svg_response(page_relabel)
        if name == "prisma.png":
            return prisma_png_response(page_relabel)
        if name in ("searches.md", "searches.csv"):
            return searches_response(name.rsplit(".", 1)[1])
        if name == "agreement.txt":
            found = agreement_report(g.ws)
            # named as the pages name them: the stages' names, the screeners' shown names (the
            # command's report keeps the codes and sign-in names its user types)
            found["stages"] = {STAGE_NAMES.get(stage, stage): [{**p, "reviewers": [person(n) for n in p["reviewers"]]}
                                                             for p in pairs] for stage, pairs in found["stages"].items()}
            response = Response(format_agreement_text(found), mimetype="text/plain")
            response.headers["Content-Disposition"] = f'attachment; filename="{download_name("agreement")}.txt"'
            return response
    except ScreenerError as exc:
        abort(status_of(exc), description=str(exc))
    abort(404, description=f"no report {name!r}; the reports are on the Exports page")


# ---- full texts ---------------------------------------------------------------------------------

@bp.post("/studies/<int:study>/fulltext")
@page("owner", "screener")
def fulltext_post(study: int):
    form = request.form
    upload = request.files.get("file")
    if upload is not None and not upload.filename:
        upload = None
    back = url_for("pages.screen", stage="full_text", study=study)
    try:
        result = fulltext_action(study, upload=upload, url=(form.get("url") or "").strip() or None,
                                 not_retrieved=form.get("not_retrieved") == "on", note=form.get("note", ""),
                                 choices="a PDF file, a link, or 'the report could not be retrieved'")
    except OwnerApiError as exc:
        abort(exc.status, description=str(exc))
    except ScreenerError as exc:
        if status_of(exc) == 404:
            abort(404, description=str(exc))
        # back to the study's page (a reload there does not send the upload again), the link typed kept
        session["fulltext_form"] = {"study": study, "url": form.get("url", "")}
        return _fulltext_refused(study, said(exc))
    kind = result["fulltext"]["kind"]
    flash({"file": f"PDF attached to study {study}.", "url": f"Link attached to study {study}.",
           "not_retrieved": f"Study {study}: report recorded as not retrieved."}[kind], "ok")
    return redirect(back, code=303)


@bp.get("/studies/<int:study>/fulltext.pdf")
@page()
def fulltext_pdf(study: int):
    """The study's PDF for the browser's own viewer, framed by this server's pages only."""
    try:
        check_study_number(g.ws, study)
        require_current_study(g.ws, study)
    except ScreenerError as exc:
        abort(status_of(exc), description=str(exc))
    attached = fulltext_for(g.ws, study)
    if attached is None or attached.kind != "file":
        abort(404, description=f"study {study} has no full-text file attached; upload its PDF on the full-text page")
    root = (g.ws.path / "fulltext").resolve()
    path = (g.ws.path / attached.location).resolve()
    if root not in path.parents or not path.is_file():
        abort(404, description=f"the full-text file of study {study} is missing from the workspace")
    with open(path, "rb") as handle:
        is_pdf = b"%PDF-" in handle.read(1024)
    response = send_file(path, mimetype="application/pdf" if is_pdf else "application/octet-stream",
                         download_name=f"study-{study}.pdf" if is_pdf else path.name, conditional=True,
                         as_attachment=not is_pdf)
    # exactly what the inline viewer needs: this document in a frame of this server's own pages
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
