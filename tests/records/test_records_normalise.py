"""Field normalisers shared by every reader: one line per case."""

from __future__ import annotations

import pytest

from screener.records.base import canonical_database, clean_doi, flags_for, issns, parse_year
from screener.records.csv_reader import split_authors


@pytest.mark.parametrize("value,doi", [
    ("doi:10.1016/0021-9150(82)90108-X", "10.1016/0021-9150(82)90108-x"),
    ("(https://doi.org/10.1000/abc).", "10.1000/abc"),
    ("https://doi.org/10.1038%2Fs41467-024-46843-2", "10.1038/s41467-024-46843-2"),
    ("10.1016/j.ejmg.2019.03.004 [doi]", "10.1016/j.ejmg.2019.03.004"),
    ("http://dx.doi.org/10.4236/ojf.2020.101008", "10.4236/ojf.2020.101008"),
    ("S1769-7212(19)30123-4 [pii]", ""),
    ("", ""),
])
def test_clean_doi(value, doi):
    assert clean_doi(value) == doi


@pytest.mark.parametrize("values,year", [
    (("2020///",), 2020), (("Start date: 20170812",), 2017), (("10 15",), None),
    (("", "2014//"), 2014), (("Sep 2015",), 2015), (("YEAR/MONTH/DAY/",), None),
])
def test_parse_year(values, year):
    assert parse_year(*values) == year


@pytest.mark.parametrize("value,expected", [
    ("0894-9867, 0894-9867", ["0894-9867"]), ("(Print)0964-6906", ["0964-6906"]),
    ("1573-3602 1050-5350", ["1573-3602", "1050-5350"]), ("ISSN-1234-4567", ["1234-4567"]),
    ("20964129 (ISSN) ", ["2096-4129"]), ("978-1-80062-734-5", []),
])
def test_issns(value, expected):
    assert issns(value) == expected


@pytest.mark.parametrize("value,authors", [
    ("Zuna, R E and Wang, S S", ["Zuna, R E", "Wang, S S"]),
    ("Liu R., Adler D.G.", ["Liu R.", "Adler D.G."]),
    ("Bywater, T; Hutchings, J", ["Bywater, T", "Hutchings, J"]),
    ("Zuber, J.", ["Zuber, J."]),
    ("Griffin DK, Larkin DM, O'Connor RE.", ["Griffin DK", "Larkin DM", "O'Connor RE."]),
])
def test_split_authors(value, authors):
    assert split_authors(value) == authors


@pytest.mark.parametrize("value,name", [
    ("Ovid MEDLINE(R) <2022>", "MEDLINE"), ("psyh", "PsycINFO"), ("APA PsycInfo <2021>", "PsycINFO"),
    ("aph", "Academic Search Premier"), ("Embase", "Embase"), ("PubMed", "PubMed"),
    ("Scopus", "Scopus"), ("JSTOR", "JSTOR"),
    ("EBM Reviews - Cochrane Central Register of Controlled Trials", "Cochrane CENTRAL"),
    ("EBM Reviews - Cochrane Database of Systematic Reviews", "Cochrane Database of Systematic Reviews"),
    ("Ovid MEDLINE(R) ALL", "MEDLINE"), ("Embase Classic+Embase", "Embase"),
    ("AMED (Allied and Complementary Medicine)", "AMED"), ("rzh", "CINAHL"), ("NLM", "PubMed"),
])
def test_canonical_database(value, name):
    assert canonical_database(value) == name


@pytest.mark.parametrize("types,ty,flags", [
    (["Published Erratum"], "", ["erratum"]), (["Conference Paper"], "", ["conference"]),
    (["Retracted Publication"], "", ["retraction"]), ([], "CONF", ["conference"]),
    (["Journal Article"], "JOUR", []), ([], "CHAP", ["book"]),
])
def test_flags(types, ty, flags):
    assert flags_for(types, ty) == flags
