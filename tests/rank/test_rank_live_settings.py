"""The live queue with a ranker seed review.toml accepts but numpy does not (a negative whole
number). Before: the queue served the cold-start shuffle, then — once the review had an include
and an exclude — `screener next` ended in a Python traceback (ValueError: expected non-negative
integer) and the web's queue failed with it. Now review.toml's loader refuses the seed, in one line
naming review.toml, its line and what to give, as it refuses every other bad setting: the review does
not open (the command line) and the web app shows the settings error, before any order is served."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.errors import SettingsError
from screener.records.model import Record
from screener.workspace import Workspace

NOW = "2026-01-01T00:00:00Z"


@pytest.fixture()
def negative_seed(workspace):
    with workspace.transaction():
        workspace.add_source_records([Record(title=f"Study {i} of exercise" if i % 2 else f"Soil survey {i}",
                                             abstract="invented", database="test", format="csv", raw="")
                                      for i in range(1, 31)])
        workspace.db.execute("INSERT INTO reviewers (name, role, created_at) VALUES ('ann', 'screener', ?)",
                             (NOW,))
    settings = workspace.path / "review.toml"
    text = settings.read_text(encoding="utf-8")
    assert "\nseed = 0\n" in text
    settings.write_text(text.replace("blind = true", "blind = false").replace("\nseed = 0\n", "\nseed = -1\n"),
                        encoding="utf-8")
    return workspace


def test_a_negative_seed_is_one_line_naming_review_toml(negative_seed, capsys):
    ws = negative_seed
    line = ws.path.joinpath("review.toml").read_text(encoding="utf-8").split("\n").index("seed = -1") + 1
    message = (f"{ws.path / 'review.toml'}:{line}: key 'ranker.seed' must be a whole number from 0 to 4294967295, "
               f"not -1")
    with pytest.raises(SettingsError) as loaded:
        ws.reload_settings()
    assert str(loaded.value) == message
    with pytest.raises(SettingsError):
        Workspace.open(ws.path)
    code = run(["next", str(ws.path), "--as", "ann", "--stage", "title_abstract"])
    captured = capsys.readouterr()
    assert code == SettingsError.exit_code and captured.err == f"error: {message}\n"
