"""PubMed XML → Record on real files (fixtures/records/pubmed-xml: permissively licensed copies)."""

from __future__ import annotations

import io

import pytest

from screener.errors import RecordParseError
from screener.records.model import MeshHeading
from screener.records.pubmed_xml import PubmedXmlStream, iter_pubmed_xml, looks_like_pubmed_xml, parse_pubmed_xml


@pytest.fixture(scope="module")
def xml_dir(fixtures_dir):
    return fixtures_dir / "records" / "pubmed-xml"


def load(xml_dir, name):
    path = xml_dir / name
    return parse_pubmed_xml(path.read_bytes(), file=str(path))


def test_every_bundled_file_streams_the_same_as_it_parses(xml_dir):
    counts = {}
    for path in sorted(xml_dir.glob("*.xml")):
        if "Malformed" in path.name:
            continue
        whole = parse_pubmed_xml(path.read_bytes(), file=path.name)
        streamed = list(iter_pubmed_xml(path, file=path.name, chunk_size=37))
        assert [r.to_json() for r in whole] == [r.to_json() for r in streamed], path.name
        counts[path.name] = len(whole)
    assert sum(counts.values()) == 24
    assert counts["jabref__MedlineImporterTestNbib.xml"] == 2
    assert counts["biopython__pubmed1.xml"] == 2


def test_structured_abstract_markup_and_core_fields(xml_dir):
    (record,) = load(xml_dir, "biopython__pubmed4.xml")
    assert record.pmid == "27797938"
    assert record.record_id == "27797938"
    assert record.title.startswith("Leucocyte telomere length, genetic variants at the TERT gene")
    assert record.journal == "Gut"
    assert record.journal_abbrev == "Gut"
    assert (record.volume, record.issue, record.pages, record.year) == ("66", "6", "1116-1122", 2017)
    assert record.doi == "10.1136/gutjnl-2016-312510"
    assert record.database == "PubMed" and record.format == "pubmed_xml"
    labels = [s["label"] for s in record.extra["abstract_sections"]]
    assert labels == ["OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"]
    assert record.abstract.startswith("OBJECTIVE: ")
    assert "\n\nDESIGN: " in record.abstract
    assert record.authors[:2] == ["Bao, Ying", "Prescott, Jennifer"]
    assert record.language == ["eng"]
    assert record.raw.startswith("<PubmedArticle>") and record.raw.endswith("</PubmedArticle>")
    assert record.line == 4 and record.record_number == 1
    assert record.urls == ["https://pubmed.ncbi.nlm.nih.gov/27797938/"]
    assert record.tags["PMID"] == ["27797938"]


def test_markup_stripped_for_matching_and_kept_raw(xml_dir):
    (record,) = load(xml_dir, "biopython__pubmed6.xml")
    assert record.title == ('A "Blood Relationship" Between the Overlooked Minimum Lactate Equivalent and '
                            'Maximal Lactate Steady State in Trained Runners. Back to the Old Days?')
    assert record.extra["title_markup"] == ('A "<i>Blood Relationship"</i> Between the Overlooked Minimum '
                                            'Lactate Equivalent and Maximal Lactate Steady State in Trained '
                                            'Runners. Back to the Old Days?')
    assert "<i>Blood Relationship&quot;</i>" in record.raw


def test_mathml_and_collective_author(xml_dir):
    (record,) = load(xml_dir, "biopython__pubmed7.xml")
    assert "<mml:math" not in record.abstract
    assert "inhaled He 3 / Xe 129 MRI ventilation" in record.abstract
    assert any("mml:math" in part for part in record.extra["abstract_markup"])
    assert "<mml:math" in record.raw
    collective = [a for a in record.authors if "," not in a]
    assert collective, record.authors


def test_mesh_with_qualifiers_and_major_flags(xml_dir):
    records = load(xml_dir, "biopython__pubmed1.xml")
    record = records[0]
    assert record.pmid == "12091962"
    assert len(record.mesh) == 19
    assert all(isinstance(m, MeshHeading) for m in record.mesh)
    detail = record.extra["mesh_detail"]
    assert len(detail) == 19
    # the MEDLINE-style rendering shows exactly where the major flag sits
    for heading, text in zip(detail, record.tags["MH"]):
        assert text.split("/")[0].rstrip("*") == heading["descriptor"]
    majors = [m for m in record.mesh if m.major]
    assert majors and all(isinstance(q, str) for m in record.mesh for q in m.qualifiers)


