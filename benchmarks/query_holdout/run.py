"""Run the query builder over the gathered real strategies (a local hold-out set; see README.md here).

Usage:
  .venv/bin/python benchmarks/query_holdout/run.py --gather   # write the files from the fetch snapshots
  .venv/bin/python benchmarks/query_holdout/run.py [--round r20] [--json]
  .venv/bin/python benchmarks/query_holdout/run.py --show FILE  # every problem with its line and caret

The strategies stay outside the repository (licences): in $SCREENER_GATHERED/queries<round> (default
../gathered beside the clone), named as sources.tsv names them. For each file: the strategy's own problems
(`parse`) counted by code and severity, and the errors `translate` adds for PubMed and Embase.com. A file is
judged by hand (README.md), not by this count: a real typo reported is right, a false error or a silent
misreading is wrong."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from screener.query import parse, translate

HERE = Path(__file__).resolve().parent
GATHERED = Path(os.environ.get("SCREENER_GATHERED", HERE.parents[1].parent / "gathered"))
MIRROR = Path(os.environ.get("SCREENER_MIRROR", "/work/.mirror"))
TARGETS = ("pubmed", "embase-com")


def sources(round_: str | None = None) -> list[dict[str, str]]:
    with open(HERE / "sources.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))
    return [r for r in rows if round_ in (None, r["round"])]


def folder(row: dict[str, str]) -> Path:
    return GATHERED / f"queries{row['round'].lstrip('r')}"


def select(text: str, how: str) -> str:
    """The part of a repository file that is the strategy, as sources.tsv's select column says."""
    if how == "whole":
        return text
    kind, _, arg = how.partition(":")
    if kind == "lines":
        first, _, last = arg.partition("-")
        return "\n".join(text.split("\n")[int(first) - 1:int(last)]) + "\n"   # not splitlines: a form feed is no line end here
    if kind == "fence":
        blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
        return blocks[int(arg) - 1]
    if kind == "jsonl":
        match, _, field = arg.rpartition(":")
        key, _, value = match.partition("=")
        for line in text.splitlines():
            item = json.loads(line)
            if str(item.get(key)) == value:
                return str(item[field]).strip() + "\n"
        raise SystemExit(f"select {how}: no line with {key}={value}")
    if kind == "csv":   # a supplementary table kept as CSV: the FIELD cell of the row whose KEY column is VALUE
        match, _, field = arg.rpartition(":")
        key, _, value = match.partition("=")
        for item in csv.DictReader(io.StringIO(text)):
            if item.get(key) == value:
                return item[field].strip() + "\n"
        raise SystemExit(f"select {how}: no row with {key}={value}")
    if kind == "strlit":   # a strategy kept in source code: the double-quoted literal opening on line N, its escapes read
        rest = "\n".join(text.split("\n")[int(arg) - 1:])
        start = rest.index('"') + 1
        out, i = [], start
        while rest[i] != '"':
            if rest[i] == "\\":
                i += 1
                out.append({"n": "\n", "t": "\t"}.get(rest[i], rest[i]))
            else:
                out.append(rest[i])
            i += 1
        return "".join(out).strip() + "\n"
    raise SystemExit(f"select {how}: unknown (whole, lines:A-B, fence:N, jsonl:KEY=VALUE:FIELD, csv:KEY=VALUE:FIELD, strlit:N)")


def gather(rows: list[dict[str, str]]) -> None:
    for row in rows:
        git_dir = MIRROR / row["repo"].replace("/", "+") / "repo"
        if (git_dir / ".git").is_dir():   # some snapshots come as a clone with a work tree, not a bare repository
            git_dir = git_dir / ".git"
        blob = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{row['commit']}:{row['path']}"],
                              capture_output=True, check=True).stdout.decode("utf-8")
        out = folder(row) / row["file"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(select(blob, row["select"]), encoding="utf-8")
    print(f"{len(rows)} files written under {GATHERED}")


def counts(problems, severity: str) -> str:
    c = Counter(p.code for p in problems if p.severity == severity)
    return " ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(c.items())) or "-"


def run(rows: list[dict[str, str]], as_json: bool) -> None:
    report = []
    for row in rows:
        path = folder(row) / row["file"]
        if not path.exists():
            print(f"{row['file']}: missing (run --gather)", file=sys.stderr)
            continue
        text = path.read_text(encoding="utf-8")
        strategy = parse(text, row["syntax"])
        added = {t: [p for p in translate(text, row["syntax"], t).errors if p not in strategy.problems]
                 for t in TARGETS}
        report.append({"file": row["file"], "syntax": row["syntax"],
                       "errors": counts(strategy.problems, "error"),
                       "warnings": counts(strategy.problems, "warning"),
                       **{f"{t} errors": counts(added[t], "error") for t in TARGETS}})
    if as_json:
        print(json.dumps(report, indent=1))
        return
    for r in report:
        print(f"{r['file']:<36} {r['syntax']:<7} errors: {r['errors']:<40} warnings: {r['warnings']:<40} "
              + "  ".join(f"{t}: {r[f'{t} errors']}" for t in TARGETS))
    clean = sum(r["errors"] == "-" for r in report)
    print(f"{len(report)} files, {clean} with no error of their own (read each by hand: README.md)")


def show(rows: list[dict[str, str]], name: str) -> None:
    row = next(r for r in rows if r["file"] == name)
    text = (folder(row) / name).read_text(encoding="utf-8")
    for p in parse(text, row["syntax"]).problems:
        print(p.format(text, name))
    for target in TARGETS:
        t = translate(text, row["syntax"], target)
        print(f"--- {target}\n{t.query}")
        for p in t.warnings + t.errors:
            print(f"  {p.severity} {p.code} {p.line}:{p.col} {p.message}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--round")
    ap.add_argument("--gather", action="store_true")
    ap.add_argument("--show")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = sources(args.round)
    if args.gather:
        gather(rows)
    elif args.show:
        show(rows, args.show)
    else:
        run(rows, args.json)


if __name__ == "__main__":
    main()
