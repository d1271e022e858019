"""Imports with PRISMA-S metadata, and correcting an import (relabel, withdraw, restore) as events."""

from __future__ import annotations

import json

import pytest

from screener import Workspace
from screener.cli.main import run
from screener.errors import NotFoundError, RecordParseError, ScreeningError, UsageError
from screener.report.prisma import prisma_counts, render_svg
from screener.report.searches import render_csv, render_markdown, search_log
from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.import_hints import import_hints
from screener.workspace.imports import (
    check_metadata,
    get_import,
    import_exports,
    import_history,
    list_imports,
    relabel_import,
    restore_import,
    withdraw_import,
)

R = "records/ris/citation-file-formatting___baseline_"
CINAHL, SCOPUS, PUBMED = R + "cinahl.ris", R + "scopus.ris", "records/nbib/citation-file-formatting___baseline_pubmed.ris"
STRATEGY = "1. exp Chronic Pain/\n2. (qualitative or interview*).tw.\n3. 1 and 2\n"


def _counts(ws) -> dict:
    data = prisma_counts(ws).to_dict()
    data.pop("notes")
    return data


def _table(ws) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "source"} for row in search_log(ws)]


def _events(ws) -> int:
    return ws.db.execute("SELECT count(*) FROM events").fetchone()[0]


def test_metadata_is_kept_and_read_by_prisma_s_and_the_diagram(workspace, fixtures_dir):
    meta = {"database": "cinahl", "platform": "EBSCOhost", "searched_on": "2026-11-02", "strategy": STRATEGY,
            "coverage": "1981 to November 2026", "limits": "English", "notes": "run by the librarian"}
    import_exports(workspace, [fixtures_dir / CINAHL], metadata=meta)
    [item] = list_imports(workspace)
    assert item["database"] == "CINAHL"           # spelled as the canonical name
    assert item["strategy"] == STRATEGY            # verbatim, line ends and all
    assert (item["platform"], item["searched_on"], item["limits"]) == ("EBSCOhost", "2026-11-02", "English")
    [row] = search_log(workspace)
    assert (row["database"], row["platform"], row["date"], row["count"]) == ("CINAHL", "EBSCOhost", "2026-11-02", 9)
    assert row["strategy"] == STRATEGY.rstrip("\n")
    markdown = render_markdown(search_log(workspace))
    assert "| CINAHL | EBSCOhost | 2026-11-02 | 1. exp Chronic Pain/<br>2. (qualitative" in markdown
    assert "Coverage: 1981 to November 2026" in markdown and "Limits: English" in markdown
    assert "coverage,limits,notes" in render_csv(search_log(workspace)).splitlines()[0]
    counts = prisma_counts(workspace)
    assert counts.database_details == {"CINAHL": "via EBSCOhost, searched 2026-11-02"}
    svg = render_svg(counts, "t")
    assert "CINAHL via EBSCOhost, searched" in svg and "2026-11-02 (n = 9)" in svg


def test_an_import_without_a_strategy_says_so(workspace, fixtures_dir):
    report = import_exports(workspace, [fixtures_dir / SCOPUS])
    assert any("no strategy recorded" in str(h) for h in import_hints(report))
    assert "strategy not recorded" in search_log(workspace)[0]["strategy"]


@pytest.mark.parametrize("field, value, message", [
    ("searched_on", "2026-13-01", "is not a date of the calendar"),
    ("searched_on", "1/2/2026", "YYYY-MM-DD"),
    ("searched_on", "2999-01-01", "in the future"),
    ("colour", "red", "unknown import field 'colour'"),
    ("platform", 3, "must be text"),
])
def test_bad_metadata_is_refused_before_anything_is_written(workspace, fixtures_dir, field, value, message):
    before = _events(workspace)
    with pytest.raises(UsageError, match=message):
        import_exports(workspace, [fixtures_dir / CINAHL], metadata={field: value})
    assert _events(workspace) == before
    assert workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0


