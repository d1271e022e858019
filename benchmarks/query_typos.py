"""Benchmark: realistic slips in real strategies — does `check`/`translate` catch each at its line:col
and say what to write, or read it silently as something else?

Strategies: the 110 distinct Ovid MEDLINE strategies and the 13 distinct PubMed strategies of CLEF TAR
2017-2019 (``../shared/benchmarks/query/clef_tar/clef_tar_2017_2019_queries.json``, MIT), read from
``../shared`` (or ``$SCREENER_SHARED``) (never copied here). Each slip of ``SLIPS`` (the list was written before the first run
and is not tuned to what passes) is applied once per copy, at one random place where it can go, to
up to ``--per-slip`` strategies chosen at random (``random.Random(f"{seed}:{slip name}")``).

Each mutated copy is parsed (``parse``) and translated (Ovid → PubMed; PubMed → PubMed), and what is
new against the unmutated strategy (problems counted by code, line and severity; the compiled
query) is classified:

    ERROR+FIX  an error at the slip's line, column within 3 characters of the slip, whose message
               holds what to write instead (the slip's ``fix``)
    ERROR      the same without the fix in the message
    ERROR-LINE an error on the slip's line, at another column (a dropped '(' is reported at the ')'
               left without it: where the '(' went cannot be known)
    WARNING    a warning there (fix or not)
    PLACED-ELSEWHERE  something new was said, but not at the slip
    HARMLESS   the database reads the slip as meant (``db="same"``) and nothing changed, or it is
               valid syntax with its own meaning (``db="valid"``) read so, with or without a note
    FALSE-ERROR  an error on a slip the database reads as meant
    SILENT     nothing said; the compiled query is the unmutated one although the database would
               not read the slip so (``db="no"``): the copy a searcher pastes still fails there
    MISSED     nothing said and the compiled query changed: read silently as something else

    .venv/bin/python benchmarks/query_typos.py [--seed 2026] [--per-slip 30] [--md benchmarks/query_typos.md]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screener.query import parse, translate_strategy  # noqa: E402

SHARED = Path(os.environ.get("SCREENER_SHARED", ROOT.parent / "shared"))
CLEF = SHARED / "benchmarks" / "query" / "clef_tar" / "clef_tar_2017_2019_queries.json"
OUTCOMES = ("ERROR+FIX", "ERROR", "ERROR-LINE", "WARNING", "PLACED-ELSEWHERE", "HARMLESS", "FALSE-ERROR", "SILENT", "MISSED")


@dataclass(frozen=True)
class Slip:
    group: str
    name: str           # as the table shows it
    syntax: str         # "ovid" or "pubmed"
    site: str           # regular expression: where the slip can go (one match is changed)
    make: Callable[[re.Match], str]    # the slipped text for that match
    fix: Callable[[re.Match], str]     # what the message should tell to write (case-insensitive)
    db: str             # "same": the database reads it as meant; "valid": valid, another meaning; "no"


def _g(n: int = 0) -> Callable[[re.Match], str]:
    return lambda m: m.group(n)


def _const(s: str) -> Callable[[re.Match], str]:
    return lambda m: s


# Ovid: a suffix after a word, a ')' or a '"' (lookbehind keeps the term untouched)
_TW = r"(?<=[\w$*)\"])\.tw\."
_TIAB = r"(?<=[\w$*)\"])\.ti,ab\."
_HEAD = r"(?m)(?<![\w/])(exp )([A-Za-z][A-Za-z ,'-]*[A-Za-z])/"
_PLAIN_HEAD = r"(?m)(?:^|(?<=\bor )|(?<=\band ))(?!exp )([A-Za-z][A-Za-z ,'-]*[A-Za-z])/(?![\w*])"
_REF_PAIR = r"(?m)^(\d+) (or|and) (\d+)\b"
_REF_LINE = r"(?m)^(?:\d+(?: (?:or|and|not) \d+)+|or/\d+-\d+|and/\d+-\d+)[ \t]*$"
_ADJ = r"\badj(\d)\b"
_TRUNC = r"(?<=[a-z]{3})\*(?=[ .)\"])"
_DOLLAR = r"(?<=[a-z]{3})\$(?=[ .)\"])"
_PHRASE = r"\"([^\"\n]+)\""

SLIPS: list[Slip] = [
    # Ovid field suffixes
    Slip("suffix", ".tw,ab.", "ovid", _TW, _const(".tw,ab."), _const(""), "same"),
    Slip("suffix", ".ti.ab.", "ovid", _TIAB, _const(".ti.ab."), _const(".ti,ab."), "no"),
    Slip("suffix", ".tiab.", "ovid", _TIAB, _const(".tiab."), _const(".ti,ab."), "no"),
    Slip("suffix", ".ti,ab (no final dot)", "ovid", _TIAB, _const(".ti,ab"), _const(""), "same"),
    Slip("suffix", ".ti;ab.", "ovid", _TIAB, _const(".ti;ab."), _const(".ti,ab."), "no"),
    Slip("suffix", ".ti, ab.", "ovid", _TIAB, _const(".ti, ab."), _const(".ti,ab."), "no"),
    Slip("suffix", ".tw .", "ovid", _TW, _const(".tw ."), _const(".tw."), "no"),
    Slip("suffix", ".mp (for .tw.)", "ovid", _TW, _const(".mp"), _const(""), "valid"),
    Slip("suffix", ".sh (for .tw.)", "ovid", _TW, _const(".sh"), _const(""), "valid"),
    Slip("suffix", ",tw.", "ovid", _TW, _const(",tw."), _const(".tw."), "no"),
    Slip("suffix", ".tw..", "ovid", _TW, _const(".tw.."), _const(".tw."), "no"),
    Slip("suffix", ".Tw.", "ovid", _TW, _const(".Tw."), _const(""), "same"),
    Slip("suffix", ".kw,tw.", "ovid", _TW, _const(".kw,tw."), _const(""), "valid"),
    Slip("suffix", ".ttw. (doubled letter)", "ovid", _TW, _const(".ttw."), _const(".tw."), "no"),
    Slip("suffix", ".ti,aab. (doubled letter)", "ovid", _TIAB, _const(".ti,aab."), _const(".ti,ab."), "no"),
    Slip("suffix", ".t. (missing letter)", "ovid", _TW, _const(".t."), _const(".tw."), "no"),
    Slip("suffix", ".ti,a. (missing letter)", "ovid", _TIAB, _const(".ti,a."), _const(".ti,ab."), "no"),
    Slip("suffix", ".tiab,kf.", "ovid", _TIAB, _const(".tiab,kf."), _const(".ti,ab,kf."), "no"),
    # added in session 13 (2026-12-07, round 28), each measured before any change for it: letters swapped in a
    # code (the brief's `.ti,ba.`), and a quote left before a group as a psychedelics review's page shows it
    Slip("suffix", ".ti,ba. (letters swapped)", "ovid", _TIAB, _const(".ti,ba."), _const(".ti,ab."), "no"),
    Slip("suffix", ".wt. (letters swapped)", "ovid", _TW, _const(".wt."), _const(".tw."), "no"),
    # Ovid subject headings
    Slip("heading", "exp Pain (no /)", "ovid", _HEAD, lambda m: f"exp {m.group(2)}",
         lambda m: f"exp {m.group(2)}/", "no"),
    Slip("heading", "Pain/exp", "ovid", _HEAD, lambda m: f"{m.group(2)}/exp", lambda m: f"exp {m.group(2)}/", "no"),
    Slip("heading", "exp/ Pain", "ovid", _HEAD, lambda m: f"exp/ {m.group(2)}", lambda m: f"exp {m.group(2)}/", "no"),
    Slip("heading", "Pain//", "ovid", _PLAIN_HEAD, lambda m: f"{m.group(1)}//", lambda m: f"{m.group(1)}/", "no"),
    Slip("heading", "Pain/* (for *Pain/)", "ovid", _PLAIN_HEAD, lambda m: f"{m.group(1)}/*",
         lambda m: f"*{m.group(1)}/", "no"),
    Slip("heading", "*Pain/ (major)", "ovid", _PLAIN_HEAD, lambda m: f"*{m.group(1)}/", _const(""), "valid"),
    # Ovid line references
    Slip("lineref", "1 or 2 or (trailing)", "ovid", _REF_LINE, lambda m: m.group(0).rstrip() + " or",
         _const("delete"), "no"),
    Slip("lineref", "1 adn 2", "ovid", _REF_PAIR,
         lambda m: f"{m.group(1)} {'adn' if m.group(2) == 'and' else 'ro'} {m.group(3)}", lambda m: m.group(2), "no"),
    Slip("lineref", "1 or2", "ovid", _REF_PAIR, lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)}",
         lambda m: f"{m.group(2)} {m.group(3)}", "no"),
    Slip("lineref", "#1 or #2", "ovid", _REF_PAIR, lambda m: f"#{m.group(1)} {m.group(2)} #{m.group(3)}",
         lambda m: f"{m.group(1)} {m.group(2)} {m.group(3)}", "no"),
    Slip("lineref", "reference to a missing line", "ovid", _REF_PAIR,
         lambda m: f"{m.group(1)} {m.group(2)} 9{m.group(3)}", _const("no line"), "no"),
    # Ovid adjacency
    Slip("adjacency", "adj 3", "ovid", _ADJ, lambda m: f"adj {m.group(1)}", lambda m: f"adj{m.group(1)}", "no"),
    Slip("adjacency", "adj-3", "ovid", _ADJ, lambda m: f"adj-{m.group(1)}", lambda m: f"adj{m.group(1)}", "no"),
    Slip("adjacency", "ADJ3", "ovid", _ADJ, lambda m: f"ADJ{m.group(1)}", _const(""), "same"),
    Slip("adjacency", "near/3", "ovid", _ADJ, lambda m: f"near/{m.group(1)}", _const("adj"), "no"),
    # Ovid truncation
    Slip("truncation", "child# (for child*)", "ovid", _TRUNC, _const("#"), _const(""), "valid"),
    Slip("truncation", "child? (for child*)", "ovid", _TRUNC, _const("?"), _const(""), "valid"),
    Slip("truncation", "child**", "ovid", _TRUNC, _const("**"), _const("*"), "no"),
    Slip("truncation", "child$ (for child*)", "ovid", _TRUNC, _const("$"), _const(""), "same"),
    Slip("truncation", "child$$", "ovid", _DOLLAR, _const("$$"), _const("$"), "no"),
    Slip("truncation", "child $ (space)", "ovid", _DOLLAR, _const(" $"), _const("$"), "no"),
    # Ovid quotes and parentheses
    Slip("quotes", "( dropped", "ovid", r"\((?=[^()\n]*\))", _const(""), _const("("), "no"),
    Slip("quotes", ") dropped", "ovid", r"(?<=\()[^()\n]*\)", lambda m: m.group(0)[:-1], _const(")"), "no"),
    Slip("quotes", ") doubled", "ovid", r"\)", _const("))"), _const("delete"), "no"),
    Slip("quotes", "closing \" dropped", "ovid", _PHRASE, lambda m: '"' + m.group(1), _const('"'), "no"),
    Slip("quotes", "smart quotes “ ”", "ovid", _PHRASE, lambda m: f"\u201c{m.group(1)}\u201d", _const('"'), "no"),
    # PubMed
    Slip("pubmed", "[tiab (no ])", "pubmed", r"\[tiab\]", _const("[tiab"), _const("[tiab]"), "no"),
    Slip("pubmed", "[ti ab]", "pubmed", r"\[tiab\]", _const("[ti ab]"), _const("[tiab]"), "no"),
    Slip("pubmed", "[tw ]", "pubmed", r"\[(tw|tiab)\]", lambda m: f"[{m.group(1)} ]", lambda m: f"[{m.group(1)}]", "no"),
    Slip("pubmed", "[MeSH]", "pubmed", r"\[(?:mh|mesh|MeSH Terms|Mesh)\]", _const("[MeSH]"), _const(""), "same"),
    Slip("pubmed", "[mesh terms]", "pubmed", r"\[(?:mh|mesh|MeSH Terms|Mesh|MeSH)\]", _const("[mesh terms]"),
         _const(""), "same"),
    Slip("pubmed", "[Mesh:NoExp] (for [mh])", "pubmed", r"\[(?:mh|mesh|MeSH Terms|Mesh|MeSH)\]",
         _const("[Mesh:NoExp]"), _const(""), "valid"),
    Slip("pubmed", "[tiab]]", "pubmed", r"\[tiab\]", _const("[tiab]]"), _const("[tiab]"), "no"),
    Slip("pubmed", "and (lower case)", "pubmed", r"(?<= )AND(?= )", _const("and"), _const("AND"), "no"),
    Slip("pubmed", "or (lower case)", "pubmed", r"(?<= )OR(?= )", _const("or"), _const("OR"), "no"),
    Slip("pubmed", "stray ' before (", "pubmed", r"(?<= )\((?=[\w\"])", _const("'("), _const("delete"), "no"),
    Slip("pubmed", "OR missing between terms", "pubmed", r"(?<=[\]\w\"]) OR (?=[\w\"])", _const(" "),
         _const("OR"), "valid"),
]


@dataclass
class Copy:
    slip: Slip
    topic: str
    line: int
    col: int
    end: int
    outcome: str
    said: str


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _said(strategy) -> list:
    """What `check` says (the strategy's own problems); the translation's notes about the target
    (FIELD_APPROXIMATED, LIMIT_UNSUPPORTED …) are not a catch of the slip."""
    seen, out = set(), []
    for p in strategy.problems:
        key = (p.code, p.line, p.col, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _run(text: str, syntax: str):
    strategy = parse(text, syntax)
    translation = translate_strategy(strategy, "pubmed")
    return translation.query, _said(strategy)


def classify(slip: Slip, base, mutated, line: int, col: int, end: int, fix: str) -> tuple[str, str]:
    (q0, said0), (q1, said1) = base, mutated
    before = Counter((p.code, p.line, p.severity) for p in said0)
    new = []
    for p in said1:
        key = (p.code, p.line, p.severity)
        if before[key] > 0:
            before[key] -= 1
        elif p.severity in ("error", "warning"):
            new.append(p)
    here = [p for p in new if p.line == line and p.col is not None and col - 3 <= p.col <= end + 3]
    errors = [p for p in here if p.severity == "error"]
    shown = "; ".join(f"{p.severity} {p.code} {p.line}:{p.col} {p.message}" for p in (here or new)[:2])
    if slip.db == "same" and any(p.severity == "error" for p in new):
        return "FALSE-ERROR", shown
    if errors:
        if any(fix.lower() in p.message.lower() for p in errors):
            return "ERROR+FIX", shown
        return "ERROR", shown
    if here:
        return "WARNING", shown
    if any(p.severity == "error" and p.line == line for p in new):
        return "ERROR-LINE", shown
    if new:
        if slip.db == "valid" and not any(p.severity == "error" for p in new):
            return "HARMLESS", shown
        return "PLACED-ELSEWHERE", shown
    if slip.db in ("same", "valid"):
        return ("HARMLESS" if slip.db == "valid" or q1 == q0 else "MISSED"), f"{q1 == q0=}"
    return ("SILENT" if q1 == q0 else "MISSED"), "query unchanged" if q1 == q0 else "query changed"


def strategies() -> dict[str, list[tuple[str, str]]]:
    data = json.loads(CLEF.read_text(encoding="utf-8"))
    distinct: dict[tuple[str, str], str] = {}
    for topic in data["topics"]:
        distinct.setdefault((topic["syntax_guess"], topic["query"]), topic["topic"])
    out: dict[str, list[tuple[str, str]]] = {"ovid": [], "pubmed": []}
    for (syntax, query), topic in sorted(distinct.items(), key=lambda kv: kv[1]):
        if syntax == "ovid_medline":
            out["ovid"].append((topic, query))
        elif syntax == "pubmed":
            out["pubmed"].append((topic, query))
    return out


def run(seed: int, per_slip: int, only: str = "") -> list[Copy]:
    corpus = strategies()
    bases: dict[tuple[str, str], tuple] = {}
    copies = []
    for slip in SLIPS:
        if only and only not in slip.name:
            continue
        rng = random.Random(f"{seed}:{slip.name}")
        pool = [(t, q) for t, q in corpus[slip.syntax] if re.search(slip.site, q)]
        rng.shuffle(pool)
        for topic, text in pool[:per_slip]:
            sites = list(re.finditer(slip.site, text))
            m = rng.choice(sites)
            new = slip.make(m)
            mutated = text[:m.start()] + new + text[m.end():]
            line, col = _position(mutated, m.start())
            key = (slip.syntax, text)     # a topic can have two versions of its strategy
            if key not in bases:
                bases[key] = _run(text, slip.syntax)
            outcome, said = classify(slip, bases[key], _run(mutated, slip.syntax), line, col,
                                     col + max(len(new), 1) - 1, slip.fix(m))
            copies.append(Copy(slip, topic, line, col, col + len(new) - 1, outcome, said))
    return copies


def table(copies: list[Copy]) -> str:
    rows = ["| group | slip | db reads it | copies | " + " | ".join(OUTCOMES) + " |",
            "|---|---|---|---|" + "---|" * len(OUTCOMES)]
    for slip in SLIPS:
        mine = [c for c in copies if c.slip is slip]
        n = Counter(c.outcome for c in mine)
        rows.append(f"| {slip.group} | `{slip.name}` | {slip.db} | {len(mine)} | "
                    + " | ".join(str(n[o] or "") for o in OUTCOMES) + " |")
    total = Counter(c.outcome for c in copies)
    rows.append(f"| **all** | | | {len(copies)} | " + " | ".join(f"**{total[o]}**" for o in OUTCOMES) + " |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--per-slip", type=int, default=30)
    ap.add_argument("--show", default="", help="print each copy of slips whose name contains this")
    ap.add_argument("--bad", action="store_true", help="print every copy not ERROR+FIX/HARMLESS")
    ap.add_argument("--only", default="", help="run only the slips whose name contains this (each slip's copies "
                    "are drawn from its own seed, so they are the same as in a whole run)")
    args = ap.parse_args()
    if not CLEF.exists():
        print(f"{CLEF} not found: this benchmark reads ../shared beside the clone", file=sys.stderr)
        return 2
    copies = run(args.seed, args.per_slip, args.only)
    print(table(copies))
    for c in copies:
        if (args.show and args.show in c.slip.name) or (args.bad and c.outcome not in ("ERROR+FIX", "HARMLESS")):
            print(f"{c.outcome:16} {c.slip.name:28} {c.topic} {c.line}:{c.col}  {c.said[:230]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
