"""Every strategy line's PubMed count (Ovid's search history), against the E-utilities stand-in."""

from __future__ import annotations

from search_helpers import BUNDLED_PMIDS, fast

from screener.search import search_pubmed
from screener.search.line_counts import COUNT_ATTEMPTS, count_lines, counts_client, plan_counts
from screener.search.ratelimit import RateLimiter
from screener.search.standin import EutilsStandin
from screener.workspace.line_counts import LineCountCache

EMAIL = "searcher@example.org"
STRATEGY = "1. exp Chronic Pain/\n2. qualitatve.tw.\n3. interview*.tw.\n4. 2 or 3\n5. 1 and 4\n"
PMIDS = sorted(BUNDLED_PMIDS)


def _standin(record_files, **options) -> EutilsStandin:
    """Each line's query finds its own PMIDs; 'qualitatve' (the typo) finds nothing."""
    lines = {ln.number: ln.query for ln in plan_counts(STRATEGY)}
    queries = {lines[1]: PMIDS[:12], lines[2]: [], lines[3]: PMIDS[10:15], lines[4]: PMIDS[10:15],
               lines[5]: PMIDS[10:12]}
    options.setdefault("enforce_rate", False)
    return EutilsStandin(record_files, queries=queries, default=[], **options)


def _client(url, **settings):
    options = fast()
    options.update(settings)
    options.pop("timeout")
    options["retry"].attempts = COUNT_ATTEMPTS      # a count's own retries (counts_client's default)
    return counts_client(url, email=EMAIL, **options)


def test_each_line_is_counted_as_compiled_and_the_last_matches_the_search(record_files, workspace):
    lines = plan_counts(STRATEGY)
    assert [ln.number for ln in lines] == [1, 2, 3, 4, 5]
    assert lines[3].query == "(qualitatve[tiab] OR interview*[tiab])"    # '2 or 3' expanded as the compiler does
    assert lines[-1].final and not lines[0].final
    with _standin(record_files) as url:
        seen = []
        count_lines(lines, _client(url), progress=lambda done, total, ln: seen.append((done, total, ln.number)))
        report = search_pubmed(workspace, strategy_text=STRATEGY, eutils_url=url, email=EMAIL, **fast())
    assert [(ln.count, ln.status) for ln in lines] == [(12, "counted"), (0, "counted"), (5, "counted"),
                                                       (5, "counted"), (2, "counted")]
    assert [ln.zero for ln in lines] == [False, True, False, False, False]
    assert seen == [(1, 5, 1), (2, 5, 2), (3, 5, 3), (4, 5, 4), (5, 5, 5)]
    assert lines[-1].query == report.query and lines[-1].count == report.count == 2


def test_a_line_pubmed_refuses_or_that_keeps_failing_is_marked_on_that_line(record_files):
    lines = plan_counts(STRATEGY)
    server = _standin(record_files, phrase_not_found=["interview*"])
    with server as url:
        server.inject("500", times=3, endpoint="esearch")      # line 1: three attempts, all fail
        count_lines(lines, _client(url))
    assert counts_client(url).retry.attempts == COUNT_ATTEMPTS == 3
    assert lines[0].status == "failed" and lines[0].count is None
    assert "E-utilities failed" in lines[0].message and "HTTP 500" in lines[0].message
    assert lines[1].status == "counted" and lines[1].count == 0
    assert lines[2].status == "refused" and "PhraseNotFound: interview*" in lines[2].message
    assert lines[3].status == "refused" and lines[4].status == "refused"     # they hold line 3
    assert len([r for r in server.requests if r.endpoint == "esearch"]) == 3 + 4


def test_a_line_with_an_error_of_the_strategy_is_not_sent_nor_a_line_holding_it():
    lines = plan_counts("1. pain.ti.\n2. foo.zz.\n3. 1 or 2\n4. 1 and 1\n5. 4 or 3\n")
    assert lines[1].status == "not sent" and ".zz." in lines[1].message
    assert lines[0].status == "" and lines[3].status == ""
    assert lines[2].message == "not sent to PubMed: it holds line 2, which is not sent"
    assert lines[4].message == "not sent to PubMed: it holds line 3, which is not sent"
    # an error anywhere: the search would refuse the strategy, so its last line is not counted as if it ran
    lines = plan_counts("1. pain.ti.\n2. foo.zz.\n3. 1 and 1\n")
    assert lines[2].status == "not sent" and lines[2].message == ("not sent to PubMed: a search of PubMed refuses a "
                                                                  "strategy with errors; fix them first")


