"""The last classes of missed duplicates in the labelled sets (see the README's dedup section):
the ones a general rule joins (each test failed before its rule), and the ones the labels
contradict, which must stay apart or queued rather than merged."""

from screener.dedup import find_duplicates
from screener.dedup.match import DIFFERENT, MAYBE, SAME, compare
from screener.dedup.normalize import clean_title, continued_last_page, damaged_pages, normalize_pages, normalize_record
from screener.records.model import Record


def verdict(a: Record, b: Record):
    return compare(normalize_record(a, 0), normalize_record(b, 1))


# ---- joined by a general rule ----------------------------------------------------------------

def test_pages_damaged_the_same_way_by_a_spreadsheet_are_equal():
    # a two-word title needs volume and pages to merge; both exports carry "01-Aug" (1-8 read as a date)
    a = Record(title="Empyema thoracis", authors=["Ahmed, A. E. H.", "Yacoub, T. E."], year=2010, volume="4",
               pages="01-Aug", journal="Clinical Medicine Insights: Circulatory, Respiratory and Pulmonary Medicine")
    b = Record(title="Empyema thoracis", authors=["Ahmed, A. E.", "Yacoub, T. E."], year=2010, volume="4",
               pages="01-Aug", journal="Clin Med Insights Circ Respir Pulm Med")
    assert damaged_pages("01-Aug") == "1-aug" and damaged_pages("1-8") == ""
    assert normalize_pages("01-Aug") == ("", "")
    v = verdict(a, b)
    assert v.label == SAME and v.evidence["pages"] == "equal"
    # damaged differently: another range, so nothing proves the issue
    c = Record(title=a.title, authors=a.authors, year=2010, volume="4", pages="01-Sep", journal=b.journal)
    assert verdict(a, c).label != SAME
    # damaged on one side only: unknown, not equal
    d = Record(title=a.title, authors=a.authors, year=2010, volume="4", pages="", journal=b.journal)
    assert verdict(a, d).label != SAME


def test_discussion_printed_after_the_article_continues_its_page_range():
    # Ovid MEDLINE "742-8; discussion 748-9" vs CINAHL "742-749" with its "... includes discussion" note
    authors = ["Maxwell, R. A.", "Campbell, D. J.", "Fabian, T. C.", "Croce, M. A."]
    title = ("Use of presumptive antibiotics following tube thoracostomy for traumatic hemopneumothorax in the "
             "prevention of empyema and pneumonia--a multi-center trial")
    a = Record(title=title, authors=authors, year=2004, volume="57", pages="742-8; discussion 748-9",
               journal="Journal of Trauma-Injury Infection & Critical Care")
    b = Record(title=title + "... includes discussion", authors=authors, year=2004, volume="57", pages="742-749",
               journal="Journal of Trauma")
    assert clean_title(b.title) == clean_title(a.title)
    assert continued_last_page(a.pages, *normalize_pages(a.pages)) == "749"
    assert continued_last_page("119-27; quiz 128", "119", "127") == "128"
    v = verdict(a, b)
    assert v.label == SAME and v.evidence["pages"] == "equal"
    # a part printed elsewhere does not continue the range: the last pages still disagree
    assert continued_last_page("742-8; discussion 790-1", "742", "748") == ""
    c = Record(title=title, authors=authors, year=2004, volume="57", pages="742-8; discussion 790-1",
               journal=a.journal)
    assert verdict(c, b).evidence["pages"] == "conflict_end"


def test_translated_title_without_authors_merges_on_a_complete_citation():
    # MEDLINE's bracketed English title (with author) vs the original-language record's own English
    # title (no author): journal, year, volume and the whole range 935-940 agree
    a = Record(title="[Postoperative immunostimulation in non-small-cell bronchial carcinoma. Outcome and "
                     "complications]", authors=["Toomes, H."], year=1984, volume="109", pages="935-940",
               journal="Deutsche Medizinische Wochenschrift")
    b = Record(title="Postoperative local immunostimulation in non-oatcell bronchial carcinoma", authors=[],
               year=1984, volume="109", pages="935-940", journal="Dtsch-Med-Wochenschr")
    v = verdict(a, b)
    assert v.label == SAME and v.reasons[0].startswith("translated title")
    assert find_duplicates([a, b]).groups == [[0, 1]]
    # one page only (letters share pages), another volume, or another year: not merged
    for change in ({"pages": "935"}, {"volume": "110"}, {"year": 1985}):
        c = Record(title=b.title, authors=[], year=change.get("year", 1984), volume=change.get("volume", "109"),
                   pages=change.get("pages", "935-940"), journal=b.journal)
        assert verdict(a, c).label != SAME, change
    # an untranslated title this different is another paper even on the same pages
    d = Record(title="Postoperative local immunostimulation in non-oatcell bronchial carcinoma", authors=["Toomes, H."],
               year=1984, volume="109", pages="935-940", journal="Deutsche Medizinische Wochenschrift")
    e = Record(title="Postoperative immunostimulation in small-cell carcinoma of the bronchus", authors=[],
               year=1984, volume="109", pages="935-940", journal="Dtsch-Med-Wochenschr")
    assert verdict(d, e).label != SAME


