"""Load test of the web app's JSON API: several screeners voting at once on one big workspace.

    .venv/bin/python benchmarks/web_load.py [--studies 20000] [--reviewers 3] [--votes 2000] [--pages]

Builds a workspace of synthetic studies (titles and abstracts drawn from a medical vocabulary,
one in ten on the review's topic), adds the screeners, starts `screener serve` on 127.0.0.1 as a
separate process (waitress, as a user runs it), and lets each screener loop as a script would:
POST /api/votes for the study it holds, then GET /api/next for the next one. The "vote → next
study" latency is the time from sending the vote until the next study has arrived — what a
screener waits between pressing a key and reading the next abstract.

With `--pages` each screener works as a person in the browser instead: signs in with the link
(session cookie), and each vote is the screening page's form post, whose answer after the
redirect is the next study's page (with progress and the stopping estimate).

Checks that exactly reviewers × votes votes were recorded (`screener status`'s count), reports the
app's own time per vote + next from its `Server-Timing` header and how far the ranker's order
trailed the labels (the queue state stored with each vote), then profiles `next_study` in-process
on the final workspace to show where the time goes. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from screener import Record, Workspace  # noqa: E402
from screener.workspace.reviewers import add_reviewer  # noqa: E402

TA = "title_abstract"
WORDS = ("pain chronic adults patients nurses care hospital primary community older children family carers "
         "outcomes cohort survey questionnaire prevalence incidence risk factors treatment therapy drug dose "
         "placebo trial randomised controlled efficacy safety adverse events follow-up months years baseline "
         "mortality morbidity admission discharge cost economic analysis model policy guideline practice "
         "training education intervention programme implementation barriers facilitators attitudes beliefs "
         "knowledge behaviour exercise physiotherapy opioid analgesic surgery anaesthesia rehabilitation "
         "depression anxiety sleep fatigue function disability quality life wellbeing self-management "
         "telehealth digital app online support group peer counselling cognitive behavioural").split()
TOPIC = ("qualitative interviews lived experience thematic analysis focus groups phenomenological meaning "
         "identity narratives perspectives").split()


def is_relevant(i: int) -> bool:
    return i % 10 == 0


def make_records(n: int, seed: int = 7) -> list[Record]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        words = rng.choices(WORDS, k=160)
        if is_relevant(i):
            for _ in range(14):
                words.insert(rng.randrange(len(words)), rng.choice(TOPIC))
        title = " ".join(rng.choices(WORDS, k=9)) + (" : a qualitative interview study" if is_relevant(i) else "")
        records.append(Record(title=f"Study {i}: {title}", abstract=" ".join(words).capitalize() + ".",
                              authors=[f"Author{rng.randrange(5000)}, A"], journal="Journal of Load",
                              year=1990 + i % 35, database="bench", record_number=i + 1))
    return records


def build_workspace(base: Path, studies: int, names: list[str]) -> tuple[Path, dict[str, str], float]:
    started = time.perf_counter()
    ws = Workspace.init(base / "review", title=f"Load test, {studies} studies")
    with ws.transaction():
        ws.add_source_records(make_records(studies))
    tokens = {name: add_reviewer(ws, name, "screener")[1] for name in names}
    ws.close()
    return ws.path, tokens, time.perf_counter() - started


def start_server(path: Path, threads: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "screener", "serve", str(path), "--port", "0",
                             "--threads", str(threads)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL,    # the access log: a line per request
                            text=True, cwd=ROOT)
    line = proc.stdout.readline()
    if " on http://" not in line:
        proc.kill()
        raise SystemExit(f"server did not start: {line}")
    url = line.split(" on ", 1)[1].split("/ ", 1)[0].rstrip("/")
    return proc, url


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads) from /proc, in seconds; 0 where /proc is absent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def _app_ms(answer) -> float:
    """The app's own time for a request, from its Server-Timing header ("app;dur=12.3")."""
    timing = answer.headers.get("Server-Timing", "")
    try:
        return float(timing.split("dur=", 1)[1].split(",", 1)[0])
    except (IndexError, ValueError):
        return float("nan")


