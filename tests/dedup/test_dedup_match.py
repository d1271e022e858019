"""The hard cases of ../shared/benchmarks/dedup/REPORT-NOTES.md §4, as must-merge / must-not-merge pairs."""

import pytest

from screener.dedup import find_duplicate_groups, find_duplicates
from screener.dedup.match import DIFFERENT, MAYBE, SAME, compare
from screener.dedup.normalize import normalize_record
from screener.records.model import Record


def rec(title, authors=("Zhai, Q. J.", "Yue, X. Y.", "Hong, Z."), year=2010, journal="Stroke", volume="7",
        issue="2", pages="73-76", doi="", **kw):
    return Record(title=title, authors=list(authors), year=year, journal=journal, volume=volume, issue=issue,
                  pages=pages, doi=doi, **kw)


def verdict(a, b):
    return compare(normalize_record(a, 0), normalize_record(b, 1))


SAME_CASES = {
    "translated title in brackets with LA junk": (
        rec("Research on fast track surgery application in lung cancer surgery"),
        rec("[Research on fast track surgery application in lung cancer surgery] LA: Chi")),
    "language tag appended": (
        rec("Efficacy observation of batroxobin for treatment of vascular cognitive impairment. [Chinese]"),
        rec("Efficacy observation of batroxobin for treatment of vascular cognitive impairment")),
    "erratum pointer in the title, en dash, case": (
        rec("Eculizumab for atypical hemolytic-uremic syndrome.[Erratum appears in N Engl J Med. 2009 Jun 4;"
            "360(23):2487 Note: Philipp, Thomas [added]]", authors=["Nurnberger, J.", "Philipp, T."],
            year=2009, journal="N Engl J Med", volume="360", issue="5", pages="542-4"),
        rec("Eculizumab for Atypical Hemolytic–Uremic Syndrome", authors=["Nürnberger, Jens", "Philipp, Thomas"],
            year=2009, journal="New England Journal of Medicine", volume="360", issue="5", pages="542-544")),
    "HTML markup in the title": (
        rec("Outcomes of &lt;i&gt;in vitro&lt;/i&gt; fertilisation in 62&lt;sup&gt;nd&lt;/sup&gt; cohort"),
        rec("Outcomes of in vitro fertilisation in 62nd cohort")),
    "trailing period (Ovid Medline) and punctuation": (
        rec("Atypical hemolytic-uremic syndrome in adults treated with plasma exchange."),
        rec("Atypical Hemolytic Uremic Syndrome in Adults Treated With Plasma Exchange")),
    "subtitle dropped": (
        rec("Unilateral neglect in stroke: a comparative study of assessment tools", pages="100-110"),
        rec("Unilateral Neglect in Stroke", pages="100-110")),
    "author formats Embase vs PsycINFO, journal abbreviation, short pages, URL-encoded DOI": (
        rec("Positron emission tomography and fluorodeoxyglucose studies of metabolic hyperfrontality",
            authors=["Vollenweider F.X. and Vontobel P. and Hell D."], year=1997,
            journal="Neuropsychopharmacology", volume="16", issue="5", pages="357-72",
            doi="http://dx.doi.org/10.1016/S0893-133X%2898%2900108-0"),
        rec("Positron emission tomography and fluorodeoxyglucose studies of metabolic hyperfrontality",
            authors=["Vollenweider, Franz X", "Vontobel, Peter", "Hell, Daniel"], year=1997,
            journal="Neuropsychopharmacology", volume="16", issue="5", pages="357-372",
            doi="10.1016/S0893-133X(98)00108-0")),
    "journal abbreviation vs full name, 602-4 vs 602-604": (
        rec("Acute psychological and physiological effects of psilocybin in healthy humans",
            authors=["Hasler, F.", "Grimberg, U."], year=2004, journal="Br J Psychiatry", volume="184",
            issue="", pages="602-4"),
        rec("Acute psychological and physiological effects of psilocybin in healthy humans",
            authors=["Hasler F", "Grimberg U"], year=2004, journal="The British Journal of Psychiatry",
            volume="184", issue="", pages="602-604")),
    "concatenated authors (ASySD export artefact)": (
        rec("Intestinal lipoprotein overproduction in insulin-resistant states", authors=["Adeli K.Lewis G. F."],
            year=2008, journal="Curr Opin Lipidol", volume="19", issue="3", pages="221-8"),
        rec("Intestinal lipoprotein overproduction in insulin-resistant states", authors=["Adeli, K.", "Lewis, G. F."],
            year=2008, journal="Current Opinion in Lipidology", volume="19", issue="3", pages="221-228")),
    "supplement pages 2S5-9 vs 2S5-2S9, & vs and": (
        rec("Epidemiological data on postprandial glycaemia", authors=["Balkau, B.", "Eschwege, E."], year=2006,
            journal="Diabetes & Metabolism", volume="32 Spec No2", issue="", pages="2S5-9"),
        rec("Epidemiological data on postprandial glycaemia", authors=["Balkau, B.", "Eschwege, E."], year=2006,
            journal="Diabetes and Metabolism", volume="32", issue="HS2", pages="2S5-2S9")),
    "epub vs print year, same DOI": (
        rec("Long-term outcomes of cervical screening", year=2010, doi="10.1000/xyz123", pages=""),
        rec("Long-term outcomes of cervical screening", year=2009, doi="https://doi.org/10.1000/XYZ123",
            pages="")),
    "extra material in the pages field": (
        rec("Use of presumptive antibiotics following tube thoracostomy", pages="742-8; discussion 748-9"),
        rec("Use of presumptive antibiotics following tube thoracostomy", pages="742-749")),
    "start page only vs range": (
        rec("Clinical utility of molecular detection of papillomavirus", pages="945"),
        rec("Clinical utility of molecular detection of papillomavirus", pages="945-945")),
    "same DOI, title, authors and page range; one database mistyped the volume": (
        rec("Estimation of the antirelapse efficacy of tafenoquine, using Plasmodium vivax genotyping",
            authors=["Beck, H. P.", "Wampfler, R.", "Carter, N."], year=2016, journal="J Infect Dis", volume="213",
            issue="5", pages="794-9", doi="10.1093/infdis/jiv508"),
        rec("Estimation of the Antirelapse Efficacy of Tafenoquine, Using Plasmodium vivax Genotyping",
            authors=["Beck, H. P.", "Wampfler, R.", "Carter, N."], year=2016,
            journal="Journal of Infectious Diseases", volume="212", issue="11", pages="794‐799",
            doi="10.1093/infdis/jiv508")),
    "small wording difference (affects / effects)": (
        rec("Acute psychological and physiological affects of psilocybin in healthy humans: a double-blind study",
            authors=["Hasler, F.", "Grimberg, U."], pages="141-153"),
        rec("Acute psychological and physiological effects of psilocybin in healthy humans: a double-blind study",
            authors=["Hasler F", "Grimberg U"], pages="141-153")),
    "title truncated by one database": (
        rec("Effects of psilocybin on brain serotonin and norepinephrine metabolism", pages="12-19"),
        rec("Effects of psilocybin on brain serotonin and norepinephrine", pages="12-19")),
    "RETRACTED: prefix and retraction note": (
        rec("RETRACTED: Ileal-lymphoid-nodular hyperplasia in children with developmental disorder"),
        rec("Ileal-lymphoid-nodular hyperplasia in children with developmental disorder "
            "(Retracted article. See vol. 375, pg. 445, 2010)")),
    "group author vs named author, every other field equal": (
        rec("Results of a randomized trial on the management of cytology interpretations of atypical squamous cells",
            authors=["ASCUS-LSIL Triage Study (ALTS) Group"], year=2003, journal="Am J Obstet Gynecol",
            volume="188", pages="1383-1392"),
        rec("Results of a randomized trial on the management of cytology interpretations of atypical squamous cells",
            authors=["Solomon, D."], year=2003, journal="American Journal of Obstetrics and Gynecology",
            volume="188", pages="1383-92")),
    "parallel journal titles with '='": (
        rec("Clinical research on recombinant human Ad-p53 injection in malignant pleural effusion",
            journal="Ai zheng = Aizheng = Chinese journal of cancer", volume="28", pages="1324-1327"),
        rec("Clinical research on recombinant human Ad-p53 injection in malignant pleural effusion",
            journal="Chinese Journal of Cancer", volume="28", pages="1324-7")),
    "ahead-of-print record without volume and pages": (
        rec("Robot-assisted gait training improves walking after subacute stroke", volume="", issue="", pages=""),
        rec("Robot-assisted gait training improves walking after subacute stroke", volume="44", issue="3",
            pages="612-619")),
    "epub year vs print year, same journal": (
        rec("Screening for cervical cancer with HPV testing in primary care", year=2009, journal="British Medical Journal",
            volume="", pages=""),
        rec("Screening for cervical cancer with HPV testing in primary care", year=2010, journal="Br Med J",
            volume="340", pages="c1804")),
    "Embase vs MEDLINE: translated title, page range cut short on one side": (
        rec("Psilocybe semilanceata as a narcotic", authors=["Christiansen A.L.", "Rasmussen K.E."], year=1982,
            journal="TIDSSKR. NOR. LAEGEFOREN", volume="102", issue="1", pages="17-NA"),
        rec("[Mushrooms as narcotics]", authors=["Christiansen, A L", "Rasmussen, K E"], year=1982,
            journal="Tidsskr Nor Laegeforen", volume="102", issue="1", pages="17-8")),
    "ahead of print ('1-', no volume) vs the final record a year later": (
        rec("Psilocybin with psychological support for treatment-resistant depression: six-month follow-up",
            authors=["Carhart-Harris RL", "Bolstridge M"], year=2017, journal="Psychopharmacology", volume="",
            issue="", pages="1-NA"),
        rec("Psilocybin with psychological support for treatment-resistant depression: six-month follow-up",
            authors=["Carhart-Harris R.L.", "Bolstridge M."], year=2018, journal="Psychopharmacology",
            volume="235", issue="2", pages="399-408")),
    "diacritics lost": (
        rec("Outcome of plasma therapy in children", authors=["Grönros, J.", "Behrendt, M."]),
        rec("Outcome of plasma therapy in children", authors=["Gronros, J.", "Behrendt, M."])),
}

