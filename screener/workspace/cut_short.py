"""An export cut short: a download or a copy interrupted in the middle of a record.

Nothing in such a file says where it should have ended: its last record is simply shorter. A PubMed file cut
inside a record read as that many records and no warning; a RIS or Web of Science file got the reader's
``missing_er`` ('it was closed at the end of the file'), which a vendor that writes no ER after its last record
gets too. What tells them apart is the rest of the file: when every other record ends with a closing line (RIS and
WoS ``ER``) and the last one has none, the file was cut. MEDLINE has no closing line (``SO``, the last tag PubMed
writes, is missing from ERIC's reports and books and from some Bookshelf records), so its mark is ``PT``, which
every PubMed and ERIC record has after its title, abstract and authors: a record cut before it lacks most of
itself. The records still come in, as the reader read them (the file may be all there is); the warning says what
to do. Tried on every RIS, WoS and MEDLINE file of fixtures/, ../shared and the gathered hold-out (246): said of
one, metaknowledge's test file, which is cut inside a title. A file streamed (64 MB or more) is not judged: its
records are stored as they are read, not held.
"""

from __future__ import annotations

from screener.records.base import ReadResult, ReadWarning

# a tag every record of the format has, late in it; ER is not among a RIS or WoS record's tags once read, so
# those formats are judged by the reader's missing_er warnings instead
_CLOSED_BY = {"medline": "PT"}
_ER_FORMATS = {"ris": "ER", "wos": "ER"}
_WORDS = ("the file seems cut short: its last record lacks the {tag} line every other record has (a download or copy "
          "interrupted?); compare its count with the database's and, if short, export the file again")


def cut_short(result: ReadResult) -> ReadWarning | None:
    """The ``cut_short`` warning for ``result`` when its last record lacks what closes each of the others."""
    records = result.records
    if len(records) < 2:
        return None        # one record: nothing to compare it with
    last = records[-1]
    if result.format in _ER_FORMATS:
        unclosed = {w.record_number for w in result.warnings if w.code == "missing_er"}
        if unclosed != {last.record_number}:
            return None
        tag = _ER_FORMATS[result.format]
    elif result.format in _CLOSED_BY:
        tag = _CLOSED_BY[result.format]
        if tag in last.tags or not all(tag in r.tags for r in records[:-1]):
            return None
    else:
        return None
    return ReadWarning(result.path, last.line, last.record_number, "cut_short", _WORDS.format(tag=tag))
