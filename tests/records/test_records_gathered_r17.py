"""Misreads found by the hold-out's round 17 (benchmarks/records_gathered: files by reference in sources.tsv).

The files that showed them may not be copied (no licence, or GPL): each test's text is written in the layout
of the file it stands for, cut down to what shows the quirk, with invented records."""

from __future__ import annotations

import pytest

from screener.records import read_text


def test_acm_bibtex_latex_escaped_html_entities():
    # lhsantos/sysreview-elderly acm.bib (no licence): the ACM Digital Library's BibTeX of the 2010s writes
    # an HTML character reference with LaTeX's escapes, '\&\#38;' for '&' and '\&\#x2019;' for '’'; the
    # title kept '&#38;' (9 of its 731 titles). Invented entries in that layout:
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed: run `make install-test`")
    text = ("@inproceedings{Doe:2012:NMS:1.2,\n author = {Doe, Ann and Roe, Bo},\n"
            " title = {Needs \\&\\#38; Motivations of Older Travellers},\n year = {2012},\n}\n\n"
            "@article{Roe:2004:LB:3.4,\n author = {Roe, Bo},\n"
            " title = {Could Wearables Reduce Older People\\&\\#x2019;s Fear of Crime?},\n year = {2004},\n}\n\n"
            "@article{Poe:2020:X:5.6,\n author = {Poe, Cy},\n title = {Tea \\& Biscuits: a plain \\& stays},\n"
            " year = {2020},\n}\n")
    titles = [r.title for r in read_text(text, "acm.bib").records]
    assert titles == ["Needs & Motivations of Older Travellers",
                      "Could Wearables Reduce Older People’s Fear of Crime?",
                      "Tea & Biscuits: a plain & stays"]
