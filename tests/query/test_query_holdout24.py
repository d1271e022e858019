"""Defects the query hold-out of round 24 showed (benchmarks/query_holdout/sources.tsv: Web of Science, Scopus,
Embase.com, CINAHL, Cochrane, Ovid and PubMed strategies kept in repositories of projects new to the set). Each
strategy here is invented in the shape of the real line that showed the defect; the hold-out files stay outside
the repository."""

from __future__ import annotations

from screener.query import parse, translate


def own(text: str, read: str) -> list[tuple[str, int, int, str]]:
    """The strategy's own errors and warnings: (code, physical line, column, message)."""
    return [(p.code, p.line, p.col, p.message) for p in parse(text, read).problems if p.severity != "info"]


def codes(text: str, read: str) -> list[str]:
    return [c for c, *_ in own(text, read)]


# --------------------------------------------------------------------------- Web of Science: a tag alone on its line


def test_wos_field_tag_alone_on_its_line_searches_the_group_below():
    # `TS=` on a line of its own, the group on the lines below (as a bibliometrics page lays a long topic search
    # out): 'TS needs a term or a group after it', and the group searched in the default fields as a second line
    text = 'TS=\n(   "remote sensing" OR "earth observation"\n    OR ("satellite$" AND "mapping")\n)\n'
    assert codes(text, "wos") == []
    one_line = 'TS=("remote sensing" OR "earth observation" OR ("satellite$" AND "mapping"))'
    assert translate(text, "wos", "pubmed").query == translate(one_line, "wos", "pubmed").query
    assert len(parse(text, "wos").lines) == 1


def test_wos_two_topic_blocks_joined_by_a_line_of_or():
    # `TS=\n(…)\nOR\nTS=\n(…)`: 'OR needs an operand on both sides', two EMPTY_GROUP errors, UNUSED_LINES
    text = 'TS=\n(\n    ("SAR" OR "sea level")\n    AND ("radar" OR "sensor$")\n)\nOR\nTS=\n("Doppler" AND "radar")\n'
    assert codes(text, "wos") == []
    one_line = 'TS=(("SAR" OR "sea level") AND ("radar" OR "sensor$")) OR TS=("Doppler" AND "radar")'
    assert translate(text, "wos", "pubmed").query == translate(one_line, "wos", "pubmed").query


def test_wos_source_title_tag_on_the_line_above_keeps_its_field():
    # `SO = ` then `(JOURNAL OF X OR Y LETTERS)`: the titles were searched as title/abstract words
    text = 'SO = \n(CANADIAN JOURNAL OF REMOTE SENSING OR REMOTE SENSING LETTERS)\n'
    assert "EMPTY_GROUP" not in codes(text, "wos")
    query = translate(text, "wos", "pubmed").query
    assert "[tiab]" not in query
    assert query == translate('SO=(CANADIAN JOURNAL OF REMOTE SENSING OR REMOTE SENSING LETTERS)', "wos",
                              "pubmed").query


# --------------------------------------------------------------------------- numbered histories: `3. 1 OR 2`


def test_embase_com_numbered_history_combines_lines_written_without_hash():
    # a review's Embase.com table `3.<tab>1 OR 2`: the numbers searched as the words 1 and 2, nothing said
    text = ("1.\tzero-heat flux\n2.\tzero-flux\n3.\t1 OR 2\n4.\t'diagnostic accuracy'/de OR accura*\n"
            "5.\t3 AND 4\n")
    found = own(text, "embase-com")
    assert [(c, ln) for c, ln, *_ in found] == [("FOREIGN_SYNTAX", 3), ("FOREIGN_SYNTAX", 5)]
    assert "#1 OR #2" in found[0][3]
    query = translate(text, "embase-com", "embase-com").query
    assert "#3 #1 OR #2" in query and "#5 #3 AND #4" in query


def test_pubmed_numbered_history_combines_lines_written_without_hash():
    text = "1. pain[tiab]\n2. ache[tiab]\n3. 1 OR 2\n"
    assert codes(text, "pubmed") == ["FOREIGN_SYNTAX"]
    assert translate(text, "pubmed", "pubmed").query == translate("pain[tiab] OR ache[tiab]", "pubmed", "pubmed").query


