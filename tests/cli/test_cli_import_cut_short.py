"""An export cut short (a download or copy interrupted mid-record) imported: a PubMed file cut inside its 5th
record came in as 5 records with 0 warnings, the last one half there; a RIS or Web of Science file got only
'record has no ER line; it was closed at the end of the file', which a vendor's last record without ER also gets.
Now a file whose last record lacks what closes every other record of it (RIS and WoS `ER`; in MEDLINE `PT`,
which every PubMed and ERIC record has after its title, abstract and authors) gets one `cut_short` warning naming
its line and what to do; the records still come in (the file may be all there is), and no whole file of the
fixtures gets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli.main import run
from screener.records import read_file
from screener.workspace.cut_short import cut_short

RECORDS = Path(__file__).resolve().parents[2] / "fixtures" / "records"
MEDLINE = RECORDS / "nbib" / "citation-file-formatting___baseline_pubmed.ris"     # PubMed format, as named
RIS = RECORDS / "ris" / "citation-file-formatting___baseline_scopus.ris"
WOS = RECORDS / "wos" / "jabref__IsiImporterTest2.isi"


def _cut(source: Path, tmp_path: Path, marker: str) -> Path:
    """The file cut in the middle of its last-but-one record's `marker` line (a line every record has)."""
    text = source.read_bytes().decode("utf-8-sig")
    at = text.rfind(marker, 0, text.rfind(marker))
    out = tmp_path / f"cut-{source.name}"
    out.write_text(text[:at + len(marker) + 12], encoding="utf-8")
    return out


@pytest.mark.parametrize("source, marker, closing", [(MEDLINE, "\nTI  - ", "PT"), (RIS, "\nTI  - ", "ER"),
                                                     (WOS, "\nTI ", "ER")])
def test_a_file_cut_mid_record_is_said_to_be_cut_short(tmp_path, capsys, source, marker, closing):
    cut = _cut(source, tmp_path, marker)
    records = read_file(cut).records
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    capsys.readouterr()
    for extra in (["--dry-run"], []):
        assert run(["import", str(directory), str(cut), "--database", "Other", *extra]) == 0
        out = capsys.readouterr().out
        line = [x for x in out.splitlines() if "cut_short" in x]
        assert line == [f"  warning: {cut}:{records[-1].line} (record {len(records)}): cut_short: the file seems cut "
                        f"short: its last record lacks the {closing} line every other record has (a download or copy "
                        "interrupted?); compare its count with the database's and, if short, export the file again"], out


def test_no_whole_fixture_is_said_to_be_cut_short():
    files = [p for folder in ("ris", "nbib", "wos", "ovid-tagged", "enw", "refworks") for p in (RECORDS / folder).iterdir()
             if p.is_file() and p.suffix != ".md"]
    assert len(files) > 40
    said = []
    for path in files:
        try:
            result = read_file(path)
        except Exception:           # the fixtures refused on purpose are another test's
            continue
        if cut_short(result) is not None:
            said.append(path.name)
    assert said == []
