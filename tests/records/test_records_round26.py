"""What the hold-out's round 26 showed (benchmarks/records_gathered: files by reference in round26.tsv): EndNote XML
exports of a research institute's library, whose people typed several authors into one author field, and Rayyan's
RIS export of a review.

The files carry publishers' abstracts: each test's text is written in the layout of the file it stands for, cut down
to what shows the quirk, with invented records."""

from __future__ import annotations

from screener.records import read_text
from screener.records.authors import list_separators

# EndNote X8's XML (one record a line in the file; here one record a line too): each <author> should hold one
# person, but a library's users typed lists into one — 'Surname, I.' names joined by ',', 'Surname, Given' names
# joined by ',' and a last ' and ', two names on two lines of one field (&#xD;) — and closed names with a ','
_STYLE = '<style face="normal" font="default" size="100%">'


def _record(number: int, title: str, year: str, *authors: str) -> str:
    people = "".join(f"<author>{_STYLE}{a}</style></author>" for a in authors)
    return (f'<record><database name="Invented documents.enl" path="Z:\\Invented documents.enl">Invented documents.enl'
            f'</database><source-app name="EndNote" version="17.0">EndNote</source-app><rec-number>{number}</rec-number>'
            f'<ref-type name="Report">27</ref-type><contributors><authors>{people}</authors></contributors>'
            f"<titles><title>{_STYLE}{title}</style></title></titles>"
            f"<dates><year>{_STYLE}{year}</style></year></dates></record>")


ENDNOTE_LISTS_XML = (
    '<?xml version="1.0" encoding="UTF-8" ?><xml><records>'
    + _record(1, "An invented report on exhaust air", "2014", "Schubart, R.-L., Miehle, U.")
    + _record(2, "An invented inventory of recharge sites", "2010",
              "Sprengel, C., Lorenz, G., Hülshof, I., Grützmann, G.", "Hartig, N.")
    + _record(3, "Invented simplifications of sewer models", "2009",
              "Fischel, Anita, Rouaux, Pascale, Van Asselt, Johan and Pawlowsky-Reuter, Erika")
    + _record(4, "An invented study of two lines", "2011", "Pekdemir, A.", "Cornelis, P.&#xD;Müllner, K.",
              "Krauss, Björn &#xD;Litzen, Norbert")
    + _record(5, "An invented study with closing commas", "2012", "Riechelt, M.,", "Lengemann, , N.", "Stüberl,, J.",
              "Grützmann, Gesche,")
    + _record(6, "One person, with a suffix", "2013", "Smithers, John, Jr.", "Thomé-Kozmi, K. J., Beckmann, M.")
    + "</records></xml>"
)


def test_an_endnote_author_field_holding_a_typed_list_is_those_people() -> None:
    records = read_text(ENDNOTE_LISTS_XML, "KWB_documents.xml").records
    assert [r.authors for r in records[:4]] == [
        ["Schubart, R.-L.", "Miehle, U."],
        ["Sprengel, C.", "Lorenz, G.", "Hülshof, I.", "Grützmann, G.", "Hartig, N."],
        ["Fischel, Anita", "Rouaux, Pascale", "Van Asselt, Johan", "Pawlowsky-Reuter, Erika"],
        ["Pekdemir, A.", "Cornelis, P.", "Müllner, K.", "Krauss, Björn", "Litzen, Norbert"],
    ]
    assert not [a for r in records for a in r.authors if list_separators(a)]


def test_an_endnote_name_closed_by_a_comma_or_with_an_empty_piece_is_the_name() -> None:
    records = read_text(ENDNOTE_LISTS_XML, "KWB_documents.xml").records
    assert records[4].authors == ["Riechelt, M.", "Lengemann, N.", "Stüberl, J.", "Grützmann, Gesche"]
    # one person's two commas stay one name; a list's four are two people
    assert records[5].authors == ["Smithers, John, Jr.", "Thomé-Kozmi, K. J.", "Beckmann, M."]


