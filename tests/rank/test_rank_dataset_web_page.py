"""A labelled set that is a web page saved as .csv — the GitHub page of a dataset saved from the
browser instead of the file (its Raw button), or a sheet Excel saved as 'Web Page': before, 'no
label_included column (found: <!doctype html>)', the page's first line taken for a header; now one
line saying what the file is and what to do, from the command as from the Python API."""

from __future__ import annotations

import pytest

from screener.cli.main import run
from screener.errors import RankerError
from screener.rank.dataset import load_labelled_csv

GITHUB_PAGE = ("\n\n<!DOCTYPE html>\n<html lang=\"en\" data-color-mode=\"auto\">\n<head><title>datasets/x.csv at main"
               "</title></head>\n<body><table><tr><td>title,abstract,label_included</td></tr></table></body></html>\n")
EXCEL_WEB_PAGE = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:"
                  "office:excel\">\n<body><table><tr><td>title</td><td>label_included</td></tr></table></body></html>\n")


@pytest.mark.parametrize("page", [GITHUB_PAGE, EXCEL_WEB_PAGE])
def test_a_web_page_saved_as_csv_is_named_as_one(tmp_path, capsys, page):
    path = tmp_path / "Sep_2021.csv"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(RankerError) as caught:
        load_labelled_csv(path)
    message = str(caught.value)
    assert message == (f"{path}: a web page (HTML), not a CSV: a page saved from the browser instead of the "
                       "file (on GitHub, its Raw button), or a sheet saved as Web Page; save the CSV itself, "
                       "with title, abstract and label_included columns")
    assert run(["rank", "simulate", str(path)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "a web page (HTML), not a CSV" in err[0]
