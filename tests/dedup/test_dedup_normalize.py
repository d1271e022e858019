"""Normalisation: each field difference from REPORT-NOTES §4 made equal (or kept apart)."""

import pytest

from screener.dedup.normalize import (
    author_key,
    clean_title,
    journal_variants,
    journals_compatible,
    normalize_doi,
    normalize_pages,
    split_authors,
)


@pytest.mark.parametrize("raw, expected", [
    ("558-69", ("558", "569")),
    ("657-68", ("657", "668")),
    ("602-4", ("602", "604")),
    ("221-8", ("221", "228")),
    ("RA25-43", ("ra25", "ra43")),
    ("RA25-RA43", ("ra25", "ra43")),
    ("2S5-9", ("2s5", "2s9")),
    ("2S5-2S9", ("2s5", "2s9")),
    ("945-945", ("945", "945")),
    ("945", ("945", "")),
    ("119-27; quiz 128", ("119", "127")),
    ("742-8; discussion 748-9", ("742", "748")),
    ("1-113, iii-iv", ("1", "113")),
    ("100A-101A", ("100a", "101a")),
    ("No-Specified", ("", "")),
    ("S121-NA", ("s121", "")),
    ("E1120–E1125", ("e1120", "e1125")),
    ("376 -- 383", ("376", "383")),
    ("Suppl-29", ("", "")),           # damaged export: first page lost
    ("14-Jun", ("", "")),             # a spreadsheet turned a range into a date: unknown
    ("", ("", "")),
])
def test_pages(raw, expected):
    assert normalize_pages(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("http://dx.doi.org/10.1016/S0893-133X%2898%2900108-0", "10.1016/s0893-133x(98)00108-0"),
    ("https://dx.doi.org/10.1097/MOL.0b013e3282ffaf82", "10.1097/mol.0b013e3282ffaf82"),
    ("http://dx.doi.org/10.1016/j.x.2010.01.001 and http://dx.doi.org/10.1016/j.x.2010.01.001",
     "10.1016/j.x.2010.01.001"),
    ("10.1002/(SICI)1097-0258(19980715)17:13&lt;1495::AID-SIM863&gt;3.0.CO;2-I",
     "10.1002/(sici)1097-0258(19980715)17:13<1495::aid-sim863>3.0.co;2-i"),
    ("doi:10.1056/NEJMc0809938.", "10.1056/nejmc0809938"),
    ("not a doi", ""),
])
def test_doi(raw, expected):
    assert normalize_doi(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Vollenweider F.X.", ("vollenweider", "fx")),
    ("Vollenweider, Franz X", ("vollenweider", "fx")),
    ("Smith JA", ("smith", "ja")),
    ("J. A. Smith", ("smith", "ja")),
    ("Zhai, Q. J.", ("zhai", "qj")),
    ("Grönros, J.", ("gronros", "j")),
    ("van der Berg, J", ("vanderberg", "j")),
])
def test_author_formats(raw, expected):
    assert author_key(raw) == expected


def test_authors_concatenated_without_delimiter_are_split():
    assert split_authors(["Adeli K.Lewis G. F."]) == ["Adeli K.", "Lewis G. F."]
    assert split_authors(["Zhai, Q. J. and Yue, X. Y."]) == ["Zhai, Q. J.", "Yue, X. Y."]


@pytest.mark.parametrize("a, b, expected", [
    ("J Pharmacol Exp Ther", "The Journal of Pharmacology and Experimental Therapeutics", True),
    ("Br J Psychiatry", "The British Journal of Psychiatry", True),
    ("Orphanet J Rare Dis.", "Orphanet Journal Of Rare Diseases", True),
    ("Obstetrical and Gynecological Survey", "Obstetrical & Gynecological Survey", True),
    ("Infectious Agents & Cancer [Electronic Resource]", "Infectious Agents and Cancer", True),
    ("Jpen: Journal of Parenteral & Enteral Nutrition", "JPEN. Journal of parenteral and enteral nutrition", True),
    ("Zhongguo zhen jiu [Chinese acupuncture & moxibustion]", "Chinese Acupuncture & Moxibustion", True),
    ("Z. ARZTL. FORTBILD", "Z Arztl Fortbild (Jena)", True),
    ("BMJ (Clinical research ed.)", "BMJ", True),
    ("C.R. Soc. Biol", "C R Seances Soc Biol Fil", True),
    ("Laboratory Investigation", "Int J Clin Exp Pathol", False),
    ("Stroke", "Can J Neurol Sci", False),
])
def test_journal_abbreviations(a, b, expected):
    assert journals_compatible(journal_variants(a), journal_variants(b)) is expected


@pytest.mark.parametrize("raw, expected", [
    ("[Clinical research on recombinant human Ad-p53 injection]", "clinical research on recombinant human ad p53 injection"),
    ("[Research on fast track surgery application in lung cancer surgery] LA: Chi",
     "research on fast track surgery application in lung cancer surgery"),
    ("Efficacy observation of batroxobin for treatment of vascular cognitive impairment. [Chinese]",
     "efficacy observation of batroxobin for treatment of vascular cognitive impairment"),
    ("Eculizumab for atypical hemolytic-uremic syndrome.[Erratum appears in N Engl J Med. 2009 Jun 4;360(23):2487]",
     "eculizumab for atypical hemolytic uremic syndrome"),
    ("Eculizumab for Atypical Hemolytic–Uremic Syndrome", "eculizumab for atypical hemolytic uremic syndrome"),
    ("62&lt;sup&gt;ND&lt;/sup&gt; Annual meeting of the american society", "62 nd annual meeting of the american society"),
    ("Effect of <mml:math><mml:mi>β</mml:mi></mml:math>-blockers", "effect of beta blockers"),
    ("Effect of beta-blockers", "effect of beta blockers"),
    ("Atypical hemolytic-uremic syndrome.", "atypical hemolytic uremic syndrome"),
    ("Update on HPV infection. [Review] [33 refs]", "update on hpv infection"),
])
def test_titles(raw, expected):
    assert clean_title(raw) == expected