def test_an_empty_file_is_refused_when_asked(workspace, tmp_path):
    empty = tmp_path / "empty.ris"
    empty.write_text("\n")
    with pytest.raises(RecordParseError, match="empty.ris: no records in this file"):
        import_exports(workspace, [empty], allow_empty=False)
    assert workspace.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_corrections_give_the_counts_of_a_from_scratch_import_of_the_corrected_files(tmp_path, fixtures_dir):
    """CINAHL right; Scopus imported as 'Embase' (mislabelled); the PubMed file imported by mistake.
    Relabel the first, withdraw the second: PRISMA and PRISMA-S equal importing only what was meant."""
    wrong = Workspace.init(tmp_path / "wrong")
    import_exports(wrong, [fixtures_dir / CINAHL], metadata={"database": "CINAHL", "platform": "EBSCOhost",
                                                             "searched_on": "2026-11-02", "strategy": STRATEGY})
    import_exports(wrong, [fixtures_dir / SCOPUS], metadata={"database": "Embase", "searched_on": "2026-11-01"})
    import_exports(wrong, [fixtures_dir / PUBMED], metadata={"database": "PubMed"})
    dedupe_workspace(wrong)
    before = _counts(wrong)
    relabel_import(wrong, 2, {"database": "Scopus", "platform": "Elsevier", "searched_on": "2026-11-03"})
    withdraw_import(wrong, 3, note="wrong file")
    dedupe_workspace(wrong)

    right = Workspace.init(tmp_path / "right")
    import_exports(right, [fixtures_dir / CINAHL], metadata={"database": "CINAHL", "platform": "EBSCOhost",
                                                             "searched_on": "2026-11-02", "strategy": STRATEGY})
    import_exports(right, [fixtures_dir / SCOPUS], metadata={"database": "Scopus", "platform": "Elsevier",
                                                             "searched_on": "2026-11-03"})
    dedupe_workspace(right)
    assert _counts(wrong) == _counts(right)
    assert _counts(wrong) != before
    assert _counts(right)["records_per_database"] == {"Scopus": 10, "CINAHL": 9}
    assert _table(wrong) == _table(right)
    assert render_svg(prisma_counts(wrong), "t") == render_svg(prisma_counts(right), "t")
    from screener.report.exports import export_studies

    def databases(ws):
        import csv
        import io
        return sorted(row["databases"] for row in csv.DictReader(io.StringIO(export_studies(ws, "csv")[0])))
    assert databases(wrong) == databases(right)          # the audit CSV names the corrected database too

    # nothing deleted: the withdrawn records are still stored, and restoring brings the counts back
    assert wrong.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 69
    restore_import(wrong, 3)
    assert _counts(wrong)["records_identified"] == 69
    history = import_history(wrong, 2)
    assert [h["change"] for h in history] == ["import", "relabel"]
    assert history[0]["database"] == "Embase" and history[1]["database"] == "Scopus"
    kinds = [r[0] for r in wrong.db.execute("SELECT kind FROM events WHERE kind LIKE 'import_%' ORDER BY id")]
    assert kinds == ["import_relabel", "import_withdraw", "import_restore"]
    wrong.close()
    right.close()


def test_withdraw_and_restore_refuse_what_is_already_so(workspace, fixtures_dir):
    import_exports(workspace, [fixtures_dir / SCOPUS])
    with pytest.raises(ScreeningError, match="is not withdrawn; nothing to restore"):
        restore_import(workspace, 1)
    withdraw_import(workspace, 1)
    assert get_import(workspace, 1)["withdrawn"]
    events = _events(workspace)
    with pytest.raises(ScreeningError, match="already withdrawn"):
        withdraw_import(workspace, 1)
    assert _events(workspace) == events
    with pytest.raises(NotFoundError, match="no import 7 in this review"):
        withdraw_import(workspace, 7)
    with pytest.raises(UsageError, match="nothing to change"):
        relabel_import(workspace, 1, {})
    assert relabel_import(workspace, 1, {"database": "Scopus"})["recorded"] is True
    assert relabel_import(workspace, 1, {"database": "scopus"})["recorded"] is False    # already so


