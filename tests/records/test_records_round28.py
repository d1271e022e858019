"""What the hold-out's round 28 showed (benchmarks/records_gathered: files by reference in round28.tsv): Lens.org's
CSV writes a record's authors 'Given Family', but names it took from a Chinese source (CNKI, by way of Microsoft
Academic) come family first, the family name often in capitals and the pinyin given name hyphenated: 'HE
Sheng-zhong', 'Zheng Chong-you' (37 of 1,000 first authors of one export).

The file has no licence and carries publishers' abstracts: the test's text is written in its layout, cut down to what
shows the quirk, with invented records."""

from __future__ import annotations

from screener.records import read_text

LENS_HEADER = (
    "\ufeffLens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,Publisher,"
    "Source Country,Author/s,Abstract,Volume,Issue Number,Start Page,End Page,DOI\n"
)
LENS_CSV = LENS_HEADER + (
    "000-000-000-000-001,An invented converter topology,,2006,journal article,Invented Power Technologies,,,,"
    "HE Sheng-zhong,,,,,,\n"
    "000-000-000-000-002,Invented ordered sets,,2002,journal article,Invented Mathematics,,,,"
    '"Zheng Chong-you; LI Zu-quan",,,,,,\n'
    "000-000-000-000-003,An invented computational topology,,2007,book chapter,Invented Handbook,,,,"
    '"Denis Invented; Thomas J. Invented; Jean-Luc Invented; Min-jun Kim; Anne Invented-Smith",,,,,,'
    "10.99999/topology\n"
)


def test_lens_names_family_first_with_a_hyphenated_pinyin_given_name() -> None:
    first, second, third = read_text(LENS_CSV, "lens-export.csv").records
    assert first.authors == ["HE, Sheng-zhong"]
    assert second.authors == ["Zheng, Chong-you", "LI, Zu-quan"]
    # given name first, as Lens writes the rest: a hyphenated given name before the family name, a family name
    # with a capital after its hyphen
    assert third.authors == ["Denis Invented", "Thomas J. Invented", "Jean-Luc Invented", "Min-jun Kim",
                             "Anne Invented-Smith"]


# Scopus's CSV writes its Authors column family name first. Most records give initials ('Pausch R., Proffitt D.');
# some of the 1990s give the full given names instead, with no comma between family and given name ('Pioch Nicholas
# J., Roberts Bruce, Zeltzer David': round 27's BrainonSilicon/systematic_review scopus.csv, written here with
# invented names). Such a name is 'Family, Given'; a list of initials keeps its names as Scopus writes them.
SCOPUS_CSV = (
    "Authors,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,EID\n"
    '"Invented Nicholas J., Madeup Bruce, Zeltzer David",6506235587;7402979005;6701417238;,An invented virtual '
    "environment,1997,Invented Proceedings,3012,,,1,10,,2-s2.0-0000000001\n"
    '"Invented R., Van Der Madeup C., Williams G.",1;2;3;,An invented study,1997,Invented Journal,1,,,1,10,,'
    "2-s2.0-0000000002\n"
    '"Madeup Randy, Van Der Invented Dennis, Williams George",1;2;3;,Another invented study,1997,Invented Journal,1,,,1,10,,'
    "2-s2.0-0000000003\n"
)


def test_scopus_full_given_names_are_family_first() -> None:
    first, second, third = read_text(SCOPUS_CSV, "scopus.csv").records
    assert first.authors == ["Invented, Nicholas J.", "Madeup, Bruce", "Zeltzer, David"]
    assert second.authors == ["Invented R.", "Van Der Madeup C.", "Williams G."]
    # a family name opening with a particle: where its given names begin, the name alone does not say
    assert third.authors == ["Madeup, Randy", "Van Der Invented Dennis", "Williams, George"]


def test_scopus_newer_cell_keeps_a_name_without_initials_as_written() -> None:
    # the newer export joins names with '; ' beside 'Author full names', and writes a name it has no initials for
    # given name first ('Markus Herklotz; Wiebke Weber': round 23's CalCoRE/dse-citan scopus.csv, names invented)
    text = ("Authors,Author full names,Author(s) ID,Title,Year,Source title,DOI,EID\n"
            '"Markus Invented; Wiebke Madeup","Markus Invented (58788216600); Wiebke Madeup (58788686000)",'
            '"58788216600; 58788686000",An invented study,2023,Invented Journal,,2-s2.0-0000000004\n')
    (record,) = read_text(text, "scopus.csv").records
    assert record.authors == ["Markus Invented", "Wiebke Madeup"]


def test_scopus_list_of_initials_with_a_group_keeps_its_names() -> None:
    # an older Scopus cell of initials whose list ends with group authors (round 21's
    # juliancastillo-udea/LiteratureReview_AgriculturePublicPolicies scopus.csv, names invented): compound family
    # names before initials stay whole, and so do the groups
    text = SCOPUS_CSV.split("\n")[0] + "\n" + (
        '"De Invented Otto M.C., Madeup A., Abeyá Inventado E., Enghardt Madeup H., Invented G., Global Burden of '
        'Invented Diseases, Injuries",1;,An invented study,2016,Invented Journal,1,,,1,10,,2-s2.0-0000000005\n')
    (record,) = read_text(text, "scopus.csv").records
    assert record.authors[:5] == ["De Invented Otto M.C.", "Madeup A.", "Abeyá Inventado E.", "Enghardt Madeup H.",
                                  "Invented G."]