DIFFERENT_CASES = {
    "conference abstract vs journal article (same title)": (
        rec("Cytologic features of HPV infection in anal smears", journal="Int J Clin Exp Pathol", year=2012,
            volume="5", pages="428-435"),
        rec("Cytologic features of HPV infection in anal smears", journal="Laboratory Investigation", year=2011,
            volume="91", pages="102A-103A")),
    "one abstract in two congress supplements": (
        rec("Aphasia and cognitive communication rehabilitation", journal="Can J Neurol Sci", volume="38",
            pages="S99"),
        rec("Aphasia and cognitive communication rehabilitation", journal="Stroke", volume="42", pages="e494")),
    "recurring title: Editor's Comments in different issues": (
        rec("Editor's Comments", authors=["Weber, R."], year=2001, journal="MIS Quarterly", volume="25",
            issue="1", pages=""),
        rec("Editor's Comments", authors=["Weber, R."], year=2001, journal="MIS Quarterly", volume="25",
            issue="2", pages="")),
    "recurring title with a prefix, issues differ": (
        rec("Remarks from MIS Quarterly Editor - Editor's Comments", authors=["Lee, Allen S."], year=2000,
            journal="MIS Quarterly", volume="24", issue="1", pages=""),
        rec("Remarks from MIS Quarterly Editor - Editor's Comments", authors=["Lee, Allen S."], year=2000,
            journal="MIS Quarterly", volume="24", issue="3", pages="")),
    "commentary pages 453-456 vs 457-459": (
        rec("Commentary on Karl E. Weick's sensemaking", journal="EJIS", year=2006, volume="15",
            pages="453-456"),
        rec("Commentary on Karl E. Weick's sensemaking", journal="EJIS", year=2006, volume="15",
            pages="457-459")),
    "joint guideline in three journals": (
        rec("American Cancer Society, American Society for Colposcopy and Cervical Pathology screening guidelines",
            journal="CA Cancer J Clin", year=2012, volume="62", pages="147-172"),
        rec("American Cancer Society, American Society for Colposcopy and Cervical Pathology screening guidelines",
            journal="Am J Clin Pathol", year=2012, volume="137", pages="516-542")),
    "same title, different year and paper": (
        rec("Corticosteroids in the treatment of tuberculous pleurisy", journal="Chest", year=1996,
            volume="110", pages="333-338"),
        rec("Corticosteroids in the treatment of tuberculous pleurisy", journal="Chest", year=1988,
            volume="94", pages="1256-1259")),
    "same journal, ISSN, year and pages, different paper (ISBN trap)": (
        rec("The construct of the multisensory temporal binding window and its dysregulation in development",
            authors=["Wallace, M. T.", "Stevenson, R. A."], year=2014, journal="Neuropsychologia",
            volume="64", pages="105-23", issn=["0028-3932"]),
        rec("Are individual differences in speech reception related to individual differences in cognitive ability",
            authors=["Wallace, M. T.", "Stevenson, R. A."], year=2014, journal="Neuropsychologia",
            volume="64", pages="105-23", issn=["0028-3932"])),
    "thesis vs article": (
        rec("Motor recovery after stroke in the elderly", journal="Dissertation Abstracts International",
            year=2009, volume="70", pages="62 p"),
        rec("Motor recovery after stroke in the elderly", journal="Stroke", year=2008, volume="39",
            pages="1200-1205")),
    "one DOI for a whole supplement (different abstracts)": (
        rec("A sodium glucose cotransporter-2 inhibitor prevents atherosclerosis in diabetic mice",
            authors=["Terasaki M.Hiromura M.Kohashi K."], year=2015, journal="Diabetes", volume="64",
            pages="A134-A135", doi="10.2337/db15386741"),
        rec("A DPP-4 inhibitor suppresses abdominal aorta aneurysms in angiotensin II-infused mice",
            authors=["Kohashi K.Hiromura M.Mori Y."], year=2015, journal="Diabetes", volume="64",
            pages="A134", doi="10.2337/db15386741")),
    "HICSS minitrack introductions of two years": (
        rec("Introduction to the Minitrack on Crowdsourcing and Digital Workforce in the Gig Economy",
            authors=["Deng, Xuefei", "Taylor, Joseph"], year=2021, journal="", volume="", issue="", pages="",
            doi="10.24251/HICSS.2021.012"),
        rec("Introduction to the Minitrack on Crowdsourcing and Digital Workforce in the Gig Economy",
            authors=["Deng, Xuefei", "Taylor, Joseph"], year=2022, journal="", volume="", issue="", pages="",
            doi="10.24251/HICSS.2022.013")),
}


