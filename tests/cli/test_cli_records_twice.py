"""`query run STRATEGY --records a.ris --records a.ris` (a file named twice, or overlapping globs)
searched every record twice: '20 records from a.ris, a.ris' and each line's hit count doubled, the
number an information specialist copies into the search log. The same file named twice is now one
line (exit 2), as `import` and `dedupe` refuse it; `query validate --records` too."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run

SCOPUS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_scopus.ris"


@pytest.mark.parametrize("command", [["query", "run"], ["query", "validate"]])
def test_a_records_file_named_twice_is_refused(tmp_path, capsys, monkeypatch, command):
    strategy = tmp_path / "s.txt"
    strategy.write_text("1 dinosaur*.ti,ab.\n", encoding="utf-8")
    known = tmp_path / "known.txt"
    known.write_text("10.1038/s41467-024-46843-2\n", encoding="utf-8")
    monkeypatch.chdir(SCOPUS.parent)
    args = [*command, str(strategy), "--records", str(SCOPUS), "--records", SCOPUS.name]
    if command[1] == "validate":
        args += ["--known", str(known)]
    assert run(args) == 2
    assert capsys.readouterr() == ("", f"error: records file {SCOPUS.name} is the same file as {SCOPUS}; give "
                                       "each file once\n")
