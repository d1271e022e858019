"""The page each form lives on, for its answer address opened as a page.

A form's address (``/owner/imports/2``, ``/screen/vote``) takes only the form's POST. People still
open it with GET: a reload once the browser has forgotten the form, a bookmark, an address copied
from the bar after a refusal the page answered there. The 405 page this gave told them only that
this was not a page; they are now sent (303) to the page the form is on, which holds what they
came for. Every such address of the app is listed (tests/web/test_web_form_addresses.py checks
the app's routes against this list).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for
from werkzeug.exceptions import HTTPException

Home = Callable[[dict], str]


def _to(endpoint: str, anchor: str = "", **fixed) -> Home:
    """The page ``endpoint``; ``anchor`` may name a view argument ('import-{import_id}')."""
    return lambda args: url_for(endpoint, **fixed) + (f"#{anchor.format(**args)}" if anchor else "")


FORM_HOMES: dict[str, Home] = {
    "pages.signout": _to("pages.home"),           # a GET signs nobody out: the start page has the button
    "pages.screen_vote": _to("pages.screen"),
    "pages.screen_undo": _to("pages.screen"),
    "pages.screen_skip": _to("pages.screen"),
    "pages.screen_highlights": _to("pages.screen", "highlights"),
    "pages.conflicts_resolve": _to("pages.conflicts"),
    "pages.decide": _to("pages.dashboard", "dedupe"),
    "studies.labels": _to("studies.studies"),
    "studies.comment": _to("studies.studies"),
    "studies.bulk": _to("studies.studies"),
    "owner_pages.imports_preview": _to("owner_pages.imports"),
    "owner_pages.imports_confirm": _to("owner_pages.imports"),
    "owner_pages.import_change": _to("owner_pages.imports", "import-{import_id}"),
    "owner_pages.dedupe_run": _to("owner_pages.dedupe"),
    "owner_pages.dedupe_decide": _to("owner_pages.dedupe", "pair-{pair}"),
    "owner_pages.reviewers_link": _to("owner_pages.reviewers"),
    "owner_pages.reviewers_revoke": _to("owner_pages.reviewers"),
    "owner_pages.reviewers_name": _to("owner_pages.reviewers"),
    "owner_pages.fulltext_post": lambda args: url_for("pages.screen", stage="full_text", study=args["study"]),
}


def form_home(adapter, path: str) -> str | None:
    """The page of the form that posts to ``path`` (None: no form of this app posts there)."""
    try:
        endpoint, args = adapter.match(path, method="POST")
    except HTTPException:        # Werkzeug's routing answers: no page there, or a redirect
        return None
    home = FORM_HOMES.get(endpoint)
    return home(args) if home else None
