"""CSV formula injection (issue 21): a cell a spreadsheet would execute (starting with =, +, -, @,
tab or carriage return) is written with a ' in front, in every CSV we write, and our own importer
reads it back exactly as it was."""

from __future__ import annotations

import csv
import io

import pytest

from screener.records.csv_safety import guard, unguard
from screener.records.model import Record

DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx",
             "'=already guarded by someone", "''=two", "'plain apostrophe", "plain", "", "a=b", " =space first"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_guard_round_trips_exactly(value):
    written = guard(value)
    assert written[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unguard(written) == value


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _executable(cells) -> list[str]:
    return [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_every_csv_we_write_is_guarded_and_imports_back(workspace):
    from screener.records import read_file
    from screener.report.exports import export_asreview_csv, export_audit_csv
    from screener.report.searches import render_csv

    titles = ["=HYPERLINK(\"http://evil\",\"click\")", "+SUM(1,2)", "-3+cmd", "@Risk factors", "'=quoted"]
    with workspace.transaction():
        workspace.add_source_records([Record(title=t, abstract="=1+1 " + t, authors=["@Smith, J"], journal="=J",
                                             database="test") for t in titles])
    studies = [row[0] for row in workspace.db.execute("SELECT DISTINCT study_id FROM current_links ORDER BY 1")]
    for text in (export_audit_csv(workspace, studies), export_asreview_csv(workspace, studies)):
        assert not _executable(_cells(text))
    asreview = workspace.path / "asreview.csv"
    asreview.write_text(export_asreview_csv(workspace, studies), encoding="utf-8")
    back = read_file(asreview).records
    assert [r.title for r in back] == titles
    assert [r.abstract for r in back] == ["=1+1 " + t for t in titles]
    search_rows = [{"database": "=db", "platform": "+p", "date": "-", "strategy": "@x", "warnings": []}]
    assert not _executable(_cells(render_csv(search_rows)))


def test_dedup_groups_csv_is_guarded_and_reads_back(tmp_path):
    from screener.dedup.scorer import groups_csv, read_groups

    text = groups_csv([["=1", "+2"], ["@3", "-4"]])
    assert not _executable(_cells(text))
    (tmp_path / "groups.csv").write_text(text, encoding="utf-8")
    assert read_groups(tmp_path / "groups.csv") == [["=1", "+2"], ["@3", "-4"]]
