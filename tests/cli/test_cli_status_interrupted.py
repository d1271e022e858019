"""`screener status` after a PubMed search was killed part-way (the terminal closed, the laptop
slept): it said 'searches: 1' like a finished one, with none of its records among the source
records and nothing to say why or what to do."""

from __future__ import annotations

import json

from screener.cli.main import run
from screener.workspace import Workspace


def test_status_names_a_search_that_did_not_finish(tmp_path, capsys):
    directory = tmp_path / "review"
    with Workspace.init(directory) as ws, ws.transaction() as conn:
        # the row a killed `screener search pubmed` leaves: listed, 2 of its records fetched, none imported
        search = conn.execute(
            "INSERT INTO searches (database, platform, started_at, strategy_text, strategy_file, query_sent,"
            " query_translation, count, warnings, tool_version, status)"
            " VALUES ('PubMed', 'NCBI E-utilities', '2026-12-07T21:00:00Z', 'pain', '', 'pain', 'pain', 1500, '[]',"
            " '0.1.0', 'incomplete')").lastrowid
        conn.execute("INSERT INTO pubmed_batches (id, search_id, at, requested, received, staged)"
                     " VALUES (1, ?, 'then', 2, 2, 2)", (search,))
        for pmid in ("1", "2"):
            conn.execute("INSERT INTO pubmed_staged_records (search_id, pmid, batch_id, record) VALUES (?, ?, 1, '{}')",
                         (search, pmid))
    assert run(["status", str(directory)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.strip().startswith("searches:"))
    assert "1 not finished" in line and f"search {search}" in line and "2 of 1500 records fetched" in line, out
    assert "run the same `screener search pubmed` again to resume" in line, out
    assert run(["status", str(directory), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unfinished_searches"] == [
        {"search": search, "count": 1500, "fetched": 2, "started_at": "2026-12-07T21:00:00Z"}]


def test_ctrl_c_during_a_pubmed_search_says_how_to_resume(tmp_path, capsys, monkeypatch):
    """Ctrl-C during `screener search pubmed` said 'Interrupted; nothing half-written (each step commits
    as a whole).' — true, but it left out what a searcher needs: the records fetched are kept and the
    same command resumes the search."""
    import screener.search as search

    directory = tmp_path / "review"
    Workspace.init(directory).close()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(search, "search_pubmed", interrupted)
    assert run(["search", "pubmed", str(directory), "--query", "pain", "--email", "me@example.org"]) == 130
    assert capsys.readouterr().err == (
        "Interrupted; nothing half-written (each step commits as a whole): the records fetched so far are kept; "
        "run the same command again to resume the search.\n")
