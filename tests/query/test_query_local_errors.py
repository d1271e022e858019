"""`query run` / `query validate` bad input: each error names the file and what to do."""

from __future__ import annotations

import pytest

from screener.cli.remedies import cli_line
from screener.errors import RecordParseError, UsageError
from screener.query.evaluate import load_records
from screener.query.evaluate.known import load_known
from screener.query.evaluate.local import run_strategy

STRATEGY = "1 pain.ti.\n2 chronic.ti.\n3 1 and 2\n"


def test_records_file_without_records_is_refused(tmp_path):
    empty = tmp_path / "empty.ris"
    empty.write_bytes(b"")
    with pytest.raises(UsageError) as info:
        load_records([str(empty)])
    assert str(info.value) == f"{empty}: no records in it (the file is empty); nothing to search"


def test_records_directory_is_named_as_a_directory(tmp_path):
    with pytest.raises(UsageError) as info:
        load_records([str(tmp_path)])
    assert str(info.value) == f"records file {tmp_path} is a directory: give the export files themselves (e.g. {tmp_path}/*.ris)"


def test_no_such_line_names_the_lines_there_are(tmp_path):
    ris = tmp_path / "r.ris"
    ris.write_text("TY  - JOUR\nTI  - chronic pain\nER  - \n")
    with pytest.raises(UsageError) as info:
        run_strategy(STRATEGY, records=[str(ris)], line=7, name="s.ovid")
    assert str(info.value) == "s.ovid: there is no line 7 (the strategy's lines are 1-3)"


def test_broken_known_export_reports_the_export_error(tmp_path):
    bad = tmp_path / "known.csv"
    bad.write_text('title,doi\n"Unclosed title,10.1/x\nOther,10.1/y\n')
    with pytest.raises(RecordParseError) as info:
        load_known(bad)
    assert str(info.value) == f"{bad}:2 (record 1): cannot delimit the record: unexpected end of data (an unclosed quote?)"


def test_where_without_matches_lists_the_values_there_are(tmp_path):
    known = tmp_path / "known.csv"
    known.write_text("title,doi,decision\nA study of pain,10.1/a,include\nAnother,10.1/b,exclude\n"
                     "Third,10.1/c,Include\n")
    with pytest.raises(UsageError) as info:
        load_known(known, {"decision": "maybe"})
    assert str(info.value) == f"{known}: no row has decision = 'maybe' (decision has: exclude, include)"


def test_identifier_lists_still_work(tmp_path):
    ids = tmp_path / "k.txt"
    ids.write_text("# key papers\n10.1000/one\n12345678\n")
    assert [s.label for s in load_known(ids).studies] == ["doi:10.1000/one", "PMID 12345678"]


def test_strategy_without_lines_names_no_position(capsys):
    from screener.errors import StrategyParseError
    from screener.query.evaluate.local import checked_strategy
    with pytest.raises(StrategyParseError) as info:
        checked_strategy("", "empty.ovid")
    assert str(info.value) == ("empty.ovid: the strategy has 1 error, nothing was run: EMPTY_STRATEGY: "
                               "the strategy has no search lines; write or paste its lines")
    assert cli_line(info.value).endswith(" lines (`screener query check empty.ovid` shows them)")
    with pytest.raises(StrategyParseError) as info:
        checked_strategy("1 pain.ti.\n2 1 and 3\n", "<stdin>")
    assert cli_line(info.value).endswith("(`screener query check -` shows them)")


def test_strategy_file_errors(tmp_path):
    from screener.query.evaluate.local import read_strategy_file
    with pytest.raises(UsageError) as info:
        read_strategy_file(tmp_path)
    assert str(info.value) == f"strategy file {tmp_path} is a directory: give the strategy's file"
    docx = tmp_path / "strategy.docx"
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20)
    with pytest.raises(UsageError) as info:
        read_strategy_file(docx)
    assert str(info.value) == (f"strategy file {docx} is not a text file (a Word document, PDF or archive?): "
                               "copy the strategy into a plain-text file saved as UTF-8")
    mixed = tmp_path / "mixed.ovid"        # two encodings in one file: no reading is right
    mixed.write_bytes("1 é.ti.\n2 \x93back pain\x94.ti.\n".encode().replace(b"\xc2\x93", b"\x93")
                      .replace(b"\xc2\x94", b"\x94"))
    with pytest.raises(UsageError) as info:
        read_strategy_file(mixed)
    assert str(info.value).startswith(f"strategy file {mixed}: line 2, column 3 (byte offset 11) is 0x93, not UTF-8")


def test_the_api_reads_a_strategy_saved_by_word_or_notepad(tmp_path, caplog):
    """The Python API reads a strategy as the commands do (screener.query.strategy_file): Notepad's
    "ANSI" (Windows-1252, Word's curly quotes) with a warning, and "Unicode" (UTF-16). It refused
    both ('not UTF-8 text'), while `screener query run` read them."""
    from screener.query.evaluate.local import read_strategy_file
    ansi = tmp_path / "ansi.ovid"
    ansi.write_bytes(b"1 pain.ti.\r\n2 \x93back pain\x94.ti.\r\n")
    with caplog.at_level("WARNING", logger="screener.query.evaluate.local"):
        assert read_strategy_file(ansi) == ("1 pain.ti.\n2 \u201cback pain\u201d.ti.\n", str(ansi))
    assert "Windows-1252" in caplog.text
    unicode = tmp_path / "unicode.ovid"
    unicode.write_bytes("1 exp Chronic Pain/\r\n".encode("utf-16"))
    assert read_strategy_file(unicode) == ("1 exp Chronic Pain/\n", str(unicode))


def test_unknown_from_names_the_option(capsys):
    from screener.cli.main import run
    assert run(["query", "check", "-", "--from", "embase"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --from embase: unknown strategy syntax; use one of ovid, pubmed, ovid-medline, "
        "ovid-embase, ovid-psycinfo, ovid-amed, ebsco-cinahl, scopus, wos, embase-com, cochrane, "
        "proquest, ebsco-psycinfo, europepmc")


def test_target_and_syntax_names_any_case(monkeypatch, capsys):
    import io

    from screener.cli.main import run
    monkeypatch.setattr("sys.stdin", io.StringIO("1 pain.ti.\n"))
    assert run(["query", "translate", "-", "--to", "PubMed", "--from", "OVID"]) == 0
    assert capsys.readouterr().out == "pain[ti]\n"
