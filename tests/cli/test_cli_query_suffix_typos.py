"""Field suffixes mistyped with the wrong separator (`pain.ti;ab.`, `pain.ti,,ab.`, `pain:ti,ab`)
were searched as one literal word ('pain.ti;ab.'[tw] in PubMed) with no problem reported; they
are errors at their column, read as the suffix meant, as `pain.tiab.` already was."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.query import parse, translate


@pytest.mark.parametrize("line, col, said", [
    ("pain.ti;ab.", 5, "field suffix .ti;ab. separates its codes with ';'; Ovid writes .ti,ab. (read so)"),
    ("pain.ti,,ab.", 5, "field suffix .ti,,ab. separates its codes with ',,'; Ovid writes .ti,ab. (read so)"),
    ("pain.ti.ab.", 5, "field suffix .ti.ab. separates its codes with '.'; Ovid writes .ti,ab. (read so)"),
    ("phenomenolog*.ti.ab.", 14, "field suffix .ti.ab. separates its codes with '.'; Ovid writes .ti,ab. (read so)"),
    ("pain:ti,ab", 5, "field suffix :ti,ab starts with ':'; Ovid writes .ti,ab. (read so)"),
    ("(chronic adj3 pain):ti,ab.", 20, "field suffix :ti,ab. starts with ':'; Ovid writes .ti,ab. (read so)"),
])
def test_a_mistyped_suffix_is_an_error_read_as_meant(line, col, said):
    # `pain.ti.ab.` was 'two field suffixes on one term (the second is used)' — .ab. only — with a
    # warning about an unbalanced parenthesis the line does not have
    problems = [(p.code, p.col, p.message) for p in parse(line, "ovid").problems if p.severity != "info"]
    assert problems == [("UNKNOWN_FIELD", col, said)]
    assert "[tiab" in translate(line, "ovid", "pubmed").query


@pytest.mark.parametrize("line", ["covid-19.ti,ab.", "hiv/aids", "p.value", "e.g.", "pain.ti,ab."])
def test_words_that_only_look_alike_say_nothing_new(line):
    assert not [p for p in parse(line, "ovid").problems if "separates its codes" in p.message
                or "starts with ':'" in p.message]


def test_query_check_reports_it(tmp_path, capsys):
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 exp Chronic Pain/\n2 (qualitative adj3 study).ti;ab.\n3 1 and 2\n", encoding="utf-8")
    assert run(["query", "check", str(strategy)]) == 1
    out = capsys.readouterr().out
    assert f"{strategy}:2:27: error UNKNOWN_FIELD: field suffix .ti;ab. separates its codes with ';'" in out
