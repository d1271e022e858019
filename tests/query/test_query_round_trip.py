"""Read every syntax we write (issue #19): Ovid → X → parse X → PubMed gives the PubMed query
Ovid → PubMed gives, for every target X except Google Scholar, wherever X can express the
strategy (X's compiler reported nothing: no approximation, no heading needing a mapping).

Strategies: each line without line references of the seed cases, of Table 1 and of the CLEF TAR
Ovid strategies (../shared, MIT; skipped when absent) as a one-line strategy, and the whole
strategies whose every line X expresses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.query import TARGETS, parse, translate, translate_strategy
from screener.query.nodes import LineRef
from screener.query.readers.fielded import merge_fielded_or

ROOT = Path(__file__).resolve().parents[2]
READABLE = [t for t in TARGETS if t not in ("google-scholar",)]
#: info-level notes a compiler may add when it expresses the strategy exactly
EXACT_NOTES = {"PROXIMITY_DISTRIBUTED"}


def _own_problems(t, strategy):
    mine = {(p.code, p.line, p.col, p.message) for p in strategy.problems}
    return [p for p in t.errors + t.warnings
            if (p.code, p.line, p.col, p.message) not in mine and p.code not in EXACT_NOTES]


def _lines(text: str) -> list[str]:
    s = parse(text)
    out = []
    for ln in s.lines:
        if ln.node is None or any(isinstance(n, LineRef) for n in ln.node.walk()):
            continue
        out.append(ln.text)
    return out


@pytest.fixture(scope="module")
def sources(fixtures_dir):
    seed = json.loads((fixtures_dir / "query" / "seed_cases.json").read_text(encoding="utf-8"))
    texts = [c["ovid"] for c in seed["cases"]]
    texts.append((ROOT / "queries" / "toye2017" / "medline.ovid").read_text(encoding="utf-8"))
    shared = Path(__import__("os").environ.get("SCREENER_SHARED", ROOT.parent / "shared"))
    clef = shared / "benchmarks" / "query" / "clef_tar" / "clef_tar_2017_2019_queries.json"
    if clef.is_file():
        for topic in json.loads(clef.read_text(encoding="utf-8"))["topics"]:
            if topic["syntax_guess"] == "ovid_medline":
                texts.append(topic["query"])
    whole = list(dict.fromkeys(texts))
    lines = list(dict.fromkeys(line for t in whole for line in _lines(t)))
    # How many cases a target must express for the test to mean something: the CLEF corpus gives
    # hundreds; the seed cases and Table 1 alone (a clone without ../shared) give 26-39 per target.
    minimum = 40 if clef.is_file() else 20
    return whole, lines, minimum


def _merged_pubmed(text: str) -> str | None:
    """Ovid → PubMed after the readers' one normalisation: ``x.ti. or x.ab.`` (the same words
    in several fields, ORed) as one term in both fields — what ``TI x OR AB x`` reads back as."""
    strategy = parse(text)
    for ln in strategy.lines:
        ln.node = merge_fielded_or(ln.node)
    return translate_strategy(strategy, "pubmed").query


def _round_trip(text: str, target: str):
    """(expressed, PubMed from Ovid, PubMed from X, X query, errors reading X back)."""
    strategy = parse(text)
    if strategy.errors:
        return False, None, None, None, []
    t = translate_strategy(strategy, target)
    if t.query is None or _own_problems(t, strategy):
        return False, None, None, None, []
    direct = translate_strategy(strategy, "pubmed").query
    back = parse(t.query, target)
    via = translate_strategy(back, "pubmed").query
    if via != direct and via == _merged_pubmed(text):
        direct = via        # equal up to the merge, which keeps the meaning (counted below)
        _round_trip.merged += 1
    return True, direct, via, t.query, back.errors


_round_trip.merged = 0


@pytest.mark.parametrize("target", READABLE)
def test_round_trip_through_each_target(sources, target):
    whole, lines, minimum = sources
    expressed, failed = 0, []
    for text in lines + whole:
        ok, direct, via, written, errors = _round_trip(text, target)
        if not ok:
            continue
        expressed += 1
        if errors or direct != via:
            failed.append((text[:200], written[:300], direct and direct[:300], via and via[:300],
                           [(e.code, e.message) for e in errors][:3]))
    assert failed == [], f"{len(failed)} of {expressed} differ; first: {failed[:2]}"
    assert expressed >= minimum, expressed


def test_embase_com_reads_a_published_strategy():
    """An Embase.com strategy in the layout Embase.com's history exports and appendices print
    (#numbers, tabs, hit counts) — written for this test, not copied from a publication (no
    licence-clean published Embase.com strategy was found to keep as a fixture): each line
    reaches PubMed and Ovid, Emtree headings flagged only where the thesaurus changes."""
    text = ("#1\t'low back pain'/exp\t54,321\n"
            "#2\t(back NEAR/3 pain):ti,ab,kw\t23,456\n"
            "#3\t'backache'/de OR lumbago:ti,ab\t1,234\n"
            "#4\t#1 OR #2 OR #3\t60,000\n"
            "#5\t'qualitative research'/exp OR (interview* NEAR/2 (semistructured OR 'semi structured')):ti,ab\t9,999\n"
            "#6\t#4 AND #5 AND [english]/lim\t500\n")
    s = parse(text, "embase-com")
    assert s.errors == []
    assert [ln.number for ln in s.lines] == [1, 2, 3, 4, 5, 6]
    t = translate(text, "embase-com", "pubmed")
    assert t.query.startswith('((("low back pain"[mh] OR "back pain"[tiab:~3]')
    assert t.query.endswith("AND english[la])")
    assert {p.code for p in t.warnings} >= {"HEADING_NEEDS_MAPPING"}
    ovid = translate(text, "embase-com", "ovid-embase")
    assert ovid.query.splitlines()[1] == "2 (back adj4 pain).ti,ab,kf."
    assert "HEADING_NEEDS_MAPPING" not in {p.code for p in ovid.warnings}   # Emtree stays Emtree


@pytest.mark.parametrize("target,text,code,col", [
    ("embase-com", "pain:tiab", "UNKNOWN_FIELD", 6),
    ("cochrane", "(back NEAR/3 pain):ti,ab,kww", "UNKNOWN_FIELD", 26),
    ("scopus", "TITEL-ABS(pain)", "UNKNOWN_FIELD", 1),
    ("wos", "TZ=(pain)", "UNKNOWN_FIELD", 1),
    ("europepmc", "TITEL:pain", "UNKNOWN_FIELD", 1),
    ("embase-com", "back adj3 pain", "UNKNOWN_OPERATOR", 6),
    ("ebsco-cinahl", "TI back NEAR/3 pain", "UNKNOWN_OPERATOR", 9),
    ("embase-com", "#1 OR #2", "BAD_LINE_REFERENCE", 1),
    ("proquest", "ti,ab(pain", "UNBALANCED_PARENTHESIS", 6),
])
def test_readers_position_their_errors(target, text, code, col):
    s = parse(text + "\n", target)
    assert (code, 1, col) in [(p.code, p.line, p.col) for p in s.errors], s.problems


POLYGLOT_ENGINES = {"Embase (Elsevier)": "embase-com", "Cochrane Library": "cochrane",
                    "CINAHL (Ebsco)": "ebsco-cinahl", "PsycInfo (Ebsco)": "ebsco-psycinfo",
                    "Scopus (advanced search)": "scopus", "Web of Science": "wos",
                    "WoS Advanced": "wos"}


def test_polyglot_outputs_read_without_errors(shared_dir):
    """The queries Polyglot's tests expect for six of our syntaxes (IEBH/sra-polyglot, MIT, in
    ../shared) — written by another tool, in each database's syntax — read without an error, but
    one: Polyglot writes Embase.com publication types as `:pt`, which Embase.com spells `:it`."""
    data = json.loads((shared_dir / "benchmarks" / "query" / "polyglot" /
                       "polyglot_test_pairs.json").read_text(encoding="utf-8"))
    read, failing = 0, []
    for pair in data["pairs"]:
        syntax = POLYGLOT_ENGINES.get(pair["engine"])
        if syntax is None:
            continue
        s = parse(pair["expected"], syntax)
        read += 1
        if s.errors:
            failing.append((syntax, pair["expected"], [(e.code, e.col) for e in s.errors]))
    assert read == 292
    assert [(f[0], f[2]) for f in failing] == [("embase-com", [("UNKNOWN_FIELD", 87)])], failing


def test_cochrane_search_manager_lines():
    """Cochrane's Search Manager as exported: `MeSH descriptor: [X] explode all trees`."""
    text = ("#1\tMeSH descriptor: [Low Back Pain] explode all trees\n"
            "#2\tMeSH descriptor: [Back Pain] this term only\n"
            "#3\t(back NEAR/3 pain):ti,ab,kw\n"
            "#4\t#1 OR #2 OR #3\n")
    s = parse(text, "cochrane")
    assert s.errors == []
    assert translate(text, "cochrane", "pubmed").query == \
        '("Low Back Pain"[mh] OR "Back Pain"[mh:noexp] OR "back pain"[tiab:~3])'


