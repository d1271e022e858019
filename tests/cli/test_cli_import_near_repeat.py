"""`screener import DIR cinahl.ris` of an export whose bytes differ from one imported before only by
its line ends (saved again on Windows) or a blank line: the file's sha256 differed, so it came in as
a new import and doubled every record in PRISMA's counts, with nothing said (the same bytes are
refused: 'already imported …; use --again'). A file most of whose records are word for word those
of an import still in the review is now refused the same way, naming the import; --again imports
it; a dry run says so and writes nothing."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"
CINAHL = RIS / "citation-file-formatting___baseline_cinahl.ris"


def _imports(directory: Path) -> list[int]:
    from screener import Workspace

    with Workspace.open(directory) as ws:
        return [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")]


def test_the_same_records_with_other_line_ends_are_not_imported_twice_silently(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(CINAHL), "--database", "CINAHL"]) == 0
    data = CINAHL.read_bytes()
    crlf = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert crlf != data
    again = tmp_path / "cinahl-saved-again.ris"
    again.write_bytes(crlf)
    capsys.readouterr()
    assert run(["import", str(directory), str(again), "--database", "CINAHL"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {again}: its 9 records are the same as those of import 1 (") and "--again" in err, err
    assert err.count("\n") == 1, err
    assert _imports(directory) == [9]
    assert run(["import", str(directory), str(again), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "its 9 records are the same as those of import 1" in out and "--again" in out, out
    assert _imports(directory) == [9]
    assert run(["import", str(directory), str(again), "--database", "CINAHL", "--again"]) == 0
    assert _imports(directory) == [9, 9]


def test_another_export_sharing_a_few_records_is_imported_as_before(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(CINAHL), "--database", "CINAHL"]) == 0
    text = CINAHL.read_text(encoding="utf-8")
    records = text.split("ER  -")
    assert len(records) > 4
    # two of the nine records again, the rest other records: an overlap, as between two databases
    other = "ER  -".join(records[:2]) + "ER  -\n" + "".join(
        f"TY  - JOUR\nTI  - Another study number {n}\nPY  - 2001\nER  - \n" for n in range(7))
    path = tmp_path / "other.ris"
    path.write_text(other, encoding="utf-8")
    assert run(["import", str(directory), str(path), "--database", "Scopus"]) == 0, capsys.readouterr().err
    assert _imports(directory) == [9, 9]