@pytest.mark.parametrize("name", sorted(SAME_CASES))
def test_must_merge(name):
    a, b = SAME_CASES[name]
    v = verdict(a, b)
    assert v.label == SAME, (v.reasons, v.evidence)
    assert find_duplicate_groups([a, b]) == [[0, 1]]


@pytest.mark.parametrize("name", sorted(DIFFERENT_CASES))
def test_must_not_merge(name):
    a, b = DIFFERENT_CASES[name]
    v = verdict(a, b)
    assert v.label != SAME, (v.reasons, v.evidence)
    assert find_duplicate_groups([a, b]) == []


def _paper(year, venue, **kw):
    return Record(title="Call for Bids to Improve Matching Efficiency: Evidence from Online Labor Markets",
                  authors=["Guo, Xue", "Gong, Jing", "Pavlou, Paul A."], year=year, reference_type="inproceedings",
                  tags={"booktitle": [venue]}, **kw)


def test_one_conference_under_two_names_a_year_apart_merges():
    a = _paper(2017, "International Conference on Information Systems", pages="1--12")
    b = _paper(2018, "ICIS : Transforming Society with Digital Innovation")
    assert verdict(a, b).label == SAME


def test_same_paper_at_two_conferences_a_year_apart_is_queued():
    a = _paper(2017, "International Conference on Information Systems")
    b = _paper(2018, "Proceedings of the 51st Hawaii International Conference on System Sciences",
               doi="10.24251/HICSS.2018.437")
    assert verdict(a, b).label == MAYBE
    assert verdict(a, b).reasons == ["years differ by 1"]


