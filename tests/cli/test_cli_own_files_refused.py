"""`report prisma --out ... --force` and `export --out ... --force` never replace what the review
keeps as evidence. Before, only export refused review.db and review.toml; both commands, with
--force, wrote over an attached full text (DIR/fulltext/...), an uploaded export kept verbatim
(DIR/exports/...) and the very file an import was read from (its path and SHA-256 are on record) —
and report prisma checked none of them. Now each is one line naming the option, the file and what
it is, exit 2, the file untouched and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run

WOS_RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_webofscience.ris"


@pytest.fixture
def review(tmp_path, capsys) -> Path:
    source = tmp_path / "wos.ris"              # the file the search was exported to: the evidence
    source.write_bytes(WOS_RIS.read_bytes())
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(source)]) == 0
    (tmp_path / "figure.svg").write_text("<svg>the article's figure 1</svg>", encoding="utf-8")
    (tmp_path / "article.png").write_bytes(b"\x89PNG a scanned page")
    assert run(["fulltext", str(directory), "1", str(tmp_path / "figure.svg")]) == 0
    assert run(["fulltext", str(directory), "2", str(tmp_path / "article.png")]) == 0
    (directory / "exports").mkdir()           # where the web app keeps an uploaded export verbatim
    (directory / "exports" / "scopus.ris").write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    capsys.readouterr()
    return directory


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(directory.parent.rglob("*")) if p.is_file()}


def test_prisma_force_keeps_an_attached_full_text(review, capsys):
    before = _files(review)
    target = review / "fulltext" / "study-1" / "figure.svg"
    assert run(["report", "prisma", str(review), "--out", str(target), "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --out {target}: that is an attached full text, kept in the "
                                       "review's fulltext folder; write the diagram to another file\n")
    assert _files(review) == before


def test_prisma_png_force_keeps_an_attached_full_text_beside(review, capsys):
    before = _files(review)
    target = review / "fulltext" / "study-2" / "article.svg"
    assert run(["report", "prisma", str(review), "--out", str(target), "--png", "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --png {target.with_suffix('.png')}: that is an attached full text, "
                                       "kept in the review's fulltext folder; write the diagram to another file\n")
    assert _files(review) == before


@pytest.mark.parametrize("command", [["export", "--format", "ris"], ["report", "prisma"]])
def test_force_keeps_an_uploaded_export(review, capsys, command):
    before = _files(review)
    target = review / "exports" / ("scopus.ris" if command[0] == "export" else "scopus.svg")
    if command[0] != "export":
        target.write_text("<svg>an export file kept verbatim</svg>", encoding="utf-8")
        before = _files(review)
    args = ([*command, str(review)] if command[0] == "report" else [command[0], str(review), *command[1:]])
    args += ["--out", str(target), "--force"]
    assert run(args) == 2
    what = "export" if command[0] == "export" else "diagram"
    assert capsys.readouterr().err == (f"error: --out {target}: that is an uploaded export, kept in the "
                                       f"review's exports folder; write the {what} to another file\n")
    assert _files(review) == before


def test_export_force_keeps_an_attached_full_text(review, capsys):
    before = _files(review)
    target = review / "fulltext" / "study-2" / "article.png"
    assert run(["export", str(review), "--format", "csv", "--out", str(target), "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --out {target}: that is an attached full text, kept in the "
                                       "review's fulltext folder; write the export to another file\n")
    assert _files(review) == before


def test_export_force_keeps_the_file_an_import_was_read_from(review, capsys):
    before = _files(review)
    target = review.parent / "wos.ris"
    assert run(["export", str(review), "--format", "ris", "--out", str(target), "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --out {target}: that is the file import 1 was read from (the "
                                       "search's evidence); write the export to another file\n")
    assert _files(review) == before


def test_prisma_never_replaces_the_database_even_through_a_link(review, capsys):
    """A link named like a diagram that points at the database: the link is what --out names, and
    it is replaced by the diagram (renamed over), never the database behind it."""
    before = (review / "review.db").read_bytes()
    link = review.parent / "flow.svg"
    link.symlink_to(review / "review.db")
    assert run(["report", "prisma", str(review), "--out", str(link), "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --out {link}: that is the review's own review.db; write the "
                                       "diagram to another file\n")
    assert (review / "review.db").read_bytes() == before and link.is_symlink()
    assert run(["status", str(review)]) == 0


def test_a_diagram_inside_the_review_folder_is_still_written(review, capsys):
    target = review / "prisma.svg"
    assert run(["report", "prisma", str(review), "--out", str(target)]) == 0
    assert "Records identified" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["export"], ["report", "prisma"]])
def test_help_says_force_spares_the_reviews_own_files(command, capsys):
    """The help said only 'Replace the --out file if it is there.'"""
    assert run([*command, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--force Replace" in text and "never the review's own files" in text


def test_dedupe_force_never_replaces_a_reviews_files(review, capsys):
    """The standalone `dedupe FILE... --groups-out FILE --force` knows no review, and wrote over a
    review's database or a full text kept in it as readily as over last week's groups."""
    before = _files(review)
    for target, what in ((review / "review.db", "the review.db of the review in"),
                         (review / "fulltext" / "study-1" / "figure.svg", "an attached full text, kept in the "
                                                                          "fulltext folder of the review in")):
        assert run(["dedupe", str(WOS_RIS), "--groups-out", str(target), "--force"]) == 2
        assert capsys.readouterr().err == (f"error: --groups-out {target}: that is {what} {review}; write the "
                                           "groups to another file\n")
    assert _files(review) == before


def test_export_never_replaces_another_reviews_database(review, tmp_path, capsys):
    other = tmp_path / "other"
    assert run(["init", str(other)]) == 0
    capsys.readouterr()
    before = (other / "review.db").read_bytes()
    assert run(["export", str(review), "--format", "csv", "--out", str(other / "review.db"), "--force"]) == 2
    assert capsys.readouterr().err == (f"error: --out {other / 'review.db'}: that is the review.db of the review in "
                                       f"{other}; write the export to another file\n")
    assert (other / "review.db").read_bytes() == before


def test_a_new_file_in_a_kept_folder_is_written(review, capsys):
    """Only what the review keeps is refused: a new file in DIR/exports (a natural place for the
    user's own exports) replaces nothing and is written."""
    target = review / "exports" / "included.ris"
    assert run(["export", str(review), "--format", "ris", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8").count("ER  - ") == 10