class Screener(threading.Thread):
    def __init__(self, name: str, token: str, url: str, votes: int, go: threading.Event, deadline: float):
        super().__init__(name=name)
        self.token, self.url, self.votes, self.go, self.deadline = token, url, votes, go, deadline
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.latency: list[float] = []
        self.vote_ms: list[float] = []
        self.next_ms: list[float] = []
        self.app_ms: list[float] = []      # the server's own time for the vote and the next (Server-Timing)
        self.last_next_app = 0.0
        self.errors: list[str] = []
        self.sent = 0

    def decide(self, study: int, title: str) -> str:
        relevant = "qualitative interview study" in title
        flip = int(hashlib.sha256(f"{self.name}:{study}".encode()).hexdigest(), 16) % 100 < 4   # 4% disagreement
        return "include" if relevant != flip else "exclude"

    def next_study(self):
        answer = self.session.get(f"{self.url}/api/next", params={"stage": TA}, timeout=120)
        if answer.status_code != 200:
            raise RuntimeError(f"{self.name}: GET /api/next {answer.status_code} {answer.text[:200]}")
        self.last_next_app = _app_ms(answer)
        return answer.json()

    def run(self) -> None:
        try:
            item = self.next_study()
            self.go.wait()
            while self.sent < self.votes and item is not None and time.time() < self.deadline:
                body = {"study": item["study"], "stage": TA, "vote": self.decide(item["study"], item["title"])}
                t0 = time.perf_counter()
                answer = self.session.post(f"{self.url}/api/votes", json=body, timeout=120)
                t1 = time.perf_counter()
                vote_app = _app_ms(answer)
                if answer.status_code != 200 or not answer.json().get("recorded"):
                    self.errors.append(f"{answer.status_code} {answer.text[:160]}")
                else:
                    self.sent += 1
                if self.sent >= self.votes:
                    break
                item = self.next_study()
                t2 = time.perf_counter()
                self.app_ms.append(vote_app + self.last_next_app)
                self.vote_ms.append((t1 - t0) * 1000)
                self.next_ms.append((t2 - t1) * 1000)
                self.latency.append((t2 - t0) * 1000)
        except Exception as exc:   # noqa: BLE001 - reported in the table, never hidden
            self.errors.append(repr(exc))


class PageScreener(Screener):
    """A person in the browser instead of a script: signs in with the link, then works on the
    screening page — each vote is the page's form post, whose answer (after the redirect) is the
    next study's page, with progress and the stopping estimate on it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.session.headers["Authorization"]
        signin = self.session.get(f"{self.url}/signin", params={"token": self.token}, timeout=120)
        self.session.post(f"{self.url}/signin", timeout=120,
                          data={"token": self.token, "csrf_token": _field(signin.text, "csrf_token")})

    def _page(self, answer) -> dict | None:
        if answer.status_code != 200:
            raise RuntimeError(f"{self.name}: {answer.request.method} {answer.url} {answer.status_code} "
                               f"{answer.text[:200]}")
        self.last_next_app = sum(_app_ms(r) for r in [*answer.history, answer])
        study = _field(answer.text, "study")
        return {"study": int(study), "csrf": _field(answer.text, "csrf_token")} if study else None

    def next_study(self):
        return self._page(self.session.get(f"{self.url}/screen", params={"stage": TA}, timeout=120))

    def run(self) -> None:
        try:
            item = self.next_study()
            self.go.wait()
            while self.sent < self.votes and item is not None and time.time() < self.deadline:
                vote = "include" if is_relevant(item["study"] - 1) else "exclude"
                t0 = time.perf_counter()
                answer = self.session.post(f"{self.url}/screen/vote", timeout=120, data={
                    "csrf_token": item["csrf"], "study": item["study"], "stage": TA, "vote": vote})
                t1 = time.perf_counter()
                self.sent += 1
                item = self._page(answer)
                self.app_ms.append(self.last_next_app)
                self.latency.append((t1 - t0) * 1000)
        except Exception as exc:   # noqa: BLE001 - reported in the table, never hidden
            self.errors.append(repr(exc))


def _field(html: str, name: str) -> str:
    """The value of a form field of a page ('' when the page has none)."""
    import re

    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    return found.group(1) if found else ""


def overhead_ms(url: str, token: str, n: int = 200) -> float:
    """Median round trip of GET /api/me: HTTP + token check + JSON, no screening work."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        session.get(f"{url}/api/me", timeout=30).raise_for_status()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def where_the_time_goes(path: Path, name: str, calls: int = 10) -> list[tuple[str, float]]:
    """Profile next_study in-process on the final workspace: cumulative ms per call of its parts."""
    from screener.workspace.queue import next_study

    ws = Workspace.open(path)
    next_study(ws, name, TA)                     # warm: features cached, model trained
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(calls):
        next_study(ws, name, TA)
    profiler.disable()
    total = (time.perf_counter() - started) * 1000 / calls
    stats = pstats.Stats(profiler)
    wanted = {"rank_studies": "ranker: rank_studies (order of the pool)",
              "refresh@queue_state.py": "queue: QueueState.refresh (read the new rows)",
              "_choose": "queue: _choose (the study to give, studies remaining)",
              "snapshot": "ranker: labels snapshot",
              "_study_for_screener": "queue: the chosen study's record and own votes"}
    found: dict[str, float] = {}
    for (filename, _, function), row in stats.stats.items():
        cumulative = row[3]
        key = function if function in wanted else f"{function}@{Path(filename).name}"
        if key in wanted:
            found[wanted[key]] = found.get(wanted[key], 0.0) + cumulative * 1000 / calls
    ws.close()
    rows = [("next_study, whole call (profiled)", total)] + sorted(found.items(), key=lambda kv: -kv[1])
    return rows