def test_years_four_apart_go_to_the_queue_not_merged():
    # respiratory "Treatment for POEMS…": one Cochrane review, 2008 vs 2012
    a = rec("Treatment for POEMS syndrome", journal="Cochrane Database of Systematic Reviews", year=2008,
            volume="", pages="CD006828")
    b = rec("Treatment for POEMS syndrome", journal="Cochrane Database of Systematic Reviews", year=2012,
            volume="", pages="CD006828")
    result = find_duplicates([a, b])
    assert result.groups == []
    assert [(p.a, p.b, p.verdict.label) for p in result.maybe_pairs] == [(0, 1, MAYBE)]
    assert result.maybe_pairs[0].verdict.reasons == ["years differ by 4"]


def test_original_language_title_merges_only_with_every_other_field_agreeing():
    a = rec("Estudio multic?ntrico sobre las infecciones pedi?tricas por Staphylococcus aureus", pages="12-18",
            authors=["Gonzalez, A.", "Perez, B."], journal="An Pediatr", volume="71")
    b = rec("[Community-acquired methicillin-resistant Staphylococcus aureus infections in children]",
            pages="12-18", authors=["Gonzalez, A.", "Perez, B."], journal="Anales de Pediatria", volume="71")
    v = verdict(a, b)
    assert v.label == SAME
    assert v.reasons == ["translated title: same authors, year, volume and pages"]
    x = rec("Nasal carriage in day-care centres: a survey", pages="12-18",
            authors=["Gonzalez, A.", "Perez, B."], journal="An Pediatr", volume="71")
    c = rec("Hospital-acquired infections in neonates", pages="12-18",
            authors=["Gonzalez, A.", "Perez, B."], journal="An Pediatr", volume="71")
    assert verdict(x, c).label == MAYBE          # no translation marker on either side
    assert verdict(x, c).reasons == ["titles differ; same authors, volume and pages"]


