"""import_files and `screener import`: all-or-nothing per file, refusals before writing, warnings."""

from __future__ import annotations

import json
import re

import pytest

from screener.cli.main import run
from screener.errors import RecordParseError, WorkspaceError
from screener.records import read_file, sniff_format
from screener.workspace.importer import import_files

F = "records/"


def counts(ws):
    return (ws.db.execute("SELECT count(*) FROM imports").fetchone()[0],
            ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0],
            ws.db.execute("SELECT count(*) FROM events WHERE kind = 'import'").fetchone()[0])


def test_import_two_files(workspace, fixtures_dir):
    report = import_files(workspace, [fixtures_dir / F / "ris/asreview__embase.ris",
                                      fixtures_dir / F / "nbib/biopython__pubmed_result2.txt"])
    assert [f.records for f in report.files] == [6, 4]
    assert [f.format for f in report.files] == ["ris", "medline"]
    assert [f.database for f in report.files] == ["Embase", "PubMed"]
    assert counts(workspace) == (2, 10, 2)
    row = workspace.db.execute("SELECT * FROM source_records WHERE import_id = 1 ORDER BY id").fetchone()
    assert row["database"] == "Embase" and row["record_number"] == 1 and row["line"] == 1
    assert row["raw"].startswith("TY  - JOUR")
    event = workspace.db.execute("SELECT * FROM events WHERE kind = 'import' ORDER BY id").fetchone()
    payload = json.loads(event["payload"])
    assert payload["records"] == 6 and payload["format"] == "ris"
    assert report.to_dict()["records"] == 10


