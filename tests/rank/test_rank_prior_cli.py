"""`screener rank prior`: list the priors in force, withdraw only what is there, plain counts."""

from __future__ import annotations

import json

from screener.cli.main import run
from screener.records.model import Record


def _studies(ws, n=4):
    with ws.transaction():
        ws.add_source_records([Record(title=f"Study {i}", abstract=f"Abstract {i}", database="test")
                               for i in range(n)])
    return [r[0] for r in ws.db.execute("SELECT DISTINCT study_id FROM current_links ORDER BY study_id")]


def test_prior_lists_withdraws_and_counts(workspace, capsys):
    d = str(workspace.path)
    s = _studies(workspace)
    assert run(["rank", "prior", d]) == 0
    assert capsys.readouterr().out == "No priors at title_abstract; add some with `screener rank prior DIR STUDY...`.\n"
    assert run(["rank", "prior", d, str(s[0]), str(s[0])]) == 0
    assert capsys.readouterr().out == "1 study marked relevant at title_abstract; 1 prior in force\n"
    assert run(["rank", "prior", d, str(s[1]), "--irrelevant"]) == 0
    capsys.readouterr()
    assert run(["rank", "prior", d]) == 0
    assert capsys.readouterr().out == (f"Priors at title_abstract:\n  study {s[0]}: relevant\n"
                                       f"  study {s[1]}: irrelevant\n")
    assert run(["rank", "prior", d, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "stage": "title_abstract", "priors": [{"study": s[0], "prior": "relevant"},
                                              {"study": s[1], "prior": "irrelevant"}]}
    rows = workspace.db.execute("SELECT count(*) FROM ranker_priors").fetchone()[0]
    assert run(["rank", "prior", d, str(s[2]), "--withdraw"]) == 1
    assert capsys.readouterr().err == (f"error: study {s[2]} has no prior at title_abstract to withdraw "
                                       f"(priors in force: {s[0]}, {s[1]})\n")
    assert workspace.db.execute("SELECT count(*) FROM ranker_priors").fetchone()[0] == rows
    assert run(["rank", "prior", d, str(s[0]), "--withdraw"]) == 0
    assert capsys.readouterr().out == "1 study withdrawn as a prior at title_abstract; 1 prior in force\n"
    assert run(["rank", "prior", d, "--stage", "nope"]) == 2
    assert "--stage 'nope' is not a stage" in capsys.readouterr().err


def test_a_merged_away_study_names_the_study_to_give_instead(workspace, capsys):
    d = str(workspace.path)
    a, b = _studies(workspace, 2)
    record_b = workspace.db.execute("SELECT source_record_id FROM current_links WHERE study_id = ?", (b,)).fetchone()[0]
    with workspace.transaction() as conn:  # what dedupe does: move b's record into a
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind) VALUES ('t', ?, ?, 'merge')",
                     (record_b, a))
    assert run(["rank", "prior", d, str(b)]) == 1
    assert capsys.readouterr().err == (f"error: study {b} was merged into study {a} by deduplication; "
                                       f"give study {a} instead\n")
    assert workspace.db.execute("SELECT count(*) FROM ranker_priors").fetchone()[0] == 0


def test_estimate_text_counts_in_the_singular_too():
    from screener.cli.rank import _estimate_text

    text = _estimate_text({"stage": "title_abstract", "screened": 1, "relevant_found": 1, "recall_estimate": 0.5,
                           "recall_lower_bound": 0.1, "alpha": 0.05, "method": "buscar", "remaining": 1,
                           "stop": False, "recall_target": 0.95, "awaiting_second_vote": 1})
    assert text.splitlines() == ["title_abstract: 1 study screened, 1 relevant found",
                                 "  recall estimate 0.5; at least 0.1 with 95% confidence (buscar)",
                                 "  applies to 1 study without any vote",
                                 "  1 study still awaits a second vote"]
