"""One DOI/PMID/ISSN/year rule for readers, dedupe and exports (screener.identifiers)."""

from __future__ import annotations

import pytest

from screener.dedup.normalize import normalize_doi
from screener.identifiers import clean_doi, issns, parse_year, pmid_like
from screener.records.base import clean_doi as readers_clean_doi

DOIS = [
    # the three cleaners of before disagreed on these
    ("10.1000/x%28y%29", "10.1000/x(y)"),                 # dedupe gave '10.1000/x(y'
    ("10.1000/XYZ.", "10.1000/xyz"),                      # PubMed XML kept the '.'
    ("10.1000/xyz [doi]", "10.1000/xyz"),                 # and the ' [doi]'
    ("10.1000/xyz[doi]", "10.1000/xyz"),
    ("https://doi.org/10.1000/ABC", "10.1000/abc"),
    ("https://dx.doi.org/10.1000/abc", "10.1000/abc"),
    ("doi: 10.1000/abc;", "10.1000/abc"),
    ("(see 10.1000/abc)", "10.1000/abc"),                 # a closing parenthesis with no opening one
    ("10.1002/(SICI)1097-4679(199806)54:4<465::AID-JCLP6>3.0.CO;2-E",
     "10.1002/(sici)1097-4679(199806)54:4<465::aid-jclp6>3.0.co;2-e"),
    ("10.1002/(SICI)1097-4679(199806)54:4&lt;465::AID-JCLP6&gt;3.0.CO;2-E",
     "10.1002/(sici)1097-4679(199806)54:4<465::aid-jclp6>3.0.co;2-e"),
    ("10.1000/a(b)", "10.1000/a(b)"),                     # balanced parentheses stay
    ("not a doi", ""),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "expected"), DOIS)
def test_one_doi_rule_for_readers_and_dedupe(raw, expected):
    assert clean_doi(raw) == expected
    assert readers_clean_doi(raw) == expected          # what every reader stores
    assert normalize_doi(raw) == expected              # what dedupe compares


def test_the_pubmed_xml_reader_cleans_dois_the_same_way(tmp_path):
    from screener.records.reader import read_file

    xml = ('<?xml version="1.0"?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>12345678</PMID>'
           '<Article><ArticleTitle>T</ArticleTitle><ELocationID EIdType="doi" ValidYN="Y">10.1000/XYZ.'
           '</ELocationID></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>')
    path = tmp_path / "one.xml"
    path.write_text(xml, encoding="utf-8")
    (record,) = read_file(path).records
    assert record.doi == "10.1000/xyz"


@pytest.mark.parametrize(("raw", "expected"), [("12345678", "12345678"), (" 12345 ", "12345"), ("500", ""),
                                               ("1234567890", ""), ("PMID: 123456", ""), ("", "")])
def test_pmid_like(raw, expected):
    assert pmid_like(raw) == expected


@pytest.mark.parametrize(("values", "expected"), [(("2020///",), 2020), (("Start date: 20170812",), 2017),
                                                  (("", "n.d.", "1999 Mar"), 1999), (("12345",), None)])
def test_parse_year(values, expected):
    assert parse_year(*values) == expected


def test_issns():
    assert issns("0894-9867, 0894-9867", "(Print)0964-6906", "ISSN-1234-567x") == ["0894-9867", "0964-6906",
                                                                                    "1234-567X"]