def profile_only(path: Path, names: list[str], votes: int) -> None:
    """The state the load leaves (reviewers × votes votes, two per study), reached without the
    server, then the same profile of next_study."""
    from screener.workspace.screening import cast_vote

    ws = Workspace.open(path)
    studies = sorted(r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links"))
    total = len(names) * votes
    from screener.workspace.assignment import assignment
    from screener.workspace.votebook import VoteBook

    plan, book = assignment(ws, TA), VoteBook(ws)      # more screeners than votes: studies are assigned
    ids = {name: ws.db.execute("SELECT id FROM reviewers WHERE name = ?", (name,)).fetchone()[0] for name in names}
    for k in range(total // 2):
        study = studies[k]
        pair = ([n for n in names if plan.assigned_to(ids[n], study, book)] if plan.active
                else [names[(k + j) % len(names)] for j in range(2)])
        for name in pair:
            relevant = k % 10 == 0
            cast_vote(ws, name, study, TA, "include" if relevant != (hash((name, study)) % 25 == 0) else "exclude")
    print(f"{ws.status()['votes'][TA]} votes cast directly on {total // 2} studies")
    ws.close()
    print("\n| part | ms per call |")
    print("|---|---:|")
    for label, ms in where_the_time_goes(path, names[0]):
        print(f"| {label} | {ms:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=20000)
    parser.add_argument("--reviewers", type=int, default=3)
    parser.add_argument("--votes", type=int, default=2000, help="votes per reviewer")
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--pages", action="store_true", help="screen through the web pages (sign-in cookie, "
                        "form post, redirect to the next study's page) instead of the JSON API")
    parser.add_argument("--profile-only", action="store_true", help="skip the load; cast the same number of "
                        "votes directly (two per study) and profile next_study on that state")
    parser.add_argument("--time-limit", type=float, default=3600, help="stop voting after this many seconds "
                        "(the table then says how many votes were cast)")
    args = parser.parse_args()
    names = [f"screener{i + 1}" for i in range(args.reviewers)]
    with tempfile.TemporaryDirectory() as tmp:
        path, tokens, build_s = build_workspace(Path(tmp), args.studies, names)
        print(f"workspace: {args.studies} studies, {len(names)} screeners, built in {build_s:.1f} s", flush=True)
        if args.profile_only:
            profile_only(path, names, args.votes)
            return
        proc, url = start_server(path, args.threads)
        try:
            baseline = overhead_ms(url, tokens[names[0]])
            go = threading.Event()
            deadline = time.time() + 2.0 + args.time_limit
            kind = PageScreener if args.pages else Screener
            workers = [kind(name, tokens[name], url, args.votes, go, deadline) for name in names]
            for w in workers:
                w.start()
            time.sleep(2.0)                    # everyone holds a first study
            cpu_before = cpu_seconds(proc.pid)
            loads = [load_average()]
            started = time.perf_counter()
            go.set()
            while any(w.is_alive() for w in workers):
                for w in workers:
                    w.join(timeout=60)
                done = [x for w in workers for x in w.latency]
                if done and any(w.is_alive() for w in workers):
                    print(f"  {time.perf_counter() - started:.0f} s: {sum(w.sent for w in workers)} votes, "
                          f"vote→next p50 {percentile(done, 50):.0f} ms, p95 {percentile(done, 95):.0f} ms",
                          file=sys.stderr, flush=True)
                loads.append(load_average())
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds(proc.pid) - cpu_before
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        ws = Workspace.open(path)
        recorded = ws.status()["votes"][TA]
        # How far the order each vote was cast from trailed the labels (the ranker state stored
        # with every vote): the price of retraining in the background at this pace.
        lags = [json.loads(row[0]).get("lag") for row in ws.db.execute("SELECT ranker_state FROM votes")]
        lags = [lag for lag in lags if isinstance(lag, int)]
        ws.close()
        latency = [x for w in workers for x in w.latency]
        vote_ms = [x for w in workers for x in w.vote_ms]
        next_ms = [x for w in workers for x in w.next_ms]
        app_ms = [x for w in workers for x in w.app_ms if x == x]
        errors = [e for w in workers for e in w.errors]
        expected = args.reviewers * args.votes
        result = {
            "studies": args.studies, "reviewers": args.reviewers, "votes_per_reviewer": args.votes,
            "votes_sent": sum(w.sent for w in workers), "votes_recorded": recorded, "expected": expected,
            "errors": errors[:10], "error_count": len(errors), "wall_s": round(wall, 1),
            "votes_per_s": round(recorded / wall, 2) if wall else None,
            "latency_ms": {q: round(percentile(latency, q), 1) for q in (50, 95, 99)} if latency else {},
            "vote_ms": {q: round(percentile(vote_ms, q), 1) for q in (50, 95)} if vote_ms else {},
            "next_ms": {q: round(percentile(next_ms, q), 1) for q in (50, 95)} if next_ms else {},
            "app_ms": {q: round(percentile(app_ms, q), 1) for q in (50, 95, 99)} if app_ms else {},
            "http_overhead_ms_p50": round(baseline, 2), "cpus": os.cpu_count(),
            "server_cpu_s": round(server_cpu, 1),
            "server_cpu_ms_per_vote_and_next": round(1000 * server_cpu / recorded, 1) if recorded else None,
            "load_average": [round(x, 1) for x in loads if x is not None],
            "ranker_lag": {"p50": percentile(lags, 50), "p95": percentile(lags, 95), "max": max(lags),
                           "votes_with_trained_order": len(lags)} if lags else {},
        }
        print("\n| studies | screeners × votes | recorded | wall (s) | votes/s | vote→next p50 | p95 | p99 "
              "| POST /api/votes p95 | GET /api/next p95 | GET /api/me p50 |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        lat, v, n = result["latency_ms"], result["vote_ms"], result["next_ms"]
        print(f"| {args.studies:,} | {args.reviewers} × {args.votes:,} | {recorded:,} of {expected:,} | {wall:.0f} "
              f"| {result['votes_per_s']} | {lat.get(50)} ms | **{lat.get(95)} ms** | {lat.get(99)} ms "
              f"| {v.get(95)} ms | {n.get(95)} ms | {baseline:.1f} ms |")
        print(f"\nServer CPU: {server_cpu:.0f} s in {wall:.0f} s wall = "
              f"{result['server_cpu_ms_per_vote_and_next']} ms of CPU per vote + next; {os.cpu_count()} cores, "
              f"load average {min(result['load_average'] or [0]):.1f}–{max(result['load_average'] or [0]):.1f} "
              f"during the run.")
        if app_ms:
            a = result["app_ms"]
            print(f"\nThe app's own time for a vote + next (Server-Timing, inside Flask): p50 {a[50]} ms, "
                  f"p95 {a[95]} ms, p99 {a[99]} ms; the rest of vote→next is HTTP, the server's threads "
                  f"and the client, all on the same {os.cpu_count()} cores.")
        if lags:
            print(f"\nRanker lag (labels the order trailed by, over the {len(lags):,} votes cast from a trained "
                  f"order): median {percentile(lags, 50)}, p95 {percentile(lags, 95)}, max {max(lags)}.")
        if errors:
            print(f"\n{len(errors)} errors, first: {errors[:3]}")
        print("\nWhere the time of one GET /api/next goes (next_study profiled in-process on the final workspace, "
              "ms per call, cumulative; parts overlap):\n")
        print("| part | ms per call |")
        print("|---|---:|")
        breakdown = where_the_time_goes(path, names[0])
        for label, ms in breakdown:
            print(f"| {label} | {ms:.1f} |")
        result["next_study_breakdown_ms"] = {label: round(ms, 1) for label, ms in breakdown}
        if args.json:
            args.json.write_text(json.dumps(result, indent=2))
        verdict = "PASS" if recorded == expected and lat.get(95, 1e9) < 100 else "FAIL"
        print(f"\n{verdict}: {recorded} of {expected} votes recorded; p95 vote→next {lat.get(95)} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