def test_embase_com_unclosed_parenthesis_does_not_swallow_the_next_numbered_line():
    # `9.<tab>('diagnostic accuracy'/de OR (accura* OR reliabilit*)` (its ')' missing, reported) took
    # `11.<tab>5 AND 10` into line 9 as the words 5 and 10
    text = "1.\tpain:ti\n2.\t('diagnostic accuracy'/de OR (accura* OR reliabilit*)\n3.\t#1 AND #2\n"
    found = own(text, "embase-com")
    assert [(c, ln) for c, ln, *_ in found] == [("UNBALANCED_PARENTHESIS", 2)]
    strategy = parse(text, "embase-com")
    assert [ln.number for ln in strategy.lines] == [1, 2, 3]
    # the published table skips line 10: `9. (… OR (…)` then `11. 5 AND 10`, still its own line
    skipped = "1.\tpain:ti\n9.\t('diagnostic accuracy'/de OR (accura* OR reliabilit*)\n11.\t1 AND 9\n"
    assert [ln.number for ln in parse(skipped, "embase-com").lines] == [1, 9, 11]
    assert "MIXED_OPERATORS" not in codes(skipped, "embase-com")
    pubmed = "1. pain[tiab]\n2. ache[tiab]\n3. (sore*[tiab] OR (hurt*[tiab] OR ache*[tiab])\n5. #1 AND #3\n"
    assert [ln.number for ln in parse(pubmed, "pubmed").lines] == [1, 2, 3, 5]


# --------------------------------------------------------------------------- Scopus LIMIT-TO, EBSCO PD


def test_scopus_limit_to_language_is_a_language_limit():
    # `AND (LIMIT-TO(LANGUAGE, "English"))`: 'LIMIT-TO is not one of Scopus's field codes', and PubMed got
    # `(LANGUAGE,[all] AND "English"[all])`
    text = ('TITLE-ABS-KEY(("graph theory" OR "neural networks") AND "marine ecology")\n'
            'AND PUBYEAR > 1999 AND PUBYEAR < 2027\nAND (LIMIT-TO(LANGUAGE, "English"))\n')
    assert codes(text, "scopus") == []
    query = translate(text, "scopus", "pubmed").query
    assert "english[la]" in query.lower() and "LANGUAGE" not in query and "2000:2026[dp]" in query


def test_scopus_limit_to_document_type_is_kept_for_scopus_and_refused_elsewhere():
    text = 'TITLE-ABS-KEY(pain) AND ( LIMIT-TO ( DOCTYPE , "ar" ) OR LIMIT-TO ( DOCTYPE , "re" ) )'
    assert codes(text, "scopus") == []
    back = translate(text, "scopus", "scopus").query
    assert 'LIMIT-TO(DOCTYPE, "ar")' in back and 'LIMIT-TO(DOCTYPE, "re")' in back
    pubmed = translate(text, "scopus", "pubmed")
    assert "DOCTYPE" not in pubmed.query and "ar[" not in pubmed.query
    assert [p.code for p in pubmed.errors] == ["LIMIT_UNSUPPORTED"]


def test_ebsco_publication_date_is_a_year_limit():
    # CINAHL's `S6 S5 AND PD 20190101-20251231`: searched as the phrase "PD 20190101-20251231", nothing said
    text = 'S1 TI pain OR AB pain\nS2 S1 AND LA English\nS3 S2 AND PD 20190101-20251231\n'
    assert codes(text, "ebsco-cinahl") == ["LIMIT_APPROXIMATED"]
    query = translate(text, "ebsco-cinahl", "pubmed").query
    assert "2019:2025[dp]" in query and "PD" not in query


# --------------------------------------------------------------------------- PubMed: a doubled quote


def test_pubmed_doubled_quote_is_reported_where_it_is():
    # `(""Acute Coronary Syndrome"[Mesh] OR STEMI OR "myocardial infarction" OR MI)`: reported as a quote never
    # closed at the end of the line, and the rest searched as '"[Mesh] OR STEMI OR"' phrases
    text = '(DAPT OR "dual antiplatelet")\nAND\n(""Acute Coronary Syndrome"[Mesh] OR STEMI OR "myocardial infarction" OR MI)\n'
    found = own(text, "pubmed")
    assert [(c, ln, col) for c, ln, col, _ in found] == [("STRAY_CHARACTER", 3, 2)]
    assert "doubled" in found[0][3]
    query = translate(text, "pubmed", "pubmed").query
    assert '"Acute Coronary Syndrome"[mh] OR STEMI OR "myocardial infarction"' in query and '[Mesh]' not in query
# --------------------------------------------------------------------------- PubMed's own MeSH forms


def test_mesh_terms_as_pubmeds_search_details_write_them_are_headings():
    # `"covid 19"[MeSH Terms] OR "sars cov 2"[MeSH Terms]` (PubMed's search details, copied): 'not a MeSH heading'
    text = '"covid 19"[MeSH Terms] OR "sars cov 2"[MeSH Terms] OR "covid 19 vaccines"[mh]'
    assert codes(text, "pubmed") == []
    assert "UNKNOWN_HEADING" in codes("exp covid 19/", "ovid")       # Ovid has no such heading


def test_mesh_tree_categories_are_searchable_in_pubmed():
    # NLM's systematic-review subset strategy: `"diseases category"[mh]`
    assert codes('"diseases category"[mh] OR "Psychiatry and Psychology Category"[Mesh]', "pubmed") == []


