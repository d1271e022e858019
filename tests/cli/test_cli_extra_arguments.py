"""A word too many on the command line is almost always a value with spaces typed without quotes
(`--title My review`, `reviewers add DIR Fiona Taylor`) or several files after an option that takes
one (`query run S --records exports/*.ris`). click said "Got unexpected extra argument(s) (review)"
under its usage block; the user could not tell what to do. Now: one line saying which word, and
the command line to type instead. Exit 2, nothing done."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run


def test_an_option_value_with_spaces_names_the_quotes(tmp_path, capsys):
    directory = tmp_path / "rev"
    assert run(["init", str(directory), "--title", "Chronic", "pain", "QES"]) == 2
    assert capsys.readouterr().err == (
        "error: screener init: did not expect 'pain QES'; a value with spaces goes in quotes: "
        "--title \"Chronic pain QES\"\n")
    assert not directory.exists()


def test_an_argument_with_spaces_names_the_quotes(workspace, capsys):
    assert run(["reviewers", "add", str(workspace.path), "Fiona", "Taylor"]) == 2
    assert capsys.readouterr().err == (
        "error: screener reviewers add: did not expect 'Taylor'; a value with spaces goes in quotes: "
        "\"Fiona Taylor\"\n")
    assert workspace.db.execute("SELECT count(*) FROM reviewers").fetchone()[0] == 0


def test_several_files_after_an_option_that_takes_one_says_repeat_it(tmp_path, capsys):
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti.\n", encoding="utf-8")
    files = [str(tmp_path / name) for name in ("a.ris", "b.ris", "c.ris")]
    assert run(["query", "run", str(strategy), "--records", *files]) == 2
    assert capsys.readouterr().err == (
        f"error: screener query run: did not expect '{files[1]} {files[2]}'; --records takes one file "
        f"each time: repeat it (--records {files[0]} --records {files[1]} --records {files[2]})\n")


def test_a_word_too_many_before_options_is_still_one_line(tmp_path, capsys):
    directory = tmp_path / "rev"
    assert run(["init", str(directory), "extra", "--title", "T"]) == 2
    err = capsys.readouterr().err
    assert err == ("error: screener init: did not expect 'extra'; a value with spaces goes in quotes: "
                   f"\"{directory} extra\"\n")
    assert not Path(directory).exists()


def test_an_option_written_with_equals(tmp_path, capsys):
    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti.\n", encoding="utf-8")
    assert run(["query", "run", str(strategy), "--records=a.ris", "b.ris"]) == 2
    assert capsys.readouterr().err == ("error: screener query run: did not expect 'b.ris'; --records takes one "
                                       "file each time: repeat it (--records a.ris --records b.ris)\n")


def test_a_word_after_a_command_without_arguments(capsys):
    assert run(["query", "targets", "pubmed"]) == 2
    assert capsys.readouterr().err == ("error: screener query targets: did not expect 'pubmed'; see "
                                       "`screener query targets --help`\n")


def test_a_shell_pattern_of_many_files_is_still_one_short_line(tmp_path, capsys):
    import time

    strategy = tmp_path / "s.ovid"
    strategy.write_text("1 pain.ti.\n", encoding="utf-8")
    files = [f"exports/file{i:04d}.ris" for i in range(3000)]
    started = time.perf_counter()
    assert run(["query", "run", str(strategy), "--records", *files]) == 2
    assert time.perf_counter() - started < 5
    assert capsys.readouterr().err == (
        "error: screener query run: did not expect 'exports/file0001.ris exports/file0002.ris' and 2,997 more; "
        "--records takes one file each time: repeat it (--records exports/file0000.ris --records "
        "exports/file0001.ris …)\n")
