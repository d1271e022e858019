"""`screener export --out FILE` and a file already there: refused with one line naming the file and
--force (as gzip, xz and zstd refuse to replace an output without -f), the file untouched; with
--force it is replaced whole, through a temporary file renamed into place."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run

ROOT = Path(__file__).resolve().parents[2]
WOS_RIS = ROOT / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_webofscience.ris"


def _review(tmp_path: Path, capsys) -> Path:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(WOS_RIS)]) == 0
    capsys.readouterr()
    return directory


def test_export_refuses_to_replace_a_file_that_is_there(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    out = tmp_path / "library.ris"
    out.write_text("TY  - JOUR\nTI  - A reference the user typed by hand\nER  - \n", encoding="utf-8")
    before = out.read_bytes()
    code = run(["export", str(directory), "--format", "csv", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == (f"error: --out {out}: the file is already there; give --force to replace it, "
                            "or another --out name\n")
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.ris", "review"]   # no temporary file left


def test_export_force_replaces_the_file_whole(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    out = tmp_path / "studies.csv"
    out.write_text("old contents, much longer than one line\n" * 500, encoding="utf-8")
    assert run(["export", str(directory), "--format", "csv", "--out", str(out), "--force"]) == 0
    assert capsys.readouterr().err == f"Wrote 10 studies to {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("study,title,") and "old contents" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review", "studies.csv"]


def test_export_to_a_new_file_needs_no_force(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    out = tmp_path / "new.ris"
    assert run(["export", str(directory), "--format", "ris", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("ER  - ") == 10
    # a second run of the same command is refused rather than replacing what the first wrote
    assert run(["export", str(directory), "--format", "ris", "--out", str(out)]) == 2
    assert "give --force to replace it" in capsys.readouterr().err


def test_python_api_refuses_too_unless_overwrite(tmp_path, capsys):
    from screener import Workspace
    from screener.errors import UsageError
    from screener.report.exports import export_studies

    directory = _review(tmp_path, capsys)
    out = tmp_path / "x.ris"
    out.write_text("keep me", encoding="utf-8")
    with Workspace.open(directory) as ws:
        try:
            export_studies(ws, "ris", out=out)
        except UsageError as exc:
            assert "already there" in str(exc)
        else:
            raise AssertionError("export_studies replaced a file that was there")
        assert out.read_text(encoding="utf-8") == "keep me"
        _, n = export_studies(ws, "ris", out=out, overwrite=True)
    assert n == 10 and out.read_text(encoding="utf-8").count("ER  - ") == 10


def test_force_never_replaces_the_reviews_own_files(tmp_path, capsys):
    """`--out review/review.db --force` (a slip of the tab key) replaced the review's database with
    an export: every vote gone."""
    directory = _review(tmp_path, capsys)
    for name in ("review.db", "review.toml"):
        target = directory / name
        before = target.read_bytes()
        code = run(["export", str(directory), "--format", "csv", "--out", str(target), "--force"])
        assert code == 2
        assert capsys.readouterr().err == (f"error: --out {target}: that is the review's own {name}; "
                                           "write the export to another file\n")
        assert target.read_bytes() == before
    assert run(["status", str(directory)]) == 0


def test_an_export_of_no_studies_says_why(tmp_path, capsys):
    """'Wrote 0 studies to included.ris' and an empty file: the owner sent it on as the included
    studies. Now a note says none has that decision yet and where to see what is left."""
    directory = _review(tmp_path, capsys)
    out = tmp_path / "included.ris"
    code = run(["export", str(directory), "--format", "ris", "--stage", "full_text", "--decision", "include",
                "--out", str(out)])
    assert code == 0
    assert capsys.readouterr().err == (
        f"Wrote 0 studies to {out}\n"
        f"note: no study is decided include at full_text yet; `screener progress {directory}` shows what is left\n")
    assert run(["export", str(directory), "--format", "ris", "--stage", "title_abstract", "--decision",
                "exclude"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"note: no study is decided exclude at title_abstract yet; `screener progress "
                            f"{directory}` shows what is left\n")


def test_out_dash_is_standard_output(tmp_path, capsys, monkeypatch):
    """`--out -` wrote a file named '-' (as `query check -` reads standard input, '-' is the usual
    name for the standard streams)."""
    directory = _review(tmp_path, capsys)
    monkeypatch.chdir(tmp_path)
    assert run(["export", str(directory), "--format", "ris", "--out", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("ER  - ") == 10 and captured.err == ""
    assert not (tmp_path / "-").exists()


def test_a_named_pipe_is_written_to_not_replaced(tmp_path, capsys):
    """`--out` naming a pipe or device (/dev/stdout, /dev/null, a FIFO) was 'replaced' through a temporary
    file renamed over it: the FIFO became a regular file (as root, so would /dev/null)."""
    import os
    import stat
    import threading

    directory = _review(tmp_path, capsys)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert run(["export", str(directory), "--format", "ris", "--out", str(fifo)]) == 0
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].count(b"ER  - ") == 10
    assert capsys.readouterr().err == f"Wrote 10 studies to {fifo}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "review"]
