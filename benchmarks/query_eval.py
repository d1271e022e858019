"""Benchmark: the seed's strategy (queries/toye2017/medline.ovid) over 100,000 records.

The records are the fixture exports (fixtures/records, every file the importer reads) replicated
with perturbations until there are N of them: words shuffled within a sentence, case changed,
one word replaced by a word of the strategy (so lines actually hit), typos (a letter dropped),
abstracts or headings sometimes removed. Generation is not timed; what is timed is what
``evaluate(strategy, records)`` does, in its two phases: indexing (each field the strategy
searches folded once into one buffer, then one regular-expression scan for the words the
strategy needs) and evaluating all 50 lines. Wall-clock and CPU (process) time are both
reported, since the machine is shared.

    .venv/bin/python benchmarks/query_eval.py [--records 100000] [--seed 0] [--repeat 1]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screener.query import parse  # noqa: E402
from screener.query.evaluate import Corpus, Evaluator  # noqa: E402
from screener.records import read_file  # noqa: E402
from screener.records.model import Record  # noqa: E402

STRATEGY = ROOT / "queries" / "toye2017" / "medline.ovid"
INJECT = ["qualitative", "study", "interviews", "focus", "groups", "chronic", "pain",
          "phenomenology", "experiences", "lived", "grounded", "theory", "fibromyalgia",
          "backache", "syndrome", "narrative", "analysis", "semi-structured", "ethnography"]


def fixture_records() -> list[Record]:
    out = []
    for path in sorted((ROOT / "fixtures" / "records").rglob("*")):
        if path.is_file() and path.suffix != ".md":
            try:
                out.extend(read_file(path).records)
            except Exception:   # the deliberately broken fixtures
                continue
    return out


def perturb(text: str, rng: random.Random) -> str:
    if not text:
        return text
    words = text.split()
    for _ in range(rng.randint(0, 3)):
        k = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.4:
            words[k] = rng.choice(INJECT)
        elif roll < 0.6 and len(words[k]) > 3:
            cut = rng.randrange(len(words[k]))
            words[k] = words[k][:cut] + words[k][cut + 1:]
        elif roll < 0.8:
            j = rng.randrange(len(words))
            words[k], words[j] = words[j], words[k]
        else:
            words[k] = words[k].upper()
    return " ".join(words)


def make_records(n: int, seed: int) -> list[Record]:
    rng = random.Random(seed)
    base = fixture_records()
    out = []
    for k in range(n):
        r = base[k % len(base)]
        out.append(Record(
            title=perturb(r.title, rng),
            abstract=perturb(r.abstract, rng) if rng.random() > 0.1 else "",
            keywords=list(r.keywords),
            mesh=list(r.mesh) if rng.random() > 0.2 else [],
            language=list(r.language), year=r.year,
            publication_types=list(r.publication_types), record_id=f"bench-{k}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    strategy = parse(STRATEGY.read_text(encoding="utf-8"))
    t = time.perf_counter()
    records = make_records(args.records, args.seed)
    chars = sum(len(r.title) + len(r.abstract) for r in records)
    print(f"generated {len(records):,} records ({chars / 1e6:.1f} M characters of title+abstract, "
          f"{sum(1 for r in records if r.mesh):,} with MeSH) in {time.perf_counter() - t:.1f} s")
    for run in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        # the steps of screener.query.evaluate.evaluate, timed apart
        evaluator = Evaluator(strategy, Corpus(records))
        evaluator.prepare()
        index_cpu = time.process_time() - cpu
        final = evaluator.run()[-1]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"run {run + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU (indexing {index_cpu:.2f}, "
              f"lines {cpu - index_cpu:.2f}); final line {final.number}: "
              f"{len(final.hits):,} hits, {len(final.undetermined):,} undetermined")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB; load average {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
