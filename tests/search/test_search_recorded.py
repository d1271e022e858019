"""Recorded real E-utilities responses (fixtures/eutils): parsed exactly, and replayed over HTTP."""

from __future__ import annotations

import pytest
from search_helpers import fast

from screener.errors import SearchError
from screener.search import search_pubmed
from screener.search.entrez import ESEARCH_DOCTYPE, XML_DECLARATION
from screener.search.eutils import EutilsClient, parse_epost, parse_esearch
from screener.search.standin import EutilsStandin

EMAIL = "searcher@example.org"


@pytest.fixture(scope="module")
def eutils_dir(fixtures_dir):
    return fixtures_dir / "eutils"


def test_esearch_with_history(eutils_dir):
    result = parse_esearch((eutils_dir / "biopython__esearch2.xml").read_bytes())
    assert (result.count, result.ret_max, result.query_key) == (42249, 100, "1")
    assert result.webenv == "MCID_6927d6e7fee3e90f880ec190"
    assert len(result.ids) == 100 and result.ids[0] == "41297076"
    assert result.errors == [] and result.warnings == []


def test_esearch_translation(eutils_dir):
    result = parse_esearch((eutils_dir / "biopython__esearch5.xml").read_bytes())
    assert result.count == 5
    assert result.ids == ["6540636", "5830998", "4460425", "4466840", "3443459"]
    assert result.query_translation == ('("stem cells"[MeSH Terms] OR ("stem"[All Fields] AND "cells"[All Fields]) '
                                        'OR "stem cells"[All Fields]) AND hasabstract[All Fields]')
    assert result.translation_set == [("stem cells", '"stem cells"[MeSH Terms] OR ("stem"[All Fields] AND '
                                                     '"cells"[All Fields]) OR "stem cells"[All Fields]')]


def test_esearch_phrase_not_found(eutils_dir):
    result = parse_esearch((eutils_dir / "biopython__esearch8.xml").read_bytes())
    assert result.count == 0
    assert [(m.code, m.text) for m in result.errors] == [("PhraseNotFound", "abcXYZ")]
    assert [(m.code, m.text) for m in result.warnings] == [("OutputMessage", "No items found.")]


def test_epost(eutils_dir):
    assert parse_epost((eutils_dir / "biopython__epost1.xml").read_bytes()) == ("MCID_692851c130aec64bed0a8c2a", "1")
    with pytest.raises(SearchError, match="EPost failed: Invalid db name specified: nothing"):
        parse_epost((eutils_dir / "biopython__epost2.xml").read_bytes())


def test_replayed_rejection_over_http(workspace, eutils_dir, source_pmids):
    server = EutilsStandin(replay={"esearch": eutils_dir / "biopython__esearch8.xml"}, enforce_rate=False)
    with server as url:
        with pytest.raises(SearchError) as info:
            search_pubmed(workspace, query="abcXYZ", eutils_url=url, email=EMAIL, **fast())
    assert str(info.value) == ("PubMed rejected the query: PhraseNotFound 'abcXYZ'; fix the query and run again "
                               "(nothing was imported)")
    row = workspace.db.execute("SELECT status, query_translation FROM searches").fetchone()
    assert tuple(row) == ("failed", "(abcXYZ[All Fields])")
    assert source_pmids(workspace) == []


def test_replayed_esearch_and_real_records(workspace, eutils_dir, fixtures_dir, source_pmids):
    """ESearch answered by a recorded response, EFetch by the real records it lists (PMID 27797938 is
    served from biopython__pubmed4.xml)."""
    recorded = (XML_DECLARATION + ESEARCH_DOCTYPE + b'<eSearchResult><Count>1</Count><RetMax>1</RetMax>'
                b'<RetStart>0</RetStart><QueryKey>1</QueryKey><WebEnv>MCID_recorded</WebEnv><IdList><Id>27797938'
                b'</Id></IdList><TranslationSet/><QueryTranslation>telomere[All Fields]</QueryTranslation>'
                b'</eSearchResult>\n')
    server = EutilsStandin([fixtures_dir / "records" / "pubmed-xml" / "biopython__pubmed4.xml"], replay={"esearch": recorded},
                           enforce_rate=False)
    with server as url:
        report = search_pubmed(workspace, query="telomere", eutils_url=url, email=EMAIL, **fast())
        client = EutilsClient(url, email=EMAIL, **{k: v for k, v in fast().items() if k != "timeout"})
        assert client.esearch("anything").webenv == "MCID_recorded"
    assert report.query_translation == "telomere[All Fields]"
    assert source_pmids(workspace) == ["27797938"]


def test_pmid_listed_but_never_returned_is_reported(workspace, fixtures_dir, source_pmids):
    recorded = (XML_DECLARATION + ESEARCH_DOCTYPE
                + b'<eSearchResult><Count>2</Count><RetMax>2</RetMax><RetStart>0</RetStart><QueryKey>1</QueryKey>'
                b'<WebEnv>MCID_x</WebEnv><IdList><Id>27797938</Id><Id>11111111</Id></IdList>'
                b'<QueryTranslation>x</QueryTranslation></eSearchResult>')
    server = EutilsStandin([fixtures_dir / "records" / "pubmed-xml" / "biopython__pubmed4.xml"], replay={"esearch": recorded},
                           enforce_rate=False)
    with server as url:
        report = search_pubmed(workspace, query="x", eutils_url=url, email=EMAIL, **fast())
    assert (report.status, report.count, report.new_records, report.missing) == ("complete", 2, 1, ["11111111"])
    assert report.warnings[-1]["message"] == "EFetch returned no record for 1 PMID(s) ESearch listed: 11111111"
    assert [r.endpoint for r in server.requests] == ["esearch", "epost", "efetch", "epost", "efetch"]
    assert source_pmids(workspace) == ["27797938"]
