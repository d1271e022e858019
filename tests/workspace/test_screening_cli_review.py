"""Found by using the screening commands as screeners and the owner would (session 2 review)."""

from __future__ import annotations

import json

from screener.cli.main import run
from screener.workspace.fulltext import fulltext_for

TA, FT = "title_abstract", "full_text"


def test_next_text_names_the_workspace_in_the_vote_command(team, capsys):
    ws, studies, _ = team
    assert run(["next", str(ws.path), "--as", "alice", "--stage", TA]) == 0
    out = capsys.readouterr().out
    last = out.rstrip().splitlines()[-1]
    assert last.startswith(f"Vote: screener vote {ws.path} ")
    assert " DIR " not in out
    assert last.endswith(" include|exclude|maybe --as alice --stage title_abstract")


def _include_at_ta(ws, study):
    for who in ("alice", "bob"):
        assert run(["vote", str(ws.path), str(study), "include", "--as", who, "--stage", TA]) == 0


def test_fulltext_sha256_kept_when_read_back(team, capsys, tmp_path):
    ws, studies, _ = team
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    import hashlib
    digest = hashlib.sha256(b"%PDF-1.4 test").hexdigest()
    assert run(["fulltext", str(ws.path), str(studies[0]), str(pdf), "--json"]) == 0
    attached = json.loads(capsys.readouterr().out)
    assert attached["fulltext"]["sha256"] == digest
    assert [h["sha256"] for h in attached["history"]] == [digest]
    assert run(["fulltext", str(ws.path), str(studies[0]), "https://example.org/p.pdf", "--json"]) == 0
    capsys.readouterr()
    assert run(["fulltext", str(ws.path), str(studies[0]), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["fulltext"]["kind"] == "url" and shown["fulltext"]["sha256"] == ""
    assert [(h["kind"], h["sha256"]) for h in shown["history"]] == [("file", digest), ("url", "")]
    assert fulltext_for(ws, studies[0]).sha256 == ""


def test_fulltext_missing_file_error_names_it_as_typed(team, capsys, tmp_path, monkeypatch):
    ws, studies, _ = team
    monkeypatch.chdir(tmp_path)
    assert run(["fulltext", str(ws.path), str(studies[0]), "ftp//host/x.pdf"]) == 2     # a usage error
    err = capsys.readouterr().err
    assert err.startswith("error: ftp//host/x.pdf: no such file;"), err


def test_progress_text_has_no_identifiers(team, capsys):
    ws, studies, _ = team
    assert run(["progress", str(ws.path)]) == 0
    out = capsys.readouterr().out
    assert "not_retrieved" not in out
    assert "not retrieved 0" in out


def test_help_texts(capsys):
    for args, expected in ((["reviewers", "--help"], "Add reviewers, list them, and mint their tokens and sign-in links."),
                           (["next", "--help"], "10080")):
        assert run(args) == 0
        out = " ".join(capsys.readouterr().out.replace("│", " ").split())
        assert expected in out, (args, out)


def test_a_name_differing_only_in_case_is_refused(team, capsys):
    ws, _, _ = team
    before = ws.db.execute("SELECT count(*) FROM reviewers").fetchone()[0]
    assert run(["reviewers", "add", str(ws.path), "Alice"]) == 1
    err = capsys.readouterr().err
    assert err == ("error: reviewer 'alice' already exists and 'Alice' differs only in case; use --as alice, "
                   "or choose a clearly different name\n")
    assert ws.db.execute("SELECT count(*) FROM reviewers").fetchone()[0] == before


def test_a_study_number_beyond_sqlite_integers_is_an_unknown_study_not_a_traceback(team, capsys):
    ws, _, _ = team
    d, huge = str(ws.path), "99999999999999999999999"
    for args in (["vote", d, huge, "include", "--as", "alice", "--stage", TA],
                 ["resolve", d, huge, "include", "--as", "carol", "--stage", TA],
                 ["fulltext", d, huge],
                 ["rank", "prior", d, huge]):
        assert run(args) == 1, args
        assert capsys.readouterr().err == (f"error: no study {huge} in {d}; `screener next` gives the study "
                                           f"numbers to screen\n"), args


def test_next_at_full_text_gives_a_path_that_opens_the_file(team, capsys, tmp_path):
    ws, studies, _ = team
    study = studies[0]
    _include_at_ta(ws, study)
    capsys.readouterr()
    pdf = tmp_path / "smith2019.pdf"
    pdf.write_bytes(b"%PDF-1.4 x")
    assert run(["fulltext", str(ws.path), str(study), str(pdf)]) == 0
    stored = ws.path / "fulltext" / f"study-{study}" / "smith2019.pdf"
    assert capsys.readouterr().out == f"Study {study}: full text file {stored}\n"
    assert run(["next", str(ws.path), "--as", "alice", "--stage", FT]) == 0
    out = capsys.readouterr().out
    assert f"Full text: file {ws.path / 'fulltext' / f'study-{study}' / 'smith2019.pdf'}\n" in out


def test_attaching_the_same_full_text_again_records_it_once(team, capsys, tmp_path):
    ws, studies, _ = team
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 same")
    d, s = str(ws.path), str(studies[0])
    for source in (str(pdf), str(pdf), "https://example.org/p.pdf", "https://example.org/p.pdf"):
        assert run(["fulltext", d, s, source, "--json"]) == 0
    capsys.readouterr()
    assert [(r[0], r[1]) for r in ws.db.execute("SELECT kind, location FROM fulltexts ORDER BY id")] == [
        ("file", f"fulltext/study-{s}/paper.pdf"), ("url", "https://example.org/p.pdf")]
    assert ws.db.execute("SELECT count(*) FROM events WHERE kind = 'fulltext'").fetchone()[0] == 2
    assert run(["fulltext", d, s, "https://example.org/p.pdf"]) == 0
    # the study awaits its title/abstract votes: the note says so (test_cli_user_review)
    assert capsys.readouterr().out.startswith(f"Study {s}: full text url https://example.org/p.pdf (already attached)\n"
                                              f"Note: study {s} is not included at title/abstract yet")
    assert run(["fulltext", d, s, "https://example.org/p.pdf", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["recorded"] is False
