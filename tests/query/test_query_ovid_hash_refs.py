"""`#1 or #2` in an Ovid strategy: how PubMed, Embase.com and the Cochrane Library combine lines, not
Ovid (which writes `1 or 2`). `query check` read it as line references and said nothing, so a strategy
pasted into Ovid as checked went in with syntax Ovid does not document. It is still read as the line
references it plainly means (published "Ovid" strategies have it, and translating them should not
stop there), now with a FOREIGN_SYNTAX warning once a line at the first '#', saying what Ovid writes."""

from __future__ import annotations

import json
from pathlib import Path

from screener.cli.main import run


def _check(tmp_path, text: str, capsys) -> dict:
    path = tmp_path / "s.ovid"
    path.write_text(text, encoding="utf-8")
    code = run(["query", "check", str(path), "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert code == 0, answer                # a warning: the strategy is read, exit 0
    return answer


def test_hash_references_are_read_as_lines_with_a_warning_saying_what_ovid_writes(tmp_path, capsys):
    answer = _check(tmp_path, "1. pain.ti,ab.\n2. back pain/\n3. exp arthritis/\n4. #1 or #2 or #3\n", capsys)
    said = [w for w in answer["warnings"] if w["code"] == "FOREIGN_SYNTAX"]
    assert len(said) == 1, answer                            # once a line, not once a reference
    assert (said[0]["line"], said[0]["col"]) == (4, 4), said
    assert "Ovid writes `1 or 2 or 3`" in said[0]["message"], said
    assert "read as line references" in said[0]["message"], said


def test_the_translation_is_that_of_the_ovid_lines(tmp_path, capsys):
    hashed, plain = tmp_path / "h.ovid", tmp_path / "p.ovid"
    hashed.write_text("1. pain.ti,ab.\n2. back pain/\n3. #1 and #2\n", encoding="utf-8")
    plain.write_text("1. pain.ti,ab.\n2. back pain/\n3. 1 and 2\n", encoding="utf-8")
    for target in ("pubmed", "ovid-embase"):
        assert run(["query", "translate", str(hashed), "--to", target, "--json"]) == 0
        got = json.loads(capsys.readouterr().out)["query"]
        assert run(["query", "translate", str(plain), "--to", target, "--json"]) == 0
        assert got == json.loads(capsys.readouterr().out)["query"]


def test_hash_line_numbers_alone_are_not_warned(tmp_path, capsys):
    """`#1 pain.ti,ab.`: a line's own number written with '#' (a history pasted so) is its number; only the
    combining line's references are warned."""
    answer = _check(tmp_path, "#1 pain.ti,ab.\n#2 back pain/\n#3 1 or 2\n", capsys)
    assert answer["warnings"] == [] and answer["errors"] == [], answer
    answer = _check(tmp_path, "#1 pain.ti,ab.\n#2 back pain/\n#3 #1 or #2\n", capsys)
    assert [(w["code"], w["line"]) for w in answer["warnings"]] == [("FOREIGN_SYNTAX", 3)], answer


def test_the_readme_no_longer_lists_it_as_left(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "`#1 or #2` in Ovid read as line references (30 copies)" not in readme
