"""A labelled set saved tab- or semicolon-separated whose header names a column with a comma in it
(a reviewer's 'Notes, reviewer 1' column kept in the sheet): before, any comma in the header line
made the reader split on commas, so the file was refused as having no label_included column, the
whole header shown as one name. The separator is now the one the header holds most often outside
quotes (a comma where as many), so a comma-separated file with a ';' in a quoted name stays one."""

from __future__ import annotations

import pytest

from screener.rank.dataset import load_labelled_csv

ROWS = [("Trial of walking", "Randomised trial", "1", "ok, checked"), ("An editorial", "Comment", "0", "no"),
        ("A cohort", "Follow-up study", "0", "")]


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_a_comma_in_a_column_name_does_not_make_it_comma_separated(tmp_path, sep):
    lines = [sep.join(["title", "abstract", "label_included", "Notes, reviewer 1"])]
    lines += [sep.join(row) for row in ROWS]
    path = tmp_path / "set.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = load_labelled_csv(path)
    assert data.labels == [1, 0, 0]
    assert [d.title for d in data.docs] == ["Trial of walking", "An editorial", "A cohort"]
    assert [d.abstract for d in data.docs] == ["Randomised trial", "Comment", "Follow-up study"]


def test_a_semicolon_inside_a_quoted_name_leaves_a_comma_separated_file(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text('title,abstract,label_included,"Notes; reviewer 1"\n'
                    + "\n".join(",".join(row[:3]) + ',"' + row[3] + '"' for row in ROWS) + "\n", encoding="utf-8")
    data = load_labelled_csv(path)
    assert data.labels == [1, 0, 0]
    assert data.docs[1].abstract == "Comment"
