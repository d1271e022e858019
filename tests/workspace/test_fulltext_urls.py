"""Full-text links: the schemes accepted and the messages agree (http, https, ftp)."""

from __future__ import annotations

import pytest

from screener.errors import NotFoundError, UsageError
from screener.workspace.fulltext import URL_SCHEMES, attach_fulltext


def test_accepted_schemes_are_the_documented_ones():
    assert URL_SCHEMES == ("http", "https", "ftp")


@pytest.mark.parametrize("url", ["http://example.org/a.pdf", "HTTPS://example.org/a.pdf",
                                 "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/a.pdf"])
def test_links_of_every_accepted_scheme_are_attached(team, url):
    ws, studies, _ = team
    got = attach_fulltext(ws, studies[0], url)
    assert (got.kind, got.location) == ("url", url)


def test_missing_file_message_names_every_accepted_scheme(team, tmp_path):
    ws, studies, _ = team
    with pytest.raises(NotFoundError) as info:
        attach_fulltext(ws, studies[0], tmp_path / "nope.pdf")
    assert str(info.value) == (f"{tmp_path / 'nope.pdf'}: no such file; give a PDF (or other file) path "
                               "or an http, https or ftp URL")


@pytest.mark.parametrize("url,scheme", [("sftp://host/a.pdf", "sftp"), ("s3://bucket/a.pdf", "s3"),
                                        ("file:///tmp/a.pdf", "file")])
def test_other_schemes_are_refused_by_name(team, url, scheme):
    ws, studies, _ = team
    with pytest.raises(UsageError) as info:
        attach_fulltext(ws, studies[0], url)
    assert str(info.value) == (f"{url}: '{scheme}' links are not accepted; give an http, https or ftp URL, "
                               "or a file path (a local file is copied into the workspace)")
    assert ws.db.execute("SELECT count(*) FROM fulltexts").fetchone()[0] == 0


def test_a_url_with_a_space_is_refused_not_read_as_a_file(team):
    ws, studies, _ = team
    with pytest.raises(UsageError) as info:
        attach_fulltext(ws, studies[0], "https://example.org/my paper.pdf")
    assert str(info.value) == ("https://example.org/my paper.pdf: a link may not contain spaces; "
                               "write them as %20")


def test_a_directory_is_not_a_full_text(team, tmp_path):
    ws, studies, _ = team
    with pytest.raises(UsageError) as info:
        attach_fulltext(ws, studies[0], tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory; give the full text's file, not its folder"
