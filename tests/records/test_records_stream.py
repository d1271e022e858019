"""A large RIS or MEDLINE file read piece by piece (screener.records.stream) gives what reading it
whole gives: the same records (every field, line and record number), warnings and errors. Pieces
are forced small here (a few kilobytes, or one record each) and the bytes decoded in blocks of a
few bytes, so that pieces end at nearly every place they may and characters straddle blocks."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from screener.errors import RecordParseError
from screener.records import read_file, stream
from screener.records.stream import open_streamed

PIECES = (2, 1024, 4096)      # 2: a piece ends at the first place it may (one record, mostly)


def _outcome(read):
    try:
        result = read()
    except RecordParseError as exc:
        return ("error", str(exc), exc.line)
    return (result.format, result.encoding, [r.to_dict() for r in result.records],
            [w.to_dict() for w in result.warnings], [r.to_dict() for r in result.rejected], result.search_query)


def _compare(path: Path, piece: int, block: int = 700):
    """(streamed at all, pieces) after checking that streamed and whole readings agree."""
    streamed = open_streamed(path, above=0, piece=piece, block=block)
    if streamed is None:
        return False, 0
    assert _outcome(streamed.read_all) == _outcome(lambda: read_file(path)), (path, piece)
    return True, streamed.pieces


def _every_file(root: Path, piece: int) -> tuple[int, int]:
    streamed = cut = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        was, pieces = _compare(path, piece)
        streamed += was
        cut += pieces > 1
    return streamed, cut


@pytest.mark.parametrize("piece", PIECES)
def test_every_ris_and_medline_fixture_streams_as_it_reads_whole(fixtures_dir, piece):
    streamed, cut = _every_file(fixtures_dir / "records", piece)
    assert streamed >= 65          # the RIS and MEDLINE fixtures (others are read whole)
    assert cut >= 25               # and many of them in several pieces


@pytest.mark.parametrize("piece", PIECES)
def test_every_ris_and_medline_shared_file_streams_as_it_reads_whole(shared_dir, piece):
    streamed, cut = _every_file(shared_dir / "fixtures", piece)
    assert streamed >= 100
    assert cut >= 50


# what vendors put between records, and what the readers warn about, in one file: missing ER
# (the message names the next TY's line), stray text (names the record before), preamble lines
# ("Record #2 of 9", "2."), Ovid trailers, a block no TY opened, a bare ER, tags unknown/repeated
ODD_RIS = """Provider: Test
Database: Scopus

TY  - JOUR
TI  - First
AU  - Smith, J.
PY  - 2001
ER  -

Record #2 of 9

TY  - JOUR
TI  - No end
PY  - 2002
TY  - JOUR
TI  - After the missing ER
ZZ  - unknown tag
TI  - repeated title
ER  -
NL  - J Something

Link to the Ovid Full Text or citation: https://example.org/x

2.
TY  - JOUR
TI  - Abstract ends the record
AB  - One
  continued line
ER  -

stray words between records

TY  - JOUR
TI  - After stray text  AU  - Fused, A.
ER  -

3.
ER  -

TY  - JOUR
AU  - No title
ER  -
AU  - Block, B.
TI  - A block no TY opened
ER  -

ER
TY  - JOUR
TI  - Before a note
ER  -

4.
a note after a preamble line
TY  - JOUR
TI  - After a note
ER  -
 5.
TY  - JOUR
TI  - After an indented number
ER  -
ER
TY  - BOOK
TI  - Last
"""

ODD_MEDLINE = """stray text before the first record

PMID- 1
TI  - First
FAU - Smith, John
DP  - 2001

PMID- 2
TI  - Second with a whitespace-only line
{SPACES}
AU  - Late A


PMID- 3
TI  - After two blank lines
XYZ - unknown tag

This line should be omitted

PMID- 4
TI  - After stray text
not a tag line
DP  - 2004

OWN - ERIC
TI  - No PMID record
PMID- 5
TI  - Two records without a blank line