def test_withdrawn_studies_leave_the_queue_and_dedupe(workspace, fixtures_dir):
    from screener.workspace.screening import current_studies

    import_exports(workspace, [fixtures_dir / SCOPUS])
    import_exports(workspace, [fixtures_dir / CINAHL])
    assert len(current_studies(workspace)) == 19
    withdraw_import(workspace, 1)
    assert len(current_studies(workspace)) == 9
    assert dedupe_workspace(workspace)["records"] == 9


def test_the_cli_records_metadata_and_corrects_imports(tmp_path, fixtures_dir, capsys):
    ws_dir = tmp_path / "review"
    Workspace.init(ws_dir).close()
    strategy = tmp_path / "strategy.txt"
    strategy.write_text(STRATEGY)
    assert run(["import", str(ws_dir), str(fixtures_dir / SCOPUS), "--database", "Embase", "--platform", "Ovid",
                "--searched-on", "2026-11-30", "--strategy", str(strategy), "--coverage", "1974 to 2026",
                "--limits", "none", "--notes", "n"]) == 0
    assert run(["import", str(ws_dir), str(fixtures_dir / CINAHL)]) == 0
    out = capsys.readouterr().out
    assert "no strategy recorded" in out
    assert run(["imports", "relabel", str(ws_dir), "1", "--database", "Scopus"]) == 0
    assert "database 'Embase' → 'Scopus'" in capsys.readouterr().out
    assert run(["imports", "withdraw", str(ws_dir), "2", "--note", "duplicate export"]) == 0
    assert "withdrawn: 9 records left" in capsys.readouterr().out
    assert run(["imports", "list", str(ws_dir), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["counted_as"], i["withdrawn"], i["strategy_file"]) for i in items] == [
        ("Scopus", False, "strategy.txt"), ("Academic Search Premier", True, "")]
    assert run(["imports", "restore", str(ws_dir), "2"]) == 0
    assert run(["imports", "relabel", str(ws_dir), "1", "--searched-on", "yesterday"]) == 2
    assert "write the date searched as YYYY-MM-DD" in capsys.readouterr().err


def test_records_without_a_database_are_pointed_out_on_every_import(tmp_path, capsys):
    ws_dir = tmp_path / "review"
    Workspace.init(ws_dir).close()
    path = tmp_path / "export.ris"
    path.write_text("TY  - JOUR\nTI  - A study of pain\nER  - \n")
    assert run(["import", str(ws_dir), str(path)]) == 0
    # the command to copy names the workspace itself, not a placeholder the user must fill in
    assert ("the records do not say which database they came from; say which with "
            f"`screener imports relabel {ws_dir} 1 --database NAME`") in capsys.readouterr().out


def test_check_metadata_keeps_the_strategy_verbatim():
    assert check_metadata({"strategy": "1.  a\r\n2. b  "})["strategy"] == "1.  a\n2. b  "
    assert check_metadata({"platform": "  Ovid \n SP "})["platform"] == "Ovid SP"


def test_m007_keeps_every_membership_row_of_a_workspace_made_before_it(tmp_path):
    from screener.workspace.settings import Settings, render_toml
    from tests.workspace.old_schema import database_before

    path = tmp_path / "old"
    conn = database_before(path, 7)
    conn.execute("INSERT INTO events (at, actor, kind) VALUES ('then', 'owner', 'init')")
    for i in (1, 2):
        conn.execute("INSERT INTO studies (created_at) VALUES ('then')")
        conn.execute("INSERT INTO source_records (database, format, raw, record, added_at) VALUES ('X', 'ris', '', "
                     "'{\"title\": \"t\"}', 'then')")
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('then', ?, ?, 'new')", (i, i))
    conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('then', 2, 1, 'merge')")
    conn.commit()
    conn.close()
    (path / "review.toml").write_text(render_toml(Settings(title="old")))
    ws = Workspace.open(path)
    assert [tuple(r) for r in ws.db.execute("SELECT id, source_record_id, study_id, kind FROM study_links")] == [
        (1, 1, 1, "new"), (2, 2, 2, "new"), (3, 2, 1, "merge")]
    assert [tuple(r) for r in ws.db.execute("SELECT * FROM current_links ORDER BY 1")] == [(1, 1), (2, 1)]
    ws.close()


