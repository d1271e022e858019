"""`screener import DIR included.ris` of a file `screener export` wrote from the same review: every format of the
export is read back by the importer, so the review's studies came in again as new source records and PRISMA's
'records identified' grew by as many, nothing said. Such a file is now refused in one line naming it and what to
do; --again imports it all the same; a dry run says so and writes nothing; a database's export whose records one
import already holds field for field (MEDLINE from PubMed, then from Ovid) is imported as before, and so is an
export of another review."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import Workspace
from screener.cli.main import run
from screener.errors import WorkspaceError
from screener.report.exports import export_studies
from screener.workspace.imports import import_exports

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"
CINAHL = RIS / "citation-file-formatting___baseline_cinahl.ris"
SCOPUS = RIS / "citation-file-formatting___baseline_scopus.ris"
FORMATS = {"ris": "ris", "bib": "bib", "endnote-xml": "xml", "csv": "csv", "asreview": "csv"}


def _identified(directory: Path) -> list[int]:
    with Workspace.open(directory) as ws:
        return [r[0] for r in ws.db.execute("SELECT records FROM imports ORDER BY id")]


def _review(tmp_path: Path, *files: Path) -> Path:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    for file in files:
        assert run(["import", str(directory), str(file), "--database", file.stem.rsplit("_", 1)[-1]]) == 0
    return directory


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_reviews_own_export_is_refused_in_one_line(tmp_path, capsys, fmt):
    directory = _review(tmp_path, CINAHL, SCOPUS)
    before = _identified(directory)
    out = tmp_path / f"included.{FORMATS[fmt]}"
    assert run(["export", str(directory), "--format", fmt, "--out", str(out)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), str(out), "--database", "Other"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: its "), err
    assert "the review's own export read back" in err and "--again" in err, err
    assert err.count("\n") == 1, err
    assert _identified(directory) == before
    # a dry run says it and writes nothing
    assert run(["import", str(directory), str(out), "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "the review's own export read back" in said, said
    assert _identified(directory) == before
    # the user who means it
    assert run(["import", str(directory), str(out), "--database", "Other", "--again"]) == 0
    assert len(_identified(directory)) == len(before) + 1


def test_an_export_of_one_databases_records_is_refused_when_screener_wrote_it(tmp_path, capsys):
    directory = _review(tmp_path, CINAHL)
    out = tmp_path / "included.xml"
    assert run(["export", str(directory), "--format", "endnote-xml", "--out", str(out)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), str(out), "--database", "Other"]) == 1
    assert "written by screener's export" in capsys.readouterr().err


def test_the_api_refuses_it_for_every_surface(tmp_path):
    directory = _review(tmp_path, CINAHL, SCOPUS)
    out = tmp_path / "included.bib"
    with Workspace.open(directory) as ws:
        export_studies(ws, "bib", out=out)
        with pytest.raises(WorkspaceError, match="the review's own export read back"):
            import_exports(ws, [out], metadata={"database": "Other"})
        report = import_exports(ws, [out], metadata={"database": "Other"}, allow_reimport=True)
        assert report.files[0].records > 0


def test_the_same_records_from_another_source_held_by_one_import_are_imported(tmp_path, capsys):
    # another database's export of the same records, field for field (as PubMed's and Ovid's MEDLINE can be):
    # one import holds them, so it is not the review's export; the records come in, dedupe joins them
    directory = _review(tmp_path, CINAHL, SCOPUS)
    text = SCOPUS.read_text(encoding="utf-8").replace("DB  - Scopus", "DB  - Embase")
    other = tmp_path / "embase.ris"
    other.write_text(text.replace("\r\n", "\n") + "\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(directory), str(other), "--database", "Embase"]) == 0, capsys.readouterr().err


def test_an_export_of_another_review_is_imported(tmp_path, capsys):
    first = _review(tmp_path, CINAHL, SCOPUS)
    out = tmp_path / "other-review.ris"
    assert run(["export", str(first), "--format", "ris", "--out", str(out)]) == 0
    second = tmp_path / "second"
    assert run(["init", str(second)]) == 0
    capsys.readouterr()
    assert run(["import", str(second), str(out), "--database", "Other"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_export_of_a_review_of_one_search_is_refused_in_every_format(tmp_path, capsys, fmt):
    # a review whose studies all came from one import (a PubMed-only scoping review): its RIS, BibTeX and
    # ASReview exports are field for field that import's records, so "one import holds them" let them in
    # and PRISMA's records identified doubled, nothing said; screener's mark on the file now tells them apart
    directory = _review(tmp_path, CINAHL)
    before = _identified(directory)
    out = tmp_path / f"included.{FORMATS[fmt]}"
    assert run(["export", str(directory), "--format", fmt, "--out", str(out)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: its "), err
    assert "written by screener's export" in err and "--again" in err and err.count("\n") == 1, err
    assert _identified(directory) == before


@pytest.mark.parametrize("fmt", ["ris", "bib"])
def test_screeners_mark_reads_back_without_a_warning_in_another_review(tmp_path, capsys, fmt):
    first = _review(tmp_path, CINAHL)
    out = tmp_path / f"other-review.{fmt}"
    assert run(["export", str(first), "--format", fmt, "--out", str(out)]) == 0
    second = tmp_path / "second"
    assert run(["init", str(second)]) == 0
    capsys.readouterr()
    assert run(["import", str(second), str(out), "--database", "Other"]) == 0
    said = capsys.readouterr().out
    assert " 0 warnings" in said and "own export" not in said, said
