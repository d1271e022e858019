"""Bio.Entrez reads ESearch and EPost (validated against the DTDs biopython ships); the edges
screener.search.entrez handles: no DOCTYPE, a DTD biopython lacks, an undeclared element, several ERRORs."""

from __future__ import annotations

import logging

import pytest

from screener.errors import SearchError
from screener.search.entrez import EPOST_DOCTYPE, ESEARCH_DOCTYPE, XML_DECLARATION
from screener.search.eutils import TransientError, parse_epost, parse_esearch

BODY = (b"<eSearchResult><Count>2</Count><RetMax>2</RetMax><RetStart>0</RetStart><QueryKey>1</QueryKey>"
        b"<WebEnv>MCID_x</WebEnv><IdList><Id>2</Id><Id>1</Id></IdList><TranslationSet/>"
        b"<QueryTranslation>x[All Fields]</QueryTranslation></eSearchResult>\n")


@pytest.fixture(autouse=True)
def no_dtd_download(monkeypatch):
    """Parsing never reaches the network: biopython's DTD download is made to fail loudly."""
    import Bio.Entrez.Parser

    def refuse(url, *args, **kwargs):
        raise AssertionError(f"Bio.Entrez tried to download {url}")
    monkeypatch.setattr(Bio.Entrez.Parser, "urlopen", refuse)


@pytest.fixture(autouse=True)
def warnings_said_afresh():
    from screener.search import entrez

    entrez._WARNED.clear()


def test_a_fallback_is_a_warning_once_then_debug(caplog):
    caplog.set_level(logging.DEBUG, logger="screener.search")
    for _ in range(3):
        parse_esearch(BODY)
    assert [r.levelname for r in caplog.records] == ["WARNING", "DEBUG", "DEBUG"]


@pytest.fixture(scope="module")
def eutils_dir(fixtures_dir):
    return fixtures_dir / "eutils"


@pytest.mark.parametrize("name", ["biopython__esearch1.xml", "biopython__esearch2.xml", "biopython__esearch3.xml",
                                  "biopython__esearch4.xml", "biopython__esearch5.xml", "biopython__esearch8.xml",
                                  "bioperl-live__esearch2.xml"])
def test_every_recorded_esearch_reads(name, eutils_dir, request):
    path = eutils_dir / name
    if not path.exists():   # bioperl's recording is only in ../shared
        path = request.getfixturevalue("shared_dir") / "fixtures" / "eutils" / name
    body = path.read_bytes()
    result = parse_esearch(body)
    assert result.count == int(body.split(b"<Count>")[1].split(b"<")[0])
    assert len(result.ids) == body.count(b"<Id>")


def test_with_the_real_doctype_nothing_is_logged(caplog):
    caplog.set_level(logging.WARNING, logger="screener.search")
    result = parse_esearch(XML_DECLARATION + ESEARCH_DOCTYPE + BODY)
    assert (result.count, result.ids, result.webenv, result.query_translation) == (2, ["2", "1"], "MCID_x",
                                                                                  "x[All Fields]")
    assert caplog.records == []


def test_without_doctype_or_declaration_it_is_read_against_the_current_dtd_and_said(caplog):
    caplog.set_level(logging.WARNING, logger="screener.search")
    assert parse_esearch(BODY).ids == ["2", "1"]
    assert [r.getMessage() for r in caplog.records] == [
        "eSearchResult without a DOCTYPE (E-utilities always send one): read against esearch.dtd"]


def test_a_dtd_biopython_lacks_is_not_downloaded(caplog):
    caplog.set_level(logging.WARNING, logger="screener.search")
    doctype = (b'<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20990101//EN" '
               b'"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20990101/esearch_v9.dtd">\n')
    assert parse_esearch(XML_DECLARATION + doctype + BODY).count == 2
    assert "esearch_v9.dtd" in caplog.records[0].getMessage()


def test_an_element_the_dtd_does_not_declare_is_left_out_with_a_warning(caplog):
    caplog.set_level(logging.WARNING, logger="screener.search")
    body = BODY.replace(b"<QueryTranslation>", b"<NewField>1</NewField><QueryTranslation>")
    assert parse_esearch(XML_DECLARATION + ESEARCH_DOCTYPE + body).query_translation == "x[All Fields]"
    assert "NewField" in caplog.records[0].getMessage()


def test_error_and_warning_lists_keep_the_dtd_order():
    body = BODY.replace(b"</eSearchResult>", b"<ErrorList><PhraseNotFound>b</PhraseNotFound><FieldNotFound>zz"
                        b"</FieldNotFound></ErrorList><WarningList><PhraseIgnored>of</PhraseIgnored>"
                        b"<QuotedPhraseNotFound>\"q\"</QuotedPhraseNotFound><OutputMessage>No items found."
                        b"</OutputMessage></WarningList></eSearchResult>")
    result = parse_esearch(XML_DECLARATION + ESEARCH_DOCTYPE + body)
    assert [(m.code, m.text) for m in result.errors] == [("PhraseNotFound", "b"), ("FieldNotFound", "zz")]
    assert [m.code for m in result.warnings] == ["PhraseIgnored", "QuotedPhraseNotFound", "OutputMessage"]


@pytest.mark.parametrize("body, reason", [
    (XML_DECLARATION + ESEARCH_DOCTYPE + BODY[:40], "unparseable ESearch response"),
    (b"<html><body>Service unavailable</body></html>", "<html> where <eSearchResult> was expected"),
    (b"", "not XML"),
])
def test_what_is_not_an_esearch_result_is_retried(body, reason):
    with pytest.raises(TransientError, match=reason):
        parse_esearch(body)


def test_top_level_error_is_kept():
    body = XML_DECLARATION + ESEARCH_DOCTYPE + b"<eSearchResult><ERROR>Invalid db name specified: x</ERROR></eSearchResult>"
    result = parse_esearch(body)
    assert (result.count, [(m.code, m.text) for m in result.errors]) == (0, [("ERROR", "Invalid db name specified: x")])


def test_epost_with_two_errors_keeps_both(eutils_dir):
    with pytest.raises(SearchError) as info:
        parse_epost((eutils_dir / "biopython__epost3.xml").read_bytes())
    assert str(info.value) == ("EPost failed: Empty ID list; Nothing to store; Some IDs have invalid value and were "
                               "omitted. Maximum ID value 18446744073709551615")


def test_epost_without_doctype():
    body = b"<ePostResult><QueryKey>3</QueryKey><WebEnv>MCID_y</WebEnv></ePostResult>"
    assert parse_epost(body) == parse_epost(XML_DECLARATION + EPOST_DOCTYPE + body) == ("MCID_y", "3")
