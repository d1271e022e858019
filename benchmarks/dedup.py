"""Deduplication benchmark: screener's standalone mode vs bib-dedupe 0.11.0 on the labelled sets.

    .venv/bin/python benchmarks/dedup.py                 # ours on every labelled set
    .venv/bin/python benchmarks/dedup.py --peer          # also run bib-dedupe (slow; once per set)
    .venv/bin/python benchmarks/dedup.py --scale 100000  # ours on the sets replicated to N records
    .venv/bin/python benchmarks/dedup.py --misses        # also list every labelled group ours splits

Every run of ours is `python -m screener dedupe FILE --groups-out OUT` in a subprocess, timed
wall-clock with its peak RSS (wait4). bib-dedupe runs prep → block → match → cluster in its own
venv (benchmarks/.venv-bibdedupe, `pip install bib-dedupe==0.11.0`); its groups are scored by the
same scorer (screener.dedup.scorer) and cached in benchmarks/out/ so the table can be re-printed
without re-running it (--peer re-runs it). Data: ../shared/benchmarks/dedup (see its PROVENANCE.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screener.dedup.scorer import read_groups, score  # noqa: E402

SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared")) / "benchmarks" / "dedup"
OUT = ROOT / "benchmarks" / "out"
PEER_PYTHON = ROOT / "benchmarks" / ".venv-bibdedupe" / "bin" / "python"

SETS = {  # name → (records file, groups file, how the groups' IDs map to the records' IDs)
    "haematology": ("bib-dedupe/haematology/records_pre_merged.csv", "bib-dedupe/haematology/merged_record_ids.csv", None),
    "stroke": ("bib-dedupe/stroke/records_pre_merged.csv", "bib-dedupe/stroke/merged_record_ids.csv", None),
    "cytology_screening": ("bib-dedupe/cytology_screening/records_pre_merged.csv",
                           "bib-dedupe/cytology_screening/merged_record_ids.csv", None),
    "respiratory": ("bib-dedupe/respiratory/records_pre_merged.csv", "bib-dedupe/respiratory/merged_record_ids.csv", None),
    "digital_work": ("bib-dedupe/digital_work/records_pre_merged.csv", "bib-dedupe/digital_work/merged_record_ids.csv", None),
    "special_cases": ("bib-dedupe/special_cases/records_pre_merged.csv",
                      "bib-dedupe/special_cases/merged_record_ids.csv", None),
    # ASySD's Diabetes set with bib-dedupe's groups: id_000NNNN ↔ record_id NNNN
    "diabetes": ("asysd/diabetes_labelled_with_groups.csv", "bib-dedupe/diabetes/merged_record_ids.csv", "asysd"),
}

PEER_RUNNER = r'''
import json, sys, time
import pandas as pd
from bib_dedupe.bib_dedupe import prep, block, match, cluster
src, out = sys.argv[1], sys.argv[2]
t = time.time()
df = pd.read_csv(src, dtype=str, keep_default_na=False)
if "ID" not in df.columns and "record_id" in df.columns:
    df = df.rename(columns={"record_id": "ID"})
if "ENTRYTYPE" not in df.columns:
    df["ENTRYTYPE"] = "article"
if "number" not in df.columns and "issue" in df.columns:
    df["number"] = df["issue"]
df = prep(df, verbosity_level=0)
pairs = block(df, verbosity_level=0)
matched = match(pairs, verbosity_level=0)
groups = cluster(matched, verbosity_level=0)
with open(out, "w") as fh:
    json.dump({"groups": [sorted(map(str, g)) for g in groups], "secs": time.time() - t}, fh)
'''


def _run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB, stderr. CPU seconds (user + system) go to CPU_SECS: on a
    shared machine they are the fairer comparison."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr.strip()[-500:]}")
    CPU_SECS.append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss // 1024, stderr


CPU_SECS: list[float] = []


def _truth(name: str) -> list[list[str]]:
    _, groups_file, mapping = SETS[name]
    groups = read_groups(SHARED / groups_file)
    if mapping == "asysd":
        groups = [[str(int(x[3:])) for x in g] for g in groups]
    return groups


LAST_PAIRS: list[tuple[str, str]] = []
JOIN_ERRATA = False


def run_ours(records: Path, workdir: Path) -> tuple[list[list[str]], float, int]:
    out, pairs = workdir / "groups.csv", workdir / "pairs.csv"
    secs, rss, _ = _run([sys.executable, "-m", "screener", "dedupe", str(records), "--groups-out", str(out),
                         "--pairs-out", str(pairs), "--force"] + (["--join-errata"] if JOIN_ERRATA else []))
    with open(pairs, newline="", encoding="utf-8") as handle:
        LAST_PAIRS[:] = [(row["id_a"], row["id_b"]) for row in csv.DictReader(handle)]
    return read_groups(out), secs, rss


def with_queue_decided(groups: list[list[str]], queue: list[tuple[str, str]],
                       truth: list[list[str]]) -> list[list[str]]:
    """The groups after a person decides every queued pair as the labels say: a pair the labels
    call one study is merged (with the groups its records are in), any other pair stays apart."""
    label = {rid: n for n, g in enumerate(truth) for rid in g}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in groups:
        for rid in g[1:]:
            parent[find(rid)] = find(g[0])
    for a, b in queue:
        if a in label and label.get(a) == label.get(b):
            parent[find(a)] = find(b)
    merged: dict[str, list[str]] = {}
    for rid in list(parent):
        merged.setdefault(find(rid), []).append(rid)
    return [g for g in merged.values() if len(g) > 1]


def run_peer(name: str, records: Path, workdir: Path) -> dict:
    cache = OUT / f"bibdedupe_{name}.json"
    runner = workdir / "run_bibdedupe.py"
    runner.write_text(PEER_RUNNER)
    out = workdir / "peer.json"
    secs, rss, _ = _run([str(PEER_PYTHON), str(runner), str(records), str(out)])
    data = json.loads(out.read_text())
    data.update(wall_secs=secs, cpu_secs=CPU_SECS[-1], peak_mb=rss,
                measured_at=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), load=os.getloadavg())
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(data))
    return data


def perturb(row: dict, rng: random.Random) -> dict:
    """One export's version of a record: case, trailing period, author format, short page ranges."""
    row = dict(row)
    title = row.get("title", "")
    roll = rng.random()
    if roll < 0.2:
        title = title.upper() if rng.random() < 0.2 else title.lower()
    elif roll < 0.4:
        title = title.rstrip(".") + "."
    row["title"] = title
    if rng.random() < 0.3 and row.get("author"):
        names = [a.strip() for a in row["author"].split(" and ")]
        row["author"] = " and ".join(re.sub(r"^([^,]+),\s*(.*)$", lambda m: m.group(1) + " " +
                                            re.sub(r"[^A-Z]", "", m.group(2)), n) for n in names)
    pages = row.get("pages", "")
    m = re.match(r"^(\d+)-(\d+)$", pages or "")
    if m and rng.random() < 0.3 and len(m.group(1)) == len(m.group(2)):
        first, last = m.groups()
        i = 0
        while i < len(first) - 1 and first[i] == last[i]:
            i += 1
        row["pages"] = f"{first}-{last[i:]}"
    return row


