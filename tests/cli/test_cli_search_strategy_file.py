"""`search pubmed --strategy FILE` reads the file as `query check` does: one error line, no
traceback, for a file no encoding reads or not text at all; nothing is searched."""

from __future__ import annotations

from screener.cli.main import run


def test_strategy_no_encoding_reads_is_one_error_line(workspace, tmp_path, capsys):
    # (a Windows-1252 file is read: tests/cli/test_cli_strategy_encoding.py; 0x81 is in neither)
    path = tmp_path / "odd.ovid"
    path.write_bytes(b"1 \x81pain.ti.\n")
    assert run(["search", "pubmed", str(workspace.path), "--strategy", str(path), "--email", "a@b.org",
                "--eutils-url", "http://127.0.0.1:9/"]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: --strategy {path}: line 1, column 3 (byte offset 2) is 0x81, which is neither UTF-8 "
                   "nor Windows-1252: save the file again as UTF-8 (Notepad: Save As, Encoding UTF-8)\n")
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0


def test_word_document_strategy(workspace, tmp_path, capsys):
    path = tmp_path / "strategy.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    assert run(["search", "pubmed", str(workspace.path), "--strategy", str(path), "--email", "a@b.org",
                "--eutils-url", "http://127.0.0.1:9/"]) == 1
    assert "is not a text file (a Word document, PDF or archive?)" in capsys.readouterr().err
