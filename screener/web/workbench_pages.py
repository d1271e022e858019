"""The search workbench page: write or paste a strategy, see its problems and every target's
translation as you type, save versions, run and validate them, and search PubMed. The page is static
HTML; everything it shows comes from the workbench API (``workbench_api``) called with the session."""

from __future__ import annotations

from flask import Blueprint, render_template

from screener.web.pages import page

bp = Blueprint("workbench", __name__)


@bp.get("/workbench")
@page("owner", "searcher")
def workbench():
    from screener.query import READERS, TARGETS
    from screener.query.workbench import MAX_STRATEGY_CHARS

    return render_template("workbench.html", targets=TARGETS, readers=READERS, max_chars=MAX_STRATEGY_CHARS)
