"""The workbench's per-line PubMed counts (``POST /api/strategies/counts``): what `screener search
pubmed --counts` prints, asked a line at a time so the page shows its progress through a 50-line
strategy (NCBI's pace: 3 requests a second, about 17 s) and marks each line as its answer comes.

``{"text", "from", "count": [line numbers], "eutils_url", "email"}`` → every line of the strategy as
the query builder compiles it for PubMed, with the answers the review keeps for today (asking
PubMed nothing) and the lines of ``count`` asked of E-utilities now. A line PubMed refuses or
E-utilities fails on is marked on that line (200); bad input is 400 before anything is asked or
written. Counting is for the owner and searchers (it sends requests to NCBI in the server's name).
"""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, g

from screener.errors import UsageError
from screener.query.workbench import check_input
from screener.search.line_counts import count_one, counts_client, plan_counts, today_utc
from screener.web.json_answers import json_response
from screener.web.workbench_api import json_body, require_editor, signed_in_reviewer, syntax_of, timed
from screener.workspace.line_counts import LineCountCache

bp = Blueprint("workbench_counts", __name__, url_prefix="/api")
bp.before_request(signed_in_reviewer)      # the same sign-in, bearer token and CSRF check as the workbench's API

MAX_ASKED = 10        # lines asked of E-utilities in one request: about 3 s at NCBI's pace without a key


def register(app) -> None:
    app.register_blueprint(bp)


def _numbers(value: Any, known: set[int]) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or any(isinstance(n, bool) or not isinstance(n, int) for n in value):
        raise UsageError(f"'count' must be a list of line numbers, e.g. [1, 2], not {value!r}")
    if len(value) > MAX_ASKED:
        raise UsageError(f"'count' names {len(value)} lines; ask for at most {MAX_ASKED} at a time")
    unknown = [n for n in value if n not in known]
    if unknown:
        raise UsageError(f"'count': the strategy has no line {unknown[0]} (its lines are numbered "
                         f"{min(known)} to {max(known)})")
    return value


@bp.post("/strategies/counts")
def counts():
    started = time.perf_counter()
    require_editor()
    body = json_body(("text", "from", "count", "eutils_url", "email"), ("text",))
    read = syntax_of(body)
    check_input(body["text"], read)
    # the workbench's page shows the answer as it is: its button and where its check lists the errors
    lines = plan_counts(body["text"], read, with_errors="Search PubMed refuses a strategy with errors; fix them first "
                                                        "(they are listed under the editor)")
    asked = set(_numbers(body.get("count"), {line.number for line in lines}))
    for key in ("eutils_url", "email"):
        if not isinstance(body.get(key) or "", str):
            raise UsageError(f"'{key}' must be text")
    client = counts_client(body.get("eutils_url") or None, email=body.get("email") or None)
    cache = LineCountCache(g.ws, actor=g.reviewer.name)
    day = today_utc()
    for line in lines:
        if line.number in asked:
            count_one(line, client, cache=cache, day=day)
        elif not line.status and line.query:          # today's answer if the review keeps one, else pending
            kept = cache.get(line.query, day, client.base_url)
            if kept is not None:
                count_one(line, client, cache=cache, day=day)
        line.day = day
    return json_response(timed({"day": day, "eutils_url": client.base_url, "requests": client.requests_made,
                         "lines": [line.to_dict() for line in lines]}, started))
