"""Identifiers as every reader, dedupe and the exports compare them: DOI, PMID, ISSN, year.

One spelling of each rule, so that a DOI read from RIS, from PubMed XML and from a CSV compares
equal, and dedupe matches on exactly what the records hold.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

_DOI_RE = re.compile(r"10\.\d{4,9}/[^\s\"]+", re.I)
_DOI_MARKER_RE = re.compile(r"\[[a-z]+\]$")     # a DOI field that carries '[doi]' or '[pii]'
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_YYYYMMDD_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)")
_ISSN_RE = re.compile(r"(?<![\dXx-])(\d{4})-?(\d{3}[\dXx])(?![\dXx-])")

#: a DOI as clean_doi gives it but for the case: from its start ('10.' and the registrant's digits,
#: as clean_doi finds it), no white space, quote, '%', '&', bracket or parenthesis (nothing to decode
#: or drop), and not ending in what clean_doi strips from the end. Readers test a value with it to
#: take the value itself, lower-cased, without clean_doi's work (RIS DO, MEDLINE's 'LID - … [doi]')
PLAIN_DOI = re.compile(r"10\.\d{4,9}/[^\s\"%&\[\]()]*[^\s\"%&\[\]().,;}>']")


def clean_doi(value: str) -> str:
    """A bare, lower-case DOI, or '' when there is none.

    Takes 'doi:10.…', 'https://doi.org/10.…', URL-encoded ('%28' → '(') and HTML-escaped
    ('&lt;' → '<') forms, and drops what follows the DOI: trailing punctuation, a ' [doi]' marker,
    a closing parenthesis with no opening one (a DOI quoted in parentheses). Balanced
    parentheses stay: SICI DOIs end in them ('10.1002/(sici)…(199806)').
    """
    if not value:
        return ""
    text = value.strip()
    if "%" in text:
        text = unquote(text)
    if "&" in text:
        text = html.unescape(text)
    match = _DOI_RE.search(text)
    if not match:
        return ""
    doi = _DOI_MARKER_RE.sub("", match.group(0)).rstrip(".,;]}>'")
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1].rstrip(".,;]}>'")
    return doi.lower()


def pmid_like(value: str) -> str:
    """A PMID only when it looks like one (5 to 9 digits), else '': some exports put a local
    accession number ('500') in the PMID field, and two of those must neither match nor conflict."""
    value = (value or "").strip()
    return value if value.isdigit() and 5 <= len(value) <= 9 else ""


def parse_year(*values: str) -> int | None:
    """The first plausible four-digit year in the values ('2020///', 'Start date: 20170812')."""
    for value in values:
        if not value:
            continue
        match = _YEAR_RE.search(value) or _YYYYMMDD_RE.search(value)
        if match:
            return int(match.group(1))
    return None


def issns(*values: str) -> list[str]:
    """ISSNs found in free text ('0894-9867, 0894-9867', '(Print)0964-6906'), hyphenated, unique."""
    out: list[str] = []
    for value in values:
        value = re.sub(r"(?i)\be?issn[-:\s]*", " ", value or "")   # ERIC writes "ISSN-1234-4567"
        for a, b in _ISSN_RE.findall(value):
            issn = f"{a}-{b.upper()}"
            if issn not in out:
                out.append(issn)
    return out
