"""`screener fulltext DIR 5 www.example.org/paper.pdf` (a link copied without its https://) was
refused as 'no such file; give a PDF (or other file) path or an http, https or ftp URL', leaving the
reader to see that the link needed its scheme; it now says which link to write. Nothing attached."""

from __future__ import annotations

from screener.cli.main import run

RIS = "TY  - JOUR\nTI  - Living with chronic pain\nER  - \n"


def test_a_link_without_its_scheme_is_named(workspace, capsys):
    from screener.records import read_file

    export = workspace.path.parent / "one.ris"
    export.write_text(RIS, encoding="utf-8")
    with workspace.transaction():
        workspace.add_source_records(read_file(export).records)
    capsys.readouterr()
    for typed in ("www.example.org/paper.pdf", "doi.org/10.1136/bmjopen-2017-018411"):
        assert run(["fulltext", str(workspace.path), "1", typed]) == 2     # as any input file not there
        assert capsys.readouterr().err == (f"error: {typed}: no such file; if it is a web address, write it with "
                                           f"https:// in front: https://{typed}\n")
    assert workspace.db.execute("SELECT count(*) FROM events WHERE kind LIKE 'fulltext%'").fetchone()[0] == 0


def test_a_file_path_is_not_taken_for_a_web_address(workspace, capsys):
    from screener.records import read_file

    export = workspace.path.parent / "one.ris"
    export.write_text(RIS, encoding="utf-8")
    with workspace.transaction():
        workspace.add_source_records(read_file(export).records)
    capsys.readouterr()
    for typed in ("papers/smith2015.pdf", "smith2015.pdf", "../papers/x.pdf"):
        assert run(["fulltext", str(workspace.path), "1", typed]) == 2
        assert "no such file; give a PDF (or other file) path" in capsys.readouterr().err
