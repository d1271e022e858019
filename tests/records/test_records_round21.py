"""What the hold-out's round 21 showed (benchmarks/records_gathered: files by reference in round21.tsv): exports of
health-sciences databases (Embase.com, PubMed, SciELO) and re-exports of screening tools (Abstrackr, Covidence, Rayyan,
Zotero, Google Scholar; asreview/citation-file-formatting, CC0).

The files carry publishers' abstracts or state no licence: each test's text is written in the layout of the file it
stands for, cut down to what shows the quirk, with invented records (the Google Scholar CSV, CC0 and without abstracts,
is a fixture: fixtures/records/csv/citation-file-formatting__googlescholar.csv)."""

from __future__ import annotations

from screener.records import read_text


def test_pubmed_author_with_a_preferred_name_in_parentheses_is_one_of_the_list():
    # PubMed writes a preferred given name after the initials: 'Lin JY (Joyce)'
    text = "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n" + \
        '30000009,An invented decision-support study,"Hu L, Lin JY (Joyce), Sigel K, Kale M.","J Invented Inform. ' \
        '2019 Jan;1(1):1-9.",Hu L,J Invented Inform,2019,2019/01/02,,,\n'
    (row,) = read_text(text, "csv-invented-set.csv").records
    assert row.authors == ["Hu L", "Lin JY (Joyce)", "Sigel K", "Kale M"]
