"""Defects found by a user-level review of the command line (an information specialist, an owner,
two screeners and an arbiter following the README), each reproduced through the real CLI on a real
SQLite workspace; no network (PubMed is the local E-utilities stand-in)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli.main import run

ROOT = Path(__file__).resolve().parents[2]
RIS = ROOT / "fixtures" / "records" / "ris"
WOS_RIS = RIS / "citation-file-formatting___baseline_webofscience.ris"
SCOPUS_RIS = RIS / "citation-file-formatting___baseline_scopus.ris"


def _review(tmp_path: Path, capsys) -> Path:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    return directory


def _count(directory: Path, table: str) -> int:
    from screener import Workspace

    with Workspace.open(directory) as ws:
        return ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# ---- import --strategy FILE --strategy-version ID -------------------------------------------------

def test_strategy_file_and_saved_version_together_is_a_usage_error(tmp_path, capsys):
    """The user saw 'no saved strategy version 3 in this review' (exit 1) — or, with a version that
    exists and the same text, one of the two silently kept: the two options say the same thing twice."""
    directory = _review(tmp_path, capsys)
    strategy = tmp_path / "strategy.txt"
    strategy.write_text("1 pain.ti,ab.\n", encoding="utf-8")
    code = run(["import", str(directory), str(WOS_RIS), "--strategy", str(strategy), "--strategy-version", "3"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err == ("error: give --strategy FILE or --strategy-version ID, not both (the strategy as run is one "
                   "text: a file, or a version saved in the workbench)\n")
    assert _count(directory, "imports") == 0
    assert run(["import", str(directory), str(WOS_RIS)]) == 0
    capsys.readouterr()
    code = run(["imports", "relabel", str(directory), "1", "--strategy", str(strategy), "--strategy-version", "3"])
    assert code == 2
    assert capsys.readouterr().err.startswith("error: give --strategy FILE or --strategy-version ID, not both")
    assert _count(directory, "import_metadata") == 1


# ---- import -v --dry-run ------------------------------------------------------------------------

def test_verbose_dry_run_logs_what_it_checked(tmp_path, capsys):
    """`screener -v import --dry-run` printed its report but logged nothing, while -v without
    --dry-run logs each file: a searcher checking a batch of exports with -v saw no log at all."""
    directory = _review(tmp_path, capsys)
    env = {k: v for k, v in os.environ.items() if k != "SCREENER_LOG"}
    done = subprocess.run([sys.executable, "-m", "screener", "-v", "import", str(directory), str(SCOPUS_RIS),
                           "--dry-run"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert ("INFO screener.workspace.imports: dry run: citation-file-formatting___baseline_scopus.ris as Scopus "
            "(ris, utf-8-sig): 10 records, 0 warnings, 0 rejected; nothing written") in done.stderr
    assert _count(directory, "imports") == 0


# ---- PRISMA-S: no local absolute paths ------------------------------------------------------------

def test_searches_report_names_files_not_local_paths(tmp_path, capsys):
    """The PRISMA-S table, written for a methods section, showed where the files lay on the
    owner's computer ('records imported from /home/.../exports/scopus.ris', 'Strategy file:
    /home/.../medline.ovid' for a PubMed search run with an absolute path): the file name says what
    PRISMA-S asks, the folder is private."""
    from screener.search.standin import EutilsStandin, bundled_pubmed_xml

    directory = _review(tmp_path, capsys)
    assert run(["import", str(directory), str(SCOPUS_RIS)]) == 0
    strategy = tmp_path / "private" / "medline.ovid"
    strategy.parent.mkdir()
    strategy.write_text("1 pain.ti,ab.\n2 chronic.ti,ab.\n3 1 and 2\n", encoding="utf-8")
    with EutilsStandin(records_xml_files=bundled_pubmed_xml()) as url:
        assert run(["search", "pubmed", str(directory), "--strategy", str(strategy.resolve()),
                    "--email", "a@b.org", "--eutils-url", url, "--quiet"]) == 0
    capsys.readouterr()
    for fmt in ("md", "csv"):
        assert run(["report", "searches", str(directory), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert str(tmp_path) not in out, out
    assert run(["report", "searches", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "Strategy file: medline.ovid" in out
    assert "(records imported from citation-file-formatting___baseline_scopus.ris; strategy not recorded)" in out


# ---- fulltext on a study that is not included -----------------------------------------------------

def _screening_review(tmp_path: Path, capsys) -> Path:
    directory = _review(tmp_path, capsys)
    assert run(["import", str(directory), str(SCOPUS_RIS)]) == 0
    for name in ("alice", "bob"):
        assert run(["reviewers", "add", str(directory), name]) == 0
    capsys.readouterr()
    return directory


def test_fulltext_on_a_study_not_yet_included_says_so(tmp_path, capsys):
    """Attaching a full text to a study still awaiting its title/abstract votes said nothing: the
    owner believed it would now be screened at full text. Excluded studies already got a note."""
    directory = _screening_review(tmp_path, capsys)
    paper = tmp_path / "smith2015.pdf"
    paper.write_bytes(b"%PDF-1.4 smith 2015\n")
    assert run(["fulltext", str(directory), "1", str(paper)]) == 0
    out = capsys.readouterr().out
    assert ("Note: study 1 is not included at title/abstract yet (it awaits its votes); the full text is "
            "attached and is screened at full text once the study is included.") in out
    # not retrieved: refused (one line, nothing recorded) until the study is included, as before
    assert run(["fulltext", str(directory), "2", "--not-retrieved"]) == 1
    assert capsys.readouterr().err == ("error: study 2 is not included at title/abstract ('unscreened'), so no "
                                       "report is sought for it\n")
    assert _count(directory, "fulltexts") == 1
    # an included study: no note
    for name in ("alice", "bob"):
        assert run(["vote", str(directory), "3", "include", "--as", name, "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    assert run(["fulltext", str(directory), "3", str(paper)]) == 0
    assert "Note:" not in capsys.readouterr().out


# ---- imports list: PubMed searches too ------------------------------------------------------------

def test_imports_list_shows_pubmed_searches(tmp_path, capsys):
    """`screener imports list` left out the records a PubMed search brought in: an owner counting
    the imports against `status` (searches: 1, source records: 30) could not find 20 of them."""
    from screener.search.standin import EutilsStandin, bundled_pubmed_xml

    directory = _review(tmp_path, capsys)
    assert run(["import", str(directory), str(SCOPUS_RIS)]) == 0
    with EutilsStandin(records_xml_files=bundled_pubmed_xml()) as url:
        assert run(["search", "pubmed", str(directory), "--query", "chronic pain", "--email", "a@b.org",
                    "--eutils-url", url, "--quiet"]) == 0
    capsys.readouterr()
    assert run(["imports", "list", str(directory)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("import 1: citation-file-formatting___baseline_scopus.ris — 10 records as Scopus")
    assert out[1].startswith("search 1: PubMed — 20 records (complete, ")
    assert out[1].endswith("query: chronic pain; `screener report searches` has its log")
    assert run(["imports", "list", str(directory), "--json"]) == 0
    import json
    items = json.loads(capsys.readouterr().out)
    assert [i.get("search") for i in items] == [None, 1]
    assert items[1]["records"] == 20 and items[1]["database"] == "PubMed"


# ---- PRISMA: one database, several imports -------------------------------------------------------

def test_prisma_box_does_not_give_one_imports_platform_to_all(tmp_path, capsys):
    """Two Web of Science imports, one 'via Clarivate, searched 2026-11-30', the other with nothing
    recorded: the PRISMA box read 'Web of Science via Clarivate, searched 2026-11-30 (n = 20)', as if
    both searches had been run there and then."""
    directory = _review(tmp_path, capsys)
    assert run(["import", str(directory), str(WOS_RIS), "--platform", "Clarivate", "--searched-on",
                "2026-11-30"]) == 0
    assert run(["import", str(directory), str(WOS_RIS), "--again"]) == 0
    capsys.readouterr()
    out = tmp_path / "prisma.svg"
    assert run(["report", "prisma", str(directory), "--out", str(out), "--json"]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["records_per_database"] == {"Web of Science": 20}
    assert data["database_details"] == {
        "Web of Science": "via Clarivate, searched 2026-11-30: 10; platform and date not recorded: 10"}
    # one import per database, or all saying the same: as before
    assert run(["imports", "relabel", str(directory), "2", "--platform", "Clarivate", "--searched-on",
                "2026-11-30"]) == 0
    capsys.readouterr()
    assert run(["report", "prisma", str(directory), "--out", str(out), "--json", "--force"]) == 0
    assert json.loads(capsys.readouterr().out)["database_details"] == {
        "Web of Science": "via Clarivate, searched 2026-11-30"}


# ---- an owner's vote under blind mode ------------------------------------------------------------

def test_an_owners_vote_does_not_take_a_screeners_place_under_blind_mode(tmp_path, capsys):
    """With alice's include in, the owner's exclude put the study in conflict before bob voted: bob was
    never served it (without alice's vote he was served it first), so what bob saw depended on alice's
    undecided vote, which README "Blinding" rules out. Now, with two screeners for two votes, the
    owner is not given studies and their vote is refused, in the same words whatever alice did."""
    worlds = {}
    for alice_votes in (False, True):
        directory = _screening_review(tmp_path / str(alice_votes), capsys)
        assert run(["reviewers", "add", str(directory), "olivia", "--role", "owner"]) == 0
        if alice_votes:
            assert run(["vote", str(directory), "1", "include", "--as", "alice", "--stage", "title_abstract"]) == 0
        capsys.readouterr()
        assert run(["vote", str(directory), "1", "exclude", "--as", "olivia", "--stage", "title_abstract"]) == 1
        refusal = capsys.readouterr().err
        assert run(["next", str(directory), "--as", "olivia", "--stage", "title_abstract"]) == 1
        assert capsys.readouterr().err == refusal
        assert run(["next", str(directory), "--as", "bob", "--stage", "title_abstract", "--json"]) == 0
        import json
        worlds[alice_votes] = (refusal, json.loads(capsys.readouterr().out)["study"])
        assert _count(directory, "votes") == int(alice_votes)
    assert worlds[False] == worlds[True]
    assert worlds[True][0] == (
        "error: under blind mode the review's 2 screeners give the 2 votes each study needs at title_abstract; "
        "an owner's vote would take a screener's place (and could decide a study before its other screener "
        "votes): resolve conflicts with `screener resolve`, or set blind = false in review.toml\n")


def test_an_owner_and_one_screener_still_screen_together(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    assert run(["import", str(directory), str(SCOPUS_RIS)]) == 0
    assert run(["reviewers", "add", str(directory), "alice"]) == 0
    assert run(["reviewers", "add", str(directory), "olivia", "--role", "owner"]) == 0
    assert run(["vote", str(directory), "1", "include", "--as", "alice", "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    assert run(["vote", str(directory), "1", "include", "--as", "olivia", "--stage", "title_abstract"]) == 0
    assert capsys.readouterr().out == "Study 1 at title_abstract: olivia include; outcome: include\n"


# ---- query translate --from pubmed --to pubmed ----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("pain[tiab] OR ache[tiab]\n", "pain[tiab] OR ache[tiab]"),
    ("(pain[tiab] OR ache[tiab]) AND chronic[tiab]\n", "(pain[tiab] OR ache[tiab]) AND chronic[tiab]"),
    ("1 pain[tiab] OR back[tiab]\n2 chronic[tiab]\n3 #1 AND #2\n", "(pain[tiab] OR back[tiab]) AND chronic[tiab]"),
    # parentheses the searcher wrote (and a compiled query read back) stay
    ("(pain[tiab] OR ache[tiab])\n", "(pain[tiab] OR ache[tiab])"),
])
def test_pubmed_to_pubmed_has_no_parentheses_around_the_whole_query(text, expected, tmp_path, capsys):
    """`query translate --from pubmed --to pubmed` of 'pain[tiab] OR ache[tiab]' gave
    '(pain[tiab] OR ache[tiab])': the query the searcher wrote, wrapped in parentheses it did not need."""
    path = tmp_path / "q.txt"
    path.write_text(text, encoding="utf-8")
    assert run(["query", "translate", str(path), "--from", "pubmed", "--to", "pubmed"]) == 0
    assert capsys.readouterr().out == expected + "\n"


# ---- Ovid output of a strategy with missing operators ---------------------------------------------

def test_missing_operators_are_one_or_not_a_row_of_parentheses(tmp_path, capsys):
    """Table 1 as published lost its line breaks: each block is one line of terms with no operator
    between them, read as OR (with an error each). Written back for Ovid, the block came out as
    '((((((((((((((((((((((((qualitative adj5 ...) or ethno.ti,ab.) or ...': one run-together line
    behind 24 opening parentheses. It is now 'a or b or c'."""
    path = tmp_path / "flat.ovid"
    path.write_text("1 pain.ti,ab. ache.ti,ab. sore.ti,ab.\n2 exp Back Pain/or exp Pain/ exp Fibromyalgia/\n",
                    encoding="utf-8")
    assert run(["query", "translate", str(path), "--to", "ovid-medline"]) == 0
    assert capsys.readouterr().out == ("1 pain.ti,ab. or ache.ti,ab. or sore.ti,ab.\n"
                                       "2 exp Back Pain/ or exp Pain/ or exp Fibromyalgia/\n")


def test_table1_as_published_has_no_row_of_parentheses(shared_dir, capsys):
    table1 = shared_dir / "seed" / "table1_medline_as_published.txt"
    assert run(["query", "translate", str(table1), "--to", "ovid-medline"]) == 0
    out = capsys.readouterr().out
    block = out.split("\n")[3]                   # the qualitative free-text terms
    assert block.startswith("4 ((qualitative adj5 (theor* or study or studies or research or analysis)) or "
                            "ethno.ti,ab. or (emic or etic.ti,ab.) or phenomenolog*.ti,ab. or "), block[:200]
    assert "(((" not in out


def test_query_check_and_translate_count_in_words(tmp_path, capsys):
    """'s.ovid: 7 lines, 1 errors, 0 warnings, 3 notes' and 'error: s.ovid: 1 error(s) in the strategy'."""
    path = tmp_path / "s.ovid"
    path.write_text("1 (qualitative adj5 research).tw\n2 focus group*.tiab.\n3 1 or 2\n", encoding="utf-8")
    assert run(["query", "check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == f"{path}: 3 lines, 1 error, 0 warnings, 1 note (--info lists it)"
    assert err == f"error: {path}: 1 error in the strategy (listed above)\n"
    assert run(["query", "translate", str(path), "--to", "pubmed"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == f"{path}: 1 error, 2 warnings for pubmed"


# ---- Ctrl-C -------------------------------------------------------------------------------------

def test_ctrl_c_says_it_was_interrupted(tmp_path, capsys, monkeypatch):
    """Ctrl-C during a long import exited 130 without a word: typer turns KeyboardInterrupt into
    Exit(130) before the command line's own handler, which says what was left, could see it."""
    directory = _review(tmp_path, capsys)
    import screener.workspace.imports as imports

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(imports, "import_exports", interrupted)
    assert run(["import", str(directory), str(SCOPUS_RIS)]) == 130
    assert capsys.readouterr().err == "Interrupted; nothing half-written (each step commits as a whole).\n"
    assert _count(directory, "imports") == 0


def test_ctrl_c_on_a_real_import_leaves_nothing_half_written(tmp_path):
    """The same through a real process and a real SIGINT, part-way into a 40,000-record import."""
    import signal
    import sqlite3
    import time

    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    big = tmp_path / "big.ris"
    big.write_text("".join(f"TY  - JOUR\nTI  - Study {i} of chronic pain\nAU  - Smith, J\nPY  - 2010\nER  - \n\n"
                           for i in range(40000)), encoding="utf-8")
    # as a terminal's Ctrl+C reaches it, even when the test run itself ignores SIGINT (started in the background)
    process = subprocess.Popen([sys.executable, "-m", "screener", "import", str(directory), str(big)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2.0)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    counts = sqlite3.connect(directory / "review.db").execute(
        "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM source_records)").fetchone()
    assert counts in ((0, 0), (1, 40000)), counts
    if process.returncode == 0:          # a fast machine finished first: then all of it is in
        assert counts == (1, 40000)
    elif process.returncode != -signal.SIGINT:     # (a loaded machine: still starting Python)
        assert process.returncode == 130, err
        assert err.endswith("Interrupted; nothing half-written (each step commits as a whole).\n"), err


# ---- imports withdraw / relabel: the owner's words --------------------------------------------------

def test_withdraw_and_relabel_speak_the_owners_words(tmp_path, capsys):
    """'note: study 1 had votes {'title_abstract': 2, 'full_text': 1} and now holds no records' (a
    Python dict), and `imports relabel DIR 1` with no option named the API's fields ('searched_on,
    strategy_file, ...', one of them no option at all) instead of the options to give."""
    directory = _screening_review(tmp_path, capsys)
    for name in ("alice", "bob"):
        assert run(["vote", str(directory), "1", "include", "--as", name, "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    assert run(["imports", "relabel", str(directory), "1"]) == 2
    assert capsys.readouterr().err == (
        "error: nothing to change on import 1; give one or more of --database, --platform, --searched-on, "
        "--strategy, --strategy-version, --coverage, --limits, --notes\n")
    assert run(["imports", "withdraw", str(directory), "1"]) == 0
    assert "note: study 1 had votes (2 at title_abstract) and now holds no records; its votes stay in the " \
        "audit log" in capsys.readouterr().out


# ---- resolve, repeated -----------------------------------------------------------------------------

def test_resolving_a_conflict_again_says_unchanged_and_writes_nothing(tmp_path, capsys):
    """`vote` repeated said '(unchanged)'; `resolve` repeated wrote nothing but read as a new decision."""
    directory = _screening_review(tmp_path, capsys)
    assert run(["reviewers", "add", str(directory), "ken", "--role", "arbiter"]) == 0
    for name, vote in (("alice", "include"), ("bob", "exclude")):
        assert run(["vote", str(directory), "1", vote, "--as", name, "--stage", "title_abstract"]) == 0
    capsys.readouterr()
    command = ["resolve", str(directory), "1", "include", "--as", "ken", "--stage", "title_abstract"]
    assert run(command) == 0
    first = capsys.readouterr().out
    assert "by ken;" in first and "(unchanged)" not in first
    assert run(command) == 0
    assert "by ken (unchanged);" in capsys.readouterr().out
    assert _count(directory, "resolutions") == 1
    assert run(["resolve", str(directory), "1", "exclude", "--as", "ken", "--stage", "title_abstract"]) == 0
    assert "(unchanged)" not in capsys.readouterr().out
    assert _count(directory, "resolutions") == 2
