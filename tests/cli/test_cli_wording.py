"""Wording from a user's review of the command line: help names each value (--stage STAGE, not
--stage <str>), errors name the option typed (--searched-on, not searched_on), counts agree with
their noun (1 record, 2 records)."""

from __future__ import annotations

import re

import pytest
import typer

from screener.cli.common import name_values
from screener.cli.main import app, run
from screener.output import counted


def _commands(command, path=()):
    subs = getattr(command, "commands", None)
    if subs:
        for name, sub in subs.items():
            yield from _commands(sub, path + (name,))
    else:
        yield path, command


COMMANDS = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_help_names_every_value(path, capsys):
    assert run([*path, "--help"]) == 0
    text = capsys.readouterr().out
    assert not re.search(r"<(str|int|float|path)>", text), text
    for line in text.splitlines():                      # '  --stage STAGE   The stage: ...'
        option = re.match(r"\s+(--[a-z-]+) (\S+)", line)
        if option and not option.group(2).startswith("/"):
            assert re.fullmatch(r"[A-Z][A-Z.=|_-]*|<[a-z_|-]+>|YYYY-MM-DD", option.group(2)), line


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_the_usage_line_names_every_argument_in_capitals(path, capsys):
    """'Usage: screener vote [OPTIONS] {DIR} {STUDY} {vote}': a choice argument kept its Python
    name beside the others' capitals (and 'Missing argument 'vote''); now {VOTE}, as the
    README writes it."""
    assert run([*path, "--help"]) == 0
    usage = capsys.readouterr().out.splitlines()[0]
    assert usage.startswith("Usage: screener"), usage
    for word in re.findall(r"[{\[]([^]}]+)[]}]", usage):
        assert word == word.upper(), usage


