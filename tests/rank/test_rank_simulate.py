"""Simulation: exact metrics on the synthetic set (fixed seed), bad input, the CLI."""

from __future__ import annotations

import json

import pytest

from screener.cli.main import run
from screener.errors import RankerError
from screener.rank.dataset import load_labelled_csv
from screener.rank.simulate import metrics, simulate, simulate_labelled


@pytest.fixture(scope="module")
def synthetic(fixtures_dir):
    return fixtures_dir / "rank" / "synthetic_screening.csv"


def test_metrics_by_hand():
    # relevant at positions 1, 2, 5, 10 of N = 20: 95% of 4 needs all 4 → n95 = 10
    m = metrics([10, 1, 5, 2], n=20, r=4)
    assert m == {"wss95": 45.0, "recall_at_10": 50.0, "atd": 22.5,
                 "screened_for_95": 10, "screened_for_all": 10}
    # with 40 relevant, 95% is 38: the 38th position counts
    positions = list(range(1, 39)) + [90, 100]
    assert metrics(positions, n=100, r=40)["screened_for_95"] == 38
    assert metrics(positions, n=100, r=40)["wss95"] == 57.0


def test_simulation_exact_elas_u4(synthetic):
    result = simulate(synthetic, preset="elas-u4", seed=3, prior_ids=["1001", "1004"])
    assert (result.records, result.relevant) == (118, 12)
    assert result.relevant_positions == EXPECTED_ELAS_POSITIONS
    assert (result.wss95, result.recall_at_10, result.atd) == EXPECTED_ELAS_METRICS
    assert (result.stop_screened, result.stop_recall) == EXPECTED_ELAS_STOP


def test_simulation_exact_word(synthetic):
    result = simulate(synthetic, preset="word", seed=3, prior_ids=["1001", "1004"])
    assert result.relevant_positions == EXPECTED_DEFAULT_POSITIONS
    assert (result.wss95, result.recall_at_10, result.atd) == EXPECTED_DEFAULT_METRICS


def test_simulation_exact_word_prefix(synthetic):
    result = simulate(synthetic, preset="word-prefix", seed=3, prior_ids=["1001", "1004"])
    assert result.config["members"][0]["features"] == [
        "tfidf-prefix", {"fields": ["title", "abstract"], "ngram_range": [1, 2], "sublinear_tf": True,
                         "min_df": 1, "max_df": 0.95, "prefix": 8}]
    # the synthetic set's words are short: the same order as word features
    assert result.relevant_positions == [2, 3, 4, 5, 7, 10, 11, 12, 13, 15, 17, 20]
    assert (result.wss95, result.recall_at_10, result.atd, result.stop_screened) == (78.05, 66.67, 8.4, 114)


def test_default_preset_is_ensemble(synthetic):
    default = simulate(synthetic, preset="default", seed=3, prior_ids=["1001", "1004"])
    ensemble = simulate(synthetic, preset="ensemble", seed=3, prior_ids=["1001", "1004"])
    assert {k: v for k, v in default.config.items() if k not in ("preset", "description")} == \
        {k: v for k, v in ensemble.config.items() if k not in ("preset", "description")}
    assert default.relevant_positions == ensemble.relevant_positions


@pytest.mark.parametrize("preset, features", [
    ("ensemble-lite", ["tfidf", "tfidf-prefix"]),
    ("ensemble", ["tfidf", "tfidf-prefix", "tfidf-views"])])
def test_ensembles_fuse_their_members(synthetic, preset, features):
    result = simulate(synthetic, preset=preset, seed=3, prior_ids=["1001", "1004"])
    members = [m["features"] for m in result.config["members"]]
    assert [name for name, _ in members] == features
    assert members[1][1]["prefix"] == 8
    if len(members) == 3:
        assert members[2][1]["views"] == [["tfidf", {}], ["tfidf-prefix", {"prefix": 8}]]
    assert result.config["fusion"][0] == "rrf"
    assert len(result.relevant_positions) == result.relevant == 12
    assert result.stop_recall is not None and result.stop_recall >= 95.0
    # On this set the members agree on what is relevant: the fused order is no worse than the
    # word member alone.
    word = simulate(synthetic, preset="word", seed=3, prior_ids=["1001", "1004"])
    assert result.wss95 >= word.wss95 - 1.0


def test_simulation_is_reproducible_and_seed_matters(synthetic):
    data = load_labelled_csv(synthetic)
    a = simulate_labelled(data, preset="elas-u4", seed=5)
    b = simulate_labelled(data, preset="elas-u4", seed=5)
    c = simulate_labelled(data, preset="elas-u4", seed=6)
    assert a.relevant_positions == b.relevant_positions
    assert a.relevant_positions != c.relevant_positions   # cold start differs with the seed
    assert a.prior_ids == [] and a.records == 120 and a.relevant == 12


def test_priors_are_not_counted_as_screened(synthetic):
    data = load_labelled_csv(synthetic)
    relevant_id = data.record_ids[data.labels.index(1)]
    result = simulate_labelled(data, preset="elas-u4", seed=1, prior_ids=[relevant_id, "1001"])
    assert result.records == 118 and result.relevant == 11
    assert len(result.relevant_positions) == 11 and max(result.relevant_positions) <= 118


