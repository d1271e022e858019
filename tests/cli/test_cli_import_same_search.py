"""One search exported twice, in two formats (Scopus as RIS and as CSV, PubMed as MEDLINE and as CSV: teams do it
"to be safe"), both imported: the second file's bytes and record text differ from the first's, so it came in as a
new import, exit 0, and every record counted twice in PRISMA's records identified, nothing said. A file whose
records are, by PMID, DOI or title, those of one import of the same database, and nearly all of them (the same
size, 90 % either way), is now refused as a file saved again is: one line naming the import, --again imports it;
a dry run says so. Another database's records, or a search that found a part of an import's, still come in."""

from __future__ import annotations

from pathlib import Path

from screener import Workspace
from screener.cli.main import run

RECORDS = Path(__file__).resolve().parents[2] / "fixtures" / "records"
SCOPUS_RIS = RECORDS / "ris" / "citation-file-formatting___baseline_scopus.ris"
SCOPUS_CSV = RECORDS / "csv" / "citation-file-formatting___baseline_scopus.csv"
PUBMED_50 = RECORDS / "nbib" / "citation-file-formatting___baseline_pubmed.ris"
PUBMED_CSV_10 = RECORDS / "csv" / "citation-file-formatting___baseline_pubmed.csv"


def _review(tmp_path: Path, capsys, *commands: list[str]) -> Path:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    for command in commands:
        assert run(["import", str(directory), *command]) == 0
    capsys.readouterr()
    return directory


def _imports(directory: Path) -> list[int]:
    with Workspace.open(directory) as ws:
        return [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")]


def test_one_search_exported_in_two_formats_is_not_counted_twice(tmp_path, capsys):
    directory = _review(tmp_path, capsys, [str(SCOPUS_RIS)])
    assert run(["import", str(directory), str(SCOPUS_CSV), "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "the same search again" in said and "--again" in said, said
    assert run(["import", str(directory), str(SCOPUS_CSV)]) == 1
    err = capsys.readouterr().err
    with Workspace.open(directory) as ws:
        at = ws.db.execute("SELECT at FROM imports WHERE id = 1").fetchone()[0][:16].replace("T", " ")
    assert err == (f"error: {SCOPUS_CSV}: its 10 records are those of import 1 ({SCOPUS_RIS.name}, {at} UTC, 10 records) "
                   "of the same database (Scopus), matched by PMID, DOI or title: the same search again (exported in "
                   "another format, or run on another platform): "
                   "importing them again would count them twice; use --again to import it a second time\n"), err
    assert _imports(directory) == [10]
    assert run(["import", str(directory), str(SCOPUS_CSV), "--again"]) == 0
    assert _imports(directory) == [10, 10]


def test_the_same_records_of_another_database_come_in(tmp_path, capsys):
    directory = _review(tmp_path, capsys, [str(SCOPUS_RIS)])
    assert run(["import", str(directory), str(SCOPUS_CSV), "--database", "Embase"]) == 0, capsys.readouterr().err
    assert _imports(directory) == [10, 10]


def test_a_search_that_found_a_part_of_an_import_comes_in(tmp_path, capsys):
    # the 10 PubMed records of the CSV are among the 50 of the MEDLINE file: another search, not the same one again
    directory = _review(tmp_path, capsys, [str(PUBMED_50)])
    assert run(["import", str(directory), str(PUBMED_CSV_10)]) == 0, capsys.readouterr().err
    assert _imports(directory) == [50, 10]