def test_the_command_line_says_its_own_words_for_the_last_line_not_sent(record_files, tmp_path, capsys):
    """The Python API's words are neutral; the command line names its commands, as it did."""
    from screener.cli.main import run

    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    strategy = tmp_path / "medline.ovid"
    strategy.write_text("1. exp Chronic Pain/\n2. qualitative.zz.\n3. 1 and 1\n", encoding="utf-8")
    with _standin(record_files) as url:
        capsys.readouterr()
        assert run(["search", "pubmed", str(directory), "--strategy", str(strategy), "--counts", "--email", EMAIL,
                    "--eutils-url", url]) == 0
    assert capsys.readouterr().out.splitlines()[4] == (
        "     3          —  1 and 1   <- not sent to PubMed: `search pubmed` refuses a strategy with errors; fix them "
        "first (`screener query check` lists them)")


def test_counts_are_kept_per_query_and_day(record_files, workspace):
    cache = LineCountCache(workspace, actor="sam")
    server = _standin(record_files)
    with server as url:
        first = count_lines(plan_counts(STRATEGY), _client(url), cache=cache, day="2026-12-07")
        asked = len(server.requests)
        again = count_lines(plan_counts(STRATEGY), _client(url), cache=cache, day="2026-12-07")
        assert len(server.requests) == asked == 5          # reopened the same day: PubMed is not asked
        assert [ln.cached for ln in again] == [True] * 5
        assert [ln.count for ln in again] == [ln.count for ln in first]
        edited = count_lines(plan_counts(STRATEGY.replace("qualitatve", "qualitative")), _client(url), cache=cache,
                             day="2026-12-07")
        assert len(server.requests) == asked + 3           # line 2 and the two lines holding it
        assert [ln.cached for ln in edited] == [True, False, True, False, False]
        count_lines(plan_counts(STRATEGY), _client(url), cache=cache, day="2026-12-08")
        assert len(server.requests) == asked + 3 + 5       # the next day: asked afresh


def test_a_failure_is_not_kept(record_files, workspace):
    cache = LineCountCache(workspace)
    server = _standin(record_files)
    with server as url:
        server.inject("500", times=3, endpoint="esearch")
        lines = count_lines(plan_counts(STRATEGY), _client(url), cache=cache, day="2026-12-07")
        assert lines[0].status == "failed"
        lines = count_lines(plan_counts(STRATEGY), _client(url), cache=cache, day="2026-12-07")
    assert lines[0].status == "counted" and not lines[0].cached and lines[0].count == 12


def test_fifty_lines_keep_to_ncbis_three_requests_a_second(record_files):
    """Toye 2017's 50 lines at NCBI's pace without an API key; the stand-in answers 429 above it."""
    text = (record_files[0].parents[3] / "queries" / "toye2017" / "medline.ovid").read_text()
    lines = plan_counts(text)[:10]
    server = EutilsStandin(record_files, enforce_rate=True)
    with server as url:
        count_lines(lines, counts_client(url, email=EMAIL, limiter=RateLimiter(3)))
    assert [r.status for r in server.requests] == [200] * 10
    assert server.max_in_window(1.0) <= 3
    assert all(ln.status == "counted" and ln.count == 20 for ln in lines)


