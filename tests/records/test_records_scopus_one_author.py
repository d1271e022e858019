"""A newer Scopus CSV (with its 'Author full names' column) writes a name it has no initials for given
name first ('Markus Herklotz'). Round 28's rule for the older export's full given names ('Pioch
Nicholas J.' is 'Pioch, Nicholas J.') was told apart from the newer export by the '; ' between names,
which a record of one author does not have: such a record's only author was turned round ('Markus,
Invented', family name Markus). Names invented."""

from __future__ import annotations

from screener.records.reader import read_text

HEADER = "Authors,Author full names,Author(s) ID,Title,Year,Source title,DOI,EID\n"


def test_a_newer_scopus_record_of_one_author_keeps_the_name_as_written() -> None:
    text = HEADER + (
        '"Markus Invented","Markus Invented (58788216600)","58788216600",An invented study,2023,Invented Journal,,'
        "2-s2.0-0000000004\n"
        '"Markus Invented; Wiebke Madeup","Markus Invented (58788216600); Wiebke Madeup (58788686000)",'
        '"58788216600; 58788686000",Another invented study,2023,Invented Journal,,2-s2.0-0000000005\n')
    one, two = read_text(text, "scopus.csv").records
    assert one.authors == ["Markus Invented"]
    assert two.authors == ["Markus Invented", "Wiebke Madeup"]


def test_an_older_scopus_record_of_one_author_is_still_family_first() -> None:
    # the older export (no 'Author full names'): its full given names follow the family name
    text = ("Authors,Author(s) ID,Title,Year,Source title,EID\n"
            '"Invented Nicholas",6506235587;,An invented study,1997,Invented Journal,2-s2.0-0000000001\n')
    (record,) = read_text(text, "scopus.csv").records
    assert record.authors == ["Invented, Nicholas"]
