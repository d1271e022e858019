"""One list of the export formats import reads, said alike wherever a user reads it: the refusal of an
unknown file, `screener import --help`, the web app's Imports page and the README. Three hand-written
copies drifted twice (EBSCOhost XML, then Embase.com plain text, were read but not named)."""

from __future__ import annotations

from pathlib import Path

from web_helpers import signed_in

from screener.cli.main import run
from screener.records.reader import FORMATS_READ, READERS

ROOT = Path(__file__).resolve().parents[2]

# each reader → the name it goes by in FORMATS_READ; a new reader fails here until it is listed
LISTED_AS = {
    "ris": "RIS", "medline": "MEDLINE/nbib", "pubmed_xml": "PubMed XML", "endnote_xml": "EndNote XML",
    "ebsco_xml": "EBSCOhost XML", "wos": "Web of Science", "wos_tab": "Web of Science", "ovid": "Ovid",
    "ovid_display": "Ovid", "csv": "CSV", "tsv": "CSV", "csv_rows": "CSV", "bibtex": "BibTeX",
    "enw": "EndNote .enw", "refworks": "RefWorks", "cochrane_text": "Cochrane plain text",
    "embase_text": "Embase.com plain text", "sciencedirect_text": "ScienceDirect text",
}


def test_every_reader_is_named_in_the_one_list():
    assert set(READERS) | {"pubmed_xml"} == set(LISTED_AS)
    names = FORMATS_READ.split(", ")
    assert set(LISTED_AS.values()) == set(names)


def test_the_refusal_the_help_the_imports_page_and_the_readme_give_the_list(app, review, tmp_path, capsys):
    workspace = review[0]
    bad = tmp_path / "notes.txt"
    bad.write_text("nothing here\n")
    assert run(["import", str(workspace.path), str(bad)]) == 1
    assert f"({FORMATS_READ})" in capsys.readouterr().err
    assert run(["import", "--help"]) == 0
    assert FORMATS_READ in " ".join(capsys.readouterr().out.split())
    assert FORMATS_READ in (ROOT / "README.md").read_text(encoding="utf-8")
    page = signed_in(app, review[2]["olivia"]).get("/owner/imports").get_data(as_text=True)
    assert f"({FORMATS_READ})" in page
