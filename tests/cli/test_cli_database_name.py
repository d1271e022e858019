"""`import --database` with a database name misspelt ('PsychInfo') was taken as a new database:
PRISMA and the PRISMA-S table then counted 'PsychInfo' beside 'PsycINFO'. The import still goes
ahead (the name is the user's), with a note naming the name meant and how to correct it."""

from __future__ import annotations

from screener.cli.main import run

RIS = "TY  - JOUR\nTI  - Living with chronic pain\nER  - \n"


def _import(workspace, tmp_path, capsys, database, name="one.ris"):
    export = tmp_path / name
    # each file its own record: the same record again is refused as imported before (repeats.py)
    export.write_text(RIS.replace("chronic pain", f"chronic pain ({name})"), encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(workspace.path), str(export), "--database", database]) == 0
    return capsys.readouterr().out


def test_a_misspelt_database_is_named(workspace, tmp_path, capsys):
    out = _import(workspace, tmp_path, capsys, "PsychInfo")
    assert (f"note: one.ris: 'PsychInfo' is not a database name screener knows (did you mean 'PsycINFO'?); "
            f"records count under the name given: if it was a slip, "
            f"`screener imports relabel {workspace.path} 1 --database NAME`\n") in out


def test_known_and_unknown_names_say_nothing(workspace, tmp_path, capsys):
    for i, name in enumerate(("cinahl", "Embase", "PsycINFO", "MEDLINE", "Google Scholar", "ProQuest Dissertations")):
        out = _import(workspace, tmp_path, capsys, name, name=f"f{i}.ris")
        assert "screener knows" not in out, out


def test_a_dry_run_says_to_give_the_name_again(workspace, tmp_path, capsys):
    export = tmp_path / "one.ris"
    export.write_text(RIS, encoding="utf-8")
    assert run(["import", str(workspace.path), str(export), "--database", "Psych Info", "--dry-run"]) == 0
    assert ("note: one.ris: 'Psych Info' is not a database name screener knows (did you mean 'PsycINFO'?); "
            "records count under the name given: if it was a slip, give the name meant with --database\n"
            ) in capsys.readouterr().out
