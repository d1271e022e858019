"""A strategy saved by Word or Notepad on Windows (Windows-1252, "ANSI": curly quotes, é; or
Notepad's "Unicode", UTF-16) is read by every command that takes a strategy file, as the importers
read an export (screener.records.textio), with a one-line note saying how it was read; a file no
encoding reads is one line naming the file, line, column, byte offset and what to do. Its exit code is
1, as for an export whose content is refused (`import a.pdf`) and a strategy with errors; it was 2, the
code of a usage error (a file that is not there: test_cli_missing_inputs)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from screener.cli.main import run

ROOT = Path(__file__).resolve().parents[2]
PUBMED_XML = ROOT / "fixtures" / "records" / "pubmed-xml"

# as Word pastes it into Notepad and Notepad saves it as "ANSI": curly quotes 0x93/0x94, é 0xe9, CRLF
CP1252 = b"1 exp Chronic Pain/\r\n2 \x93chronic pain\x94.ti,ab.\r\n3 caf\xe9.ti.\r\n4 or/1-3\r\n"
AS_TEXT = "1 exp Chronic Pain/\n2 \u201cchronic pain\u201d.ti,ab.\n3 caf\u00e9.ti.\n4 or/1-3\n"
PUBMED_QUERY = '("Chronic Pain"[mh] OR "chronic pain"[tiab] OR café[ti])'


def _note(name: str) -> str:
    return (f"note: {name}:2: not valid UTF-8 (byte 0x93); read as Windows-1252 — check accented "
            "characters\n")


def test_translate_reads_a_windows_1252_strategy(tmp_path, capsys):
    path = tmp_path / "table1.txt"
    path.write_bytes(CP1252)
    assert run(["query", "translate", str(path), "--to", "pubmed"]) == 0
    captured = capsys.readouterr()
    assert captured.out == PUBMED_QUERY + "\n"
    assert captured.err.startswith(_note(str(path)))
    assert "Traceback" not in captured.err


def test_check_reads_it_and_says_how(tmp_path, capsys):
    path = tmp_path / "table1.txt"
    path.write_bytes(CP1252)
    assert run(["query", "check", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == _note(str(path))
    # read, curly quotes and all: Word's typographic quotes are the one warning (QUOTE_STYLE, since
    # 45dc58e), straight quotes being what Ovid takes
    assert captured.out.endswith(f"{path}: 4 lines, 0 errors, 1 warning, 0 notes\n")
    assert "warning QUOTE_STYLE: typographic quotes \u201cchronic pain\u201d" in captured.out


def test_notepad_unicode_is_utf16_and_read(tmp_path, capsys):
    path = tmp_path / "table1.txt"
    path.write_bytes(AS_TEXT.replace("\n", "\r\n").encode("utf-16"))     # with its byte-order mark
    assert run(["query", "translate", str(path), "--to", "pubmed"]) == 0
    captured = capsys.readouterr()
    assert captured.out == PUBMED_QUERY + "\n"
    assert "not a text file" not in captured.err


def test_standard_input_in_windows_1252_is_read_not_garbled(monkeypatch, capsys):
    # the bytes were read as UTF-8 with surrogates and the query sent was '"\udc93chronic pain\udc94"[tiab]'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(CP1252), encoding="utf-8",
                                                     errors="surrogateescape"))
    assert run(["query", "translate", "-", "--to", "pubmed"]) == 0
    captured = capsys.readouterr()
    assert captured.out == PUBMED_QUERY + "\n"
    assert captured.err.startswith(_note("<stdin>"))


def test_run_and_validate_read_it(tmp_path, capsys):
    path = tmp_path / "table1.txt"
    path.write_bytes(CP1252)
    records = PUBMED_XML / "biopython__pubmed1.xml"
    assert run(["query", "run", str(path), "--records", str(records), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [line["line"] for line in data["lines"]] == [1, 2, 3, 4]
    assert captured.err.startswith(_note(str(path)))
    known = tmp_path / "known.txt"
    known.write_text("12345678\n", encoding="utf-8")
    assert run(["query", "validate", str(path), "--known", str(known), "--records", str(records)]) in (0, 1)
    assert "not UTF-8 text" not in capsys.readouterr().err


def test_search_pubmed_sends_what_the_strategy_says(tmp_path, capsys):
    from screener.search.standin import EutilsStandin, bundled_pubmed_xml

    path = tmp_path / "table1.txt"
    path.write_bytes(CP1252)
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    standin = EutilsStandin(bundled_pubmed_xml())
    with standin as url:
        code = run(["search", "pubmed", str(directory), "--strategy", str(path), "--email", "a@example.org",
                    "--eutils-url", url, "--quiet", "--json"])
        sent = [r.params.get("term") for r in standin.requests if r.endpoint == "esearch"]
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert json.loads(captured.out)["query"] == PUBMED_QUERY
    assert sent and sent[0] == PUBMED_QUERY


def test_mixed_encodings_is_one_line_with_the_byte_offset(tmp_path, capsys):
    path = tmp_path / "mixed.txt"
    # UTF-8 'é' on line 1 (pasted from a web page), a Windows-1252 curly quote on line 2
    path.write_bytes("1 caf\u00e9.ti.\n".encode() + b"2 \x93back pain\x94.ti.\n")
    assert run(["query", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: strategy file {path}: line 2, column 3 (byte offset 14) is 0x93, not UTF-8, and the file "
                   "has UTF-8 characters elsewhere (two encodings mixed): retype the character there, or "
                   "save the file again as UTF-8 (Notepad: Save As, Encoding UTF-8)\n")


def test_search_pubmed_mixed_encodings_names_the_option_and_searches_nothing(workspace, tmp_path, capsys):
    path = tmp_path / "mixed.txt"
    path.write_bytes("1 caf\u00e9.ti.\n".encode() + b"2 \x93back pain\x94.ti.\n")
    assert run(["search", "pubmed", str(workspace.path), "--strategy", str(path), "--email", "a@b.org",
                "--eutils-url", "http://127.0.0.1:9/"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: --strategy {path}: line 2, column 3 (byte offset 14) is 0x93") and err.count("\n") == 1
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0


def test_word_rtf_is_not_read_as_a_strategy(tmp_path, capsys):
    path = tmp_path / "strategy.rtf"
    path.write_bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Calibri;}}\\f0 1 pain.ti.\\par}\n")
    assert run(["query", "check", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: strategy file {path} is not a text file (a Word document, PDF or archive?): copy the "
        "strategy into a plain-text file saved as UTF-8\n")


# ---- import --strategy and imports relabel --strategy: the strategy as run, for PRISMA-S ----------

WOS_RIS = ROOT / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_webofscience.ris"


def _strategy_as_recorded(directory: Path) -> tuple[str, str]:
    from screener import Workspace
    from screener.report.searches import search_log

    with Workspace.open(directory) as ws:
        row = search_log(ws)[0]
    return row["strategy"] + "\n", row["strategy_file"]      # (kept without its final line end)


def test_import_keeps_a_notepad_unicode_strategy_as_text(tmp_path, capsys):
    # it was decoded as Windows-1252: 'ÿþ1\x00 \x00e\x00x\x00p...' in the PRISMA-S table, exit 0
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    path = tmp_path / "medline.txt"
    path.write_bytes(AS_TEXT.replace("\n", "\r\n").encode("utf-16"))
    assert run(["import", str(directory), str(WOS_RIS), "--strategy", str(path)]) == 0
    capsys.readouterr()
    assert _strategy_as_recorded(directory) == (AS_TEXT, "medline.txt")


def test_import_and_relabel_read_windows_1252_and_say_so(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    path = tmp_path / "medline.txt"
    path.write_bytes(CP1252)
    assert run(["import", str(directory), str(WOS_RIS), "--strategy", str(path)]) == 0
    assert _note(str(path)) in capsys.readouterr().err
    assert _strategy_as_recorded(directory) == (AS_TEXT, "medline.txt")
    again = tmp_path / "medline2.txt"
    again.write_bytes(CP1252.replace(b"caf\xe9", b"na\xefve"))
    assert run(["imports", "relabel", str(directory), "1", "--strategy", str(again)]) == 0
    assert _note(str(again)) in capsys.readouterr().err
    assert _strategy_as_recorded(directory) == (AS_TEXT.replace("café", "naïve"), "medline2.txt")


def test_import_refuses_a_word_document_as_the_strategy_and_imports_nothing(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    path = tmp_path / "medline.docx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    assert run(["import", str(directory), str(WOS_RIS), "--strategy", str(path)]) == 1
    assert capsys.readouterr().err == (f"error: --strategy {path} is not a text file (a Word document, PDF or "
                                       "archive?): copy the strategy into a plain-text file saved as UTF-8\n")
    from screener import Workspace
    with Workspace.open(directory) as ws:
        assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_a_utf8_file_with_a_stray_windows_byte_says_so(tmp_path, capsys):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf1 pain.ti.\n2 \x93back pain\x94.ti.\n")     # Notepad's "UTF-8 with BOM"
    assert run(["query", "check", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: strategy file {path}: line 2, column 3 (byte offset 16) is 0x93, not UTF-8, though the file "
        "starts with UTF-8's byte-order mark: retype the character there, or save the file again as UTF-8 "
        "(Notepad: Save As, Encoding UTF-8)\n")
