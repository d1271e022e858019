"""`screener search pubmed`: a thin command over search_pubmed, one-line errors."""

from __future__ import annotations

import json

from search_helpers import BUNDLED_PMIDS

from screener.cli.main import run

EMAIL = "searcher@example.org"


def test_cli_query_json(tmp_path, standin, capsys):
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    code = run(["search", "pubmed", str(directory), "--query", "chronic pain", "--email", EMAIL,
                "--eutils-url", standin.url, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    data = json.loads(out.out)
    assert (data["status"], data["count"], data["new_records"], data["run"]) == ("complete", 20, 20, "new")
    assert data["search_id"] == 1 and data["query"] == "chronic pain"
    code = run(["search", "pubmed", str(directory), "--query", "chronic pain", "--email", EMAIL,
                "--eutils-url", standin.url])
    out = capsys.readouterr()
    assert code == 0
    assert out.out.startswith("Updated PubMed (search 2): 20 records found, 0 imported as new source records\n"
                              "  20 were imported by an earlier run of this query\n")


def test_cli_strategy_file(tmp_path, standin, capsys):
    directory = tmp_path / "review"
    run(["init", str(directory)])
    strategy = tmp_path / "table1.txt"
    strategy.write_text("1. exp Chronic Pain/\n2. qualitative.ti,ab.\n3. 1 and 2\n", encoding="utf-8")
    standin.quoted_phrase_not_found = ["chronic pain"]
    capsys.readouterr()
    code = run(["search", "pubmed", str(directory), "--strategy", str(strategy), "--email", EMAIL,
                "--eutils-url", standin.url, "--quiet"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "warning: PubMed QuotedPhraseNotFound: \"chronic pain\" (strategy line 1: exp Chronic Pain/)" in out.out
    # the query builder's warnings name the strategy line and column, as `query translate` does
    assert ("  warning: line 2:4 FIELD_APPROXIMATED: .ti,ab. searched as [tiab]: it also searches author keywords "
            "(broader)\n") in out.out
    assert "query sent: " in out.out and out.err == ""


def test_cli_errors_are_one_line(tmp_path, standin, capsys):
    directory = tmp_path / "review"
    run(["init", str(directory)])
    capsys.readouterr()
    assert run(["search", "pubmed", str(directory), "--query", "x", "--email", "nope",
                "--eutils-url", standin.url]) == 2
    assert capsys.readouterr().err == ("error: --email 'nope': not a valid email address; NCBI uses it to "
                                       "contact you about problems, give one you read\n")
    assert run(["search", "pubmed", str(directory), "--email", EMAIL, "--eutils-url", standin.url]) == 2
    assert capsys.readouterr().err == "error: give exactly one of --strategy FILE or --query TEXT\n"
    assert run(["search", "pubmed", str(directory), "--strategy", str(tmp_path / "missing.txt"),
                "--email", EMAIL, "--eutils-url", standin.url]) == 2
    assert "error: --strategy " in capsys.readouterr().err
    standin.phrase_not_found = ["zzzq"]
    assert run(["search", "pubmed", str(directory), "--query", "zzzq", "--email", EMAIL,
                "--eutils-url", standin.url, "--quiet"]) == 1
    assert capsys.readouterr().err == ("error: PubMed rejected the query: PhraseNotFound 'zzzq'; fix the query "
                                       "and run again (nothing was imported)\n")
    assert run(["search", "pubmed", str(directory), "--query", "x", "--email", EMAIL,
                "--eutils-url", "ftp://example.org/"]) == 1
    assert capsys.readouterr().err.startswith("error: --eutils-url 'ftp://example.org/': not an http(s) URL")
    for bad in ("http://127.0.0.1:99999/", "http:///eutils/", "http://exa mple.org/"):
        assert run(["search", "pubmed", str(directory), "--query", "x", "--email", EMAIL,
                    "--eutils-url", bad]) == 1
        assert capsys.readouterr().err.startswith(f"error: --eutils-url {bad!r}: not an http(s) URL")


def test_bundled_set_is_what_the_demo_serves(standin):
    assert standin.pmids == BUNDLED_PMIDS


def test_bundled_files_helper(record_files):
    from screener.search.standin import bundled_pubmed_xml

    assert bundled_pubmed_xml() == record_files
