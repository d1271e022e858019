"""What the hold-out's round 23 showed (benchmarks/records_gathered: files by reference in round23.tsv): an older
Scopus CSV of Brazilian and Colombian authors, a Lens.org CSV of old German records, Web of Science plain text of
proceedings papers.

The files carry publishers' metadata or state no licence: each test's text is written in the layout of the file it
stands for, cut down to what shows the quirk, with invented records."""

from __future__ import annotations

from screener.records import read_text

# older Scopus CSV: 'Surname, I.' pairs joined by ', ', Portuguese names with five initials and more
SCOPUS_OLD_CSV = (
    "\ufeffAuthors,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,Page count,"
    "Cited by,DOI,Link,Document Type,Publication Stage,Access Type,Source,EID\n"
    '"Invented-Silva, N., Peres, M.V.N.D.N., Fruto, T.K., de Mello, J.C.C.B.S., Gomes Júnior, S.F.",'
    '"1;2;3;4;5;","Um estudo inventado de custos [An invented cost study]",2019,"DYNA (Colombia)",86,208,,'
    "10,18,,,10.99999/dyna.v86n208.1,https://www.scopus.com/x,Article,Final,,Scopus,2-s2.0-1\n"
)


def test_scopus_surname_initials_pairs_with_five_initials_and_more():
    (record,) = read_text(SCOPUS_OLD_CSV, "scopus.csv").records
    assert record.authors == ["Invented-Silva, N.", "Peres, M.V.N.D.N.", "Fruto, T.K.", "de Mello, J.C.C.B.S.",
                              "Gomes Júnior, S.F."]


# Lens.org's CSV writes a missing given name as 'null' before the family name (older records: 'null Tobler')
LENS_CSV = (
    "\ufeffLens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,Publisher,"
    "Source Country,Author/s,Abstract,Volume,Issue Number,Start Page,End Page,DOI\n"
    "000-000-000-000-001,Ein erfundener Bericht,1941-01-01,1941,journal article,Invented Zeitschrift,,Springer,"
    'Germany,"null Ratkoczy; Einar Invented; null v. Neureiter",,33,3,201,213,10.99999/bf0001\n'
)


def test_lens_null_given_name_is_no_name():
    (record,) = read_text(LENS_CSV, "lens-export.csv").records
    assert record.authors == ["Ratkoczy", "Einar Invented", "v. Neureiter"]
    assert record.pages == "201-213"


# WoS plain text of a proceedings paper: GP (the book's group author: the conference's society) is no author
# of the paper; a book by a group alone keeps it
WOS_GP = (
    "FN Clarivate Analytics Web of Science\nVR 1.0\n"
    "PT C\nAU Invented, K\nAF Invented, Kobi\nGP ASSOC COMPUTING MACHINERY\n"
    "TI An invented paper on teaching\nSO PROCEEDINGS OF AN INVENTED CONFERENCE\nPY 2020\nBP 324\nEP 325\n"
    "DI 10.99999/3372782.1\nUT WOS:000000000000001\nER\n\n"
    "PT B\nGP INVENTED SOCIETY OF ENGINEERS\nTI An invented handbook\nPY 2019\nUT WOS:000000000000002\nER\n\nEF\n"
)


def test_wos_book_group_author_of_a_proceedings_paper_is_no_author():
    paper, book = read_text(WOS_GP, "savedrecs.txt").records
    assert paper.authors == ["Invented, Kobi"]
    assert book.authors == ["INVENTED SOCIETY OF ENGINEERS"]
