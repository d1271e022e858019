"""Full texts: files copied into the workspace, links, and reports not retrieved (PRISMA)."""

from __future__ import annotations

import hashlib
import json

import pytest

from screener.cli.main import run
from screener.errors import NotFoundError, ScreeningError, WorkspaceError
from screener.workspace.fulltext import attach_fulltext, fulltext_for, mark_not_retrieved, reports_not_retrieved
from screener.workspace.screening import cast_vote, study_outcome

TA, FT = "title_abstract", "full_text"


def _include(ws, study):
    cast_vote(ws, "alice", study, TA, "include"); cast_vote(ws, "bob", study, TA, "include")


def test_attach_file_copies_it_into_the_workspace(team, tmp_path):
    ws, studies, _ = team
    pdf = tmp_path / "Smith 2015 (final).pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    got = attach_fulltext(ws, studies[0], pdf)
    assert got.kind == "file"
    assert got.location == f"fulltext/study-{studies[0]}/Smith_2015_final_.pdf"
    assert (ws.path / got.location).read_bytes() == b"%PDF-1.4 fake"
    assert got.sha256 == hashlib.sha256(b"%PDF-1.4 fake").hexdigest()
    pdf.write_bytes(b"%PDF-1.4 other version")          # same name, new content: kept beside the first
    second = attach_fulltext(ws, studies[0], pdf)
    assert second.location != got.location and (ws.path / got.location).exists()
    assert fulltext_for(ws, studies[0]).location == second.location


def test_missing_file_and_unknown_study(team, tmp_path):
    ws, studies, _ = team
    with pytest.raises(NotFoundError, match="no such file"):
        attach_fulltext(ws, studies[0], tmp_path / "nope.pdf")
    with pytest.raises(NotFoundError, match="no study 999"):
        attach_fulltext(ws, 999, "https://example.org/a.pdf")
    assert ws.db.execute("SELECT count(*) FROM fulltexts").fetchone()[0] == 0


def test_not_retrieved_only_for_sought_reports_and_undone_by_attaching(team):
    ws, studies, _ = team
    s = studies[0]
    with pytest.raises(ScreeningError, match="not included at title/abstract"):
        mark_not_retrieved(ws, s)
    _include(ws, s)
    mark_not_retrieved(ws, s, note="library could not supply it")
    assert study_outcome(ws, s, FT).status == "not_retrieved"
    assert reports_not_retrieved(ws) == [s]
    with pytest.raises(ScreeningError, match="marked not retrieved"):
        cast_vote(ws, "alice", s, FT, "include")
    attach_fulltext(ws, s, "https://example.org/found.pdf")
    assert reports_not_retrieved(ws) == []
    assert study_outcome(ws, s, FT).status == "unscreened"


def test_cli_fulltext(team, tmp_path, capsys):
    ws, studies, _ = team
    _include(ws, studies[1])
    assert run(["fulltext", str(ws.path), str(studies[1]), "--not-retrieved", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fulltext"]["kind"] == "not_retrieved"
    assert run(["fulltext", str(ws.path), str(studies[1]), "https://doi.org/10.1/x"]) == 0
    assert capsys.readouterr().out.strip() == f"Study {studies[1]}: full text url https://doi.org/10.1/x"
    assert run(["fulltext", str(ws.path), str(studies[1]), "--json"]) == 0
    assert [h["kind"] for h in json.loads(capsys.readouterr().out)["history"]] == ["not_retrieved", "url"]


def test_copy_failure_is_one_error_line_and_leaves_nothing_behind(team, tmp_path, monkeypatch, capsys):
    import errno
    import shutil as shutil_module

    ws, studies, _ = team
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    real_copy = shutil_module.copyfile

    def disk_full(src, dst, *args, **kwargs):
        real_copy(src, dst, *args, **kwargs)        # the partial copy exists when the write fails
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("screener.workspace.fulltext.shutil.copyfile", disk_full)
    with pytest.raises(WorkspaceError, match=r"paper\.pdf: cannot copy it into .*No space left on device"):
        attach_fulltext(ws, studies[0], pdf)
    assert run(["fulltext", str(ws.path), str(studies[0]), str(pdf)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "No space left on device" in err and "Traceback" not in err
    assert [p for p in (ws.path / "fulltext").rglob("*") if p.is_file()] == []
    assert ws.db.execute("SELECT count(*) FROM fulltexts").fetchone()[0] == 0
