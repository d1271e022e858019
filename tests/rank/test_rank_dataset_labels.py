"""`rank simulate` on labelled sets as people keep them in a spreadsheet: labels written Yes/No,
Include/Exclude, y/n or TRUE/FALSE (Excel's own booleans), and the file saved by Excel on Windows
as "CSV" (Windows-1252: é 0xe9, curly quotes 0x93/0x94). Before, the first was 'line 2: included
is 'No'; it must be 1 (included) or 0 (excluded)' and the second 'not UTF-8 text ... save the CSV
as UTF-8'. Now both are read — the bytes as the importers read an export (screener.records.textio),
with their note — and a label no one could mean is one line naming the file, the row as the
spreadsheet numbers it, the column and the values accepted."""

from __future__ import annotations

import csv
import io

import pytest

from screener.cli.main import run
from screener.errors import RankerError
from screener.rank.dataset import load_labelled_csv

ROWS = [("7", "Pain and coping: a café study", "An “interview” study"), ("8", "A trial", "Randomised"),
        ("9", "Another trial", "Also randomised"), ("10", "Living with pain", "Focus groups")]


def _write(path, labels, column="included", encoding="utf-8", sep=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(["record_id", "title", "abstract", column])
    for (rid, title, abstract), label in zip(ROWS, labels):
        writer.writerow([rid, title, abstract, label])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("labels", [("Yes", "No", "no", "YES"), ("Include", "Exclude", "exclude", "included"),
                                    ("y", "n", "N", "Y"), ("TRUE", "FALSE", "false", "True"),
                                    ("1", "0", "0.0", "1.0"), (" yes ", "no", "Excluded", "1")])
def test_labels_as_words_are_read(tmp_path, labels):
    data = load_labelled_csv(_write(tmp_path / "set.csv", labels))
    assert data.labels == [1, 0, 0, 1]
    assert data.notes == []


def test_a_windows_1252_file_is_read_with_the_importers_note(tmp_path, capsys):
    path = _write(tmp_path / "set.csv", ("Yes", "No", "No", "Yes"), encoding="cp1252", sep=";")
    data = load_labelled_csv(path)
    assert data.docs[0].title == "Pain and coping: a café study"
    assert data.docs[0].abstract == "An “interview” study"
    assert data.notes == [f"{path}:2: not valid UTF-8 (byte 0xe9); read as Windows-1252 — check accented "
                          "characters"]
    assert run(["rank", "simulate", str(path)]) == 0
    captured = capsys.readouterr()
    # the first note; then the notes on how thin four records are (test_rank_thin_data)
    assert captured.err.splitlines()[0] == (f"note: {path}:2: not valid UTF-8 (byte 0xe9); read as "
                                            "Windows-1252 — check accented characters")
    assert captured.out.startswith(f"{path.name}: preset default")


def test_a_utf16_file_is_read(tmp_path):
    path = _write(tmp_path / "set.csv", ("1", "0", "0", "1"), encoding="utf-16")
    assert load_labelled_csv(path).labels == [1, 0, 0, 1]


# (an empty label: test_rank_thin_data.test_unlabelled_rows_are_counted)
@pytest.mark.parametrize("label, shown", [("maybe", ": 'maybe' is not a label"), ("2", ": '2' is not a label")])
def test_a_label_no_one_could_mean_names_file_row_column_and_values(tmp_path, capsys, label, shown):
    path = _write(tmp_path / "set.csv", ("Yes", "No", label, "Yes"), column="Included")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(path)
    assert str(err.value) == (f"{path}: row 4, column Included{shown}; use 1 or 0, yes or no, "
                              "y or n, true or false, include or exclude")
    assert run(["rank", "simulate", str(path)]) == 1
    assert capsys.readouterr().err == f"error: {err.value}\n"


def test_the_row_is_the_spreadsheets_when_an_abstract_runs_over_lines(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text('title,abstract,label_included\na,"one\ntwo\nthree",1\nc,d,0\ne,f,perhaps\n', encoding="utf-8")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(path)
    assert str(err.value) == (f"{path}: row 4 (line 6), column label_included: 'perhaps' is not a label; use "
                              "1 or 0, yes or no, y or n, true or false, include or exclude")


def test_bytes_no_encoding_reads_are_one_line(tmp_path):
    path = tmp_path / "set.csv"
    path.write_bytes("title,abstract,label_included\nPain — é,x,1\n".encode() + b"c,\xe9,0\n")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(path)
    assert str(err.value).startswith(f"{path}:3: the file mixes encodings")
