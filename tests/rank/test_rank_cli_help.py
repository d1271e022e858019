"""Command summaries are one paragraph without hard line breaks: rich help keeps a docstring's line
breaks, so a summary wrapped in the source showed as a line broken mid-sentence in `--help`."""

from __future__ import annotations

import typer

from screener.cli.main import app


def _commands(group, prefix=""):
    for name, command in getattr(group, "commands", {}).items():
        yield f"{prefix}{name}", command
        yield from _commands(command, f"{prefix}{name} ")


def test_summaries_of_rank_screening_and_web_commands_have_no_line_breaks():
    root = typer.main.get_command(app)
    ours = {"rank", "rank simulate", "rank presets", "rank estimate", "rank prior", "next", "vote", "conflicts",
            "resolve", "progress", "fulltext", "reviewers", "reviewers add", "reviewers token", "reviewers list",
            "reviewers link", "serve"}
    seen = {}
    for name, command in _commands(root):
        if name in ours:
            seen[name] = (command.help or "").strip().split("\n\n")[0]
    assert set(seen) == ours
    broken = {name: summary for name, summary in seen.items() if "\n" in summary}
    assert broken == {}
    assert seen["rank simulate"] == ("Replay a labelled set through the ranker and report how early it found "
                                     "the relevant records.")
