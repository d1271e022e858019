"""`import DIR a.ris b.ris c.txt d.bib` with two or more bad files (no --skip-bad): the error named the first
refused file only, so fixing it and running again showed the next one. Every file is now read, and every
refused one named — one line each, with its line and what to do — and still nothing is written (exit 1, as
before). Through the CLI and the Python API, and for the streaming import (a file large enough to be stored
as it is read, in one transaction) too."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import Workspace
from screener.cli.main import run
from screener.errors import RecordParseError
from screener.records import stream
from screener.workspace.importer import import_files

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "records"
GOOD = [FIXTURES / "ris" / "citation-file-formatting___baseline_scopus.ris",
        FIXTURES / "ris" / "citation-file-formatting___baseline_embase.ris"]
LARGE = FIXTURES / "ris" / "asreview___baseline.ris"      # 100 records, streamed when STREAM_ABOVE is small


def _bad_files(tmp_path: Path) -> list[Path]:
    notes = tmp_path / "notes.txt"
    notes.write_text("Score\nThese are my notes, not an export\n", encoding="utf-8")
    broken = tmp_path / "broken.bib"
    broken.write_text("@article{key1,\n  title = {One {unbalanced},\n  year = 2020\n}\n", encoding="utf-8")
    return [notes, broken]


def _count(directory: Path) -> int:
    with Workspace.open(directory) as ws:
        return ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] + \
            ws.db.execute("SELECT count(*) FROM imports").fetchone()[0]


def test_every_refused_file_is_named_one_line_each(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    notes, broken = _bad_files(tmp_path)
    capsys.readouterr()
    code = run(["import", str(directory), str(GOOD[0]), str(notes), str(GOOD[1]), str(broken)])
    assert code == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"error: {notes}:1: not a known export format (")
    assert lines[1].startswith(f"{broken}:1: cannot read this BibTeX entry")
    # (a file that is not there is a usage error said before any file is read: test_cli_missing_inputs)
    assert lines[2] == "2 of 4 files refused; nothing was imported (--skip-bad imports the others)"
    assert _count(directory) == 0


def test_every_file_refused_says_so_without_skip_bad_advice(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    notes, broken = _bad_files(tmp_path)
    capsys.readouterr()
    assert run(["import", str(directory), str(notes), str(broken)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and lines[2] == "2 of 2 files refused; nothing was imported"


def test_one_refused_file_is_said_as_before(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    notes, _ = _bad_files(tmp_path)
    capsys.readouterr()
    assert run(["import", str(directory), str(GOOD[0]), str(notes)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("; nothing was imported from the 2 files (--skip-bad imports the others)\n")


def test_python_api_names_every_refused_file(tmp_path):
    notes, broken = _bad_files(tmp_path)
    with Workspace.init(tmp_path / "review") as ws:
        with pytest.raises(RecordParseError) as raised:
            import_files(ws, [GOOD[0], notes, broken])
        assert [Path(e.path).name for e in raised.value.refused] == ["notes.txt", "broken.bib"]
        assert str(raised.value).splitlines()[-1] == "2 of 3 files refused; nothing was imported"
        assert raised.value.path == str(notes)          # the first, as a single refusal carries it
        assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4), (0, 2, 1, 3, 4)], ids=["read-through", "refused-while-stored"])
def test_streamed_import_names_every_refused_file_and_writes_nothing(tmp_path, monkeypatch, order):
    monkeypatch.setattr(stream, "STREAM_ABOVE", 50_000)
    monkeypatch.setattr(stream, "PIECE", 4096)
    notes, broken = _bad_files(tmp_path)
    bad_large = tmp_path / "bad_large.ris"
    bad_large.write_bytes(LARGE.read_bytes() + b"\n")        # not the same bytes as LARGE
    real = stream.reader_of

    def reader_of(fmt):           # bad_large.ris is refused in its third piece, after records were stored
        calls = []

        def read(text, collector, **kwargs):
            calls.append(text)
            if collector.file.endswith("bad_large.ris") and len(calls) == 3:
                raise collector.fatal("cannot read this", line=2)
            return real(fmt)(text, collector, **kwargs)
        return read
    monkeypatch.setattr(stream, "reader_of", reader_of)
    monkeypatch.setattr("screener.workspace.store.CHUNK", 1)
    with Workspace.init(tmp_path / "review") as ws:
        with pytest.raises(RecordParseError) as raised:
            import_files(ws, [[LARGE, notes, bad_large, GOOD[0], broken][k] for k in order])
        names = [Path(e.path).name for e in raised.value.refused]
        expected = ["notes.txt", "bad_large.ris", "broken.bib"]
        assert names == (expected if order[1] == 1 else [expected[1], expected[0], expected[2]]), str(raised.value)
        assert str(raised.value).splitlines()[-1] == "3 of 5 files refused; nothing was imported"
        assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
        assert ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
