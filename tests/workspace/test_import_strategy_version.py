"""An import's strategy as run chosen from the review's saved strategy versions (m019): kept as an
import_metadata row naming the version, cited by the PRISMA-S report with its text; corrections
are new rows; a wrong or conflicting choice writes nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from screener import Workspace
from screener.cli.main import run
from screener.errors import NotFoundError, UsageError
from screener.report.searches import render_csv, render_markdown, search_log
from screener.workspace.imports import (
    change_import,
    get_import,
    import_exports,
    import_history,
    list_imports,
    relabel_import,
    withdraw_import,
)
from screener.workspace.migrations import all_migrations
from screener.workspace.strategies import find_version, save_strategy

CINAHL = "records/ris/citation-file-formatting___baseline_cinahl.ris"
SCOPUS = "records/ris/citation-file-formatting___baseline_scopus.ris"
V1 = "1. exp Chronic Pain/\n2. (qualitative or interview*).tw.\n3. 1 and 2"
V2 = "1. exp Chronic Pain/\n2. (qualitative or interview* or focus group*).tw.\n3. 1 and 2"


def _writes(ws) -> dict:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("imports", "import_metadata", "source_records", "events", "strategy_versions")}


@pytest.fixture()
def saved(workspace):
    one = save_strategy(workspace, "CINAHL main", V1, actor="sam")
    two = save_strategy(workspace, "CINAHL main", V2, actor="sam", note="focus groups")
    return workspace, one, two


def test_an_import_cites_the_saved_version_it_ran(saved, fixtures_dir):
    ws, one, two = saved
    import_exports(ws, [fixtures_dir / CINAHL], actor="olivia",
                   metadata={"database": "CINAHL", "platform": "EBSCOhost", "strategy_version": one["id"]})
    [item] = list_imports(ws)
    assert item["strategy"] == V1 and item["strategy_file"] == ""          # the version's text, verbatim
    assert item["strategy_version"]["label"] == "CINAHL main v1" and item["strategy_version"]["id"] == one["id"]
    row = ws.db.execute("SELECT change, actor, strategy, strategy_version_id FROM import_metadata").fetchone()
    assert tuple(row) == ("import", "olivia", V1, one["id"])
    [logged] = search_log(ws)
    assert logged["strategy"] == V1 and logged["strategy_file"] == "saved strategy CINAHL main v1"
    md = render_markdown(search_log(ws))
    assert "1. exp Chronic Pain/<br>2. (qualitative or interview*).tw.<br>3. 1 and 2<br>Strategy file: saved strategy " \
           "CINAHL main v1" in md
    assert "saved strategy CINAHL main v1" in render_csv(search_log(ws))

    # the label as the workbench lists it names the same version, and a form's digits do too
    assert find_version(ws, "CINAHL main v2")["id"] == two["id"] == find_version(ws, str(two["id"]))["id"]

    # a correction to v2 is a new row; the old one stays; the report follows
    changed = relabel_import(ws, item["id"], {"strategy_version": "CINAHL main v2"}, actor="olivia")
    assert changed["changed"]["strategy_version"] == {"from": "CINAHL main v1", "to": "CINAHL main v2"}
    assert changed["changed"]["strategy"] == {"from": V1, "to": V2}
    assert search_log(ws)[0]["strategy_file"] == "saved strategy CINAHL main v2"
    history = import_history(ws, item["id"])
    assert [(h["change"], h["strategy_version_id"]) for h in history] == [("import", one["id"]), ("relabel", two["id"])]
    event = ws.db.execute("SELECT payload FROM events WHERE kind = 'import_relabel'").fetchone()[0]
    assert json.loads(event)["changed"]["strategy_version"]["to"] == "CINAHL main v2"

    # choosing the same version again changes nothing; a withdrawal keeps the link
    assert relabel_import(ws, item["id"], {"strategy_version": two["id"]})["recorded"] is False
    withdraw_import(ws, item["id"])
    assert get_import(ws, item["id"])["strategy_version"]["label"] == "CINAHL main v2"

    # an edited text is no longer that saved version: the link goes, the text is what was given
    edited = relabel_import(ws, item["id"], {"strategy": V2 + "\n4. limit 3 to english"})
    assert edited["strategy_version"] is None
    assert edited["changed"]["strategy_version"] == {"from": "CINAHL main v2", "to": ""}


def test_a_version_with_the_text_unchanged_in_a_correction_form_wins(saved, fixtures_dir):
    """The correction form sends the current text with the version picked: that is not a conflict."""
    ws, one, two = saved
    import_exports(ws, [fixtures_dir / CINAHL], metadata={"strategy": "something else, pasted"})
    [item] = list_imports(ws)
    result = change_import(ws, item["id"], {"strategy": "something else, pasted", "strategy_version": str(one["id"])})
    assert result["strategy"] == V1 and result["strategy_version"]["id"] == one["id"]


@pytest.mark.parametrize("metadata, error, message", [
    # the command line was told 'GET /api/strategies lists them'; now the versions themselves, by id
    ({"strategy_version": 999}, NotFoundError, "no saved strategy version 999 in this review (saved versions: "
                                               "1 = CINAHL main v1, 2 = CINAHL main v2"),
    ({"strategy_version": "CINAHL main v9"}, NotFoundError, "saved versions: CINAHL main v1, CINAHL main v2"),
    ({"strategy_version": [1]}, UsageError, "its id or its label"),
    ({"strategy_version": 1, "strategy": "1. pain.tw."}, UsageError, "both a strategy text and the saved version"),
])
def test_a_wrong_choice_is_refused_and_writes_nothing(saved, fixtures_dir, metadata, error, message):
    ws, one, two = saved
    before = _writes(ws)
    with pytest.raises(error, match=message.replace("(", r"\(").replace("*", r"\*")):
        import_exports(ws, [fixtures_dir / CINAHL], metadata=metadata)
    assert _writes(ws) == before
    import_exports(ws, [fixtures_dir / SCOPUS])
    [item] = list_imports(ws)
    after = _writes(ws)
    with pytest.raises(error):
        change_import(ws, item["id"], {**metadata, "withdrawn": True})
    assert _writes(ws) == after and not get_import(ws, item["id"])["withdrawn"]


def test_the_cli_imports_and_relabels_with_a_saved_version(saved, fixtures_dir, capsys):
    ws, one, two = saved
    path = str(ws.path)
    assert run(["import", path, str(fixtures_dir / CINAHL), "--strategy-version", "CINAHL main v1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert not [h for h in out["hints"] if "no strategy recorded" in h]
    assert run(["imports", "list", path]) == 0
    assert "strategy: saved CINAHL main v1" in capsys.readouterr().out
    assert run(["imports", "relabel", path, "1", "--strategy-version", str(two["id"])]) == 0
    assert "'CINAHL main v1' → 'CINAHL main v2'" in capsys.readouterr().out
    assert run(["report", "searches", path]) == 0
    assert "saved strategy CINAHL main v2" in capsys.readouterr().out
    before = _writes(ws)
    assert run(["import", path, str(fixtures_dir / SCOPUS), "--strategy-version", "nope v1"]) == 1   # NotFoundError's exit code
    err = capsys.readouterr().err
    assert "no saved strategy version 'nope v1'" in err and len(err.strip().splitlines()) == 1
    assert _writes(ws) == before


def test_m019_applies_to_a_workspace_made_before_it(tmp_path, fixtures_dir):
    path = tmp_path / "old"
    Workspace.init(path).close()
    conn = sqlite3.connect(path / "review.db")     # as it was before m019: drop the column, forget m019
    conn.execute("ALTER TABLE import_metadata DROP COLUMN strategy_version_id")
    conn.execute("DELETE FROM schema_migrations WHERE version = 19")
    conn.commit()
    conn.close()
    ws = Workspace.open(path)
    try:
        assert 19 in {r[0] for r in ws.db.execute("SELECT version FROM schema_migrations")}
        assert max(m.version for m in all_migrations()) >= 19
        import_exports(ws, [fixtures_dir / CINAHL], metadata={"strategy": V1})
        assert list_imports(ws)[0]["strategy_version"] is None
        assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        ws.close()
