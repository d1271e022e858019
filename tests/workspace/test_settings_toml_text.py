"""review.toml written by `init` and by the settings page holds any text exactly (found attacking
issue 21's fixes): a title with ESC or a line break, or inclusion criteria with a backslash
("C:\\protocols", a regular expression), made a review.toml that could not be read back — the
workspace was created and then refused by every command ("invalid TOML")."""

from __future__ import annotations

import pytest

from screener.workspace.settings import Settings, render_toml

TEXTS = ["Pain\x1b[2J\x07 review", "two\nlines", "tab\there", "back\\slash \\d+", 'quote " and """ triple',
         "cr\ronly", "\u202eright-to-left", "ends with a quote\"", 'ends with two ""', 'ends with three """',
         "ends with a backslash\\", "nul\x00", "del\x7f"]


@pytest.mark.parametrize("text", TEXTS)
def test_render_toml_round_trips_any_text(text, tmp_path):
    from screener.workspace.settings import load_settings

    settings = Settings(title=text, inclusion_criteria=text, exclusion_reasons=[text], labels=[text],
                        highlight_include=[text])
    (tmp_path / "review.toml").write_text(render_toml(settings), encoding="utf-8")
    back = load_settings(tmp_path / "review.toml")
    assert back.title == text
    assert back.inclusion_criteria.rstrip("\n") == text.rstrip("\n") or back.inclusion_criteria == text
    assert back.exclusion_reasons == [text] and back.labels == [text] and back.highlight_include == [text]


def test_init_with_a_title_holding_escapes_makes_a_usable_workspace(tmp_path):
    from screener import Workspace

    Workspace.init(tmp_path / "r", title="Pain\x1b[2J\x07").close()
    with Workspace.open(tmp_path / "r") as ws:
        assert ws.settings.title == "Pain\x1b[2J\x07"
