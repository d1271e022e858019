"""The search workbench page: write or paste a strategy, see its problems and every target's
translation as you type, save versions, run and validate them, and search PubMed. The page is static
HTML; everything it shows comes from the workbench API (``workbench_api``) called with the session."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Blueprint, abort, render_template

from screener.errors import ScreenerError
from screener.query import READERS, TARGETS
from screener.query.workbench import MAX_STRATEGY_CHARS, MAX_STRATEGY_LINES
from screener.search.eutils import eutils_base_url
from screener.web.owner_api import searches_response
from screener.web.pages import page

bp = Blueprint("workbench", __name__)

#: how the page names a syntax or target (anything not here is shown by its code)
DISPLAY = {
    "ovid": "Ovid MEDLINE", "pubmed": "PubMed", "ovid-medline": "Ovid MEDLINE", "ovid-embase": "Embase (Ovid)",
    "ovid-psycinfo": "PsycINFO (Ovid)", "ovid-amed": "AMED (Ovid)", "ebsco-cinahl": "CINAHL (EBSCO)",
    "scopus": "Scopus", "wos": "Web of Science", "embase-com": "Embase.com", "cochrane": "Cochrane Library",
    "proquest": "ProQuest", "ebsco-psycinfo": "PsycINFO (EBSCO)", "europepmc": "Europe PMC",
    "google-scholar": "Google Scholar",
}


@bp.get("/workbench")
@page("owner", "searcher")
def workbench():
    try:        # what an empty E-utilities URL field means: $SCREENER_EUTILS_URL, else NCBI's
        eutils_default = eutils_base_url()
    except ScreenerError as exc:
        eutils_default = str(exc)
    names = {code: DISPLAY.get(code, code) for code in (*READERS, *TARGETS)}
    # each syntax once, in words; 'ovid-medline' (a name for 'ovid') stays as a hidden option, so a
    # strategy or draft kept under that name still shows as Ovid MEDLINE
    readers = [(code, names[code], code == "ovid-medline") for code in READERS]
    return render_template("workbench.html", targets=TARGETS, readers=readers, max_chars=MAX_STRATEGY_CHARS,
                           max_lines=MAX_STRATEGY_LINES,
                           names_json=json.dumps(names), eutils_default=eutils_default,
                           # the host alone fits the box at 390 px; the whole URL is in its title ('empty:' read as a value)
                           eutils_placeholder=f"default: {host}" if (host := urlsplit(eutils_default).netloc)
                           else eutils_default)


@bp.get("/workbench/searches.<fmt>")
@page("owner", "searcher")
def searches_log(fmt: str):
    """The PRISMA-S table of searches and imports for the searcher too: it is the information
    specialist's to write, and it holds no screening decision (blinding is untouched)."""
    try:
        return searches_response(fmt)
    except ScreenerError as exc:
        abort(404, description=str(exc))
