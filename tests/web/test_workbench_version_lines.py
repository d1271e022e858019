"""A saved version's line count, as the workbench's Saved versions table and the import form's
'Strategy as run' menu show it: the strategy's own lines (Toye 2017's Table 1: 50), not the lines of
text around them (its 44 comment and blank lines, and the newline ending the file)."""

from __future__ import annotations

from test_workbench_browser import TOYE

from screener.workspace.reviewers import add_reviewer


def test_a_saved_version_counts_the_strategy_lines_not_its_comments(app, review):
    ws, studies, tokens = review
    token = add_reviewer(ws, "sam", "searcher")[1]
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    text = TOYE.read_text(encoding="utf-8")
    assert text.count("\n") + 1 == 95                  # what the table said before: 95 lines
    saved = client.post("/api/strategies", headers=auth, json={"name": "MEDLINE main", "text": text})
    assert saved.status_code == 201, saved.get_json()
    strategy = saved.get_json()["strategy_id"]
    answer = client.get(f"/api/strategies/{strategy}", headers=auth)
    assert [v["lines"] for v in answer.get_json()["versions"]] == [50]
    short = client.post("/api/strategies", headers=auth, json={"name": "short", "text": "1 pain.ti,ab.\n2 ethno.ti.\n"})
    assert short.get_json()["lines"] == 2               # before: 3 (the final newline counted as a line)