def test_authors_with_given_names_before_the_comma():
    # one export wrote "Luis Ferreira, Santos A" for Santos, A. L. (given names, then surname + initial)
    title = ("Performance of Pap smear and human papilloma virus testing in the follow-up of women with cervical "
             "intraepithelial neoplasia grade 1 managed conservatively")
    a = Record(title=title, authors=["Santos, A L", "Derchain, S F", "Sarian, L O", "Martins, M R", "Morais, S S",
                                     "Syrjanen, K J"],
               year=2006, volume="85", pages="444-450", journal="Acta Obstetricia et Gynecologica Scandinavica")
    b = Record(title=title, authors=["Luis Ferreira, Santos A", "Francoise Mauricette, Derchain S", "Otavio, Sarian L",
                                     "Roberto, Martins M", "Siani, Morais S", "Juhani, Syrjanen K"],
               year=2006, volume="85", pages="444-450", journal="Acta Obstetricia et Gynecologica Scandinavica")
    v = verdict(a, b)
    assert v.label == SAME and v.evidence["authors"] == 85.0
    # other people in the same format do not match
    c = Record(title=title, authors=["Maria Clara, Costa A", "Joao Pedro, Silva R", "Ana, Rocha L"],
               year=2006, volume="85", pages="444-450", journal=a.journal)
    assert verdict(a, c).evidence["authors"] < 75


# ---- contradicted by the labels: queued or kept apart, never merged --------------------------

def test_letter_and_reply_are_not_merged_even_through_a_multiple_letters_record():
    # Embase's "(multiple letters)" record spans the letter and the reply (943-945)
    title = "Atypical hemolytic uremic syndrome associated with group A beta hemolytic streptococcus"
    multi = Record(title=title + " (multiple letters) [1]", year=2004, volume="19", issue="8", pages="943-945",
                   authors=["Yildiz, B.", "Kural, N.", "Yarar, C.", "Shepherd, A. B.", "Palmer, A. L.", "Baliga, R."],
                   journal="Pediatric Nephrology.")
    letter = Record(title=title, year=2004, volume="19", issue="8", pages="943-944",
                    authors=["Yildiz, B.", "Kural, N.", "Yarar, C."], journal="Pediatric Nephrology")
    reply = Record(title=title + " - Reply", year=2004, volume="19", issue="8", pages="945",
                   authors=["Shepherd, A. B.", "Palmer, A. L.", "Baliga, R."], journal="Pediatric Nephrology")
    result = find_duplicates([multi, letter, reply])
    assert result.groups == [[0, 1]]
    assert verdict(letter, reply).label == DIFFERENT
    assert verdict(multi, reply).label == MAYBE


def test_congress_abstract_and_article_in_one_journal_are_queued_not_merged():
    # a one-page abstract in the congress issue and the article three issues later; the same shape
    # (one page, later issue, same title and authors) is also an unflagged erratum notice, and the
    # labelled sets call such pairs one study in some cases and two in others: a person decides
    title = "Neurological involvement in a child with atypical hemolytic uremic syndrome"
    abstract = Record(title=title, year=2010, volume="25", issue="9", pages="1875-1875", journal="Pediatric Nephrology",
                      authors=["Koehl, B.", "Boyer, O.", "Kossorotoff, M.", "Biebuyck, N.", "Boddaert, N.", "Niaudet, P."])
    article = Record(title=title, year=2010, volume="25", issue="12", pages="2539-2542", journal="Pediatric Nephrology",
                     authors=["Koehl, B.", "Boyer, O.", "Biebuyck-Gouge, N.", "Kossorotoff, M.", "Fremeaux-Bacchi, V.",
                              "Boddaert, N.", "Niaudet, P."])
    v = verdict(abstract, article)
    assert v.label == MAYBE and v.veto
    result = find_duplicates([abstract, article])
    assert result.groups == [] and [(p.a, p.b) for p in result.maybe_pairs] == [(0, 1)]
    # another first author, or another journal: not even queued
    other = Record(title=title, year=2010, volume="25", issue="9", pages="1875-1875", journal="Pediatric Nephrology",
                   authors=["Niaudet, P.", "Koehl, B.", "Boyer, O."])
    assert verdict(other, article).label == DIFFERENT
    elsewhere = Record(title=title, year=2010, volume="40", issue="9", pages="875", journal="Transplant International",
                       authors=abstract.authors)
    assert verdict(elsewhere, article).label == DIFFERENT


