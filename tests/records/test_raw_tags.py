"""Tags read back from a record's raw text (screener.records.raw_tags): for every record a reader
marks RawTags — the tags the workspace does not store but reads again from ``raw`` — the text gives
back exactly those tags, in the same order. Checked on every export in fixtures/records and in
../shared/fixtures (the latter skipped when ../shared is absent), and through a workspace."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_file
from screener.records.model import RawTags
from screener.records.raw_tags import TagsNotReadBack, tags_of_raw


def _check(paths) -> tuple[dict[str, int], list[str]]:
    marked: dict[str, int] = {}
    wrong = []
    for path in paths:
        try:
            records = read_file(path).records
        except RecordParseError:
            continue
        for record in records:
            if type(record.tags) is not RawTags:
                continue
            marked[record.format] = marked.get(record.format, 0) + 1
            back = tags_of_raw(record.format, record.raw)
            if list(back.items()) != list(record.tags.items()):
                wrong.append(f"{path.name} record {record.record_number}")
    return marked, wrong


def test_fixtures_give_their_tags_back(fixtures_dir):
    paths = sorted(p for p in (fixtures_dir / "records").rglob("*") if p.is_file() and p.suffix != ".md")
    marked, wrong = _check(paths)
    assert wrong == []
    # most RIS and MEDLINE records are read whole and so marked: the check above is not empty
    assert marked.get("ris", 0) >= 250 and marked.get("medline", 0) >= 50, marked
    assert set(marked) <= {"ris", "medline"}


def test_shared_exports_give_their_tags_back(shared_dir):
    paths = sorted(p for p in (shared_dir / "fixtures").glob("*/*") if p.is_file())
    marked, wrong = _check(paths)
    assert wrong == []
    assert marked.get("ris", 0) >= 900 and marked.get("medline", 0) >= 300, marked


def test_text_not_read_whole_is_read_by_the_full_reader():
    # a stored text a later reader would not read whole (here a continued line: such a record is read
    # line by line, and stored with its tags today) still loads, read as a file of one record
    assert tags_of_raw("ris", "TY  - JOUR\nTI  - A title\ncontinued\nER  - ") == {
        "TY": ["JOUR"], "TI": ["A title\ncontinued"]}
    assert tags_of_raw("medline", "PMID- 1\nTI  - A title\n\nstray") == {"PMID": ["1"], "TI": ["A title"]}


def test_text_that_gives_no_tags_back_is_a_clear_error():
    with pytest.raises(TagsNotReadBack, match="please report this with the export file"):
        tags_of_raw("ris", "no record here")
    with pytest.raises(TagsNotReadBack):
        tags_of_raw("csv", "a,b")


def test_workspace_stores_marked_tags_once_and_reads_them_back(workspace, tmp_path):
    ris = tmp_path / "a.ris"
    ris.write_text("TY  - JOUR\nTI  - A trial\nAU  - Smith, J\nZZ  - kept\nPY  - 2020\nER  - \n\n"
                   "TY  - JOUR\nTI  - Another\nfolded on a second line\nPY  - 2021\nER  - \n", encoding="utf-8")
    records = read_file(ris).records
    assert [type(r.tags) for r in records] == [dict, dict]      # ZZ is not a known tag: noted, kept
    plain = tmp_path / "b.ris"
    plain.write_text("TY  - JOUR\nTI  - A trial\nAU  - Smith, J\nPY  - 2020\nER  - \n", encoding="utf-8")
    [marked] = read_file(plain).records
    assert type(marked.tags) is RawTags
    with workspace.transaction():
        ids = workspace.add_source_records([*records, marked])
    stored = {rid: workspace.db.execute("SELECT json_type(record, '$.tags') FROM source_records WHERE id = ?",
                                        (rid,)).fetchone()[0] for rid in ids}
    assert stored == {ids[0]: "object", ids[1]: "object", ids[2]: None}
    for rid, record in zip(ids, [*records, marked]):
        back = workspace.source_record(rid)
        assert back == record and list(back.tags) == list(record.tags)
