"""Misreads found by the hold-out's round 19 (benchmarks/records_gathered: files by reference in round19.tsv).

The files that showed them are not the project's to copy: each test's text is written in the layout of the
file it stands for, cut down to what shows the quirk, with invented records (the names are the ones the
README quotes, each a public author name of a published paper)."""

from __future__ import annotations

import pytest

from screener.records import read_text
from screener.records.authors import list_separators, split_authors

# an older Scopus CSV (no 'Author full names' column; authors 'Surname I.' joined by ', ') of a review of
# UK Biobank studies: genome-wide studies name their consortia after the people, in the same list
SCOPUS_CSV = (
    "Authors,Title,Year,Source title,Cited by,DOI,Link,Document Type,Source,EID\n"
    '"Ferreira M.A.R., Vonk J.M., Baurecht H., 23andMe Research Team, SHARE study",'
    '"Eleven loci with new genetic associations with allergic disease risk",2019,'
    '"Journal of Allergy and Clinical Immunology",10,10.1016/j.jaci.2018.03.012,'
    '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-1",Article,Scopus,2-s2.0-1\n'
    '"Georgakis M.K., Gill D., Dichgans M., MEGASTROKE consortium of the International Stroke Genetics '
    'Consortium (ISGC)","Genetically determined levels of circulating cytokines and risk of stroke",2019,'
    '"Circulation",10,10.1161/CIRCULATIONAHA.118.035905,"https://www.scopus.com/x",Article,Scopus,2-s2.0-2\n'
    '"Deary I.J., McIntosh A.M., 23andMe Research Team, Agee, Alipanahi",'
    '"Genome-wide association study of depression phenotypes",2019,"Nature Communications",1,'
    '10.1038/s41467-018-07930-y,"https://www.scopus.com/y",Article,Scopus,2-s2.0-3\n'
    '"Shah R.L., Guggenheim J.A., UK Biobank Eye and Vision Consortium",'
    '"Genome-wide association studies for corneal and refractive astigmatism",2018,"PLoS Genetics",1,'
    '10.1371/journal.pgen.1007222,"https://www.scopus.com/z",Article,Scopus,2-s2.0-4\n'
)


def test_older_scopus_csv_list_with_consortia_after_the_people():
    # ukb_sr/scopus.csv: 36 of 558 first authors were the whole list. A list that begins with two 'Surname I.'
    # names is a list of people; the consortia, study groups and one-word names after them are authors in it,
    # each its own (the Vancouver rule gave up on the first piece that was not 'Surname I.')
    records = read_text(SCOPUS_CSV, "scopus.csv").records
    assert [r.authors for r in records] == [
        ["Ferreira M.A.R.", "Vonk J.M.", "Baurecht H.", "23andMe Research Team", "SHARE study"],
        ["Georgakis M.K.", "Gill D.", "Dichgans M.",
         "MEGASTROKE consortium of the International Stroke Genetics Consortium (ISGC)"],
        ["Deary I.J.", "McIntosh A.M.", "23andMe Research Team", "Agee", "Alipanahi"],
        ["Shah R.L.", "Guggenheim J.A.", "UK Biobank Eye and Vision Consortium"],
    ]
    assert all(list_separators(r.first_author) == [] for r in records)


@pytest.mark.parametrize("value,names", [
    # a lone initial Scopus left after a name ('Loukola L.L.C.S., A.') and a suffix join the name before
    ("Liewald D.C.M., Loukola L.L.C.S., A., Madden P.A., Psychosis Endophenotypes International Consortium",
     ["Liewald D.C.M.", "Loukola L.L.C.S., A.", "Madden P.A.", "Psychosis Endophenotypes International Consortium"]),
    ("Begemann M., Belliveau R.A., Jr., Bene J., Wellcome Trust Case-Control Consortium",
     ["Begemann M.", "Belliveau R.A., Jr.", "Bene J.", "Wellcome Trust Case-Control Consortium"]),
    # still one person, or one group: the list does not begin with two 'Surname I.' names
    ("Ross, Stephen", ["Ross, Stephen"]),
    ("Smith J., Department of Medicine, University of Oslo", ["Smith J., Department of Medicine, University of Oslo"]),
])
def test_vancouver_rule_names_after_two_vancouver_names(value, names):
    assert split_authors(value, "vancouver") == names


