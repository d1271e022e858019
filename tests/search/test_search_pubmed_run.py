"""search_pubmed against the local E-utilities stand-in: exact imports, the log, errors, reruns."""

from __future__ import annotations

import json

import pytest
from search_helpers import BUNDLED_PMIDS, fast

from screener.errors import SearchError, StrategyParseError, UsageError
from screener.search import search_pubmed

EMAIL = "searcher@example.org"


def test_imports_exactly_the_bundled_records_with_provenance(workspace, standin, source_pmids, record_files):
    report = search_pubmed(workspace, query="chronic pain AND qualitative", eutils_url=standin.url,
                           email=EMAIL, batch_size=7, **fast())
    assert report.status == "complete" and report.run == "new"
    assert report.count == 20 and report.new_records == 20 and report.fetched == 20
    pmids = source_pmids(workspace)
    assert sorted(pmids) == sorted(BUNDLED_PMIDS) and len(pmids) == len(set(pmids))
    row = workspace.db.execute("SELECT * FROM searches").fetchone()
    assert row["status"] == "complete"
    assert row["database"] == "PubMed"
    assert row["query_sent"] == "chronic pain AND qualitative"
    assert row["query_translation"] == "chronic pain AND qualitative"
    assert row["count"] == 20 and row["new_records"] == 20
    assert row["tool_version"] == "screener 0.1.0"
    assert row["platform"] == f"NCBI E-utilities ({standin.url})"
    assert row["finished_at"]
    # records are stored verbatim, as PubMed sent them
    stored = workspace.db.execute("SELECT raw, record, database, format, search_id FROM source_records"
                                  " WHERE pmid = '27797938'").fetchone()
    original = (record_files[0].parent / "biopython__pubmed4.xml").read_text(encoding="utf-8")
    assert stored["raw"] in original and stored["raw"].startswith("<PubmedArticle>")
    assert (stored["database"], stored["format"], stored["search_id"]) == ("PubMed", "pubmed_xml", 1)
    assert json.loads(stored["record"])["extra"]["abstract_sections"][0]["label"] == "OBJECTIVE"
    # tool and email went with every request; three batches of 7
    assert all(r.params["tool"] == "screener" and r.params["email"] == EMAIL for r in standin.requests)
    assert [r.endpoint for r in standin.requests] == ["esearch", "epost", "efetch", "efetch", "efetch"]
    kinds = [row[0] for row in workspace.db.execute("SELECT kind FROM events ORDER BY id")]
    assert kinds[-2:] == ["search", "search_complete"]


def test_query_finds_a_subset(workspace, standin, source_pmids):
    standin.queries = {"telomere": ["27797938", "9997", "99999999"]}  # one PMID PubMed does not have
    report = search_pubmed(workspace, query="telomere", eutils_url=standin.url, email=EMAIL, **fast())
    assert report.count == 2
    assert sorted(source_pmids(workspace)) == ["27797938", "9997"]


def test_api_key_is_sent_but_never_logged(workspace, standin):
    report = search_pubmed(workspace, query="pain", eutils_url=standin.url, email=EMAIL,
                           api_key="SECRET-KEY-123", **fast())
    assert report.status == "complete"
    dump = "".join(str(tuple(row)) for table in ("searches", "events")
                   for row in workspace.db.execute(f"SELECT * FROM {table}"))
    assert "SECRET-KEY-123" not in dump and "SECRET-KEY-123" not in json.dumps(report.to_dict())
    assert all("api_key" not in r.params for r in standin.requests)  # the stand-in strips it from its log


def test_empty_result_is_a_logged_search_with_count_zero(workspace, standin, source_pmids):
    standin.queries = {"nothing here": []}
    report = search_pubmed(workspace, query="nothing here", eutils_url=standin.url, email=EMAIL, **fast())
    assert (report.status, report.count, report.new_records) == ("complete", 0, 0)
    row = workspace.db.execute("SELECT status, count, new_records FROM searches").fetchone()
    assert tuple(row) == ("complete", 0, 0)
    assert source_pmids(workspace) == []
    assert [r.endpoint for r in standin.requests] == ["esearch"]


def test_rejected_query_imports_nothing_and_says_why(workspace, standin, source_pmids):
    standin.phrase_not_found = ["abcxyz"]
    with pytest.raises(SearchError) as info:
        search_pubmed(workspace, query="pain AND abcXYZ", eutils_url=standin.url, email=EMAIL, **fast())
    assert str(info.value) == ("PubMed rejected the query: PhraseNotFound 'abcxyz'; fix the query and run "
                               "again (nothing was imported)")
    assert source_pmids(workspace) == []
    row = workspace.db.execute("SELECT status, count, warnings FROM searches").fetchone()
    assert row["status"] == "failed"
    assert json.loads(row["warnings"])[0]["code"] == "PhraseNotFound"


def test_field_not_found(workspace, standin):
    with pytest.raises(SearchError, match=r"FieldNotFound 'tiabx'"):
        search_pubmed(workspace, query="pain[tiabx]", eutils_url=standin.url, email=EMAIL, **fast())


STRATEGY = """1. exp Chronic Pain/
2. (chronic adj2 pain).ti,ab.
3. 1 or 2
4. qualitative.ti,ab.
5. metaethnograph*.ti,ab.
6. 4 or 5
7. 3 and 6
"""


