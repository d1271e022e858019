"""Exports: RIS that our importer reads back unchanged, the audit CSV, ASReview's CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import seed_review  # noqa: E402

from screener.cli.main import run  # noqa: E402
from screener.records import read_file  # noqa: E402
from screener.report.exports import export_studies, representative_record, select_studies  # noqa: E402
from screener.workspace.importer import import_files  # noqa: E402

BIBLIOGRAPHIC = ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "abstract",
                 "issn", "language")


@pytest.fixture(scope="module")
def seed_workspace(tmp_path_factory):
    ws, expected = seed_review.build(tmp_path_factory.mktemp("seed") / "data")
    yield ws, expected
    ws.close()


def _fields(record) -> dict:
    return {name: getattr(record, name) for name in BIBLIOGRAPHIC}


def test_ris_export_of_included_studies_round_trips(seed_workspace, tmp_path):
    ws, expected = seed_workspace
    out = tmp_path / "included.ris"
    _, n = export_studies(ws, "ris", stage="full_text", decision="include", out=out)
    assert n == expected["included"]
    back = read_file(out).records
    assert len(back) == n
    originals = [representative_record(ws, s) for s in select_studies(ws, "full_text", "include")]
    for original, reread in zip(originals, back):
        assert _fields(reread) == _fields(original)
        assert reread.database == original.database


def test_ris_round_trip_keeps_pubmed_fields(workspace, fixtures_dir, tmp_path):
    """Records with abstracts, DOIs, PMIDs, ISSNs, MeSH: everything RIS can carry comes back; MeSH
    headings come back as keywords (RIS has no heading tag; EndNote and Zotero read KW)."""
    files = [p for p in sorted((fixtures_dir / "records" / "pubmed-xml").glob("*.xml"))
             if "Malformed" not in p.name and "MinimalEntry" not in p.name]
    import_files(workspace, files)
    out = tmp_path / "all.ris"
    _, n = export_studies(workspace, "ris", out=out)
    back = read_file(out).records
    originals = [representative_record(workspace, s) for s in select_studies(workspace, None, None)]
    assert len(back) == len(originals) == n > 15
    for original, reread in zip(originals, back):
        assert _fields(reread) == _fields(original), original.pmid
        headings = ["*" * h.major + h.descriptor + "".join("/" + q for q in h.qualifiers) for h in original.mesh]
        assert reread.keywords == original.keywords + headings


def test_audit_csv_has_every_vote_and_decision(seed_workspace):
    ws, expected = seed_workspace
    text, n = export_studies(ws, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == n == expected["screened"]
    ft = [r for r in rows if r["full_text_decision"] in ("include", "exclude")]
    assert len(ft) == expected["assessed"]
    assert sum(r["full_text_decision"] == "include" for r in rows) == expected["included"]
    assert sum(r["full_text_reason"] == "out of scope" for r in rows) == expected["out of scope"]
    events = [e for r in rows for stage in ("title_abstract", "full_text") for e in json.loads(r[f"{stage}_events"])]
    votes = ws.db.execute("SELECT count(*) FROM votes").fetchone()[0]
    resolutions = ws.db.execute("SELECT count(*) FROM resolutions").fetchone()[0]
    assert len(events) == votes + resolutions
    merged = [r for r in rows if ";" in r["databases"]]
    assert len(merged) == expected["duplicates"]


def test_asreview_csv_labels(seed_workspace):
    ws, expected = seed_workspace
    text, n = export_studies(ws, "asreview")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"record_id", "title", "abstract", "label_included"} <= set(rows[0])
    assert sum(r["label_included"] == "1" for r in rows) == expected["sought"]
    assert sum(r["label_included"] == "0" for r in rows) == expected["ta_excluded"]


@pytest.mark.parametrize("args, message", [
    (["--format", "docx"], "unknown format"),
    (["--format", "ris", "--stage", "abstract", "--decision", "include"], "--stage 'abstract' is not a stage"),
    (["--format", "ris", "--decision", "include"], "--decision needs --stage"),
    (["--format", "ris", "--stage", "full_text", "--decision", "maybe"], "unknown decision"),
])
def test_bad_export_options(workspace, args, message, capsys, tmp_path):
    out = tmp_path / "x.ris"
    assert run(["export", str(workspace.path), "--out", str(out)] + args) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_out_that_cannot_be_written_is_one_error_line_and_leaves_no_temporary_file(workspace, capsys, tmp_path):
    out = tmp_path / "taken"
    out.mkdir()                                   # --out names a directory: the final rename fails
    assert run(["export", str(workspace.path), "--format", "ris", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: --out {out}: cannot write it (") and "Traceback" not in err
    assert list(tmp_path.glob("*.tmp")) == [] and list(out.iterdir()) == []


def test_out_under_a_file_is_one_error_line(workspace, capsys, tmp_path):
    # the clean-up of the temporary file raised NotADirectoryError itself: a traceback
    (tmp_path / "notes.txt").write_text("x")
    out = tmp_path / "notes.txt" / "x.ris"
    assert run(["export", str(workspace.path), "--format", "ris", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: --out {out}: ") and "Traceback" not in err
