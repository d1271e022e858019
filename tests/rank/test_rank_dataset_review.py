"""Labelled CSVs as spreadsheets save them: semicolon- or tab-separated (Excel in many locales)."""

from __future__ import annotations

import pytest

from screener.errors import RankerError
from screener.rank.dataset import load_labelled_csv


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(tmp_path, sep):
    path = tmp_path / "set.csv"
    rows = [["record_id", "title", "abstract", "label_included"], ["7", "Pain, and coping", "An interview study", "1"],
            ["8", "A trial", "Randomised", "0"], ["9", "Another trial", "Also randomised", "0"]]
    path.write_text("\n".join(sep.join(r) for r in rows) + "\n", encoding="utf-8")
    data = load_labelled_csv(path)
    assert data.record_ids == ["7", "8", "9"]
    assert data.labels == [1, 0, 0]
    assert data.docs[0].title == "Pain, and coping"


def test_a_comma_separated_header_is_not_taken_for_semicolons(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text('record_id,title,abstract\n1,"a; b",c\n', encoding="utf-8")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(path)
    assert str(err.value) == (f"{path}: no label_included column (found: record_id, title, abstract); add one "
                              f"with 1 for included and 0 for excluded records")


def test_a_directory_or_a_workbook_is_named_as_such(tmp_path):
    with pytest.raises(RankerError) as err:
        load_labelled_csv(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a directory; give the CSV file"
    book = tmp_path / "set.xlsx"
    book.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(book)
    assert str(err.value) == (f"{book}: a spreadsheet workbook (xlsx/ods), not CSV; save it as 'CSV UTF-8' "
                              f"with title, abstract and label_included columns")


def test_a_negative_seed_is_one_line(fixtures_dir, capsys):
    from screener.cli.main import run

    data = fixtures_dir / "rank" / "synthetic_screening.csv"
    assert run(["rank", "simulate", str(data), "--seed", "-1"]) == 2
    assert capsys.readouterr().err == "error: seed -1: give a whole number from 0 up\n"
