"""A study that is an article with its erratum notice joined (dedupe) shows the article: its title
and DOI were the notice's when the notice was the older record ('Erratum: Author Correction: A
remarkable assemblage of petroglyphs …', the notice's DOI), on the screening page and in exports."""

from __future__ import annotations

from pathlib import Path

from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.importer import import_files
from screener.workspace.studies import study_summary

EMBASE = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_embase.ris"


def test_a_study_with_an_erratum_joined_shows_its_article(workspace):
    import_files(workspace, [EMBASE])
    report = dedupe_workspace(workspace)
    assert report["errata_joined"], report
    notice = report["errata_joined"][0]["notice"]
    study = workspace.db.execute("SELECT study_id FROM current_links WHERE source_record_id = ?", (notice,)).fetchone()[0]
    summary = study_summary(workspace, study)
    assert summary["title"] == "A remarkable assemblage of petroglyphs and dinosaur footprints in Northeast Brazil"
    assert summary["doi"] == "10.1038/s41598-024-56479-3"
    assert len(summary["source_records"]) == 2           # the notice stays in the study