EXPECTED_ELAS_POSITIONS = [2, 3, 4, 5, 7, 10, 11, 12, 13, 15, 17, 20]
EXPECTED_ELAS_METRICS = (78.05, 66.67, 8.4)
EXPECTED_ELAS_STOP = (114, 100.0)
EXPECTED_DEFAULT_POSITIONS = [2, 3, 4, 5, 7, 10, 11, 12, 13, 15, 17, 20]
EXPECTED_DEFAULT_METRICS = (78.05, 66.67, 8.4)


# ---- bad input ----------------------------------------------------------------------------------

def _write(tmp_path, text, name="set.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_label_column(tmp_path):
    path = _write(tmp_path, "record_id,title,abstract\n1,a,b\n")
    with pytest.raises(RankerError, match=r"no label_included column \(found: record_id, title, abstract\)"):
        simulate(path, preset="elas-u4")


def test_no_include(tmp_path):
    path = _write(tmp_path, "record_id,title,abstract,label_included\n1,a,b,0\n2,c,d,0\n")
    with pytest.raises(RankerError, match=r"no included record \(label_included = 1\)"):
        simulate(path, preset="elas-u4")


def test_bad_label_value_names_the_line(tmp_path):
    path = _write(tmp_path, "record_id,title,abstract,label_included\n1,a,b,1\n2,c,d,maybe\n")
    with pytest.raises(RankerError, match=r"row 3, column label_included: 'maybe' is not a label"):
        simulate(path, preset="elas-u4")


def test_unknown_preset_lists_valid_names(synthetic):
    with pytest.raises(RankerError, match=r"unknown preset 'best'; valid presets: default, elas-u4"):
        simulate(synthetic, preset="best")


def test_prior_ids_not_in_file(synthetic):
    with pytest.raises(RankerError, match=r"prior id\(s\) 77, 78 not in the file's record_id column"):
        simulate(synthetic, preset="elas-u4", prior_ids=["1001", "77", "78"])


def test_missing_file(tmp_path):
    with pytest.raises(RankerError, match="no such file"):
        simulate(tmp_path / "nope.csv", preset="elas-u4")


# ---- command line -------------------------------------------------------------------------------

def test_cli_simulate_json(synthetic, capsys):
    code = run(["rank", "simulate", str(synthetic), "--seed", "3", "--prior-ids", "1001,1004",
                "--preset", "elas-u4", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["wss95"], out["recall_at_10"], out["atd"]) == EXPECTED_ELAS_METRICS
    assert out["config"]["members"][0]["classifier"][0] == "svm"


def test_cli_simulate_text(synthetic, capsys):
    assert run(["rank", "simulate", str(synthetic), "--seed", "3", "--preset", "elas-u4"]) == 0
    out = capsys.readouterr().out
    assert "WSS@95" in out and "recall@10%" in out and "stopper (buscar) said stop" in out


@pytest.mark.parametrize("argv, message, code", [
    # a name not among the presets or components is a value not allowed: a usage error, exit 2, as
    # `--to pubmd` or `--stage ta` (it was exit 1)
    (["--preset", "nope"], "error: unknown preset 'nope'; valid presets: default, elas-u4", 2),
    (["--classifier", "forest"], "error: unknown classifier component 'forest'; valid classifier "
                                 "components: logistic, nb, svm", 2),
    (["--stopper", "knee"], "error: unknown stopper component 'knee'; valid stopper components: "
                            "buscar, consecutive-irrelevant, none", 2),
    (["--prior-ids", "1"], "error: ", 1),
])
def test_cli_errors_are_one_line(synthetic, capsys, argv, message, code):
    assert run(["rank", "simulate", str(synthetic), *argv]) == code
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_cli_presets(capsys):
    assert run(["rank", "presets", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "default" in out["presets"] and out["components"]["stopper"] == [
        "buscar", "consecutive-irrelevant", "none"]


def test_label_delay_zero_is_the_plain_simulation_and_a_delay_learns_later(synthetic):
    # Blind dual screening (benchmarks/rank_lodo.py blind): the ranker sees a label only once
    # `label_delay` more records have been screened after it.
    data = load_labelled_csv(synthetic)
    plain = simulate_labelled(data, preset="word", seed=3, prior_ids=["1001", "1004"])
    zero = simulate_labelled(data, preset="word", seed=3, prior_ids=["1001", "1004"], label_delay=0)
    assert zero.relevant_positions == plain.relevant_positions and zero.retrains == plain.retrains
    late = simulate_labelled(data, preset="word", seed=3, prior_ids=["1001", "1004"], label_delay=30)
    assert len(late.relevant_positions) == plain.relevant == late.relevant    # every relevant found
    # the first relevant record is found by chance alike, but the model that would follow it up
    # learns of it 30 records later: relevant records come later
    assert late.relevant_positions[0] == plain.relevant_positions[0]
    assert late.atd > plain.atd and late.relevant_positions[3] > plain.relevant_positions[3]
    # the stopper still reads every screened label, so it stops as it would on that order
    assert late.stop_screened is not None