def test_strategy_rejection_names_the_strategy_line(workspace, standin, source_pmids):
    standin.phrase_not_found = ["metaethnograph*"]
    with pytest.raises(SearchError) as info:
        search_pubmed(workspace, strategy_text=STRATEGY, strategy_file="table1.txt", eutils_url=standin.url,
                      email=EMAIL, **fast())
    assert "PhraseNotFound 'metaethnograph*' (strategy line 5: metaethnograph*.ti,ab.)" in str(info.value)
    assert "fix that line of the strategy" in str(info.value)
    assert source_pmids(workspace) == []


def test_strategy_warnings_are_attached_to_their_lines(workspace, standin):
    standin.quoted_phrase_not_found = ["chronic pain"]
    standin.phrase_ignored = ["qualitative"]
    report = search_pubmed(workspace, strategy_text=STRATEGY, strategy_file="table1.txt",
                           eutils_url=standin.url, email=EMAIL, **fast())
    pubmed = {w["code"]: w for w in report.warnings if w.get("source") == "PubMed"}
    assert pubmed["QuotedPhraseNotFound"]["line"] == 1
    assert pubmed["PhraseIgnored"]["line"] == 4
    assert pubmed["PhraseIgnored"]["message"] == ("PubMed PhraseIgnored: qualitative (strategy line 4: "
                                                  "qualitative.ti,ab.)")
    row = workspace.db.execute("SELECT strategy_text, strategy_file, query_sent, warnings FROM searches").fetchone()
    assert row["strategy_text"] == STRATEGY and row["strategy_file"] == "table1.txt"
    assert row["query_sent"] == report.query and "qualitative[tiab]" in report.query
    assert {w["code"] for w in json.loads(row["warnings"])} >= {"QuotedPhraseNotFound", "PhraseIgnored"}
    assert report.new_records == 20


def test_strategy_with_errors_searches_nothing(workspace, standin):
    with pytest.raises(StrategyParseError, match=r"^table1.txt: nothing was searched: the strategy has errors; "
                                                 r"line 2, column \d+: "):
        search_pubmed(workspace, strategy_text="1. exp Chronic Pain/\n2. (chronic adj2 pain.ti,ab.\n",
                      strategy_file="table1.txt", eutils_url=standin.url, email=EMAIL, **fast())
    assert standin.requests == []
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0


def test_invalid_email_is_refused_before_any_request(workspace, standin):
    with pytest.raises(UsageError, match=r"--email 'not-an-address': not a valid email address"):
        search_pubmed(workspace, query="pain", eutils_url=standin.url, email="not-an-address", **fast())
    assert standin.requests == []
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0


def test_unreachable_server_fails_clearly_and_leaves_nothing(workspace):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SearchError) as info:
        search_pubmed(workspace, query="pain", eutils_url=f"http://127.0.0.1:{port}/entrez/eutils/",
                      email=EMAIL, **fast())
    assert str(info.value) == (f"E-utilities at http://127.0.0.1:{port}/entrez/eutils/ kept failing "
                               f"(esearch.fcgi: connection refused) after 5 attempts; check the network or "
                               f"--eutils-url and run the same command again to resume")
    assert workspace.db.execute("SELECT count(*) FROM searches").fetchone()[0] == 0
    assert workspace.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0


def test_living_review_rerun_imports_only_new_records(workspace, standin, source_pmids):
    first_half = sorted(BUNDLED_PMIDS)[:12]
    standin.queries = {"pain": first_half}
    first = search_pubmed(workspace, query="pain", eutils_url=standin.url, email=EMAIL, **fast())
    assert first.new_records == 12
    standin.queries = {"pain": sorted(BUNDLED_PMIDS)}  # PubMed has grown since
    standin.requests.clear()
    second = search_pubmed(workspace, query="pain", eutils_url=standin.url, email=EMAIL, **fast())
    assert second.run == "update" and second.search_id != first.search_id
    assert (second.count, second.new_records, second.previously_imported, second.fetched) == (20, 8, 12, 8)
    posted = {p for r in standin.requests if r.endpoint == "epost" for p in r.params["id"].split(",")}
    assert posted == BUNDLED_PMIDS - set(first_half)  # only the new ones were fetched
    pmids = source_pmids(workspace)
    assert sorted(pmids) == sorted(BUNDLED_PMIDS)
    rows = workspace.db.execute("SELECT id, count, new_records, status FROM searches ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(1, 12, 12, "complete"), (2, 20, 8, "complete")]
    third = search_pubmed(workspace, query="pain", eutils_url=standin.url, email=EMAIL, **fast())
    assert (third.new_records, third.previously_imported) == (0, 20)
    assert len(source_pmids(workspace)) == 20


def test_exactly_one_of_query_or_strategy(workspace, standin):
    with pytest.raises(UsageError, match="exactly one of"):
        search_pubmed(workspace, eutils_url=standin.url, email=EMAIL, **fast())
    with pytest.raises(UsageError, match="exactly one of"):
        search_pubmed(workspace, query="x", strategy_text=STRATEGY, eutils_url=standin.url, email=EMAIL,
                      **fast())


def test_another_server_is_another_search(workspace, standin, record_files, source_pmids):
    from screener.search.standin import EutilsStandin

    first = search_pubmed(workspace, query="pain", eutils_url=standin.url, email=EMAIL, **fast())
    with EutilsStandin(record_files, enforce_rate=False) as other:
        second = search_pubmed(workspace, query="pain", eutils_url=other, email=EMAIL, **fast())
    assert (first.run, second.run) == ("new", "new")
    assert (second.previously_imported, second.new_records) == (0, 20)
    assert len(source_pmids(workspace)) == 40  # two searches' source records; dedupe merges them later
