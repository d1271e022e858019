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


# ---- the label, title and abstract columns under the names other tools write ---------------------
# (found on real labelled reviews outside the project: the Ferdinands et al. replication package's
# virus and Wilson sets call the label `included`; Zotero's CSV export calls the abstract
# 'Abstract Note'). The names are ASReview 3.0.8's alternatives, so a file ASReview simulates on is
# read here too, with the same label.

@pytest.mark.parametrize("label", ["included", "label", "final_included", "included_label",
                                   "included_final", "included_flag", "include", "asreview_label",
                                   "Included", " Label "])
def test_the_label_column_may_have_the_names_asreview_reads(tmp_path, label):
    path = tmp_path / "set.csv"
    path.write_text(f'id,title,abstract,{label}\n1840,"A virus survey","Pigs",1\n1841,"Cattle","Cows",0\n',
                    encoding="utf-8")
    data = load_labelled_csv(path)
    assert data.labels == [1, 0]
    assert [d.title for d in data.docs] == ["A virus survey", "Cattle"]


def test_label_included_wins_over_another_label_column(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text("title,abstract,label,label_included\na,b,0,1\nc,d,1,0\n", encoding="utf-8")
    assert load_labelled_csv(path).labels == [1, 0]


@pytest.mark.parametrize("title, abstract", [("primary_title", "abstract"), ("Title", "Abstract Note"),
                                             ("title", "notes_abstract")])
def test_title_and_abstract_under_other_names_are_read(tmp_path, title, abstract):
    path = tmp_path / "set.csv"
    path.write_text(f'"{title}","{abstract}",label_included\nPain,An interview study,1\nA trial,Randomised,0\n',
                    encoding="utf-8")
    data = load_labelled_csv(path)
    assert [(d.title, d.abstract) for d in data.docs] == [("Pain", "An interview study"), ("A trial", "Randomised")]


def test_a_bad_label_is_named_by_the_files_own_column_name(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text("title,abstract,Included\na,b,1\nc,d,maybe\n", encoding="utf-8")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(path)
    assert str(err.value) == (f"{path}: row 3, column Included: 'maybe' is not a label; use 1 or 0, yes or no, "
                              "y or n, true or false, include or exclude")


@pytest.mark.parametrize("text", ["TY  - JOUR\nTI  - A title\nAB  - An abstract\nER  - \n",
                                  "\ufeff\nTY  - JOUR\r\nTI  - A title\r\nER  - \r\n"])
def test_an_ris_file_is_named_as_such(tmp_path, text):
    path = tmp_path / "set.ris"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RankerError) as err:
        load_labelled_csv(path)
    # an RIS file with ASReview LAB's labels is read (test_rank_thin_data); one without, refused
    assert str(err.value) == (f"{path}: an RIS file without ASReview labels (no N1 note ASReview_relevant or "
                              f"ASReview_irrelevant); the simulation reads ASReview LAB's labelled RIS export, "
                              f"or a CSV with title, abstract and label_included (1 included, 0 excluded) columns")