def test_year_from_medline_date():
    xml = ("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal><JournalIssue>"
           "<PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue></Journal>"
           "<ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    (record,) = parse_pubmed_xml(xml)
    assert record.year == 1998
    assert record.extra["pub_date"] == "1998 Dec-1999 Jan"


def test_erratum_and_erratum_in_flags(xml_dir):
    (erratum,) = load(xml_dir, "metapub__38833988.xml")
    assert erratum.flags == ["erratum"]
    assert "Published Erratum" in erratum.publication_types
    (corrected,) = load(xml_dir, "metapub__35649368.xml")
    assert corrected.flags == ["erratum_in"]


def test_retraction_flags():
    xml = ("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>X"
           "</ArticleTitle><PublicationTypeList><PublicationType>Retracted Publication</PublicationType>"
           "</PublicationTypeList></Article><CommentsCorrectionsList><CommentsCorrections RefType="
           "\"RetractionIn\"><RefSource>J 2020</RefSource><PMID>3</PMID></CommentsCorrections>"
           "</CommentsCorrectionsList></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    (record,) = parse_pubmed_xml(xml)
    assert record.flags == ["retracted"]
    assert record.extra["comments_corrections"] == [{"type": "RetractionIn", "source": "J 2020", "pmid": "3"}]


def test_vernacular_title(xml_dir):
    (record,) = load(xml_dir, "metapub__36987902.xml")
    assert record.title.startswith("Patients over 75 years admitted to the National Burn Centre")
    assert record.extra["vernacular_title"].startswith("Pasienter over 75 år")
    assert record.language == ["eng", "nor"]
    assert record.tags["TT"] == [record.extra["vernacular_title"]]


def test_book_records(xml_dir):
    (book,) = load(xml_dir, "jabref__MedlineImporterTestPubmedBook.xml")
    assert book.flags == ["book"]
    assert book.reference_type == "BOOK"
    assert book.title == ("Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment "
                          "in Adults")
    assert book.authors == ["National Collaborating Centre for Chronic Conditions (UK)", "Williams, Darlisha A"]
    assert book.year == 2009
    assert book.extra["book"]["publisher"] == "Royal College of Physicians (UK)"
    assert book.extra["book"]["isbn"] == ["9781860163593"]
    chapter, second = load(xml_dir, "jabref__MedlineImporterTestBookArticleSet.xml")
    assert chapter.reference_type == "CHAP"
    assert chapter.title == "Title for some article"
    assert chapter.journal.startswith("Rheumatoid Arthritis")
    assert chapter.doi == "10.3275/8949"
    assert second.line == 67 and second.pages == "1831"


def test_mixed_article_and_book_set(xml_dir):
    article, book = load(xml_dir, "jabref__MedlineImporterTestNbib.xml")
    assert (article.pmid, book.pmid) == ("23633646", "21413195")
    assert article.flags == [] and book.flags == ["book"]


def test_malformed_file_names_file_line_and_record(xml_dir):
    with pytest.raises(RecordParseError) as info:
        load(xml_dir, "jabref__MedlineImporterTestMalformedEntry.xml")
    assert info.value.line == 4 and info.value.record_number == 1
    assert "MalformedEntry.xml: line 4" in str(info.value)


def test_truncated_body_is_an_error(xml_dir):
    data = (xml_dir / "biopython__pubmed2.xml").read_bytes()
    with pytest.raises(RecordParseError, match="truncated"):
        parse_pubmed_xml(data[: len(data) // 2])


def test_eutils_error_document_is_not_pubmed_xml():
    with pytest.raises(RecordParseError, match="E-utilities error response .*Invalid"):
        parse_pubmed_xml(b"<eFetchResult><ERROR>Invalid uid</ERROR></eFetchResult>")


def test_empty_set_and_text_input():
    assert parse_pubmed_xml("<PubmedArticleSet></PubmedArticleSet>") == []
    text = ('<?xml version="1.0" encoding="ISO-8859-1"?><PubmedArticleSet><PubmedArticle><MedlineCitation>'
            '<PMID>5</PMID><Article><ArticleTitle>Café</ArticleTitle></Article></MedlineCitation>'
            '</PubmedArticle></PubmedArticleSet>')
    (record,) = parse_pubmed_xml(text)
    assert record.title == "Café"


def test_stream_takes_records_as_bytes_arrive(xml_dir):
    data = (xml_dir / "biopython__pubmed1.xml").read_bytes()
    stream = PubmedXmlStream(file="x")
    seen = []
    for i in range(0, len(data), 500):
        stream.feed(data[i:i + 500])
        seen.extend(r.pmid for r in stream.take())
    stream.close()
    seen.extend(r.pmid for r in stream.take())
    assert seen == ["12091962", "9997"]
    assert list(r.pmid for r in iter_pubmed_xml(io.BytesIO(data))) == seen


def test_sniffer():
    assert looks_like_pubmed_xml(b'<?xml version="1.0"?>\n<!DOCTYPE x>\n<PubmedArticleSet>')
    assert not looks_like_pubmed_xml(b"TY  - JOUR\nER  -")


def test_shared_corpus_matches_provenance_counts(shared_dir):
    """Every file's record count equals the count PROVENANCE.md states for it."""
    folder = shared_dir / "fixtures" / "pubmed-xml"
    expected = {}
    for line in (shared_dir / "fixtures" / "PROVENANCE.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 7 and cells[1].strip("`").endswith(".xml") and (folder / cells[1].strip("`")).exists():
            expected[cells[1].strip("`")] = int(cells[7])
    assert len(expected) == 32
    for name, count in expected.items():
        if "Malformed" in name:
            continue
        assert len(parse_pubmed_xml((folder / name).read_bytes(), file=name)) == count, name


def test_streaming_memory_does_not_grow_with_the_file(tmp_path):
    import datetime as dt
    import tracemalloc

    from screener.search.standin import _Entry, _generated_xml

    def write(n):
        path = tmp_path / f"set{n}.xml"
        with open(path, "wb") as out:
            out.write(b"<PubmedArticleSet>\n")
            for i in range(n):
                out.write(_generated_xml(_Entry(40_000_000 + i, dt.date(2001, 1, 1))) + b"\n")
            out.write(b"</PubmedArticleSet>\n")
        return path

    peaks = {}
    for n in (100, 800):
        path = write(n)
        tracemalloc.start()
        count = sum(1 for _ in iter_pubmed_xml(path))
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == n
    assert peaks[800] < 1.5 * peaks[100], peaks
