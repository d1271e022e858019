"""Importing a large RIS or MEDLINE file streams it (screener.records.stream), storing records as
they are read; the workspace ends up exactly as when the file is read whole, and a refusal still
leaves nothing written. The size above which files stream is forced small here."""

from __future__ import annotations

import pytest

from screener import Workspace
from screener.errors import RecordParseError
from screener.records import stream
from screener.workspace.importer import import_files
from screener.workspace.imports import import_exports

RIS = "records/ris/asreview___baseline.ris"                       # 100 records
NBIB = "records/nbib/citation-file-formatting___baseline_pubmed.ris"   # 50 records (MEDLINE)
SMALL = "records/ris/asreview__embase.ris"
TABLES = ("imports", "source_records", "studies", "study_links", "events")


@pytest.fixture()
def streamed(monkeypatch):
    """Files of 50 kB or more stream, in pieces of about 4 kB; returns the files opened to stream."""
    opened = []
    real = stream.open_streamed

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        if result is not None:
            opened.append(result)
        return result
    monkeypatch.setattr(stream, "STREAM_ABOVE", 50_000)
    monkeypatch.setattr(stream, "PIECE", 4096)
    monkeypatch.setattr(stream, "open_streamed", spy)
    return opened


def _counts(ws):
    return {table: ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def _stored(ws):
    records = [tuple(r) for r in ws.db.execute(
        "SELECT id, database, format, file, record_number, line, raw, record, title, year, doi, pmid, import_id"
        " FROM source_records ORDER BY id")]
    imports = [tuple(r) for r in ws.db.execute(
        "SELECT id, sha256, format, database, records, warnings FROM imports ORDER BY id")]
    events = [(r["kind"], r["payload"]) for r in ws.db.execute("SELECT kind, payload FROM events ORDER BY id")
              if r["kind"] == "import"]
    return records, imports, events


def test_a_streamed_import_stores_what_a_whole_import_stores(tmp_path, fixtures_dir, monkeypatch, streamed):
    paths = [fixtures_dir / SMALL, fixtures_dir / RIS, fixtures_dir / NBIB]
    with Workspace.init(tmp_path / "whole") as whole:
        monkeypatch.setattr(stream, "STREAM_ABOVE", 10**12)
        expected = import_files(whole, paths)
        assert not streamed
        expected_rows = _stored(whole)
    with Workspace.init(tmp_path / "streamed") as ws:
        monkeypatch.setattr(stream, "STREAM_ABOVE", 50_000)
        report = import_files(ws, paths)
        assert [s.path.name for s in streamed] == [paths[1].name, paths[2].name]
        assert all(s.pieces > 10 for s in streamed)
        assert _stored(ws) == expected_rows
    assert [f.to_dict() for f in report.files] == [f.to_dict() for f in expected.files]
    assert [f.source_record_ids for f in report.files] == [f.source_record_ids for f in expected.files]


def test_a_dry_run_streams_for_the_counts_and_writes_nothing(workspace, fixtures_dir, streamed):
    before = _counts(workspace)
    report = import_files(workspace, [fixtures_dir / RIS], dry_run=True)
    assert [(f.status, f.records, f.format) for f in report.files] == [("checked", 100, "ris")]
    assert streamed[0].pieces > 10
    assert _counts(workspace) == before


def _failing_in_the_third_piece(monkeypatch):
    real = stream.reader_of

    def reader_of(fmt):
        calls = []

        def read(text, collector, **kwargs):
            calls.append(text)
            if len(calls) == 3:
                raise collector.fatal("cannot read this", line=2)
            return real(fmt)(text, collector, **kwargs)
        return read
    monkeypatch.setattr(stream, "reader_of", reader_of)


def test_a_refusal_part_way_through_a_streamed_file_leaves_nothing_written(workspace, fixtures_dir, monkeypatch,
                                                                         streamed):
    before = _counts(workspace)
    _failing_in_the_third_piece(monkeypatch)
    # the first file is stored before the second is read; the refusal rolls both back
    with pytest.raises(RecordParseError) as caught:
        import_files(workspace, [fixtures_dir / SMALL, fixtures_dir / RIS])
    first_two = streamed[0]
    assert first_two.pieces == 2
    assert str(caught.value).startswith(f"{fixtures_dir / RIS}:")
    assert caught.value.line is not None and caught.value.line > 2        # the file's line, not the piece's
    assert str(caught.value).endswith(": cannot read this")
    assert _counts(workspace) == before


def test_skip_bad_rolls_back_only_the_file_refused_part_way(workspace, fixtures_dir, monkeypatch, streamed):
    _failing_in_the_third_piece(monkeypatch)
    monkeypatch.setattr("screener.workspace.store.CHUNK", 1)     # its first records are written before the refusal
    report = import_files(workspace, [fixtures_dir / SMALL, fixtures_dir / RIS], skip_bad=True)
    assert [f.status for f in report.files] == ["imported", "refused"]
    assert "cannot read this" in report.files[1].error
    assert report.rejected_report                # the refused file is in the report
    counts = _counts(workspace)
    assert counts["imports"] == 1 and counts["source_records"] == report.files[0].records


def test_a_refusal_after_reading_rolls_back_the_streamed_file(workspace, fixtures_dir, tmp_path, streamed):
    empty = tmp_path / "empty.ris"
    empty.write_text("")
    before = _counts(workspace)
    with pytest.raises(RecordParseError, match="no records in this file"):
        import_exports(workspace, [fixtures_dir / RIS, empty], allow_empty=False)
    assert streamed and _counts(workspace) == before


def test_progress_of_a_streamed_import_is_in_megabytes(workspace, fixtures_dir, tmp_path, monkeypatch, streamed):
    monkeypatch.setattr("screener.workspace.store.CHUNK", 100)      # heard after each chunk stored
    big = tmp_path / "big.ris"
    big.write_text((fixtures_dir / RIS).read_text(encoding="utf-8") * 12, encoding="utf-8")    # 3.3 MB
    heard = []
    import_files(workspace, [big], progress=lambda *step: heard.append(step))
    assert {step for step, _, _ in heard} == {"importing"}
    done = [d for _, d, _ in heard]
    assert done == sorted(done) and {t for _, _, t in heard} == {3}
    assert len(set(done)) == 4            # 0, 1, 2, 3 MB
