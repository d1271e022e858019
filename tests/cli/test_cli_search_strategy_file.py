"""`search pubmed --strategy FILE` reads the file as `query check` does: one error line, no
traceback, for a file that is not UTF-8 text or not text at all; nothing is searched."""

from __future__ import annotations

from screener.cli.main import run


def test_non_utf8_strategy_is_one_error_line(workspace, tmp_path, capsys):
    path = tmp_path / "ansi.ovid"
    path.write_bytes(b"1 \x93pain\x94.ti.\n")
    assert run(["search", "pubmed", str(workspace.path), "--strategy", str(path), "--email", "a@b.org",
                "--eutils-url", "http://127.0.0.1:9/"]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: --strategy {path} is not UTF-8 text (line 1, column 3: byte 0x93, a Windows curly quote?); "
                   "save it as UTF-8\n")
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0


def test_word_document_strategy(workspace, tmp_path, capsys):
    path = tmp_path / "strategy.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    assert run(["search", "pubmed", str(workspace.path), "--strategy", str(path), "--email", "a@b.org",
                "--eutils-url", "http://127.0.0.1:9/"]) == 2
    assert "is not a text file (a Word document, PDF or archive?)" in capsys.readouterr().err