@pytest.mark.parametrize("path, usage", [
    (("import",), "Usage: screener import [OPTIONS] DIR FILE..."),
    (("vote",), "Usage: screener vote [OPTIONS] DIR STUDY VOTE"),
    (("fulltext",), "Usage: screener fulltext [OPTIONS] DIR STUDY [FILE|URL]"),
    (("serve",), "Usage: screener serve [OPTIONS] [DIR]"),
    (("query", "check"), "Usage: screener query check [OPTIONS] FILE"),
    (("rank", "simulate"), "Usage: screener rank simulate [OPTIONS] FILE"),
])
def test_the_usage_line_reads_as_the_readme_writes_the_command(path, usage, capsys):
    """typer 0.29 put every required argument in braces ('Usage: screener import [OPTIONS] {DIR}
    {FILE}...'), which the README never writes and a reader takes for something to type (or, as in
    argparse's '{a,b}', a choice); a required argument is now its name, an optional one in brackets."""
    assert run([*path, "--help"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == usage


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_no_usage_line_has_braces(path, capsys):
    assert run([*path, "--help"]) == 0
    usage = capsys.readouterr().out.splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage


@pytest.mark.parametrize("path, words", [
    (("serve",), ["[default: 8000; from 0 to 65535]", "[default: 8; from 1 to 256]"]),
    (("query", "run"), ["[default: 20; 0 or more]"]),
])
def test_a_number_range_in_help_is_in_words(path, words, capsys):
    """'--port PORT ... [default: 8000; 0<=x<=65535]': a programmer's inequality on an unnamed x; now
    'from 0 to 65535' ('0 or more' with no upper bound)."""
    assert run([*path, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    for said in words:
        assert said in text, text


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_no_help_writes_a_range_as_an_inequality(path, capsys):
    assert run([*path, "--help"]) == 0
    assert not re.search(r"[<>]=?x|x[<>]=?", capsys.readouterr().out)


def test_every_option_with_a_value_has_a_name_of_its_own():
    """Named in the table (or by the command), not by the fallback on its kind, so that a new option
    gets a name chosen for it."""
    from screener.cli.common import OPTION_VALUES, value_kind

    for path, command in _commands(name_values(typer.main.get_command(app))):
        for param in command.params:
            if param.param_type_name == "option" and not (param.is_flag or param.count) and value_kind(param) != "choice":
                assert param.metavar, (path, param.opts)
                named_here = max(param.opts, key=len) in OPTION_VALUES
                assert named_here or param.metavar in ("FILE", "ID", "DIR", "ROOT"), (path, param.opts, param.metavar)


def test_an_import_field_is_named_as_the_option(tmp_path, capsys):
    directory = tmp_path / "review"
    run(["init", str(directory)])
    export = tmp_path / "one.ris"
    export.write_text("TY  - JOUR\nTI  - One record only\nER  - \n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(directory), str(export), "--searched-on", "1/2/2026"]) == 2
    assert capsys.readouterr().err == ("error: --searched-on '1/2/2026': write the date searched as YYYY-MM-DD, "
                                       "e.g. 2026-11-30\n")
    assert run(["import", str(directory), str(export), "--database", "PubMed"]) == 0
    out = capsys.readouterr().out
    assert f"{export}: 1 record imported (RIS, utf-8, database PubMed); 0 warnings\n" in out
    assert "Imported 1 record from 1 file.\n" in out
    assert run(["imports", "relabel", str(directory), "1", "--searched-on", "2999-01-01"]) == 2
    assert capsys.readouterr().err == ("error: --searched-on 2999-01-01 is in the future; give the day the search "
                                       "was run\n")
    assert run(["imports", "list", str(directory)]) == 0
    listed = capsys.readouterr().out      # nothing written: still no date searched, the import date said so
    assert "import 1: one.ris — 1 record as PubMed (imported " in listed
    assert ", date searched not given); no strategy recorded" in listed
    assert run(["dedupe", str(directory)]) == 0
    assert capsys.readouterr().out.startswith("No duplicates among the 1 source record: 1 study; nothing changed.\n")
    assert run(["status", str(directory)]) == 0
    assert "  title_abstract: 0 votes; outcomes" in capsys.readouterr().out


def test_a_relabel_names_each_field_in_words(tmp_path, capsys):
    """'Import 1: searched_on (none) → '2026-11-29'; strategy_file (none) → ...': the answer named
    the fields as the database does; the user typed --searched-on and --strategy."""
    directory = tmp_path / "review"
    run(["init", str(directory)])
    export, strategy = tmp_path / "one.ris", tmp_path / "medline.txt"
    export.write_text("TY  - JOUR\nTI  - One record only\nER  - \n", encoding="utf-8")
    strategy.write_text("1 pain.ti.\n", encoding="utf-8")
    assert run(["import", str(directory), str(export), "--database", "PubMed"]) == 0
    capsys.readouterr()
    assert run(["imports", "relabel", str(directory), "1", "--searched-on", "2026-11-29", "--strategy",
                str(strategy)]) == 0
    assert capsys.readouterr().out == ("Import 1: date searched (none) → '2026-11-29'; strategy (none) → 1 line; "
                                       "strategy file (none) → 'medline.txt'.\n")


@pytest.mark.parametrize("n, text", [(0, "0 studies"), (1, "1 study"), (2, "2 studies")])
def test_counted(n, text):
    assert counted(n, "study", "studies") == text


def test_vote_help_says_when_a_vote_can_still_change(tmp_path, capsys):
    """A vote freezes once every vote the stage needs is in (the arbiter decides from there), not
    when the study is decided: help that said 'until the study is decided' promised a change the
    command then refuses."""
    assert run(["vote", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "until every vote the stage needs is in" in text
    assert "until the study is decided" not in text



def test_query_validate_counts_skipped_rows_with_their_noun(tmp_path, capsys):
    (tmp_path / "s.ovid").write_text("1 pain.ti,ab.\n")
    (tmp_path / "key.txt").write_text("12345678\nnot-an-identifier\n")
    (tmp_path / "r.ris").write_text("TY  - JOUR\nTI  - Pain\nAN  - 12345678\nDB  - PubMed\nER  - \n")
    assert run(["query", "validate", str(tmp_path / "s.ovid"), "--known", str(tmp_path / "key.txt"),
                "--records", str(tmp_path / "r.ris")]) == 0
    assert "(1 row without PMID, DOI or title skipped)" in capsys.readouterr().out


def test_an_unknown_strategy_version_reads_without_nested_parentheses(tmp_path, capsys):
    (tmp_path / "r.ris").write_text("TY  - JOUR\nTI  - Pain\nER  - \n")
    assert run(["init", str(tmp_path / "review")]) == 0
    assert run(["import", str(tmp_path / "review"), str(tmp_path / "r.ris"), "--strategy-version", "x v1"]) == 1
    err = capsys.readouterr().err
    assert "(no strategy is saved yet: the workbench saves them)" in err and "))" not in err


def test_an_unknown_prior_study_points_to_where_the_numbers_are(tmp_path, capsys):
    """'no study 99 in this workspace (merged away or never imported); see `screener status`': status
    lists no study numbers. The audit export does (its study column)."""
    directory = tmp_path / "review"
    run(["init", str(directory)])
    capsys.readouterr()
    assert run(["rank", "prior", str(directory), "99"]) == 1
    assert capsys.readouterr().err == ("error: no study 99 in this workspace (merged away or never imported); "
                                       f"`screener export {directory} --format csv` lists every study by its "
                                       "number\n")