def test_the_queue_asks_once_per_pair_of_groups():
    # two copies of an abstract on page 51 and two of its companion on page 52, one copy of each with
    # the supplement's DOI: four uncertain pairs between the two groups, one question
    t1 = "Effects of incretin on artery lesions in a model of atherosclerosis in apolipoprotein E-deficient mice"
    j = "Diabetes/Metabolism Research and Reviews"
    a1 = Record(title=t1, authors=["Chen R.Wang Y.Liang L."], year=2014, journal=j, volume="30", pages="51")
    a2 = Record(title=t1, authors=["Chen R.Wang Y.Liang L."], year=2014, journal=j, volume="30", pages="51")
    b1 = Record(title="The " + t1.lower(), authors=["Chen R.Wang J.Yan C.Wang Y.Liang L."], year=2014, journal=j,
                volume="30", pages="52")
    b2 = Record(title=b1.title, authors=b1.authors, year=2014, journal=j, volume="30", pages="52")
    result = find_duplicates([a1, a2, b1, b2])
    assert result.groups == [[0, 1], [2, 3]]
    assert len(result.maybe_pairs) == 1
    # once a person called one of those pairs different, the two groups are not asked about again
    p = result.maybe_pairs[0]
    again = find_duplicates([a1, a2, b1, b2], cannot_link=[(p.a, p.b)])
    assert again.groups == [[0, 1], [2, 3]] and again.maybe_pairs == []


def test_registrations_of_different_trial_arms_are_queued_not_merged():
    sponsor = ["Alexion Pharmaceuticals, Inc"]
    a = Record(title="Open Label Controlled Trial of Eculizumab in Adult Patients With Plasma Therapy-Resistant aHUS",
               authors=sponsor, year=2011)
    b = Record(title="Open Label Controlled Trial of Eculizumab in Adolescent Patients With Plasma Therapy-Sensitive "
                     "aHUS", authors=sponsor, year=2011)
    result = find_duplicates([a, b])
    assert result.groups == [] and [(p.a, p.b) for p in result.maybe_pairs] == [(0, 1)]


def test_two_abstracts_on_adjacent_pages_sharing_a_supplement_doi_are_queued():
    # two abstract entries (3 and 5 authors, pages 51 and 52) with the supplement's DOI on one copy
    # of each: the DOI pair is refused because the DOI-less copies conflict on pages
    t1 = "Effects of incretin on artery lesions in a model of atherosclerosis in apolipoprotein E-deficient mice"
    t2 = "The effects of incretin on artery lesions in a model of atherosclerosis in apolipoprotein E-deficient mice"
    j = "Diabetes/Metabolism Research and Reviews"
    a1 = Record(title=t1, authors=["Chen R.Wang Y.Liang L."], year=2014, journal=j, volume="30", issue="SUPPL. 3",
                pages="51", doi="10.1002/dmrr.2604")
    a2 = Record(title=t1, authors=["Chen R.Wang Y.Liang L."], year=2014, journal=j, volume="3", pages="51")
    b1 = Record(title=t2, authors=["Chen R.Wang J.Yan C.Wang Y.Liang L."], year=2014, journal=j, volume="30",
                issue="SUPPL. 3", pages="52", doi="10.1002/dmrr.2604")
    b2 = Record(title=t2, authors=["Chen R.Wang J.Yan C.Wang Y.Liang L."], year=2014, journal=j, volume="3",
                pages="52")
    result = find_duplicates([a1, a2, b1, b2])
    assert result.groups == [[0, 1], [2, 3]]
    assert any({p.a, p.b} == {0, 2} for p in result.maybe_pairs)
