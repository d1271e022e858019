"""A table whose column names the reader does not know (a colleague's spreadsheet saved as CSV, a
tool's own export) is refused naming its columns and how to say which holds what; with that said
(``columns``: ``--columns`` on the command line) it is read, the choice kept with the import."""

from __future__ import annotations

import pytest

from screener.errors import COLUMNS, RecordParseError, UsageError
from screener.records import read_file
from screener.records.csv_columns import parse_columns, table_header

# a team's spreadsheet saved by Excel in a semicolon locale (byte-order mark, CRLF): none of its
# column names is one an export uses
SPREADSHEET = ("\ufeffHeading;Writers;Yr;Summary;Link\r\n"
               "Living with chronic pain: a qualitative study;Smith J, Doe A;2019;\"We interviewed 12 people; "
               "themes below\";https://doi.org/10.1000/xyz1\r\n"
               "Back pain and work;Brown, C.;2021;;\r\n")


def _file(tmp_path, text, name="team.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_table_of_unknown_columns_is_refused_naming_them(tmp_path):
    path = _file(tmp_path, "Heading,Writers,Summary\nA study,Smith J,Text\nAnother,Doe A,More text\n")
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}:1: a table whose column names screener does not know (Heading, Writers, Summary)"
    assert caught.value.remedy == COLUMNS
    assert caught.value.line == 1


def test_a_table_with_no_title_column_is_refused_not_read_blank(tmp_path):
    # 'Yr' and 'Link' are names exports use (year, urls), so this reads as CSV; before, its records came in
    # with no titles, which nobody can screen
    path = _file(tmp_path, SPREADSHEET)
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value) == (f"{path}:1: a table with no column screener reads as the title "
                                 "(Heading, Writers, Yr, Summary, Link)")
    assert caught.value.remedy == COLUMNS


def test_the_columns_said_are_read(tmp_path):
    path = _file(tmp_path, SPREADSHEET)
    result = read_file(path, columns=parse_columns("title=Heading, authors=Writers,year=Yr,abstract=Summary"))
    assert result.format == "csv"
    first, second = result.records
    assert first.title == "Living with chronic pain: a qualitative study"
    assert first.authors == ["Smith J", "Doe A"]
    assert first.year == 2019
    assert first.abstract == "We interviewed 12 people; themes below"
    assert second.title == "Back pain and work" and second.authors == ["Brown, C."] and second.year == 2021
    # every cell kept under the file's own column name, as for any CSV
    assert first.tags["Link"] == ["https://doi.org/10.1000/xyz1"]
    [said] = [w for w in result.warnings if w.code == "columns_chosen"]
    assert said.message == "columns read as chosen: title=Heading, authors=Writers, year=Yr, abstract=Summary"


def test_a_chosen_column_wins_over_one_the_reader_knows(tmp_path):
    path = _file(tmp_path, "Title,Notes,DOI,Abstract\nA study,the real summary,10.1000/a,\n")
    plain = read_file(path).records[0]
    assert plain.abstract == "" and plain.doi == "10.1000/a"
    chosen = read_file(path, columns={"abstract": "Notes"}).records[0]
    assert chosen.abstract == "the real summary" and chosen.title == "A study" and chosen.doi == "10.1000/a"


def test_a_tab_separated_table(tmp_path):
    path = _file(tmp_path, "Heading\tWriters\tYr\nA study\tSmith J\t2020\n", name="team.txt")
    result = read_file(path, columns={"title": "Heading", "year": "Yr"})
    assert result.format == "tsv"
    assert (result.records[0].title, result.records[0].year) == ("A study", 2020)


def test_a_column_the_file_does_not_have(tmp_path):
    path = _file(tmp_path, SPREADSHEET)
    with pytest.raises(UsageError, match=r"team\.csv: 'Heding', chosen as the title column, is not a column of this "
                                         r"file; its columns are: Heading, Writers, Yr, Summary, Link$"):
        read_file(path, columns={"title": "Heding"})


def test_no_title_column(tmp_path):
    path = _file(tmp_path, SPREADSHEET)
    with pytest.raises(UsageError, match="no column is chosen as the title, and none is named as one; choose "
                                         "the title's column too"):
        read_file(path, columns={"authors": "Writers"})


def test_columns_for_a_file_that_is_no_table(tmp_path):
    path = _file(tmp_path, "TY  - JOUR\nTI  - A study\nER  - \n", name="export.ris")
    with pytest.raises(UsageError, match=r"export\.ris: columns are chosen for a table \(CSV or "
                                         r"tab-separated\), and this file is RIS; import it without choosing columns"):
        read_file(path, columns={"title": "TI"})


@pytest.mark.parametrize("spec, expected", [
    ("title=Heading", {"title": "Heading"}),
    ("Title = Heading , year=Yr", {"title": "Heading", "year": "Yr"}),
    # a comma inside a column's name stays with it: only a comma before FIELD= starts a pair
    ("authors=Authors, Primary,title=Title Primary", {"authors": "Authors, Primary", "title": "Title Primary"}),
    (["title=A", "year=B"], {"title": "A", "year": "B"}),
])
def test_choices_as_written(spec, expected):
    assert parse_columns(spec) == expected


@pytest.mark.parametrize("spec, message", [
    ("Heading", "--columns: 'Heading' has no '='; write FIELD=COLUMN, e.g. title=Heading"),
    ("titel=Heading", "--columns: 'titel' is not a field screener reads; the fields are: record_id, title,"),
    ("title=", "--columns: title= names no column; write title=COLUMN"),
    (["title=A", "title=B"], "--columns: title is chosen twice ('A' and 'B'); choose one column per field"),
])
def test_choices_refused(spec, message):
    with pytest.raises(UsageError) as caught:
        parse_columns(spec)
    assert str(caught.value).startswith(message)


def test_what_looks_like_a_table():
    assert table_header("a,b,c\n1,2,3\n4,5,6\n") == ["a", "b", "c"]
    assert table_header("a;b\n1;2\n3;4\n") == ["a", "b"]
    # one row ends the file: a table (a spreadsheet of one study) when its names read as names
    assert table_header("a;b\n1;2\n") == ["a", "b"]
    assert table_header("1 exp Pain/ or pain.ti,ab.\n2 limit 1 to english, humans\n") is None
    assert table_header("a;b\n1;2\n", rows=1) == ["a", "b"]   # (told it is a table)
    assert table_header("a,b,c\n1,2\n3,4,5\n") is None   # rows of another width: not a table
    assert table_header("a,b\n") is None                   # a header alone
    # search strategies with commas: numbers and long lines are no column names
    assert table_header("1., zero-heat flux\n2., core temperature\n3., 1 or 2\n") is None
    assert table_header('"augmented reality".ti,ab.\n"mixed reality".ti,ab.\nimmersive.ti,ab.\n') is None
    assert table_header("#1 Neoplasms [MeSH]    3,857,356\n#2 Pain    1,234,567\n#3 #1 AND #2    2,345,678\n") is None


def test_a_search_history_is_named_as_such(tmp_path):
    # Ovid's search history saved as CSV: the strategy's lines and counts, not records
    path = _file(tmp_path, "#,Searches,Results,Type\n1,exp Low Back Pain/,20131,Advanced\n2,qualitative.ti,ab.,"
                           "90001,Advanced\n")
    with pytest.raises(RecordParseError, match="this is a search history .*, not records: export the records "
                                               "themselves"):
        read_file(path)