PMID- 6
TI  - Last
trailing words""".replace("{SPACES}", "   ")


@pytest.mark.parametrize("text,name", [(ODD_RIS, "odd.ris"), (ODD_MEDLINE, "odd.nbib")])
@pytest.mark.parametrize("piece", PIECES)
def test_odd_layouts_stream_as_they_read_whole(tmp_path, text, name, piece):
    path = tmp_path / name
    path.write_text((text.rstrip("\n") + "\n\n") * 20 + text, encoding="utf-8")
    assert read_file(path).warnings, "the file exercises the readers' warnings"
    streamed, pieces = _compare(path, piece, block=97)
    assert streamed and pieces > (3 if piece <= 1024 else 1)


@pytest.mark.parametrize("block", (1, 2, 3, 5, 64))
def test_encodings_and_line_ends_across_blocks(tmp_path, block):
    record = "TY  - JOUR\nTI  - Caf\u00e9 \u2014 na\u00efve \U0001d49c\nAU  - M\u00fcller, K.\nER  - \n\n"
    cases = {
        "utf8.ris": (record * 5).encode("utf-8"),
        "bom_crlf.ris": codecs.BOM_UTF8 + (record * 5).replace("\n", "\r\n").encode("utf-8"),
        "cr.ris": (record * 5).replace("\n", "\r").encode("utf-8"),
        "stray_bom.ris": (record * 2 + "\ufeff" + record * 3).encode("utf-8"),
        # ASCII first, then bytes that are not UTF-8: read as Windows-1252 with a warning on its line
        "cp1252.ris": ("TY  - JOUR\nTI  - plain\nER  - \n\n" * 4).encode("ascii") +
                      (record.replace(" \U0001d49c", "") * 2).encode("cp1252"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        streamed, pieces = _compare(path, 2, block=block)
        assert streamed and pieces >= 5, name
    assert read_file(tmp_path / "cp1252.ris").warnings[0].code == "cp1252_fallback"


def test_bytes_decode_refuses_are_read_whole_for_the_same_error(tmp_path):
    ris = "TY  - JOUR\nTI  - Caf\u00e9\nER  - \n\n" * 3
    plain = b"TY  - JOUR\nTI  - plain\nER  - \n\n" * 200     # (past the first block's 4,000 bytes)
    cases = {
        "mixed.ris": ris.encode("utf-8") + plain + b"TY  - JOUR\nTI  - \xe9t\xe9\nER  - \n",   # UTF-8, then not
        "undefined.ris": ris.encode("ascii", "replace") + b"TI  - \x81\xe9\n",          # neither UTF-8 nor cp1252
        "nul.ris": ris.encode("utf-8") + b"TI  - \x00\n",
        "bom_bad.ris": codecs.BOM_UTF8 + ris.encode("utf-8") + b"TI  - \xff\n",
        "zip.ris": b"PK\x03\x04" + ris.encode("utf-8"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert open_streamed(path, above=0, piece=2, block=64) is None, name
        with pytest.raises(RecordParseError, match=name):
            read_file(path)
    utf16 = tmp_path / "utf16.ris"
    utf16.write_bytes(ris.encode("utf-16"))
    assert open_streamed(utf16, above=0) is None          # UTF-16 is read whole
    assert len(read_file(utf16).records) == 3


def test_small_files_and_other_formats_are_read_whole(fixtures_dir, tmp_path):
    ris = fixtures_dir / "records/ris/asreview__embase.ris"
    assert open_streamed(ris) is None                     # under STREAM_ABOVE
    assert open_streamed(ris, above=0) is not None
    for other in ("records/enw/colrev__ais_enl.txt", "records/pubmed-xml"):
        path = fixtures_dir / other
        path = path if path.is_file() else sorted(path.glob("*.xml"))[0]
        assert open_streamed(path, above=0) is None


def test_a_fatal_problem_in_a_later_piece_names_the_file_and_its_own_line(tmp_path, monkeypatch):
    path = tmp_path / "big.ris"
    path.write_text("TY  - JOUR\nTI  - A title\nER  - \n\n" * 10, encoding="utf-8")
    real = stream.reader_of

    def failing_on_the_third_piece(fmt):
        calls = []

        def read(text, collector, **kwargs):
            calls.append(text)
            if len(calls) == 3:
                raise collector.fatal("something wrong here", line=2, record_number=1)
            return real(fmt)(text, collector, **kwargs)
        return read

    monkeypatch.setattr(stream, "reader_of", failing_on_the_third_piece)
    streamed = open_streamed(path, above=0, piece=2)
    assert streamed is not None
    with pytest.raises(RecordParseError) as caught:
        streamed.read_all()
    # two pieces of one record (4 lines each) before it: line 2 of the third piece is line 10
    assert str(caught.value) == f"{path}:10 (record 3): something wrong here"
    assert caught.value.line == 10


def test_a_streamed_file_is_read_once(tmp_path):
    path = tmp_path / "a.ris"
    path.write_text("TY  - JOUR\nTI  - A\nER  - \n", encoding="utf-8")
    streamed = open_streamed(path, above=0)
    assert streamed is not None and len(streamed.read_all().records) == 1
    with pytest.raises(RuntimeError, match="read once"):
        list(streamed)