# Web of Science's BibTeX of a record online before its issue ('Article; Early Access'): no Year, the date in
# EarlyAccessDate (the WoS plain-text export's EA line, which the WoS reader already takes)
WOS_BIBTEX_EARLY_ACCESS = """\ufeff
@article{ WOS:000738551900001,
Author = {Carbone, Luca and Mijs, Jonathan},
Title = {Sounds like meritocracy to my ears: exploring the link between
   inequality in popular music and personal culture},
Journal = {INFORMATION COMMUNICATION \\& SOCIETY},
Type = {{Article; Early Access}},
DOI = {{10.1080/1369118X.2021.2020870}},
EarlyAccessDate = {{DEC 2021}},
Unique-ID = {{WOS:000738551900001}},
}

@article{ WOS:000738551900002,
Author = {Mijs, Jonathan},
Title = {Earning rent with your talent},
Journal = {SOCIO-ECONOMIC REVIEW},
Year = {{2020}},
EarlyAccessDate = {{DEC 2019}},
Unique-ID = {{WOS:000738551900002}},
}
"""

WOS_TAGGED_EARLY_ACCESS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Carbone, L
AF Carbone, Luca
TI Sounds like meritocracy to my ears: exploring the link between
   inequality in popular music and personal culture
SO INFORMATION COMMUNICATION & SOCIETY
DI 10.1080/1369118X.2021.2020870
EA DEC 2021
UT WOS:000738551900001
ER

EF
"""


def test_wos_bibtex_early_access_record_has_its_year():
    # CCSLitSearchR/savedrecs.bib: 39 of 371 records had no year, the same records as WoS plain text had theirs
    records = read_text(WOS_BIBTEX_EARLY_ACCESS, "savedrecs.bib").records
    assert [r.year for r in records] == [2021, 2020]        # the Year first, where there is one
    assert read_text(WOS_TAGGED_EARLY_ACCESS, "savedrecs.txt").records[0].year == 2021


# Web of Science's RIS of the same kind of record: no PY, the early-access date in C6 (a custom field in other
# vendors' RIS: EndNote writes a NIHMS id there)
WOS_RIS_EARLY_ACCESS = (
    "\ufeffTY  - JOUR\nAU  - Alipoor, R\nAU  - Ranjbar, R\n"
    "TI  - Small-molecule metabolites in SARS-CoV-2 treatment: a comprehensive review\n"
    "T2  - BIOLOGICAL CHEMISTRY\nSN  - 1431-6730\nDO  - 10.1515/hsz-2022-0323\nC6  - DEC 2022\n"
    "AN  - WOS:000895970500001\nER  -\n\n"
    "TY  - JOUR\nAU  - Papp, H\nTI  - Favipiravir for the treatment of COVID-19 in elderly patients\n"
    "T2  - GEROSCIENCE\nPY  - 2022\nC6  - JUN 2021\nAN  - WOS:000000000000002\nER  -\n\n"
    "TY  - JOUR\nAU  - Smith, Jane\nTI  - A record with a NIHMS id\nC6  - NIHMS1234567\nER  - \n"
)


def test_wos_ris_early_access_record_has_its_year():
    # FavipiravirMetaAnalysis/WoS.ris: 34 of 984 records had no year, their early-access date in C6
    records = read_text(WOS_RIS_EARLY_ACCESS, "WoS.ris").records
    assert [r.year for r in records] == [2022, 2022, None]


def test_read_text_of_text_decoded_with_its_byte_order_mark():
    # found writing this file's first test: text decoded as 'utf-8' (not 'utf-8-sig') keeps the exporter's byte-order
    # mark, and the CSV's first column ('\ufeffAuthors') went unread, its authors silently empty
    text = "\ufeff" + SCOPUS_CSV
    assert [r.authors[:1] for r in read_text(text, "scopus.csv").records] == \
        [r.authors[:1] for r in read_text(SCOPUS_CSV, "scopus.csv").records] == \
        [["Ferreira M.A.R."], ["Georgakis M.K."], ["Deary I.J."], ["Shah R.L."]]
