"""Write the gathered files listed by reference in sources.tsv (and round18.tsv, ...) into $SCREENER_GATHERED
(default ../gathered beside the clone), from git snapshots of their repositories (the search tool's `fetch` puts them at
/work/.mirror/OWNER+NAME/repo; set SCREENER_MIRROR for another place). Nothing here is committed or read by a test.

Usage: SCREENER_GATHERED=/path .venv/bin/python benchmarks/records_gathered/gather.py
A path `FILE.js#caseN` is the Nth test case of a Zotero translator: its `input` is written as the file and its
expected `items` beside it as `<file>.expected.json` (what run.py compares with)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GATHERED = Path(os.environ.get("SCREENER_GATHERED", HERE.parents[1].parent / "gathered"))
MIRROR = Path(os.environ.get("SCREENER_MIRROR", "/work/.mirror"))


def _show(git_dir: Path, commit: str, path: str) -> bytes:
    for rev in (commit, "HEAD"):
        done = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{rev}:{path}"], capture_output=True)
        if done.returncode == 0:
            if rev == "HEAD":
                print(f"  {path}: commit {commit[:10]} not in the snapshot, read at HEAD", file=sys.stderr)
            return done.stdout
    raise FileNotFoundError(f"{path} not in {git_dir}")


def main() -> None:
    # sources.tsv (rounds 1-17) and each later round's own list (round18.tsv, ...), in the same columns
    rows = [r for tsv in [HERE / "sources.tsv", *sorted(HERE.glob("round*.tsv"))]
            for r in csv.DictReader((ln for ln in open(tsv, encoding="utf-8") if not ln.startswith("#")), delimiter="\t")]
    missing = 0
    for row in rows:
        git_dir = MIRROR / row["repo"].replace("/", "+") / "repo"
        if (git_dir / ".git").is_dir():               # some snapshots come as a clone with a work tree
            git_dir = git_dir / ".git"
        if not git_dir.is_dir():
            print(f"no snapshot of {row['repo']} at {git_dir}: fetch it (search tool) first", file=sys.stderr)
            missing += 1
            continue
        out = GATHERED / row["folder"] / row["file"]
        out.parent.mkdir(parents=True, exist_ok=True)
        path, _, case = row["path"].partition("#case")
        if case:
            source = _show(git_dir, row["commit"], path).decode("utf-8")
            match = re.search(r"/\*\* BEGIN TEST CASES \*\*/\s*var testCases = (.*?)/\*\* END TEST CASES \*\*/", source, re.S)
            if not match:
                raise SystemExit(f"{path}: no test cases")
            test = json.loads(match.group(1).strip().rstrip(";"))[int(case) - 1]
            out.write_text(test["input"], encoding="utf-8")
            (out.parent / (out.name + ".expected.json")).write_text(
                json.dumps(test.get("items"), indent=1, ensure_ascii=False), encoding="utf-8")
        else:
            out.write_bytes(_show(git_dir, row["commit"], path))
    print(f"{len(rows) - missing} of {len(rows)} files written under {GATHERED}")


if __name__ == "__main__":
    main()
