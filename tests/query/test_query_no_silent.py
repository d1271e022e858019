"""No silent reinterpretation (issue #19): misspelt field suffixes, field tags, operators and line
references put into real strategy lines (the CLEF TAR corpus in ../shared, MIT; skipped when
absent) are each reported at their line:col, and never end up inside a search term of the tree or
of any target's output. Deterministic: random.Random(19), a fixed number of cases per kind."""

from __future__ import annotations

import json
import random
import re

import pytest

from screener.query import TARGETS, parse, translate, translate_strategy
from screener.query.fields import OVID_FIELD_CODES, PUBMED_TAGS
from screener.query.nodes import Term

CASES_PER_KIND = 60


def _typo(code: str, rng: random.Random, known) -> str:
    """``code`` with one letter doubled, inserted, dropped or swapped, not itself a known code."""
    for _ in range(50):
        i = rng.randrange(len(code))
        how = rng.choice(["double", "insert", "swap", "drop"])
        if how == "double":
            out = code[:i + 1] + code[i] + code[i + 1:]
        elif how == "insert":
            out = code[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + code[i:]
        elif how == "swap" and len(code) > 1:
            i = min(i, len(code) - 2)
            out = code[:i] + code[i + 1] + code[i] + code[i + 2:]
        else:
            out = code[:i] + code[i + 1:]
        if out and out.isalpha() and out not in known and out.lower() not in known:
            return out
    return code + "zz"


def _ovid_suffix(rng):
    codes = rng.sample(["ti", "ab", "kf", "kw", "tw", "mp", "sh", "pt", "ot"], rng.randint(1, 3))
    bad = rng.randrange(len(codes))
    typo = _typo(codes[bad], rng, OVID_FIELD_CODES)
    codes[bad] = typo
    return "." + ",".join(codes) + ".", typo


def _pubmed_tag(rng):
    typo = _typo(rng.choice(["tiab", "ti", "ab", "mh", "majr", "pt", "tw", "ot", "la", "sb"]),
                 rng, PUBMED_TAGS)
    return f"[{typo}]", typo


OPERATORS = ["ajd3", "adj/3", "adjj2", "dadj4", "near/3", "near5", "next/2", "w/3", "pre/2",
             "andnot", "adj 3", "aj2"]


@pytest.fixture(scope="module")
def corpus(shared_dir):
    data = json.loads((shared_dir / "benchmarks" / "query" / "clef_tar" /
                       "clef_tar_2017_2019_queries.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for topic in data["topics"]:
        syntax = "pubmed" if topic["syntax_guess"] == "pubmed" else "ovid"
        out.setdefault(topic["query"], (topic["topic"], syntax))
    return [(topic, syntax, query) for query, (topic, syntax) in out.items()]


def _places(strategy, text: str):
    """(physical line, column, word) of one-word terms whose source is followed by a space,
    a closing parenthesis or the end of the line (room to glue a suffix or a tag on)."""
    lines = text.splitlines()
    out = []
    for ln in strategy.lines:
        if ln.node is None:
            continue
        for node in ln.node.walk():
            if not isinstance(node, Term) or node.phrase or not re.fullmatch(r"[A-Za-z]{3,}", node.text):
                continue
            src = lines[node.line - 1]
            at = node.col - 1
            if src[at:at + len(node.text)] != node.text:
                continue
            after = src[at + len(node.text):at + len(node.text) + 1]
            if after in ("", " ", ")"):
                out.append((node.line, node.col, node.text))
    return out


def _mutate(text: str, line: int, col: int, word: str, insert: str) -> str:
    lines = text.splitlines()
    at = col - 1 + len(word)
    lines[line - 1] = lines[line - 1][:at] + insert + lines[line - 1][at:]
    return "\n".join(lines) + "\n"


def _terms(strategy):
    for ln in strategy.lines:
        if ln.node is not None:
            for node in ln.node.walk():
                if isinstance(node, Term):
                    yield node.text


def _cases(corpus, kind: str, rng: random.Random):
    """(topic, syntax, mutated text, line, col of the inserted token, codes, bad strings)."""
    made = 0
    pool = [c for c in corpus if kind != "pubmed-tag" or c[1] == "pubmed"]
    while made < CASES_PER_KIND:
        topic, syntax, text = rng.choice(pool)
        strategy = parse(text, syntax)
        places = _places(strategy, text)
        if not places:
            continue
        line, col, word = rng.choice(places)
        at = col + len(word)
        if kind == "suffix":
            insert, typo = _ovid_suffix(rng)
            bad, codes = [word + insert, "." + typo + ".", "," + typo + "."], {"UNKNOWN_FIELD"}
        elif kind in ("tag", "pubmed-tag"):
            insert, typo = _pubmed_tag(rng)
            bad, codes = [insert, word + insert], {"UNKNOWN_FIELD"}
        elif kind == "operator":
            op = rng.choice(OPERATORS)
            insert = f" {op} {word}"
            bad, codes, at = [f"{word} {op}", op], {"UNKNOWN_OPERATOR"}, at + 1
        else:  # a reference to a line that comes later
            number = max(ln.number for ln in strategy.lines) + rng.randint(1, 40)
            ref = f"#{number}" if syntax == "pubmed" else str(number)  # PubMed: 8 is a word
            insert = f" or {ref}"
            bad, codes, at = [f" or {ref}"], {"BAD_LINE_REFERENCE"}, at + 4
        made += 1
        yield topic, syntax, _mutate(text, line, col, word, insert), line, at, codes, bad


@pytest.mark.parametrize("kind", ["suffix", "tag", "operator", "reference", "pubmed-tag"])
def test_misspelt_syntax_is_reported_and_never_searched(corpus, kind):
    rng = random.Random(f"19-{kind}")
    checked = 0
    for topic, syntax, text, line, col, codes, bad in _cases(corpus, kind, rng):
        strategy = parse(text, syntax)
        found = [(p.code, p.line, p.col) for p in strategy.problems if p.severity != "info"]
        assert any(c in codes and (ln, cl) == (line, col) for c, ln, cl in found), \
            (topic, kind, text.splitlines()[line - 1], line, col, found)
        for term in _terms(strategy):
            assert not any(b.strip() in term for b in bad if b.strip()), (topic, kind, term, bad)
        for target in TARGETS:
            out = translate_strategy(strategy, target).query or ""
            if kind == "reference" and target.startswith("ovid-"):
                continue  # Ovid keeps the (bad) reference as a reference, not as a word
            leaked = [b for b in bad if b in out]
            assert not leaked, (topic, kind, target, leaked)
        checked += 1
    assert checked == CASES_PER_KIND


@pytest.mark.parametrize("text,read,code,col", [
    ("pain.tiab.", "ovid", "UNKNOWN_FIELD", 5),
    ("back.ab,xx.", "ovid", "UNKNOWN_FIELD", 5),
    ("interview*.xx.", "ovid", "UNKNOWN_FIELD", 11),
    ("(back adj3 pain).ti,abs.", "ovid", "UNKNOWN_FIELD", 17),
    ("pain[tiabb]", "ovid", "UNKNOWN_FIELD", 5),
    ("back ajd3 pain", "ovid", "UNKNOWN_OPERATOR", 6),
    ("back adj 3 pain", "ovid", "UNKNOWN_OPERATOR", 6),
    ("back NEAR/3 pain", "ovid", "UNKNOWN_OPERATOR", 6),
    ("pain.tiab.", "pubmed", "UNKNOWN_FIELD", 5),
    ("pain[tiabb]", "pubmed", "UNKNOWN_FIELD", 5),
    ("back adj3 pain", "pubmed", "UNKNOWN_OPERATOR", 6),
])
def test_the_issue_examples(text, read, code, col):
    s = parse(text, read)
    assert (code, 1, col) in [(p.code, p.line, p.col) for p in s.problems]
    for target in TARGETS:
        out = translate(text, read, target).query or ""
        assert "tiab." not in out and "xx" not in out and "abs" not in out and "ajd3" not in out
        assert "tiabb" not in out and "adj 3" not in out and "NEAR/3 pain" not in out.lower()


def test_foreign_syntax_is_understood_and_said():
    s = parse('"back pain"[mh] or pain[tiab]\n', "ovid")
    # every token of syntax on the line is PubMed's: the whole line is named PubMed syntax too
    assert [p.code for p in s.problems] == ["FOREIGN_SYNTAX", "SYNTAX_MISMATCH", "FOREIGN_SYNTAX"]
    assert translate('"back pain"[mh] or pain[tiab]\n', "ovid", "pubmed").query == \
        '("Back Pain"[mh] OR pain[tiab])'
    p = parse("pain.ti,ab.\n", "pubmed")
    assert [x.code for x in p.problems] == ["FOREIGN_SYNTAX"]
    assert translate("pain.ti,ab.\n", "pubmed", "ovid-medline").query == "1 pain.ti,ab."
