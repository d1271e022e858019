"""Slips an information specialist makes with a team's spreadsheet and its column choice
(``--columns``, the API's 'columns', the Imports page's chooser), found trying them as a user:
each is one line naming the file and what to do, and nothing is read half-right."""

from __future__ import annotations

import pytest

from screener.errors import COLUMNS, RecordParseError, UsageError
from screener.records import read_file
from screener.records.csv_columns import parse_columns


def _file(tmp_path, text, name="team.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_table_of_one_row_is_asked_about_as_a_longer_one(tmp_path):
    # before: 'not a known export format (RIS, …); the first line is …' — the table went unseen
    # because a header and one row were not taken for a table, so no column choice was offered
    path = _file(tmp_path, "Heading,Writers,Yr,Summary\nLiving with pain,Smith J,2019,We asked\n")
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}:1: a table whose column names screener does not know (Heading, Writers, Yr, Summary)"
    assert caught.value.remedy == COLUMNS
    result = read_file(path, columns=parse_columns("title=Heading,authors=Writers"))
    assert [r.title for r in result.records] == ["Living with pain"]


@pytest.mark.parametrize("text", ["1 exp Pain/ or pain.ti,ab.\n2 limit 1 to english, humans\n",
                                  "Dear colleague, here are the results\nBest wishes, Anna\n"])
def test_two_lines_of_a_strategy_or_a_letter_are_not_taken_for_a_table(tmp_path, text):
    path = _file(tmp_path, text, name="notes.txt")
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert "not a known export format" in str(caught.value) or "search strategy" in str(caught.value)
    assert caught.value.remedy != COLUMNS


def test_column_names_with_commas_are_listed_so_they_can_be_told_apart(tmp_path):
    # before: '(Title of paper, Authors, Main, Year)': four names or five?
    path = _file(tmp_path, '"Title of paper","Authors, Main",Year\nA study,"Smith, J",2019\nAnother,"Doe, A",2020\n')
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value) == (f"{path}:1: a table whose column names screener does not know "
                                 "(Title of paper, 'Authors, Main', Year)")
    with pytest.raises(UsageError) as wrong:
        read_file(path, columns=parse_columns("title=Title,authors=Authors, Main"))
    assert str(wrong.value) == (f"{path}: 'Title', chosen as the title column, is not a column of this file; "
                                "its columns are: Title of paper, 'Authors, Main', Year")


def test_a_column_name_the_file_has_twice_is_refused_when_chosen(tmp_path):
    # before: 'title=Heading' read the first of two 'Heading' columns (or the other, where the first
    # was empty), nothing said
    path = _file(tmp_path, "Heading,Writers,Heading\nOriginal title,Smith J,English title\n"
                 "Titre,Doe A,Title\n")
    with pytest.raises(UsageError) as caught:
        read_file(path, columns=parse_columns("title=Heading,authors=Writers"))
    assert str(caught.value) == (f"{path}: 'Heading', chosen as the title column, names 2 columns of this "
                                 "file (columns 1 and 3); give each its own name in the file, then choose one")


def test_one_column_chosen_for_two_fields_is_refused(tmp_path):
    # before: 'title=Heading,abstract=Heading' read every title as its own abstract, nothing said
    path = _file(tmp_path, "Heading,Writers\nLiving with pain,Smith J\nBack pain,Doe A\n")
    with pytest.raises(UsageError) as caught:
        read_file(path, columns=parse_columns("title=Heading,abstract=heading"))
    assert str(caught.value) == (f"{path}: 'Heading' is chosen for both title and abstract; "
                                 "choose each column for one field only")


def test_a_title_column_empty_in_every_row_is_refused(tmp_path):
    # before: 2 records came in with no titles (a no_title warning each), exit 0: nothing to screen
    path = _file(tmp_path, "Heading,Writers,Notes\n,Smith J,Living with pain\n,Doe A,Back pain\n")
    with pytest.raises(UsageError) as caught:
        read_file(path, columns=parse_columns("title=Heading,authors=Writers"))
    assert str(caught.value) == (f"{path}: 'Heading', chosen as the title column, is empty in every row; "
                                 "choose the column that holds the titles (its columns are: Heading, Writers, Notes)")
    # some titles missing is a record's matter, said per record as before
    some = _file(tmp_path, "Heading,Writers\n,Smith J\nBack pain,Doe A\n", name="some.csv")
    result = read_file(some, columns=parse_columns("title=Heading"))
    assert [w.code for w in result.warnings].count("no_title") == 1


def test_a_title_column_the_reader_knows_empty_in_every_row_asks_which_holds_the_titles(tmp_path):
    # before: every record came in untitled (a no_title warning each, 50,000 for a sheet of 50,000 rows),
    # exit 0: a team's sheet whose 'Title' column was left empty, the titles typed under 'Notes'
    path = _file(tmp_path, "Title,Authors,Year,Notes\n,Smith J,2019,Living with pain\n,Doe A,2020,Back pain\n")
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value) == (f"{path}:1: a table whose title column (Title) is empty in every row "
                                 "(Title, Authors, Year, Notes)")
    assert caught.value.remedy == COLUMNS
    result = read_file(path, columns=parse_columns("title=Notes"))
    assert [r.title for r in result.records] == ["Living with pain", "Back pain"]
    # one record with no title is that record's matter, as before
    one = _file(tmp_path, "Title,Authors\n,Smith J\n", name="one.csv")
    assert [w.code for w in read_file(one).warnings].count("no_title") == 1


def test_a_sheet_with_excels_sep_line_is_a_table(tmp_path):
    # Excel in a semicolon locale, or a tool writing for it, puts 'sep=;' on a line before the header.
    # Before: 'not a known export format …; the first line is 'sep=;'', and with --columns 'this file is
    # not a table' — no way in; the same line before known column names was skipped already
    path = tmp_path / "team.csv"
    path.write_bytes("sep=;\r\nTitel;Autoren;Jahr\r\nLeben mit Schmerz;Müller A;2019\r\nRücken;Schön B;2020\r\n"
                     .encode("cp1252"))
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}:2: a table whose column names screener does not know (Titel, Autoren, Jahr)"
    assert caught.value.remedy == COLUMNS
    result = read_file(path, columns=parse_columns("title=Titel,authors=Autoren,year=Jahr"))
    assert [(r.title, r.authors, r.year) for r in result.records] == [
        ("Leben mit Schmerz", ["Müller A"], 2019), ("Rücken", ["Schön B"], 2020)]
