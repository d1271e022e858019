"""Searching lines the final line does not use: the combining line left out of a pasted history.
`query translate` compiled only the final line and said nothing — lines 1-3 of the strategy below
(a whole concept) were dropped and the PubMed query searched one concept alone."""

from __future__ import annotations

from screener.cli.main import run
from screener.query import parse
from screener.query.translate import translate

FORGOT = "1. exp Chronic Pain/\n2. (chronic adj2 pain).ti,ab.\n3. 1 or 2\n4. qualitative.tw.\n5. interview*.tw.\n6. 4 or 5\n"


def _unused(text: str, read: str = "ovid") -> list[str]:
    return [p.message for p in parse(text, read).problems if p.code == "UNUSED_LINES"]


def test_a_forgotten_combining_line_is_a_warning_naming_the_lines_and_the_line_they_lack():
    problems = [p for p in parse(FORGOT).problems if p.code == "UNUSED_LINES"]
    assert [(p.severity, p.line, p.col) for p in problems] == [("warning", 1, 4)]
    assert problems[0].message == ("lines 1–3 are not used by line 6, the final line (the one searched): add the "
                                   "line that combines line 3 with it (e.g. `7 3 and 6`), or delete them")
    compiled = translate(FORGOT, "ovid", "pubmed")
    assert compiled.query == "(qualitative[tiab] OR interview*[tiab])"          # what is searched, still
    assert "UNUSED_LINES" in [w.code for w in compiled.warnings]


def test_strategies_whose_final_line_uses_every_line_say_nothing():
    assert _unused("1. exp Chronic Pain/\n2. pain.ti.\n3. 1 or 2\n4. qualitative.tw.\n5. 3 and 4\n"
                   "6. limit 5 to english\n") == []
    assert _unused("1 a.ti.\n2 b.ti.\n3 c.ti.\n4 or/1-3\n5 4 not 1\n") == []       # a range, and a line used twice
    assert _unused("exp Back Pain/ or backache.ti,ab.\n") == []                    # one line
    assert _unused("#1 a[ti]\n#2 b[ti]\n#3 #1 AND #2\n", "pubmed") == []


def test_several_unused_blocks_are_named_together():
    text = "1 a.ti.\n2 b.ti.\n3 c.ti.\n4 d.ti.\n5 4 or 3\n"
    assert _unused(text) == ["lines 1 and 2 are not used by line 5, the final line (the one searched): add the "
                             "line that combines lines 1 and 2 with it (e.g. `6 1 and 2 and 5`), or delete them"]
    assert _unused("1 a.ti.\n2 b.ti.\n3 2 or 4\n4 3 and 2\n5 b.ti.\n") != []        # a loop of bad references too


def test_query_check_prints_it_and_still_exits_0(tmp_path, capsys):
    strategy = tmp_path / "forgot.ovid"
    strategy.write_text(FORGOT, encoding="utf-8")
    assert run(["query", "check", str(strategy)]) == 0
    out = capsys.readouterr()
    assert f"{strategy}:1:4: warning UNUSED_LINES: lines 1–3 are not used by line 6" in out.err + out.out
