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


def _header_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def test_every_writer_signs_its_files_with_a_known_header(workspace, tmp_path):
    """The reader unguards only files whose header line is one of SIGNATURES: each writer's header
    must be there (and nothing else is)."""
    from screener.dedup.files import dedupe_files
    from screener.dedup.scorer import groups_csv
    from screener.records.csv_safety import SIGNATURES
    from screener.report.exports import export_asreview_csv, export_audit_csv
    from screener.report.searches import render_csv
    from screener.workspace.reviewers import add_reviewer
    from screener.workspace.screening import cast_vote
    from screener.workspace.strategies import included_studies_csv

    with workspace.transaction():
        workspace.add_source_records([Record(title="A trial", abstract="x", database="test", pmid="123")])
    add_reviewer(workspace, "alice"); add_reviewer(workspace, "bob")
    cast_vote(workspace, "alice", 1, "title_abstract", "include")
    cast_vote(workspace, "bob", 1, "title_abstract", "include")
    ris = tmp_path / "a.ris"
    ris.write_text("TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - One\nER  - \n", encoding="utf-8")
    dedupe_files([ris], tmp_path / "groups.csv", pairs_out=tmp_path / "pairs.csv")
    headers = {
        _header_line(export_audit_csv(workspace, [1])), _header_line(export_asreview_csv(workspace, [1])),
        _header_line(render_csv([])), _header_line(included_studies_csv(workspace)[0]),
        _header_line(groups_csv([])), _header_line((tmp_path / "pairs.csv").read_text(encoding="utf-8")),
    }
    assert headers == set(SIGNATURES)


def test_a_foreign_csv_keeps_a_cell_that_begins_with_an_apostrophe(tmp_path):
    """A file we did not write: a title that genuinely begins '= is read as it is (it was
    stripped to '=…' when every CSV was unguarded)."""
    from screener.records import read_file

    foreign = tmp_path / "foreign.csv"
    foreign.write_text("Title,Authors,Year\n\"'=not a formula, a quoted title\",\"Smith, J\",2001\n"
                       "'@handle,\"Doe, A\",2002\n", encoding="utf-8")
    assert [r.title for r in read_file(foreign).records] == ["'=not a formula, a quoted title", "'@handle"]


def test_our_csv_is_unguarded_on_read(tmp_path):
    """The same cells in a file with our ASReview writer's header come back without the guard."""
    from screener.records import read_file

    ours = tmp_path / "ours.csv"
    ours.write_text("record_id,title,abstract,authors,year,journal,doi,pmid,keywords,label_included\n"
                    "1,'=HYPERLINK(1),'@abstract,\"Smith, J\",2001,J,,,,\n", encoding="utf-8")
    [record] = read_file(ours).records
    assert (record.title, record.abstract) == ("=HYPERLINK(1)", "@abstract")


def test_groups_file_guard_removed_only_in_ours(tmp_path):
    from screener.dedup.scorer import groups_csv, read_groups

    (tmp_path / "ours.csv").write_text(groups_csv([["=a", "b"]]), encoding="utf-8")
    assert read_groups(tmp_path / "ours.csv") == [["=a", "b"]]
    (tmp_path / "theirs.csv").write_text("merged_ids\n\"'=a;b\"\n", encoding="utf-8")
    assert read_groups(tmp_path / "theirs.csv") == [["'=a", "b"]]