# Rayyan's RIS export of a review (its old example review, as exported): a name stored without a comma is written
# 'the rest, the first word' — 'Choudhary S' as 'S, Choudhary', a one-word name as ', Vijaybhaskar', a whole
# Vancouver list kept as one name as 'E.A. Lotfi R.A. Abdel-Aziz K.M. El-Shiekh S.E, El-Khateeb' — and a page range
# closed by the '-' of its empty end ('457-60-', '-' where there is none)
RAYYAN_RIS = (
    "TY  - JOUR\n"
    "AN  - rayyan-14431\n"
    "TI  - An invented trial of two antifungal creams\n"
    "Y1  - 2013\n"
    "T2  - Invented journal of dermatology\n"
    "VL  - 58\n"
    "IS  - 6\n"
    "SP  - 457-60-\n"
    "AU  - S, Choudhari\n"
    "AU  - S, Bisatti\n"
    "AU  - A, Singhal\n"
    "N1  -  RAYYAN-INCLUSION: {\"Zbys\"=>\"Excluded\", \"m.el-gohary\"=>\"Included\"}\n"
    "ER  -\n"
    "\n"
    "TY  - JOUR\n"
    "AN  - rayyan-14435\n"
    "TI  - An invented comparison of newer topical agents\n"
    "Y1  - 2013\n"
    "SP  - 224-8-\n"
    "AU  - Tamil Selvam, A.\n"
    "AU  - Girish, G.\n"
    "AU  - , Vijaybhaskaran\n"
    "AU  - P, Krishna Murthi\n"
    "ER  -\n"
    "\n"
    "TY  - JOUR\n"
    "AN  - rayyan-14440\n"
    "TI  - An invented survey of skin diseases among schoolchildren\n"
    "Y1  - 2014\n"
    "SP  - -\n"
    "AU  - E.A. Lotfa R.A. Abdel-Azim K.M. El-Shiekhy S.E, El-Khatib\n"
    "ER  -\n"
    "\n"
    "TY  - JOUR\n"
    "AN  - rayyan-14444\n"
    "TI  - An invented placebo-controlled study\n"
    "Y1  - 2011\n"
    "AU  - L. Hardis B. Routh H. Parrish J. Kaur M, Parrish\n"
    "ER  -\n"
)


def test_rayyans_reversed_lists_and_one_word_names_are_read_as_the_names_they_were() -> None:
    records = read_text(RAYYAN_RIS, "tinea_update.ris").records
    # one reversed name stays: PubMed writes names whose surname is initials so ('T, Premkumar'), and they cannot
    # be told apart
    assert records[0].authors == ["S, Choudhari", "S, Bisatti", "A, Singhal"]
    assert records[1].authors == ["Tamil Selvam, A.", "Girish, G.", "Vijaybhaskaran", "P, Krishna Murthi"]
    assert records[2].authors == ["El-Khatib E.A.", "Lotfa R.A.", "Abdel-Azim K.M.", "El-Shiekhy S.E"]
    assert records[3].authors == ["Parrish L.", "Hardis B.", "Routh H.", "Parrish J.", "Kaur M"]
    assert records[0].tags["AU"][0] == "S, Choudhari"          # the tags keep what the file says


def test_a_page_range_closed_by_a_dangling_dash_is_the_range() -> None:
    records = read_text(RAYYAN_RIS, "tinea_update.ris").records
    assert [r.pages for r in records] == ["457-60", "224-8", "", ""]


def test_a_surname_and_given_names_stay_as_they_are() -> None:
    # not reversed: a surname that is a word ('Li, X.'), initials on both sides, a list the file garbled otherwise
    text = ("TY  - JOUR\nTI  - Names that stay\nAU  - Li, X.\nAU  - Ng, Wei\nAU  - L., Willison D. J. Schwartz L.\n"
            "AU  - B., Puplampu B.\nAU  - O'Brien, Mary\nER  -\n")
    assert read_text(text, "x.ris").records[0].authors == \
        ["Li, X.", "Ng, Wei", "L., Willison D. J. Schwartz L.", "B., Puplampu B.", "O'Brien, Mary"]


# EndNote's CSV export (a meta-analysis's screening list, an output style writing 'Authors,Year,Title,Journal,…'):
# names with initials first, joined by ',' and a last ' and '; one name the database garbled into initials only
ENDNOTE_CSV = (
    "\ufeffAuthors,Year,Title,Journal,Volume,Issue,Abstract,Pages\n"
    '"M. Topsy, M. A. Boksema, M. Quirina, I. J. H and S. L. Koolen",2014,An invented perspective on control systems,'
    "Frontiers in Invented Psychology,5,,An invented abstract.,833\n"
    '"B. Adamo, A. Chang, H. Callan and N. W. Milgrim",2000,The canine as an invented model,Invented Progress,24,5,,'
    "675-692\n"
)


def test_a_name_of_initials_only_in_a_list_of_initials_first_names_is_one_of_them() -> None:
    first, second = read_text(ENDNOTE_CSV, "journal_articles.csv").records
    assert first.authors == ["M. Topsy", "M. A. Boksema", "M. Quirina", "I. J. H", "S. L. Koolen"]
    assert second.authors == ["B. Adamo", "A. Chang", "H. Callan", "N. W. Milgrim"]
