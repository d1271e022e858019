"""What the hold-out's round 29 showed (benchmarks/records_gathered: files by reference in round29.tsv).

None of the files may be copied (no licence stated, publishers' abstracts): each test's text is written in the layout
of the file that showed the fault, cut down to what shows it, with invented records."""

from __future__ import annotations

from screener.records import read_text
from screener.records.authors import list_separators

# Web of Science's spreadsheet export saved as CSV names its columns in words ('Authors', 'Author Full Names', 'Article
# Title', 'UT (Unique WOS ID)'). 'Authors' is WoS's AU, which shortens names ('Moreira, LSCM' for 'Correia Marques
# Moreira, Luis'); 'Author Full Names' is AF, the names as published, which WoS's own files are read by.
WOS_CSV = (
    "\ufeffPublication Type,Authors,Book Authors,Author Full Names,Article Title,Source Title,Publication Year,DOI,"
    "UT (Unique WOS ID)\n"
    'J,"Moreira, LSCM; Tran, TD",,"Correia Marques Moreira, Luis Invented; Tran, Thang Duc",An invented footbridge,'
    "Invented Structures,2022,10.99999/bridge,WOS:000000000000001\n"
    'J,"Zhang, GQ",,,An invented robustness study,Invented Notes,2025,,WOS:000000000000002\n'
)


def test_wos_spreadsheet_csv_reads_author_full_names() -> None:
    first, second = read_text(WOS_CSV, "webofscience.csv").records
    assert first.authors == ["Correia Marques Moreira, Luis Invented", "Tran, Thang Duc"]
    assert first.year == 2022 and first.doi == "10.99999/bridge"
    assert second.authors == ["Zhang, GQ"]          # no full names: the short ones


# Google Scholar writes authors initials first, joined by ', ' ('M Prédhumeau, L Mancheva, J Dugdale'); a CSV of its
# results (here a scraper's: Title, Authors, Year, Venue, Citations) had every cell of three names or more split,
# and every cell of two kept whole as one author ('C Palacio, E Gamess': 136 of 659 records).
SCHOLAR_CSV = (
    "Title,Authors,Year,Venue,Citations\n"
    'An invented survey,"C Invented, E Madeup",2020,Revista Inventada,1\n'
    'An invented model,"M Invented, L Madeup, J Other",2022,Journal of Invented …,36\n'
    'An invented study,"KH Invented-Smith, DA de Madeup",2019,Invented access,3\n'
    'An accented study,"É Invented-Madeup, AȘ Inventă",2021,Invented access,3\n'
)


def test_two_initials_first_names_are_two_authors() -> None:
    first, second, third, fourth = read_text(SCHOLAR_CSV, "googlescholar.csv").records
    assert first.authors == ["C Invented", "E Madeup"]
    assert second.authors == ["M Invented", "L Madeup", "J Other"]
    assert third.authors == ["KH Invented-Smith", "DA de Madeup"]
    assert fourth.authors == ["É Invented-Madeup", "AȘ Inventă"]


def test_one_person_with_initials_stays_one() -> None:
    # a surname never begins with an initial and a space, so these are one person each (as list_separators reads them)
    csv = "Title,Authors,Year\nOne,\"K C, Anup\",2020\nTwo,\"A. Rahman, M\",2021\nThree,\"Smith, J\",2022\n"
    assert [r.authors for r in read_text(csv, "people.csv").records] == [["K C, Anup"], ["A. Rahman, M"],
                                                                           ["Smith, J"]]


# Consensus (the AI search engine) exports a CSV with its own columns (Title, Takeaway, Authors, Year, Citations, …,
# DOI, Consensus Link) and writes the authors given name first, joined by ', ', of any form: 'Vikram S Chundawat, A.
# Tarun, Murari Mandal'. Cells of two names were one author ('Ayush K. Varshney, Vicencc Torra').
CONSENSUS_CSV = (
    "Title,Takeaway,Authors,Year,Citations,Abstract,Study Type,Journal,Journal SJR Quartile,DOI,Consensus Link\n"
    'An invented unlearning,An invented takeaway.,"Ayush K. Invented, Vicenc Madeup",2024,3,An invented abstract.,,'
    "Invented Journal,1,10.99999/one,https://consensus.app/papers/invented/1/\n"
    'Another invented unlearning,Another takeaway.,"Ananth Invented, M. Madeup",2023,1,,,Invented Letters,2,'
    "10.99999/two,https://consensus.app/papers/invented/2/\n"
    'A third,A takeaway.,Xiaoyu Invented,2025,0,,,Invented Letters,2,,https://consensus.app/papers/invented/3/\n'
)


def test_consensus_csv_names_are_given_first() -> None:
    first, second, third = read_text(CONSENSUS_CSV, "scopus.csv").records
    assert first.authors == ["Ayush K. Invented", "Vicenc Madeup"]
    assert second.authors == ["Ananth Invented", "M. Madeup"]
    assert third.authors == ["Xiaoyu Invented"]
    assert first.doi == "10.99999/one" and first.year == 2024 and first.journal == "Invented Journal"


# SpringerLink's CSV runs its authors together with nothing between them ('Andy SmithTom Weber'). A given name it
# writes with a capital inside (Chinese and Arabic names: 'HongBin', 'YuXiao', 'AlAnoud') meets the family name before
# it in one word: 'HongBin ZhuYuXiao Xia' was read as 'HongBin ZhuYu' and 'Xiao Xia'. Within such a word the family
# name ends at the first capital, unless what comes before is a particle ('McDonald', 'DeLuca', 'MacLeod').
SPRINGER_CSV = (
    "Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,Year,URL,Content Type\n"
    "An invented hierarchy,Invented Proceedings,,,,10.99999/h,HongBin ZhuYuXiao XiaYunZhao LiWei LiKang Liu,2023,,Chapter\n"
    "Invented reflection,Invented Proceedings,,,,10.99999/r,AlAnoud BindayelHoda ElsayedRonald McDonaldAnna DeLucaTom "
    "Weber,2025,,Chapter\n"
    "Invented clan,Invented Journal,,,,10.99999/c,Ian MacLeodMingYu ChenLi Ma,2024,,Article\n"
    "Invented forgetting,Invented Journal,,,,10.99999/f,Thai Hoang LePhat Thuan InventedHao DuAnna Madeup,2024,,Article\n"
)


def test_springer_camel_case_given_names() -> None:
    first, second, third, fourth = read_text(SPRINGER_CSV, "springer.csv").records
    assert first.authors == ["HongBin Zhu", "YuXiao Xia", "YunZhao Li", "Wei Li", "Kang Liu"]
    assert second.authors == ["AlAnoud Bindayel", "Hoda Elsayed", "Ronald McDonald", "Anna DeLuca", "Tom Weber"]
    assert third.authors == ["Ian MacLeod", "MingYu Chen", "Li Ma"]
    # a word of one inner capital keeps it, though what is before it is a particle elsewhere (Le, Du: family names)
    assert fourth.authors == ["Thai Hoang Le", "Phat Thuan Invented", "Hao Du", "Anna Madeup"]


def test_generational_suffix_before_the_comma_is_one_person() -> None:
    # WoS's AF 'Thomas III, Daniel J.' (round 29's black-male-retention savedrecs.txt): 'III' is the suffix after
    # the family name, not initials — three given names beginning with I
    assert list_separators("Thomas III, Daniel J.") == []
    assert list_separators("Long III, Leroy L.") == []
    # a Vancouver list still is one ('II' and 'IV' are also initials: Ivanov II, Petrov IV)
    assert list_separators("Ivanov II, Petrov IV")
    assert list_separators("Ross S, Bossis A")
