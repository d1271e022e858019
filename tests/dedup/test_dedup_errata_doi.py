"""An erratum notice that cites its article's DOI in its title joins that article (Embase's style)."""

from screener.dedup.engine import find_duplicates
from screener.records.model import Record

ARTICLE = Record(title="A remarkable assemblage of petroglyphs and dinosaur footprints in Northeast Brazil",
                 authors=["Troiano, L.P.", "Dos Santos, H.B."], year=2024, journal="Scientific reports",
                 volume="14", issue="1", pages="6528", doi="10.1038/s41598-024-56479-3")
NOTICE = Record(title="Erratum: Author Correction: A remarkable assemblage of petroglyphs and dinosaur footprints "
                      "in Northeast Brazil (Scientific reports (2024) 14 1 DOI: 10.1038/s41598-024-56479-3)",
                authors=["Troiano, L.P.", "Dos Santos, H.B."], year=2024, journal="Scientific reports",
                volume="14", issue="1", pages="14316", doi="10.1038/s41598-024-65283-y", flags=["erratum"])


def test_notice_citing_the_articles_doi_joins_it():
    result = find_duplicates([NOTICE, ARTICLE], join_errata=True)
    assert result.groups == [[0, 1]]
    assert result.errata == [(0, 1)]


def test_notice_citing_another_doi_stays_apart():
    other = Record(**{**ARTICLE.__dict__, "doi": "10.1038/s41598-024-99999-9", "pages": "7000"})
    result = find_duplicates([NOTICE, other], join_errata=True)
    assert result.groups == []
