"""Search and filter speed: GET /api/studies on a workspace of 100,000 studies.

    nice -n 10 .venv/bin/python benchmarks/search.py [--studies 100000] [--rounds 30]

Builds a workspace of synthetic studies (the load test's generator: medical vocabulary, one in ten
on the review's topic, years 1990-2024), then writes, as one transaction of plain rows (to build it
fast; the web app writes the same rows one vote at a time): two screeners' votes on the first 6,000
studies (one in eight a disagreement), a resolution on a few hundred of those, and 3,000 labels.
Then asks the app in-process (Flask's test client, the real request path: token check, filter
parsing, search, JSON) a mix of searches as an owner and as a blinded screener, each `--rounds`
times after one warm-up round, and reports the app's own time per call (its Server-Timing header)
as p50 / p95 / max per search and over all of them. The last 32 search texts' matches are kept (a
person paging or clicking facets repeats the text), so the repeated searches above mostly reuse
them; a second table times words searched for the first time (each of the vocabulary's words once,
as owner, with a year filter). Prints Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from web_load import _app_ms, make_records, percentile  # noqa: E402

from screener import Workspace  # noqa: E402
from screener.workspace.db import utcnow  # noqa: E402
from screener.workspace.reviewers import add_reviewer, get_reviewer  # noqa: E402
from screener.workspace.study_labels import label_studies  # noqa: E402

TA = "title_abstract"

SEARCHES = [
    ("owner", "every study, first page", {}),
    ("owner", "a common word", {"q": "pain"}),
    ("owner", "a topic word", {"q": "qualitative"}),
    ("owner", "two words and a prefix", {"q": "chronic interview*"}),
    ("owner", "a phrase", {"q": '"lived experience"'}),
    ("owner", "word + year range", {"q": "opioid", "year": "2000-2010"}),
    ("owner", "word + decision + page 3", {"q": "care", "decision": "undecided", "page": "3"}),
    ("owner", "conflicts", {"conflict": "1"}),
    ("owner", "label", {"label": "adult?"}),
    ("owner", "database + reviewer + reason", {"database": "bench", "reviewer": "alice", "reason": "out of scope"}),
    ("alice", "screener: my votes", {}),
    ("alice", "screener: word + my vote", {"q": "qualitative", "vote": "include"}),
    ("alice", "screener: my label", {"label": "adult?"}),
]


def build(base: Path, studies: int) -> tuple[Path, dict[str, str], float]:
    started = time.perf_counter()
    ws = Workspace.init(base / "review", title=f"Search benchmark, {studies} studies")
    with ws.transaction():
        ws.add_source_records(make_records(studies))
    tokens = {name: add_reviewer(ws, name, role)[1]
              for name, role in (("alice", "screener"), ("bob", "screener"), ("olivia", "owner"))}
    alice, bob, olivia = (get_reviewer(ws, n) for n in ("alice", "bob", "olivia"))
    voted = min(6000, studies)
    now = utcnow()
    with ws.transaction() as conn:
        rows = []
        for sid in range(1, voted + 1):
            a = "include" if sid % 10 == 0 else "exclude"
            b = a if sid % 8 else ("exclude" if a == "include" else "include")
            for who, vote in ((alice, a), (bob, b)):
                reason = "out of scope" if vote == "exclude" else ""
                rows.append((now, who.id, sid, TA, vote, reason))
        conn.executemany("INSERT INTO votes (at, reviewer_id, study_id, stage, vote, reason) VALUES (?, ?, ?, ?, ?, ?)",
                         rows)
        conn.executemany("INSERT INTO resolutions (at, arbiter_id, study_id, stage, decision, reason)"
                         " VALUES (?, ?, ?, ?, 'include', '')",
                         [(now, olivia.id, sid, TA) for sid in range(8, voted + 1, 64)])
    label_studies(ws, alice, list(range(1, voted + 1, 3)), "adult?", {})
    ws.close()
    return ws.path, tokens, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    from screener.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        path, tokens, built = build(Path(tmp), args.studies)
        size = sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 1e6
        app = create_app(path, secret_key=b"b" * 48)
        client = app.test_client()
        headers = {who: {"Authorization": f"Bearer {tokens['olivia' if who == 'owner' else who]}"}
                   for who in ("owner", "alice")}
        times: dict[str, list[float]] = {name: [] for _, name, _ in SEARCHES}
        totals: dict[str, int] = {}
        first_call = None
        for round_ in range(args.rounds + 1):
            for who, name, query in SEARCHES:
                started = time.perf_counter()
                answer = client.get("/api/studies?" + urlencode(query), headers=headers[who])
                wall = (time.perf_counter() - started) * 1000
                assert answer.status_code == 200, answer.get_data(as_text=True)
                if first_call is None:
                    first_call = wall
                if round_ == 0:
                    totals[name] = answer.get_json()["total"]
                    continue                       # warm-up: the kept states are built once per process
                times[name].append(_app_ms(answer))
        everything = [t for values in times.values() for t in values]
        from web_load import TOPIC, WORDS

        cold = []
        for word in sorted(set(WORDS + TOPIC)):
            answer = client.get("/api/studies?" + urlencode({"q": word, "year": "1995-2015"}), headers=headers["owner"])
            assert answer.status_code == 200
            cold.append((_app_ms(answer), answer.get_json()["total"]))
        print(f"### Search and filters: {args.studies:,} studies\n")
        print(f"Workspace built in {built:.0f} s ({size:.0f} MB, FTS5 index per source record, m021); "
              f"first call (builds the per-process kept states) {first_call:.0f} ms; "
              f"{args.rounds} rounds of {len(SEARCHES)} searches after one warm-up round; "
              f"CPU: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}.\n")
        print("| search | who | studies found | p50 ms | p95 ms | max ms |")
        print("|---|---|---:|---:|---:|---:|")
        for who, name, query in SEARCHES:
            values = times[name]
            print(f"| {name} `{json.dumps(query) if query else ''}` | {who} | {totals[name]:,} | "
                  f"{percentile(values, 50):.1f} | {percentile(values, 95):.1f} | {max(values):.1f} |")
        print(f"| **all** | | | {percentile(everything, 50):.1f} | **{percentile(everything, 95):.1f}** | "
              f"{max(everything):.1f} |")
        cold_ms = [t for t, _ in cold]
        print(f"\nWords searched for the first time ({len(cold)} words of the vocabulary, each with "
              f"`year=1995-2015`; {min(n for _, n in cold):,}–{max(n for _, n in cold):,} studies found): "
              f"p50 {percentile(cold_ms, 50):.1f} ms, **p95 {percentile(cold_ms, 95):.1f} ms**, "
              f"max {max(cold_ms):.1f} ms; load {os.getloadavg()[0]:.1f} at the end.")
        app.extensions["screener"].ws.close()


if __name__ == "__main__":
    main()
