"""`screener dedupe` / `pairs list` text: the next step names the workspace, and a record's
citation line shows only the parts it has."""

from __future__ import annotations

from screener.cli.dedup import _citation, _dedupe_text
from screener.cli.main import run


def _record(**kw):
    base = {"authors": [], "year": None, "journal": "", "volume": "", "issue": "", "pages": "", "doi": ""}
    return {**base, **kw}


def test_citation_shows_only_what_the_record_has():
    assert _citation(_record(authors=["Deng, X", "Taylor, J"], year=2021, doi="10.1/x")) == \
        "Deng, X; Taylor, J | 2021 | doi 10.1/x"
    assert _citation(_record(authors=list("abcd"), year=2004, journal="J Glob Inf", volume="7", issue="4",
                             pages="47-65")) == "a; b; c et al. | 2004 | J Glob Inf 7(4):47-65"
    assert _citation(_record(journal="BMJ Open", volume="7")) == "? | BMJ Open 7"
    assert _citation(_record(journal="BMJ Open", pages="e018411")) == "? | BMJ Open:e018411"
    # a record with none of them showed a lone '?' under its title in `pairs list`
    assert _citation(_record()) == "(no authors, year, journal or DOI in the record)"


def test_next_step_names_the_workspace():
    d = {"records": 3, "studies_before": 3, "studies_after": 3, "merged_pairs": 0, "records_moved": 0,
         "errata_joined": [], "queued_pairs": 1}
    assert _dedupe_text(d, "myreview").splitlines()[-1] == \
        "Next: `screener pairs list myreview` then `screener pairs decide myreview PAIR same|different`"


def test_pairs_list_on_a_real_workspace(workspace, fixtures_dir, capsys):
    assert run(["import", str(workspace.path), str(fixtures_dir / "dedup/special_cases.csv")]) == 0
    assert run(["dedupe", str(workspace.path)]) == 0
    out = capsys.readouterr().out
    assert f"Next: `screener pairs list {workspace.path}`" in out
    assert run(["pairs", "list", str(workspace.path), "--all"]) == 0
    listing = capsys.readouterr().out
    assert " |  (): |" not in listing and "():" not in listing
    assert "| Journal of Global Information Technology Managemen 7(4):47--65" in listing


def test_standalone_outputs_that_cannot_be_written_are_one_error_line(fixtures_dir, tmp_path, capsys):
    source = fixtures_dir / "dedup/special_cases.csv"
    missing = tmp_path / "nodir" / "groups.csv"
    assert run(["dedupe", str(source), "--groups-out", str(missing)]) == 2
    assert capsys.readouterr().err == f"error: --groups-out {missing}: directory {missing.parent} does not exist\n"
    assert run(["dedupe", str(source), "--groups-out", str(tmp_path / "g.csv"), "--pairs-out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: --pairs-out {tmp_path}: is a directory; give a file name\n"
    assert not (tmp_path / "g.csv").exists()


def test_workspace_and_files_mixed(workspace, fixtures_dir, capsys):
    source = fixtures_dir / "dedup/special_cases.csv"
    assert run(["dedupe", str(workspace.path), str(source)]) == 2
    assert capsys.readouterr().err == (f"error: {workspace.path} is a directory: give one workspace directory, "
                                       "or record files with --groups-out\n")


def test_standalone_output_without_permission(fixtures_dir, tmp_path, capsys, monkeypatch):
    """A groups file that cannot be written: one line, and the file there before is left whole."""
    import pathlib

    out = tmp_path / "g.csv"
    out.write_text("earlier groups\n", encoding="utf-8")

    def refuse(self, target):
        raise PermissionError(13, "Permission denied", str(target))
    monkeypatch.setattr(pathlib.Path, "replace", refuse)
    assert run(["dedupe", str(fixtures_dir / "dedup/special_cases.csv"), "--groups-out", str(out), "--force"]) == 2
    assert capsys.readouterr().err == f"error: --groups-out {out}: cannot write it (Permission denied)\n"
    assert out.read_text(encoding="utf-8") == "earlier groups\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv"]       # no temporary file left


def test_standalone_groups_name_a_record_without_id_once_by_its_file(tmp_path, fixtures_dir):
    # when IDs repeat across files every ID is qualified by its file; a record with no ID of its
    # own (already 'file:number') was qualified again: 'a.ris:a.ris:2'
    from screener.dedup.scorer import read_groups

    base = fixtures_dir / "records/ris/citation-file-formatting___baseline_"
    for name in ("a.ris", "b.ris"):                                                            # no IDs
        (tmp_path / name).write_bytes((base.parent / (base.name + "cinahl.ris")).read_bytes())
    for name in ("s1.ris", "s2.ris"):                                                          # the same IDs
        (tmp_path / name).write_bytes((base.parent / (base.name + "cochrane_endnote.ris")).read_bytes())
    out = tmp_path / "groups.csv"
    assert run(["dedupe", *(str(tmp_path / n) for n in ("a.ris", "b.ris", "s1.ris", "s2.ris")), "--groups-out", str(out)]) == 0
    ids = [i for g in read_groups(out) for i in g]
    assert any(i.startswith("a.ris:") for i in ids) and any(i.startswith("s2.ris:") for i in ids)
    assert [i for i in ids if i.count(".ris") != 1] == []