def test_erratum_notice_joins_its_article_only_when_asked():
    article = rec("Long-term effect of the complement inhibitor eculizumab on kidney function",
                  authors=["Hillmen, P.", "Elebute, M."], journal="American Journal of Hematology", year=2010,
                  volume="85", issue="8", pages="553-559")
    notice = rec("Long-term effect of the complement inhibitor eculizumab on kidney function (vol 85, pg 553, 2010)",
                 authors=["Hillmen,"], journal="American Journal of Hematology", year=2010, volume="85",
                 issue="11", pages="911")
    other = rec("Long-term effect of the complement inhibitor eculizumab on kidney function (vol 84, pg 100, 2009)",
                authors=["Hillmen,"], journal="American Journal of Hematology", year=2010, volume="85",
                issue="12", pages="990")
    joined = find_duplicates([article, notice, other], join_errata=True)
    assert joined.groups == [[0, 1]]
    assert joined.errata == [(1, 0)]
    assert joined.merged_pairs[0].verdict.erratum is True
    strict = find_duplicates([article, notice, other], join_errata=False)
    assert strict.groups == []
    assert strict.errata == [(1, 0)]


def test_erratum_prefix_title_is_an_erratum():
    article = rec("IS research methods - inclusive or exclusive?", authors=["Lee, Allen S."], year=2011,
                  journal="Journal of Information Technology", volume="26", issue="4", pages="296-298")
    notice = rec("Erratum - IS research methods - inclusive or exclusive?", authors=["Lee, Allen S."], year=2012,
                 journal="Journal of Information Technology", volume="27", issue="2", pages="178")
    v = verdict(article, notice)
    assert v.erratum is True
    assert v.label == SAME


def test_a_chain_cannot_join_two_vetoed_records():
    # B looks like both A and C, but A and C have different first pages: one may not join both
    a = rec("Disease recurrence in paediatric renal transplantation", pages="2097-2108", volume="24")
    b = rec("Disease recurrence in paediatric renal transplantation", pages="", volume="24")
    c = rec("Disease recurrence in paediatric renal transplantation", pages="3001-3010", volume="24")
    # same title and authors on other pages: queued for a person, and still a veto for clustering
    assert verdict(a, c).label == MAYBE and verdict(a, c).veto
    groups = find_duplicate_groups([a, b, c])
    assert len(groups) == 1 and len(groups[0]) == 2 and 1 in groups[0]
    c.authors = ["Other, A.", "Else, B."]
    assert verdict(a, c).label == DIFFERENT and verdict(a, c).veto
    groups = find_duplicate_groups([a, b, c])
    assert len(groups) == 1 and len(groups[0]) == 2 and 1 in groups[0]


def test_identical_records_always_merge_even_when_sparse():
    a = Record(title="Gait training after stroke")
    b = Record(title="Gait training after stroke")
    assert find_duplicates([a, b]).maybe_pairs[0].verdict.label == MAYBE  # title only: queued, not lost
    c = Record(title="Gait training after stroke", authors=["Smith, J."], year=2001, journal="Stroke",
               volume="3", pages="1-9")
    d = Record(title="Gait training after stroke", authors=["Smith, J."], year=2001, journal="Stroke",
               volume="3", pages="1-9")
    assert find_duplicate_groups([c, d]) == [[0, 1]]


def test_article_number_in_C7_serves_as_first_page():
    from screener.dedup.normalize import normalize_record as norm
    n = norm(Record(title="x", pages="", tags={"C7": ["e12724"]}))
    assert (n.first_page, n.last_page) == ("e12724", "")


def test_anonymous_is_no_author():
    a = rec("Abstracts of the 79th EAS Congress", authors=["Anonymous"], journal="Atherosclerosis Supplements",
            volume="12", issue="1", pages="")
    b = rec("Abstracts of the 79th EAS Congress", authors=["Anonymous"], journal="Atherosclerosis Supplements",
            volume="12", issue="1", pages="")
    na = normalize_record(a)
    assert na.authors == [] and na.first_author == ""
    assert verdict(a, b).label == SAME
    c = rec("Abstracts of the 80th EAS Congress", authors=["Anonymous"], journal="Atherosclerosis Supplements",
            volume="13", issue="1", pages="")
    assert verdict(a, c).label == DIFFERENT
