"""Name a file's format from its content (never from its extension)."""

from __future__ import annotations

import re

from screener.records.bibtex import looks_like_bibtex
from screener.records.csv_reader import find_header, looks_like_csv_rows
from screener.records.ebsco_xml import looks_like_ebsco_xml
from screener.records.embase_text import looks_like_embase_text
from screener.records.sciencedirect_text import looks_like_sciencedirect_text
from screener.records.tagged import sniff_tagged

FORMATS = ("ris", "medline", "pubmed_xml", "endnote_xml", "ebsco_xml", "wos", "wos_tab", "ovid", "ovid_display",
           "csv", "tsv", "bibtex", "enw", "refworks", "cochrane_text", "csv_rows", "embase_text",
           "sciencedirect_text")

_RIS_TY = re.compile(r"^[ \t]*TY {1,2}- ?", re.M)
_RIS_TAG = re.compile(r"^[A-Z][A-Z0-9] {1,2}-( |$)", re.M)
_MEDLINE_TAG = re.compile(r"^(PMID|PMCR|OWN|STAT|FAU|JID|EDAT|MHDA|CRDT|PST|DCOM|BTI|CTI|FED|PMC|LID|AID"
                          r"|OID|PHST) *-", re.M)   # 3-4 letter tags: RIS never has them (PsycNET's PMID aside)
_WOS_PT = re.compile(r"^PT [A-Z]\s*$", re.M)
_WOS_HEAD = re.compile(r"^(FN |VR |PT |AU |TI |SO |ER\s*$)", re.M)
_OVID_HEAD = re.compile(r"^\s*<\d+(\. )?>\s*$", re.M)
_OVID_TAG = re.compile(r"^\s?[A-Z][A-Z0-9]{1,4} {1,2}-( |$)", re.M)
_OVID_DISPLAY = re.compile(r"^\s*<\d+>\s*$", re.M)


def sniff_format(text: str) -> str:
    """The format of decoded text: one of FORMATS, or "unknown".

    The order matters: XML first (unambiguous), then tagged formats by their record markers.
    """
    # (text.lstrip() copies the whole file: only when it starts with white space)
    head = text.lstrip()[:5000] if text[:1].isspace() else text[:5000]
    if head.startswith("<") and not _OVID_HEAD.match(head) and not _OVID_DISPLAY.match(head):
        if re.search(r"<(PubmedArticleSet|PubmedArticle|PubmedBookArticleSet|PubmedBookArticle)\b", head):
            return "pubmed_xml"
        if re.search(r"<xml>\s*<records>|<records>\s*<record>|<record>\s*<database", head):
            return "endnote_xml"
        if re.search(r"<XML>\s*<RECORDS>|<RECORDS>\s*<RECORD>", head):
            return "endnote_xml"        # EndNote online's upper-case XML
        if looks_like_ebsco_xml(head):
            return "ebsco_xml"
        return "unknown"
    sample = text[:200000]
    first_lines = [line for line in sample.split("\n")[:40] if line.strip()]

    if looks_like_bibtex(sample[:20000]):
        return "bibtex"
    tagged = sniff_tagged(sample[:20000])
    if tagged:
        return tagged
    if looks_like_embase_text(first_lines):
        return "embase_text"
    if looks_like_sciencedirect_text(sample[:20000]):
        return "sciencedirect_text"
    if first_lines and "\t" in first_lines[0] and re.match(r"^(PT|AU|FN)\t", first_lines[0]):
        return "wos_tab"
    if _OVID_HEAD.search(sample) and _OVID_TAG.search(sample):
        return "ovid"
    if _OVID_DISPLAY.search(sample) and re.search(r"^(Authors?|Title|Source|Score|Accession Number)\s*$",
                                                  sample, re.M):
        return "ovid_display"
    if _RIS_TY.search(sample):
        return "ris"
    if _MEDLINE_TAG.search(sample):
        return "medline"
    if (_WOS_PT.search(sample) or re.search(r"^FN ", sample, re.M)) and len(_WOS_HEAD.findall(sample)) >= 3:
        return "wos"
    if re.search(r"^VN  ?- Ovid", sample, re.M):
        return "ovid"
    if first_lines:
        if looks_like_csv_rows(sample.split("\n")[:120]):
            return "csv_rows"

        sample_lines = sample.split("\n")
        at = find_header(sample_lines, None)
        if at is not None:
            header = sample_lines[at]
            return "tsv" if header.count("\t") > header.count(",") else "csv"
    if len(_RIS_TAG.findall(sample)) >= 3:
        return "ris"  # tagged RIS without a TY line: the reader will say what is wrong
    return "unknown"
