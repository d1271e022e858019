"""A value typer cannot take (a role that is not one, a word where a number goes, a port out of
range) is one line in the project's words, naming the option and what to give, exit 2 — not
typer's usage block with pydantic's "Value error, ..." / "Input should be a valid integer"."""

from __future__ import annotations

import pytest

from screener.cli.main import run


@pytest.fixture()
def no_server(monkeypatch):
    calls = []
    import screener.web.server as server
    monkeypatch.setattr(server, "serve", lambda *a, **k: calls.append((a, k)))
    return calls


@pytest.mark.parametrize("args, line", [
    (["reviewers", "add", "{ws}", "KS", "--role", "arbitre"],
     "error: --role 'arbitre': use one of screener, arbiter, owner, searcher (did you mean 'arbiter'?)"),
    (["reviewers", "add", "{ws}", "KS", "--role", "boss"],
     "error: --role 'boss': use one of screener, arbiter, owner, searcher"),
    (["vote", "{ws}", "1", "no", "--as", "FT", "--stage", "title_abstract"],
     "error: VOTE 'no': use one of include, exclude, maybe, retract"),
    (["vote", "{ws}", "abc", "include", "--as", "FT", "--stage", "title_abstract"],
     "error: STUDY 'abc': give a whole number"),
    # an argument is named as the usage line and the README name it: 'import_id' leaked the code's name
    (["imports", "relabel", "{ws}", "x", "--database", "Embase"], "error: ID 'x': give a whole number"),
    (["pairs", "decide", "{ws}", "one", "same"], "error: PAIR 'one': give a whole number"),
    (["next", "{ws}", "--as", "FT", "--stage", "title_abstract", "--lease-minutes", "abc"],
     "error: --lease-minutes 'abc': give a number"),
    (["serve", "{ws}", "--lease-minutes", "abc"], "error: --lease-minutes 'abc': give a number from 0 to 10080"),
    (["serve", "{ws}", "--lease-minutes", "nan"], "error: --lease-minutes 'nan': give a number from 0 to 10080"),
    (["serve", "{ws}", "--lease-minutes", "-1"], "error: --lease-minutes -1: out of range; give a number from 0 to 10080"),
    (["serve", "{ws}", "--port", "99999"], "error: --port 99999: out of range; give a whole number from 0 to 65535"),
    (["serve", "{ws}", "--threads", "0"], "error: --threads 0: out of range; give a whole number from 1 to 256"),
    (["serve", "{ws}", "--threads", "x"], "error: --threads 'x': give a whole number from 1 to 256"),
    (["rank", "simulate", "x.csv", "--seed", "1.5"], "error: --seed '1.5': give a whole number"),
])
def test_a_bad_value_is_one_line(workspace, no_server, capsys, args, line):
    args = [a.replace("{ws}", str(workspace.path)) for a in args]
    assert run(args) == 2
    captured = capsys.readouterr()
    assert captured.err == line + "\n"
    assert captured.out == ""
    assert no_server == []


def test_other_usage_errors_keep_the_usage_line(workspace, capsys):
    # a missing option is not a bad value: the usage line shows what the command takes (in the one
    # line: test_cli_usage_one_line)
    assert run(["next", str(workspace.path), "--as", "FT"]) == 2
    err = capsys.readouterr().err
    assert err == ("error: screener next: --stage STAGE is missing; usage: screener next [OPTIONS] DIR "
                   "(see `screener next --help`)\n")


def test_choices_are_taken_in_any_case(workspace, capsys):
    """'Exclude' (a capital from a sentence, or caps lock) was refused; `pairs decide` and
    `export --format` already took any case."""
    from screener.records import read_file
    from screener.workspace.reviewers import list_reviewers

    export = workspace.path.parent / "one.ris"
    export.write_text("TY  - JOUR\nTI  - Living with chronic pain\nER  - \n", encoding="utf-8")
    with workspace.transaction():
        workspace.add_source_records(read_file(export).records)
    ws = str(workspace.path)
    assert run(["reviewers", "add", ws, "KS", "--role", "Arbiter"]) == 0
    assert run(["reviewers", "add", ws, "FT"]) == 0
    assert {r.name: r.role for r in list_reviewers(workspace)} == {"KS": "arbiter", "FT": "screener"}
    capsys.readouterr()
    assert run(["vote", ws, "1", "Exclude", "--as", "FT", "--stage", "title_abstract"]) == 0
    assert capsys.readouterr().out.startswith("Study 1 at title_abstract: FT exclude;")
    assert run(["vote", ws, "1", "INCLUDE", "--as", "FT", "--stage", "title_abstract"]) == 0
    assert capsys.readouterr().out.startswith("Study 1 at title_abstract: FT include;")


def test_every_choice_of_the_command_line_takes_any_case():
    import typer

    from screener.cli.main import app

    def params(command):
        for sub in getattr(command, "commands", {}).values():
            yield from params(sub)
        for param in command.params:
            yield command.name, param

    choices = [(name, p.name) for name, p in params(typer.main.get_command(app))
               if getattr(p, "type_descriptor", None) is not None and p.type_descriptor.is_choice]
    assert ("vote", "vote") in choices and ("resolve", "decision") in choices and ("add", "role") in choices
    assert [(name, p.name) for name, p in params(typer.main.get_command(app))
            if (name, p.name) in choices and p.type_descriptor.case_sensitive] == []
