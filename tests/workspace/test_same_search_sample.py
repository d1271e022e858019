"""The same-search check (``repeats.same_search``) reads a candidate import whole only when a sample of
the file's records is found in it by index (PMID, DOI or exact title): imports of one database and
size that are other searches (a living map's monthly files) are passed over without reading their
rows, and the same search exported again still is one."""

from __future__ import annotations

from pathlib import Path

from screener import Workspace
from screener.records import read_file
from screener.workspace import repeats
from screener.workspace.imports import import_exports

RECORDS = Path(__file__).resolve().parents[2] / "fixtures" / "records"
PUBMED_50 = RECORDS / "nbib" / "citation-file-formatting___baseline_pubmed.ris"


def test_a_sample_passes_over_other_searches_and_keeps_the_same_one(tmp_path):
    ws = Workspace.init(tmp_path / "review")
    import_exports(ws, [PUBMED_50])
    first = ws.db.execute("SELECT id FROM imports").fetchone()[0]
    same = read_file(PUBMED_50).records     # the search's records again (as another format of it reads them)
    assert len(same) >= 20                  # enough for the sample to decide
    assert repeats._likely(ws, same, [first]) == [first]
    assert repeats.same_search(ws, same)["import_id"] == first
    # the same records with other identifiers and titles: another search of the same size
    other = read_file(PUBMED_50).records
    for n, record in enumerate(other):
        record.title, record.doi, record.pmid = f"Another study {n}", f"10.9999/other.{n}", ""
    assert repeats._likely(ws, other, [first]) == []
    assert repeats.same_search(ws, other) is None