def test_the_cli_prints_each_lines_count_and_keeps_them_for_the_day(record_files, tmp_path, capsys):
    import json

    from screener.cli.main import run

    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    strategy = tmp_path / "medline.ovid"
    strategy.write_text(STRATEGY, encoding="utf-8")
    server = _standin(record_files, phrase_not_found=["interview*"])
    with server as url:
        capsys.readouterr()
        code = run(["search", "pubmed", str(directory), "--strategy", str(strategy), "--counts", "--email", EMAIL,
                    "--eutils-url", url])
        out = capsys.readouterr()
        assert code == 0, out.err
        lines = out.out.splitlines()
        assert lines[1] == "     #    Results  Searches"
        assert lines[2] == "     1         12  exp Chronic Pain/"
        assert lines[3] == "     2          0  qualitatve.tw.   <- finds nothing: check the line for a typo or a wrong field"
        assert lines[4] == "     3          0  interview*.tw.   <- PubMed refused this line: PhraseNotFound: interview*"
        assert lines[5] == ("     4          0  2 or 3   <- PubMed refused this line: PhraseNotFound: interview* "
                            "(from line 3, which it holds)")
        assert "Line 5 is the query `search pubmed` sends: 0 records." in out.out
        assert "5 requests to E-utilities" in out.out
        code = run(["search", "pubmed", str(directory), "--strategy", str(strategy), "--counts", "--email", EMAIL,
                    "--eutils-url", url, "--json"])
        data = json.loads(capsys.readouterr().out)
        assert code == 0 and data["requests"] == 0 and all(line["cached"] for line in data["lines"])
        assert [line["count"] for line in data["lines"]] == [12, 0, 0, 0, 0]
        assert len(server.requests) == 5
        # nothing was imported: counting is not searching
        with __import__("screener").Workspace.open(directory) as ws:
            assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
        server.inject("500", times=100, endpoint="esearch")
        code = run(["search", "pubmed", str(directory), "--query", "back pain[tiab]", "--counts", "--email", EMAIL,
                    "--eutils-url", url])
        out = capsys.readouterr()
        assert code == 1
        assert "     1          —  back pain[tiab]   <- E-utilities failed:" in out.out
        assert out.err.strip().endswith("1 line not counted (line 1): E-utilities kept failing; run the same command "
                                        "again to count them (the counts above are kept for today)")


def test_a_count_the_review_cannot_keep_is_still_shown(record_files, workspace, monkeypatch, caplog):
    """A read-only or full workspace: the count PubMed gave stands (it is not kept, and a warning says so)."""
    from contextlib import contextmanager

    from screener.errors import WorkspaceError

    @contextmanager
    def refused():
        raise WorkspaceError("review.db: the workspace is read-only: this change was not written")
        yield

    monkeypatch.setattr(workspace, "transaction", refused)
    server = _standin(record_files)
    with server as url:
        lines = count_lines(plan_counts(STRATEGY), _client(url), cache=LineCountCache(workspace), day="2026-12-07")
    assert [ln.count for ln in lines] == [12, 0, 5, 5, 2]
    assert "not kept" in caplog.text and "read-only" in caplog.text


def test_the_prisma_s_log_gives_each_line_of_a_search_its_count_of_that_day(record_files, workspace):
    """A PubMed search of a strategy whose lines were counted on the day it ran: the searches report
    (PRISMA-S) lists every line with its count, as Ovid's search history is put in an appendix."""
    from screener.report.searches import render_markdown, search_log

    server = _standin(record_files)
    with server as url:
        search_pubmed(workspace, strategy_text=STRATEGY, eutils_url=url, email=EMAIL, **fast())
        assert render_markdown(search_log(workspace)).count("Counts per line") == 0     # none counted yet
        count_lines(plan_counts(STRATEGY), _client(url), cache=LineCountCache(workspace))
    [row] = search_log(workspace)
    assert [(ln["number"], ln["count"]) for ln in row["line_counts"]] == [(1, 12), (2, 0), (3, 5), (4, 5), (5, 2)]
    text = render_markdown([row])
    day = row["date"][:10]
    assert f"\nCounts per line of search 1 (PubMed, {day}, as counted by screener that day):\n\n" in text
    assert "\n| 2 | qualitatve.tw. | 0 (finds nothing) |\n" in text
    assert "\n| 5 | 1 and 4 | 2 |\n" in text


def test_the_cli_says_a_strategy_with_errors_is_not_what_a_search_would_run(record_files, tmp_path, capsys):
    from screener.cli.main import run

    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    strategy = tmp_path / "medline.ovid"
    strategy.write_text("1. exp Chronic Pain/\n2. qualitative.zz.\n3. 1 and 2\n", encoding="utf-8")
    with _standin(record_files) as url:
        capsys.readouterr()
        assert run(["search", "pubmed", str(directory), "--strategy", str(strategy), "--counts", "--email", EMAIL,
                    "--eutils-url", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[4] == "     3          —  1 and 2   <- not sent to PubMed: it holds line 2, which is not sent"
    assert out[5] == "Line 3 is the last line: `search pubmed` refuses the strategy until the errors above are fixed."
