"""The review's own export read back before dedupe has joined its records: two databases' exports of
the same studies, exported together for a reference manager, give a file in which each title comes
twice. Before, such a file was let in (exit 0, every study counted again in PRISMA's records
identified) although it begins with screener's mark: the check passed over a file whose distinct
titles were fewer than the share of records it needs, counting titles where it counts records."""

from __future__ import annotations

from pathlib import Path

from screener import Workspace
from screener.cli.main import run

CINAHL = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_cinahl.ris"


def _imports(directory: Path) -> int:
    with Workspace.open(directory) as ws:
        return ws.db.execute("SELECT count(*) FROM imports").fetchone()[0]


def test_an_export_of_records_not_yet_deduplicated_is_refused(tmp_path, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(CINAHL), "--database", "CINAHL"]) == 0
    # the same records again as another database's (as MEDLINE's come from PubMed and from Ovid)
    assert run(["import", str(directory), str(CINAHL), "--database", "MEDLINE", "--again"]) == 0
    out = tmp_path / "everything.ris"
    assert run(["export", str(directory), "--format", "ris", "--out", str(out)]) == 0
    capsys.readouterr()
    assert run(["import", str(directory), str(out), "--database", "Other"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: its ") and "the review's own export read back" in err, err
    assert _imports(directory) == 2
