"""EndNote tagged (.enw) and RefWorks tagged are read (they used to be refused with advice)."""

from __future__ import annotations

from screener.records import read_file


def test_enw_and_refworks_are_read(tmp_path):
    enw = tmp_path / "export.txt"
    enw.write_text("%0 Journal Article\n%A Smith, J\n%A Doe, A\n%T A title\n%D 2020\n%R 10.1000/x\n\n")
    result = read_file(enw)
    assert result.format == "enw"
    record = result.records[0]
    assert (record.title, record.authors, record.year, record.doi) == ("A title", ["Smith, J", "Doe, A"], 2020,
                                                                       "10.1000/x")
    refworks = tmp_path / "refworks.txt"
    refworks.write_text("RT Journal Article\nSR Electronic(1)\nA1 Smith, J\nT1 A title\nYR 2019\n"
                        "SP 10\nOP 19\n\n")
    result = read_file(refworks)
    assert result.format == "refworks"
    record = result.records[0]
    assert (record.title, record.authors, record.year, record.pages) == ("A title", ["Smith, J"], 2019, "10-19")
    assert record.tags["SR"] == ["Electronic(1)"]
