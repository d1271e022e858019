"""`dedupe FILE... --groups-out FILE` (and --pairs-out) and a file already there: the groups were
written over it without a word, where `export --out` and `report prisma --out` keep it unless
--force. Now the same: kept, with one line naming the option, the file and --force (exit 2, nothing
read or written); with --force replaced whole. A record file being read is never an output, --force
or not (it would be lost), and the two options cannot name the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run

RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris"
EMBASE = RIS / "citation-file-formatting___baseline_embase.ris"
ENDNOTE = RIS / "citation-file-formatting___baseline_endnote.ris"


@pytest.mark.parametrize("option", ["--groups-out", "--pairs-out"])
def test_a_file_already_there_is_kept_unless_force(tmp_path, capsys, option):
    kept = tmp_path / "kept.csv"
    kept.write_text("last week's groups, kept by hand\n", encoding="utf-8")
    other = tmp_path / ("pairs.csv" if option == "--groups-out" else "groups.csv")
    args = ["dedupe", str(EMBASE), str(ENDNOTE), option, str(kept)]
    args += ["--pairs-out" if option == "--groups-out" else "--groups-out", str(other)]
    assert run(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"error: {option} {kept}: the file is already there; give --force to replace it, "
                            f"or another {option} name\n")
    assert kept.read_text(encoding="utf-8") == "last week's groups, kept by hand\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv"]      # the other output not written either

    assert run(args + ["--force"]) == 0
    assert "kept by hand" not in kept.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["kept.csv", other.name])


def test_a_record_file_read_is_never_an_output_even_with_force(tmp_path, capsys):
    source = tmp_path / "embase.ris"
    source.write_bytes(EMBASE.read_bytes())
    assert run(["dedupe", str(source), str(ENDNOTE), "--groups-out", str(source), "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --groups-out {source}: that is one of the record files "
                                       "being read; give another --groups-out name\n")
    assert source.read_bytes() == EMBASE.read_bytes()


def test_groups_and_pairs_cannot_be_the_same_file(tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert run(["dedupe", str(EMBASE), "--groups-out", str(out), "--pairs-out", str(out)]) == 2
    assert capsys.readouterr().err == (f"error: --pairs-out {out}: the same file as --groups-out; the pairs "
                                       "would replace the groups; give another name\n")
    assert not out.exists()


def test_a_pairs_file_that_cannot_be_written_leaves_the_groups_file_as_it_was(tmp_path, capsys, monkeypatch):
    """The groups were renamed into place before the pairs were written: a pairs file that failed
    (a full disk, no permission) left last week's groups replaced and the pairs missing."""
    import pathlib

    groups, pairs = tmp_path / "groups.csv", tmp_path / "pairs.csv"
    groups.write_text("last week's groups\n", encoding="utf-8")
    write_text = pathlib.Path.write_text

    def refuse_pairs(self, *args, **kwargs):
        if self.name.startswith("pairs.csv"):
            raise OSError(28, "No space left on device", str(self))
        return write_text(self, *args, **kwargs)
    monkeypatch.setattr(pathlib.Path, "write_text", refuse_pairs)
    args = ["dedupe", str(EMBASE), str(ENDNOTE), "--groups-out", str(groups), "--pairs-out", str(pairs), "--force"]
    assert run(args) == 2
    assert capsys.readouterr().err == f"error: --pairs-out {pairs}: cannot write it (No space left on device)\n"
    assert groups.read_text(encoding="utf-8") == "last week's groups\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["groups.csv"]


def test_a_record_file_given_twice_is_refused(tmp_path, capsys, monkeypatch):
    """`dedupe a.ris a.ris` (overlapping globs: *.ris exports/*.ris from inside exports/) read the
    file twice and wrote every record as its own duplicate, 'a.ris:1;a.ris:1', counting '20
    records from 1 file'. `import` refuses the same file given twice; so does dedupe now."""
    out = tmp_path / "groups.csv"
    monkeypatch.chdir(EMBASE.parent)
    assert run(["dedupe", str(EMBASE), EMBASE.name, "--groups-out", str(out)]) == 2
    assert capsys.readouterr().err == (f"error: {EMBASE.name} is the same file as {EMBASE}; give each record "
                                       "file once\n")
    assert not out.exists()
