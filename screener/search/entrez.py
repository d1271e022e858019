"""E-utilities XML read with biopython's ``Bio.Entrez`` parser, validated against NCBI's DTDs.

HTTP stays ours (``eutils.EutilsClient``: one session, the shared rate limiter, retries, a local
stand-in in tests); biopython only parses. ``Bio.Entrez.read`` validates a response against the DTD
its DOCTYPE names, reading that DTD from the copies biopython ships (esearch.dtd 20060628 and
epost.dtd 20090526 are NCBI's current ones). Three edges are handled here so that parsing never
reaches the network and never fails on what E-utilities may send:

- no DOCTYPE (or no XML declaration): ``Bio.Entrez`` refuses such a body outright. NCBI always
  sends both, so the body is read against the DTD NCBI sends for that result, with a warning logged;
- a DOCTYPE naming a DTD biopython does not have (a new NCBI DTD, or the 2002 ``http://`` ones
  biopython now refuses): biopython would download it; the body is read against the known DTD instead,
  with a warning logged;
- an element the DTD does not declare (NCBI adding a field): read again without validation, the
  element left out, with a warning logged.

Bio's result keeps each ErrorList/WarningList code in its own list, so entries are put back in the
DTD's order (the order NCBI writes them in).
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
from typing import Any

from Bio import Entrez
from Bio.Entrez.Parser import DataHandler, ValidationError

log = logging.getLogger(__name__)

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" ?>\n'
# The DOCTYPE lines E-utilities send today (as in fixtures/eutils/biopython__esearch1.xml, __epost1.xml).
ESEARCH_DOCTYPE = (b'<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
                   b'"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n')
EPOST_DOCTYPE = (b'<!DOCTYPE ePostResult PUBLIC "-//NLM//DTD epost 20090526//EN" '
                 b'"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20090526/epost.dtd">\n')
ESEARCH_ERRORS = ("PhraseNotFound", "FieldNotFound")                           # ErrorList, DTD order
ESEARCH_WARNINGS = ("PhraseIgnored", "QuotedPhraseNotFound", "OutputMessage")  # WarningList, DTD order

_WARNED: set[str] = set()     # each fallback is said once per process (a sliced search sends hundreds)
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^>]*?\"([^\"]*)\"\s*>\s*", re.S)


class EntrezXMLError(ValueError):
    """The body is not the E-utilities XML it should be (unparseable, cut short, another root)."""


def read(body: bytes, root: str, doctype: bytes) -> dict[str, Any]:
    """``body`` (an E-utilities response whose root element must be ``root``) as Bio.Entrez reads it:
    a dict of strings, lists and dicts; a top-level ``<ERROR>`` is kept under ``"ERROR"``."""
    prepared = _prepared(body, root, doctype)
    try:
        try:
            record = Entrez.read(io.BytesIO(prepared), validate=True, ignore_errors=True)
        except ValidationError as exc:
            _warn_once("%s: %s; read without it", root, str(exc).split(".")[0])
            record = Entrez.read(io.BytesIO(prepared), validate=False, ignore_errors=True)
    except (ValueError, RuntimeError) as exc:   # Bio's NotXMLError and CorruptedXMLError are ValueErrors
        raise EntrezXMLError(" ".join(str(exc).split())[:160]) from None
    if not isinstance(record, dict):
        raise EntrezXMLError(f"not an <{root}>")
    several = re.findall(rb"<ERROR>(.*?)</ERROR>", prepared, re.S)
    if len(several) > 1:   # the DTDs allow one ERROR and Bio keeps the last; NCBI has sent two (epost3.xml)
        record["ERROR"] = "; ".join(html.unescape(e.decode("utf-8", "replace")).strip() for e in several)
    return record


def coded(entries: Any, order: tuple[str, ...]) -> list[tuple[str, str]]:
    """An ErrorList/WarningList as read (``{code: [text, ...]}``) as ``(code, text)`` in DTD order."""
    if not isinstance(entries, dict):
        return []
    codes = [c for c in order if c in entries] + sorted(c for c in entries if c not in order)
    return [(code, str(text).strip()) for code in codes for text in entries[code] if str(text).strip()]


def _prepared(body: bytes, root: str, doctype: bytes) -> bytes:
    """The body with an XML declaration and a DOCTYPE whose DTD biopython has (see the module docstring)."""
    body = body.removeprefix(b"\xef\xbb\xbf")
    match = _DECLARATION.match(body)
    declaration, rest = (match.group(0), body[match.end():]) if match else (XML_DECLARATION, body.lstrip())
    if not re.match(rb"<(!DOCTYPE\s+)?" + root.encode() + rb"\b", rest):
        tag = re.match(rb"<!DOCTYPE\s+([\w:-]+)|<([\w:-]+)", rest)
        found = (tag.group(1) or tag.group(2)).decode("utf-8", "replace") if tag else ""
        raise EntrezXMLError(f"<{found}> where <{root}> was expected" if found else "not XML")
    present = _DOCTYPE.match(rest)
    if present is None:
        _warn_once("%s without a DOCTYPE (E-utilities always send one): read against %s",
                    root, _dtd_name(doctype))
        return declaration + doctype + rest
    if not _shipped(present.group(1).decode("utf-8", "replace")):
        _warn_once("%s names a DTD biopython does not ship (%s): read against %s", root,
                    present.group(1).decode("utf-8", "replace"), _dtd_name(doctype))
        return declaration + doctype + rest[present.end():]
    return declaration + rest


def _warn_once(message: str, *args: object) -> None:
    """A warning the first time it is said in this process; the same again only at DEBUG."""
    text = message % args
    log.log(logging.DEBUG if text in _WARNED else logging.WARNING, "%s", text)
    _WARNED.add(text)


def _dtd_name(doctype: bytes) -> str:
    match = _DOCTYPE.match(doctype)
    return os.path.basename(match.group(1).decode()) if match else "its DTD"


def _shipped(system_id: str) -> bool:
    """Whether Bio.Entrez can read this DTD without downloading it (https and a local copy)."""
    if not system_id.startswith("https://"):
        return False     # biopython refuses http:// DTD URLs ("Expected secure URL to NCBI")
    name = os.path.basename(system_id)
    return any(os.path.isfile(os.path.join(folder, name))
               for folder in (DataHandler.global_dtd_dir, DataHandler.local_dtd_dir) if folder)