def test_one_bad_file_refuses_everything(workspace, fixtures_dir, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Dear colleague,\nplease find the records attached.\n")
    with pytest.raises(RecordParseError) as err:
        import_files(workspace, [fixtures_dir / F / "ris/asreview__embase.ris", bad])
    assert str(bad) + ":1" in str(err.value)
    assert counts(workspace) == (0, 0, 0)


def test_skip_bad_imports_good_and_reports_rejected(workspace, fixtures_dir, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Dear colleague,\nplease find the records attached.\n")
    report = import_files(workspace, [fixtures_dir / F / "ris/asreview__embase.ris", bad], skip_bad=True)
    assert [f.status for f in report.files] == ["imported", "refused"]
    assert counts(workspace) == (1, 6, 1)
    text = open(report.rejected_report, encoding="utf-8").read()
    assert str(bad) in text and "not a known export format" in text


def test_skip_bad_report_that_cannot_be_written_imports_nothing(workspace, fixtures_dir, tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("Dear colleague,\nplease find the records attached.\n")
    (workspace.path / "rejected").write_text("a file where the report folder should be")
    good = fixtures_dir / F / "ris/asreview__embase.ris"
    with pytest.raises(WorkspaceError, match=r"cannot write the report of rejected records in .*rejected "
                                             r"\(.*\); nothing was imported"):
        import_files(workspace, [good, bad], skip_bad=True)
    assert counts(workspace) == (0, 0, 0)
    assert run(["import", str(workspace.path), str(good), str(bad), "--skip-bad"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write the report") and err.count("\n") == 1
    assert counts(workspace) == (0, 0, 0)


def test_skip_bad_rejects_one_broken_endnote_record(workspace, fixtures_dir, tmp_path):
    source = (fixtures_dir / F / "endnote-xml/synthetic_endnote_export.xml").read_text(encoding="utf-8")
    broken = source.replace("<pages><style", "<pages><stile", 1)
    path = tmp_path / "library.xml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert err.value.record_number == 1
    report = import_files(workspace, [path], skip_bad=True)
    assert report.files[0].records == 1 and len(report.files[0].rejected) == 1
    assert "<stile" in open(report.rejected_report, encoding="utf-8").read()


def test_reimport_refused_unless_again(workspace, fixtures_dir):
    path = fixtures_dir / F / "ris/asreview__embase.ris"
    import_files(workspace, [path])
    with pytest.raises(WorkspaceError) as err:
        import_files(workspace, [path])
    # what gets past it is data (each front end words it: the CLI '--again', the web 'again=true')
    assert "already imported" in str(err.value) and err.value.remedy == "again" and err.value.http_status == 409
    import_files(workspace, [path], allow_reimport=True)
    assert counts(workspace) == (2, 12, 2)


def test_database_option_wins(workspace, fixtures_dir):
    report = import_files(workspace, [fixtures_dir / F / "ris/asreview__embase.ris"], database="Embase (Ovid)")
    assert report.files[0].database == "Embase (Ovid)"
    dbs = {r[0] for r in workspace.db.execute("SELECT database FROM source_records")}
    assert dbs == {"Embase (Ovid)"}


def test_database_unknown_when_records_do_not_say(fixtures_dir):
    result = read_file(fixtures_dir / F / "ris/rispy__example_multiline.ris")
    assert {r.database for r in result.records} == {"unknown"}


def test_undecodable_bytes_fatal_with_line(tmp_path):
    path = tmp_path / "export.ris"
    path.write_bytes(b"TY  - JOUR\nTI  - ok\nAB  - bad \x81\x8d bytes\nER  - \n")
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert err.value.line == 3 and f"{path}:3" in str(err.value)


def test_cp1252_fallback_is_a_warning(fixtures_dir, tmp_path):
    original = fixtures_dir / F / "ris/rispy__example_utf_chars.ris"
    text = original.read_text(encoding="utf-8-sig")
    latin = "".join(c for c in text if c.isascii() or c in "äöüÄÖÜß")   # cp1252-encodable part
    path = tmp_path / "ansi.ris"
    path.write_bytes(latin.encode("cp1252"))
    result = read_file(path)
    assert result.encoding == "cp1252"
    assert [w.code for w in result.warnings if w.code == "cp1252_fallback"] == ["cp1252_fallback"]
    assert result.records[0].tags == read_file_text_tags(latin)


def read_file_text_tags(text):
    from screener.records import read_text
    return read_text(text.replace("\r\n", "\n"), "x.ris").records[0].tags


def test_utf16_without_bom(fixtures_dir, tmp_path):
    text = (fixtures_dir / F / "ris/colrev__ris_data.ris").read_bytes().decode("utf-8")
    path = tmp_path / "utf16.ris"
    path.write_bytes(text.encode("utf-16-le"))
    result = read_file(path)
    assert result.encoding == "utf-16-le" and len(result.records) == 2


def test_utf16_wos_tab_delimited(fixtures_dir):
    result = read_file(fixtures_dir / F / "wos/wosfile__wos_tab_delimited_win_utf16.txt")
    assert (result.format, result.encoding, len(result.records)) == ("wos_tab", "utf-16", 50)
    r = result.records[0]
    assert r.record_id == "WOS:000220015600001" and r.doi == "10.1287/orsc.1030.0054"
    assert r.authors == ["Owen-Smith, J", "Powell, WW"]


def test_empty_yielding_file_is_fatal(tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_text("title,author,year\n")
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert "no records found" in str(err.value) and f"{path}:1" in str(err.value)


def test_empty_file_is_zero_records_with_warning(tmp_path):
    path = tmp_path / "empty.ris"
    path.write_text("\n\n")
    result = read_file(path)
    assert result.records == [] and [w.code for w in result.warnings] == ["empty_file"]


def test_binary_file_is_fatal(tmp_path):
    path = tmp_path / "export.ris"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    with pytest.raises(RecordParseError):
        read_file(path)


@pytest.mark.parametrize("text,fmt", [
    ("TY  - JOUR\nER  - \n", "ris"), ("PMID- 1\nTI  - x\n", "medline"),
    ("FN Clarivate\nVR 1.0\nPT J\nTI x\nER\nEF\n", "wos"), ("<1. >\nVN  - Ovid Technologies\nTI  - x\n", "ovid"),
    ('<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>', "pubmed_xml"),
    ('<?xml version="1.0"?><xml><records><record></record></records></xml>', "endnote_xml"),
    ("id,title,author\n1,a,b\n", "csv"), ("PT\tAU\tTI\nJ\ta\tb\n", "wos_tab"), ("just words\n", "unknown"),
])
def test_sniff_format(text, fmt):
    assert sniff_format(text) == fmt


def test_extension_lies_are_ignored(fixtures_dir):
    result = read_file(fixtures_dir / F / "nbib/citation-file-formatting___baseline_pubmed.ris")
    assert (result.format, len(result.records)) == ("medline", 50)


def test_cli_import_and_errors(workspace, fixtures_dir, tmp_path, capsys):
    path = fixtures_dir / F / "ris/colrev__ris_data.ris"
    assert run(["import", str(workspace.path), str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["records"] == 2 and data["files"][0]["warnings"][0]["code"] == "missing_er"
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing here\n")
    assert run(["import", str(workspace.path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {bad}:1:")
    assert run(["import", str(workspace.path), str(path)]) == 1
    assert "already imported" in capsys.readouterr().err
    assert counts(workspace)[1] == 2


def test_cli_text_output_names_file_and_line(workspace, fixtures_dir, capsys):
    path = fixtures_dir / F / "ris/colrev__ris_data.ris"
    assert run(["import", str(workspace.path), str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: 2 records imported (RIS" in out
    assert f"warning: {path}:2 (record 1): missing_er" in out


def test_medline_fields(fixtures_dir):
    r = read_file(fixtures_dir / F / "nbib/citation-file-formatting___baseline_pubmed.ris").records[0]
    assert (r.pmid, r.doi, r.year, r.volume, r.issue, r.pages) == (
        "30922926", "10.1016/j.ejmg.2019.03.004", 2020, "63", "2", "103640")
    assert r.authors[0] == "Griffin, Darren K"
    assert r.issn == ["1878-0849", "1769-7212"]
    genomics = [m for m in r.mesh if m.descriptor == "Genomics"][0]
    assert genomics.qualifiers == ("history",) and genomics.major


def test_medline_wrapped_erratum_value_joined(fixtures_dir):
    records = read_file(fixtures_dir / F / "nbib/citation-file-formatting___baseline_pubmed.ris").records
    eins = [v for r in records for v in r.tags.get("EIN", [])]
    assert eins and all(not v.endswith("PMID:") for v in eins)


def test_medline_malformed_lines(fixtures_dir):
    result = read_file(fixtures_dir / F / "nbib/jabref__MedlinePlainImporterStringOutOfBounds.txt")
    assert [r.title for r in result.records] == ["This is a test title", "This is also a test title"]
    assert [(w.code, w.line) for w in result.warnings] == [("malformed_line", 3)]
    assert result.records[0].extra["unparsed"] == ["SO  invalid line"]


def test_eric_nbib(fixtures_dir):
    r = read_file(fixtures_dir / F / "nbib/colrev__eric_nbib.nbib").records[0]
    assert (r.database, r.record_id, r.pmid, r.doi) == ("ERIC", "EJ1131633", "", "10.1000/123456789")
    assert r.issn == ["1234-4567"]


def test_ovid_tagged_and_display(fixtures_dir):
    display = read_file(fixtures_dir / F / "ovid-tagged/jabref__OvidImporterTest4.txt").records[0]
    assert (display.journal, display.volume, display.issue, display.pages, display.year) == (
        "Ecohydrology", "8", "6", "1048-1064", 2015)
    assert display.authors[:2] == ["Kohler, Lars", "Leuschner, Christoph"]
    assert display.title.endswith("Harz Mountains, Germany.")
    assert read_file(fixtures_dir / F / "ovid-tagged/jabref__OvidImporterTest1.txt").format == "ovid_display"


def test_wos_tagged_fields(fixtures_dir):
    result = read_file(fixtures_dir / F / "wos/jabref__IsiImporterTestWOS.isi")
    r = result.records[0]
    assert (r.record_id, r.database, r.journal_abbrev, r.pages) == (
        "ISI:000238592600006", "Web of Science", "J PHYS-CONDENS MATTER", "5323-5331")
    assert len(r.authors) == 5
    medline = read_file(fixtures_dir / F / "wos/jabref__IsiImporterTestMedline.isi")
    assert {x.database for x in medline.records} == {"MEDLINE"}


def test_endnote_xml(fixtures_dir):
    result = read_file(fixtures_dir / F / "endnote-xml/synthetic_endnote_export.xml")
    first, second = result.records
    assert first.title == ("The Incredible Years Therapeutic Dinosaur Programme: study protocol for a "
                           "randomised controlled trial")
    assert (first.pmid, first.database, first.doi, first.year) == (
        "21314913", "MEDLINE", "10.1186/1745-6215-12-39", 2011)
    assert second.flags == ["conference"] and second.database == "Embase"
    assert second.line == 2 and second.raw.startswith("<record>")


def test_pubmed_xml_dispatch(fixtures_dir):
    pytest.importorskip("screener.records.pubmed_xml")
    result = read_file(fixtures_dir / F / "pubmed-xml/biopython__pubmed1.xml")
    assert (result.format, len(result.records)) == ("pubmed_xml", 2)


@pytest.mark.parametrize("text,words", [
    ("____\n\nReport Information from ProQuest\nAugust 21 2019 09:26\n____\n\nDocument 1 of 2\n\n"
     "A title\nAuthor: Smith, J\n", "ProQuest text report"),
    ("1. Nature. 2020 Jan;577(7788):123-4. doi: 10.1038/x\n\nA title.\n\nSmith J(1).\n\n"
     "PMID: 31234567  [Indexed for MEDLINE]\n", "PubMed's 'Abstract' text page"),
    ("<!DOCTYPE html>\n<html><body>results</body></html>\n", "web page"),
    ('{"records": []}\n', "JSON"),
])
def test_common_wrong_formats_get_a_specific_message(tmp_path, text, words):
    path = tmp_path / "export.txt"
    path.write_text(text)
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert words in str(err.value) and str(err.value).startswith(f"{path}:1: ")


def _wos_tab_with_extra_cells_on_line_4(fixtures_dir, tmp_path):
    lines = (fixtures_dir / F / "wos/wosfile__wos_tab_delimited_win_utf8.txt").read_text(
        encoding="utf-8-sig").split("\n")
    lines[3] = lines[3] + "\tstray\tcells"
    path = tmp_path / "wos.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_wos_tab_row_with_extra_cells(fixtures_dir, tmp_path):
    path = _wos_tab_with_extra_cells_on_line_4(fixtures_dir, tmp_path)
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert err.value.line == 4 and err.value.record_number == 3
    result = read_file(path, skip_bad=True)
    assert len(result.records) == 49 and [r.line for r in result.rejected] == [4]


def test_wos_tab_records_after_a_rejected_row_keep_their_row_number(fixtures_dir, tmp_path):
    # the record number is the row's place in the file (as the error for the bad row says), so a
    # rejected row does not renumber the records after it
    result = read_file(_wos_tab_with_extra_cells_on_line_4(fixtures_dir, tmp_path), skip_bad=True)
    assert [(r.line, r.record_number) for r in result.rejected] == [(4, 3)]
    assert [(r.line, r.record_number) for r in result.records[:4]] == [(2, 1), (3, 2), (5, 4), (6, 5)]


def test_mixed_utf8_and_cp1252_is_fatal(tmp_path):
    path = tmp_path / "mixed.ris"
    path.write_bytes("TY  - JOUR\nTI  - Müller\n".encode() + b"AB  - caf\xe9\nER  - \n")
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert err.value.line == 3 and "mixes encodings" in str(err.value)


@pytest.mark.parametrize("content", [
    b"Dear colleague,\nthe records follow.\n",                   # no known format
    b"title,author,year\n",                                     # a non-empty file with no records
    b"TY  - JOUR\nTI  - x\n\x81\x8d\x90\nER  - \n",             # undecodable bytes
])
def test_cli_bad_input_one_line_nothing_written(workspace, fixtures_dir, tmp_path, capsys, content):
    bad = tmp_path / "bad.ris"
    bad.write_bytes(content)
    good = fixtures_dir / F / "ris/asreview__embase.ris"
    assert run(["import", str(workspace.path), str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert re.match(rf"error: {re.escape(str(bad))}:\d+: ", captured.err)
    assert counts(workspace) == (0, 0, 0)


def test_skip_bad_refuses_only_the_reimported_file(workspace, fixtures_dir):
    first = fixtures_dir / F / "ris/asreview__embase.ris"
    second = fixtures_dir / F / "ris/colrev__ris_data.ris"
    import_files(workspace, [first])
    report = import_files(workspace, [first, second], skip_bad=True)
    assert [f.status for f in report.files] == ["refused", "imported"]
    assert "already imported" in report.files[0].error
    assert counts(workspace) == (2, 8, 2)


@pytest.mark.parametrize("name,authors", [
    ("jabref__OvidImporterTest6.txt", ["Verbeek, Jan", "Hermans, Erik", "van Vugt, Arie", "Frolke, Jan Paul"]),
    ("jabref__OvidImporterTest5.txt", ["Bunkers, Sandra Schmidt"]),
    ("jabref__OvidImporterTest1.txt", ["Mustermann", "Musterfrau"]),
])
def test_ovid_display_author_markers_and_degrees(fixtures_dir, name, authors):
    assert read_file(fixtures_dir / F / "ovid-tagged" / name).records[0].authors == authors


def test_truncated_endnote_xml_is_fatal(fixtures_dir, tmp_path):
    text = (fixtures_dir / F / "endnote-xml/synthetic_endnote_export.xml").read_text(encoding="utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[: text.index("<record>", 100)], encoding="utf-8")
    with pytest.raises(RecordParseError) as err:
        read_file(path)
    assert "truncated" in str(err.value)


def test_import_every_format_in_one_command(workspace, fixtures_dir):
    pytest.importorskip("screener.records.pubmed_xml")
    names = ["pubmed-xml/biopython__pubmed1.xml", "endnote-xml/synthetic_endnote_export.xml",
             "wos/wosfile__wos_tab_delimited_win_utf16.txt", "ovid-tagged/jabref__OvidImporterTest4.txt",
             "csv/citation-file-formatting___baseline_embase.csv", "nbib/colrev__eric_nbib.nbib",
             "wos/jabref__IsiImporterTestWOS.isi", "ris/colrev__jstor_ris.ris"]
    report = import_files(workspace, [fixtures_dir / F / n for n in names])
    assert [(f.format, f.records) for f in report.files] == [
        ("pubmed_xml", 2), ("endnote_xml", 2), ("wos_tab", 50), ("ovid_display", 1), ("csv", 10),
        ("medline", 1), ("wos", 2), ("ris", 4)]
    assert counts(workspace) == (8, 72, 8)


@pytest.mark.parametrize("value,descriptor,qualifiers,major", [
    ("*Chronic Pain/dt, px [Drug Therapy, Psychology]", "Chronic Pain", ("drug therapy", "psychology"), True),
    ("Pain/px", "Pain", ("psychology",), False),
    ("Humans", "Humans", (), False),
    ("Attitude of Health Personnel/*", "Attitude of Health Personnel", (), True),
    # MeSH: IS is instrumentation, IP isolation & purification (the query builder's table)
    ("Endoscopes/is", "Endoscopes", ("instrumentation",), False),
    ("Bacteria/ip", "Bacteria", ("isolation & purification",), False),
    ("Barium Sulfate/du", "Barium Sulfate", ("diagnostic use",), False),
])
def test_ovid_mesh_headings(value, descriptor, qualifiers, major):
    from screener.records.ovid import ovid_heading

    heading = ovid_heading(value)
    assert (heading.descriptor, heading.qualifiers, heading.major) == (descriptor, qualifiers, major)


def test_dry_run_writes_nothing(workspace, fixtures_dir, capsys):
    path = fixtures_dir / F / "ris/colrev__ris_data.ris"
    report = import_files(workspace, [path], dry_run=True)
    assert report.files[0].status == "checked" and report.records == 2
    assert counts(workspace) == (0, 0, 0)
    assert run(["import", str(workspace.path), str(path), "--dry-run"]) == 0
    assert "would be imported" in capsys.readouterr().out
    assert counts(workspace) == (0, 0, 0)


@pytest.mark.skipif(not __import__("os").path.isfile("/proc/self/mem"), reason="needs Linux /proc")
def test_unreadable_file_is_one_error_line(workspace, capsys):
    # /proc/self/mem is a file whose first read fails (EIO): an export the disk cannot give back
    with pytest.raises(RecordParseError, match=r"^/proc/self/mem: cannot read the file: Input/output error$"):
        import_files(workspace, ["/proc/self/mem"])
    assert run(["import", str(workspace.path), "/proc/self/mem"]) == 1
    err = capsys.readouterr().err
    assert err == "error: /proc/self/mem: cannot read the file: Input/output error\n"
    assert counts(workspace) == (0, 0, 0)