# words that carry structure (separators, database notes, journal words) stay readable
_KEEP = {"and", "erratum", "errata", "correction", "corrigendum", "chinese", "japanese", "german", "french",
         "spanish", "russian", "review", "refs", "vol", "pg", "la", "chi", "editorial", "editor", "editor's",
         "comments", "suppl", "supplement", "conference", "congress", "meeting", "abstracts", "abstract",
         "proceedings", "journal", "j", "null", "anonymous", "the", "of", "in", "group", "study", "retracted"}


def _alphabet(shift: int) -> str:
    """Replica ``shift``'s letters: a rotation by ``shift`` up to 25 (the figures measured before
    stay comparable), then a permutation drawn from ``shift`` — rotations repeat every 26 replicas
    (408,460 records), which made replica 27 a copy of replica 1 at 10^6 records."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    if shift % 26 and shift < 26:
        return letters[shift:] + letters[:shift]
    permuted = list(letters)
    random.Random(shift).shuffle(permuted)
    return "".join(permuted)


_ALPHABETS: dict[int, dict[int, int]] = {}


def _rotate(word: str, shift: int) -> str:
    if shift not in _ALPHABETS:
        lower = _alphabet(shift)
        table = {ord(a): ord(b) for a, b in zip("abcdefghijklmnopqrstuvwxyz", lower, strict=True)}
        table.update({ord(a.upper()): ord(b.upper()) for a, b in zip("abcdefghijklmnopqrstuvwxyz", lower,
                                                                      strict=True)})
        _ALPHABETS[shift] = table
    return word.translate(_ALPHABETS[shift])


def _shift_numbers(text: str, shift: int) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1000 * shift), text or "")


def _cipher(text: str, shift: int) -> str:
    """Rotate the letters of each word (except structural ones): replica k of a record reads like
    a different record, while duplicates inside the replica stay as (dis)similar as before."""
    if not shift or not text:
        return text
    return re.sub(r"[A-Za-z']+", lambda m: m.group(0) if m.group(0).lower().strip("'") in _KEEP
                  else _rotate(m.group(0), shift), text)


def build_scaled(target: int, workdir: Path) -> tuple[Path, list[list[str]]]:
    """The five labelled sets replicated to ``target`` records, with their groups. Replica k (k ≥ 1)
    rotates the letters of titles, authors and journals by k and moves volumes by 1000·k (so
    replicas are different studies with the same duplicate structure) and perturbs each record
    (case, trailing period, author format, short page ranges)."""
    rng = random.Random(20261126)
    columns = ["ID", "title", "year", "author", "pages", "volume", "number", "journal", "doi", "abstract"]
    base: list[tuple[str, dict, int]] = []
    for name in ("haematology", "stroke", "cytology_screening", "respiratory", "digital_work"):
        records_file = SHARED / SETS[name][0]
        with open(records_file, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        label = {rid: n for n, g in enumerate(_truth(name)) for rid in g}
        for row in rows:
            base.append((name, row, label.get(row["ID"], -1)))
    path = workdir / f"scaled_{target}.csv"
    groups: dict[tuple, list[str]] = {}
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        replica = 0
        while written < target:
            for name, row, group in base:
                if written >= target:
                    break
                new = perturb(row, rng)
                new["ID"] = f"r{replica}_{name}_{row['ID']}"
                for column in ("title", "author", "journal", "abstract"):
                    new[column] = _cipher(new.get(column, ""), replica)
                if replica:   # a different review's papers sit in other volumes
                    new["volume"] = _shift_numbers(new.get("volume", ""), replica)
                if replica and new.get("doi"):
                    new["doi"] = f"{new['doi']}.r{replica}"
                writer.writerow(new)
                if group >= 0:
                    groups.setdefault((replica, name, group), []).append(new["ID"])
                written += 1
            replica += 1
    return path, [g for g in groups.values() if len(g) > 1]


def print_misses(name: str, records_file: Path, groups: list[list[str]], truth: list[list[str]],
                 queue: list[tuple[str, str]]) -> int:
    """Every labelled group our groups split: each part's first record (title, authors, year,
    journal, volume, issue, pages, DOI) and our verdict on the closest pair between two parts
    (queued or not). Returns the number of missed removable records."""
    from screener.dedup.files import record_ids
    from screener.dedup.match import compare
    from screener.dedup.normalize import normalize_record
    from screener.records import read_file

    records = read_file(str(records_file)).records
    for record in records:
        record.file = record.file or str(records_file)
    ids = record_ids(records, [str(records_file)])
    index = {rid: i for i, rid in enumerate(ids)}
    where = {rid: n for n, g in enumerate(groups) for rid in g}
    queued = {frozenset(p) for p in queue}
    missed = 0
    for group in truth:
        parts: dict = {}
        for rid in group:
            parts.setdefault(where.get(rid, rid), []).append(rid)
        if len(parts) < 2:
            continue
        parts_list = list(parts.values())
        missed += len(parts_list) - 1
        print(f"\n[{name}] labelled group {';'.join(group)}: {len(parts_list)} parts")
        for part in parts_list:
            r = records[index[part[0]]]
            print(f"  {';'.join(part)}: {r.title!r}\n      {'; '.join(r.authors)[:160]!r} | {r.year} | "
                  f"{r.journal!r} v={r.volume!r} n={r.issue!r} p={r.pages!r} doi={r.doi!r}")
        for x in range(len(parts_list)):
            for y in range(x + 1, len(parts_list)):
                best = None
                for a in parts_list[x]:
                    for b in parts_list[y]:
                        ia, ib = index[a], index[b]
                        v = compare(normalize_record(records[ia], ia), normalize_record(records[ib], ib))
                        rank = ({"same": 2, "maybe": 1}.get(v.label, 0), v.score)
                        if best is None or rank > best[0]:
                            best = (rank, a, b, v)
                _, a, b, v = best
                state = "queued" if frozenset((a, b)) in queued else \
                    ("an erratum notice: out of groups unless --join-errata" if v.erratum and v.label == "same"
                     else "not queued")
                print(f"  {a} ~ {b}: {v.label}{' (veto)' if v.veto else ''}, {state}: {'; '.join(v.reasons)}")
    print(f"[{name}] missed removable records: {missed}")
    return missed


def fmt_row(cells: list) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", action="store_true", help="run bib-dedupe 0.11.0 (else use cached results)")
    parser.add_argument("--sets", nargs="*", default=list(SETS), help="which labelled sets")
    parser.add_argument("--scale", type=int, default=0, help="also time ours on N replicated records")
    parser.add_argument("--join-errata", action="store_true",
                        help="run ours with --join-errata (erratum notices in their article's group)")
    parser.add_argument("--misses", action="store_true",
                        help="also list every labelled group ours splits, with both sides and our verdict")
    args = parser.parse_args()
    global JOIN_ERRATA
    JOIN_ERRATA = args.join_errata
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: the labelled sets live in ../shared/benchmarks/dedup")
    print(f"# load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    header = ["set", "records", "removable", "ours: sensitivity", "ours: wrong merges", "ours: queued pairs (true)",
              "ours: sensitivity, queue decided", "ours: pair P / R",
              "ours: wall s (CPU s)", "ours: peak MB", "bib-dedupe: sensitivity",
              "bib-dedupe: wrong merges", "bib-dedupe: wall s (CPU s)", "speed-up wall (CPU)"]
    lines = [fmt_row(header), fmt_row(["---"] * len(header))]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name in args.sets:
            records = SHARED / SETS[name][0]
            truth = _truth(name)
            groups, secs, rss = run_ours(records, workdir)
            cpu = CPU_SECS[-1]
            ours = score(groups, truth)
            queue = list(LAST_PAIRS)
            label = {rid: n for n, g in enumerate(truth) for rid in g}
            queue_true = sum(1 for a, b in queue if a in label and label.get(a) == label.get(b))
            decided = score(with_queue_decided(groups, queue, truth), truth)
            if args.misses:
                print_misses(name, records, groups, truth, queue)
            n_records = sum(1 for _ in open(records, newline="", encoding="utf-8", errors="replace"))
            with open(records, newline="", encoding="utf-8", errors="replace") as handle:
                n_records = sum(1 for _ in csv.DictReader(handle))
            peer = None
            cache = OUT / f"bibdedupe_{name}.json"
            if args.peer and PEER_PYTHON.exists():
                peer = run_peer(name, records, workdir)
            elif cache.exists():
                peer = json.loads(cache.read_text())
            peer_score = score(peer["groups"] if name != "diabetes" else
                               [[str(int(x)) if x.isdigit() else x for x in g] for g in peer["groups"]],
                               truth) if peer else None
            peer_cpu = peer and peer.get("cpu_secs")
            results[name] = {"ours": ours, "queue": len(queue), "queue_true": queue_true,
                             "ours_queue_decided": decided, "secs": secs, "cpu_secs": cpu, "peak_mb": rss,
                             "peer": peer_score, "peer_secs": peer and peer["wall_secs"], "peer_cpu_secs": peer_cpu}
            lines.append(fmt_row([
                name, n_records, ours["removable"], f"{ours['sensitivity_removable']:.3f}", ours["removed_wrongly"],
                f"{len(queue)} ({queue_true})", f"{decided['sensitivity_removable']:.3f}",
                f"{ours['pair_precision']:.3f} / {ours['pair_recall']:.3f}", f"{secs:.1f} ({cpu:.1f})", rss,
                f"{peer_score['sensitivity_removable']:.3f}" if peer_score else "—",
                peer_score["removed_wrongly"] if peer_score else "—",
                f"{peer['wall_secs']:.1f} ({peer_cpu:.1f})" if peer else "—",
                f"{peer['wall_secs'] / secs:.1f}× ({peer_cpu / cpu:.1f}×)" if peer else "—"]))
            print(lines[-1], flush=True)
        if args.scale:
            path, truth = build_scaled(args.scale, workdir)
            groups, secs, rss = run_ours(path, workdir)
            cpu = CPU_SECS[-1]
            s = score(groups, truth)
            results["scaled"] = {"records": args.scale, "secs": secs, "cpu_secs": cpu, "peak_mb": rss, "ours": s}
            lines.append(fmt_row([f"replicated ×{args.scale // 15716 + 1} (perturbed)", args.scale, s["removable"],
                                  f"{s['sensitivity_removable']:.3f}", s["removed_wrongly"], f"{len(LAST_PAIRS)}", "—",
                                  f"{s['pair_precision']:.3f} / {s['pair_recall']:.3f}", f"{secs:.1f} ({cpu:.1f})", rss,
                                  "—", "—", "—", "—"]))
            print(lines[-1], flush=True)
    print(f"# load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("\n".join(lines))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / ("dedup_results_errata.json" if JOIN_ERRATA else "dedup_results.json")).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