def test_truncated_mesh_term_searches_every_heading_it_begins():
    # `neoplasm*[MeSH Terms]`: PubMed searches every MeSH term beginning with neoplasm (not exploded);
    # it was warned 'not a MeSH heading' and written to Ovid as `exp neoplasm*/`
    assert codes("neoplasm*[MeSH Terms] AND pain[tiab]", "pubmed") == []
    found = own("zqxneoplasm*[mh]", "pubmed")
    assert [c for c, *_ in found] == ["UNKNOWN_HEADING"] and "begins" in found[0][3]
    ovid = translate("neoplasm*[MeSH Terms]", "pubmed", "ovid-medline").query
    assert "exp" not in ovid and "neoplasm*.sh." in ovid
    assert translate("neoplasm*[MeSH Terms]", "pubmed", "pubmed").query == "neoplasm*[mh]"


# --------------------------------------------------------------------------- Embase.com's animal filter


def test_embase_com_animal_filter_is_translated_not_dropped():
    # `#25 #24 NOT ([animals]/lim NOT [humans]/lim)`: two LIMIT_UNSUPPORTED errors, the filter dropped
    text = "#1 yoga:ti,ab\n#2 #1 NOT ([animals]/lim NOT [humans]/lim)\n"
    assert codes(text, "embase-com") == []
    pubmed = translate(text, "embase-com", "pubmed")
    assert pubmed.errors == []
    assert 'yoga[tiab] NOT ("Animals"[mh] NOT "Humans"[mh])' in pubmed.query
    assert "#2 #1 NOT ([animals]/lim NOT [humans]/lim)" in translate(text, "embase-com", "embase-com").query
    ovid = translate(text, "embase-com", "ovid-medline").query
    assert "exp Animals/" in ovid and "Humans/" in ovid


# --------------------------------------------------------------------------- Ovid Embase's publication-type limits


def test_ovid_embase_conference_limits_are_known():
    # an exported Embase history: `4  limit 2 to (conference abstract or conference paper or "conference review")
    # 3436` (Ovid ran it: 3,436 hits) was 'not an Ovid limit this reader knows'
    text = ('1 brain depth stimulation/\n2 limit 1 to (embase or medline)\n'
            '3 limit 2 to (conference abstract or conference paper or "conference review")\n4 2 not 3\n'
            '5 limit 4 to (editorial or letter or note or erratum or short survey)\n6 4 not 5\n')
    assert [c for c in codes(text, "ovid-embase") if c != "UNUSED_LINES"] == []


def test_slips_in_mesh_names_are_still_reported_in_pubmed():
    # round 20's real slips stay reported: a missing apostrophe, a leading '*' (Ovid's major-topic mark)
    assert codes('"Practice Patterns, Physicians"[Mesh]', "pubmed") == ["UNKNOWN_HEADING"]
    assert codes("*Staphylococcus[Mesh]", "pubmed") == ["UNKNOWN_HEADING"]


def test_embase_com_record_source_limit_goes_back_to_embase_com():
    # round 22's `#26 #25 AND [embase]/lim`: translated to Embase.com itself it was 'no Embase.com equivalent'
    text = "#1 yoga:ti,ab\n#2 #1 AND [embase]/lim\n"
    back = translate(text, "embase-com", "embase-com")
    assert back.errors == [] and "#2 #1 AND [embase]/lim" in back.query
    ovid = translate("1 yoga.ti,ab.\n2 limit 1 to medline\n", "ovid-embase", "embase-com")
    assert ovid.errors == [] and "[medline]/lim" in ovid.query


def test_scopus_refine_limits_as_scopus_writes_them_back():
    # Scopus's own export of refine limits: years ORed one by one, a value without quotes
    text = ('TITLE-ABS-KEY ( "code quality" AND software ) AND ( LIMIT-TO ( PUBYEAR , 2021 ) OR '
            'LIMIT-TO ( PUBYEAR , 2020 ) ) AND ( EXCLUDE ( PUBYEAR , 2026 ) )')
    assert codes(text, "scopus") == []
    assert "2020:2021[dp]" in translate(text, "scopus", "pubmed").query
    assert "EXCLUDE(PUBYEAR, 2026)" in translate(text, "scopus", "scopus").query


def test_scopus_words_side_by_side_mixed_with_or_are_warned():
    # `(cancer prevention OR neoplasm prevention OR "risk reduction")` in TITLE-ABS-KEY: Scopus reads OR first
    # (cancer AND (prevention OR neoplasm) AND …), which the reader did, with nothing said (Web of Science's
    # reading of the same line was warned MIXED_OPERATORS)
    text = 'TITLE-ABS-KEY((cancer prevention OR neoplasm prevention OR "risk reduction") AND diet*)'
    found = own(text, "scopus")
    assert [c for c, *_ in found] == ["MIXED_OPERATORS"] and "OR, then AND" in found[0][3]
    assert codes('TITLE-ABS-KEY(("cancer prevention" OR "risk reduction") AND diet*)', "scopus") == []