FUZZ_VOCAB = ["(", ")", "'", '"', "'a b'", '"a b"', "AND", "OR", "NOT", "AND NOT", "NEAR/3",
              "NEXT/1", "NEXT", "NEAR", "W/2", "PRE/1", "N3", "W1", "#1", "#2", "S1", "pain",
              "back*", "wom?n", "colo$r", "nurs[*2]", ":ti,ab", ":ti,ab,kw", ":xx", "/exp",
              "'x'/exp", "'x'/de/mj", '[mh "Back Pain"]', "[mh ^x]", "MeSH descriptor: [X]",
              "explode all trees", "TITLE-ABS-KEY(", "TITLE(", "TS=", "TS=(", "TI ", "AB ",
              '(MH "X+")', 'DE "X"', "ti,ab(", "MESH.EXACT.EXPLODE(\"X\")", "TITLE:", "MESH:\"X\"",
              "[english]/lim", "LANGUAGE(english)", "LA=(English)", "PY=(2000-2020)", "LANG:eng",
              "PUB_YEAR:[2000 TO 2020]", "\n", "1.", "\t12,345", "adj3", "pain.ti,ab.", "andnot",
              "INDEXTERMS(\"X\")", "yr(2000-2020)", "la(english)", "{exact}", ",", ":", "[", "]"]


def test_no_input_makes_the_new_readers_raise():
    import random

    rng = random.Random(19)
    readers = [r for r in READABLE if not r.startswith("ovid") and r != "pubmed"]
    for _ in range(300):
        text = "".join(rng.choice(FUZZ_VOCAB) + rng.choice(["", " "]) for _ in range(rng.randint(1, 16)))
        for read in readers:
            strategy = parse(text, read)
            for p in strategy.problems:
                assert p.line is None or p.line >= 1
                p.format(text)
            for target in TARGETS:
                t = translate_strategy(strategy, target)
                assert t.query is None or isinstance(t.query, str)