def test_an_embase_com_export_counts_under_embase_unless_the_owner_says_otherwise(tmp_path, fixtures_dir, capsys):
    embase = fixtures_dir / "records/ris/citation-file-formatting___baseline_embase.ris"
    ws = Workspace.init(tmp_path / "a")
    report = import_exports(ws, [embase])
    assert report.files[0].database == "Embase, MEDLINE"          # what the records themselves say
    assert prisma_counts(ws).records_per_database == {"Embase": 10}
    assert str(import_hints(report)[0]).startswith(f"{embase.name}: the records name Embase, MEDLINE; they count under "
                                              "Embase, the database searched")
    assert search_log(ws)[0]["database"] == "Embase"
    relabel_import(ws, 1, {"database": "MEDLINE"})                 # the owner says otherwise
    assert prisma_counts(ws).records_per_database == {"MEDLINE": 10}
    ws.close()


def test_status_counts_records_as_the_prisma_diagram_does(workspace, fixtures_dir):
    # `screener status` counted every source record under the database it names, withdrawn ones
    # too, and called the withdrawn records "duplicates merged"
    import_exports(workspace, [fixtures_dir / SCOPUS], metadata={"database": "Embase"})
    import_exports(workspace, [fixtures_dir / CINAHL])
    relabel_import(workspace, 1, {"database": "Scopus"})
    withdraw_import(workspace, 2)
    status = workspace.status()
    assert status["source_records_per_database"] == prisma_counts(workspace).records_per_database == {"Scopus": 10}
    assert (status["source_records"], status["withdrawn_records"], status["studies"]) == (19, 9, 10)
    assert status["duplicates_merged"] == 0


def test_an_import_id_that_cannot_exist_points_to_a_command_that_does(tmp_path, capsys):
    ws_dir = tmp_path / "review"
    Workspace.init(ws_dir).close()
    assert run(["imports", "relabel", str(ws_dir), "0", "--database", "Scopus"]) == 1
    err = capsys.readouterr().err
    assert "no import 0" in err and "`screener imports list DIR`" in err
    assert run(["imports", "list", "--help"]) == 0          # the command it names exists


def test_a_relabelled_strategy_is_summarised_not_dumped(tmp_path, fixtures_dir, capsys):
    """The relabel's answer is one readable line: a strategy of 50 lines printed as one Python
    string with \\n escapes buried the rest; an empty old value read as ''."""
    ws_dir = tmp_path / "review"
    Workspace.init(ws_dir).close()
    strategy = tmp_path / "strategy.txt"
    strategy.write_text(STRATEGY)
    assert run(["import", str(ws_dir), str(fixtures_dir / CINAHL), "--database", "CINAHL"]) == 0
    capsys.readouterr()
    assert run(["imports", "relabel", str(ws_dir), "1", "--strategy", str(strategy), "--platform", "EBSCOhost"]) == 0
    out = capsys.readouterr().out
    lines = STRATEGY.rstrip("\n").count("\n") + 1
    assert out.strip().splitlines() == [out.strip()]
    assert "\\n" not in out and "''" not in out
    assert f"strategy (none) → {lines} lines" in out and "platform (none) → 'EBSCOhost'" in out
    assert f"strategy file (none) → {strategy.name!r}" in out
