"""The owner's dashboard: progress, agreement, conflicts, the duplicate pairs to decide and the
PRISMA diagram."""

from __future__ import annotations

import flask
from flask import g, redirect, render_template, url_for

from screener.report.agreement import agreement_report
from screener.report.prisma import prisma_counts, render_svg
from screener.web.estimate import visible_stopping_estimate
from screener.web.import_words import interrupted_notice
from screener.web.owner_pages import record_pair_decision
from screener.web.pages import bp, page
from screener.web.remedies import page_relabel
from screener.workspace.dedupe import dedupe_due, list_pairs
from screener.workspace.fulltext import reports_attached
from screener.workspace.import_runs import interrupted_imports
from screener.workspace.reviewers import list_reviewers
from screener.workspace.screening import conflict_counts, progress
from screener.workspace.settings import STAGES
from screener.workspace.team import decisions_by_stage, team


@bp.get("/dashboard")
@page("owner")
def dashboard():
    ws, who = g.ws, g.reviewer
    data = progress(ws, who)
    counts = conflict_counts(ws)
    return render_template(
        "dashboard.html", progress=data, stages=STAGES, agreement=agreement_report(ws),
        conflicts=counts, pairs=list_pairs(ws, "pending"), prisma=prisma_counts(ws).to_dict(),
        estimates={stage: visible_stopping_estimate(ws, who, stage) for stage in STAGES},
        reviewers=list_reviewers(ws), dedupe=dedupe_due(ws), decided=decisions_by_stage(ws),
        # a revoked screener signs in no more: their studies 'remaining' wait for nobody
        revoked={item["name"] for item in team(ws) if item["revoked"]}, reports=reports_attached(ws),
        interrupted=[interrupted_notice(run, here=False) for run in interrupted_imports(ws)])


@bp.get("/dashboard/prisma.svg")
@page("owner")
def prisma_svg():
    svg = render_svg(prisma_counts(g.ws, page_relabel), g.ws.settings.title)
    response = flask.Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@bp.post("/dashboard/pairs/<int:pair>")
@page("owner")
def decide(pair: int):
    if record_pair_decision(pair).get("merged_away_with_votes"):    # the Duplicates page lists those votes
        return redirect(url_for("owner_pages.dedupe"), code=303)
    return redirect(url_for("pages.dashboard") + "#dedupe", code=303)
