"""Defects the query hold-out of round 27 showed (benchmarks/query_holdout/sources.tsv: Web of Science and PubMed
searches transcribed from reviews' appendices, CINAHL and Web of Science strategies of a cardiac-arrest review). Each
strategy here is invented in the shape of the real line that showed the defect; the hold-out files stay outside the
repository."""

from __future__ import annotations

from screener.query import parse, translate


def own(text: str, read: str) -> list[tuple[str, int, int, str]]:
    """The strategy's own errors and warnings: (code, physical line, column, message)."""
    return [(p.code, p.line, p.col, p.message) for p in parse(text, read).problems if p.severity != "info"]


# --------------------------------------------------------------------------- Web of Science history notes

WOS_NOTES = ('1 (TI=("Patient Survey") OR TI=("National Patient Survey")\n'
             '  AND TS=(asthma))\n'
             '  Databases = WOS, MEDLINE   Timespan = All years   Search language = English\n'
             '2 AB=("Parent Report") AND TS=(asthma)\n'
             '3 #1 OR #2\n')


def test_wos_history_note_is_not_searched():
    # was: 'Databases = WOS, MEDLINE … Search language = English' searched as words ANDed on (Databases:ti,ab,kw
    # AND =:ti,ab,kw AND WOS,:ti,ab,kw … in Embase.com), nothing said in check
    found = own(WOS_NOTES, "wos")
    notes = [(c, ln, col) for c, ln, col, _ in found if c == "STRAY_CHARACTER"]
    assert notes == [("STRAY_CHARACTER", 3, 3)]
    message = next(m for c, *_, m in found if c == "STRAY_CHARACTER")
    assert "Databases = WOS, MEDLINE" in message and "Web of Science" in message and "not searched" in message
    assert parse(WOS_NOTES, "wos").errors == []
    embase = translate(WOS_NOTES, "wos", "embase-com").query
    assert "Databases" not in embase and "Timespan" not in embase and "=:" not in embase


def test_wos_indexes_note_on_the_search_line_is_not_searched():
    s = parse("1 TS=(asthma) Indexes=SCI-EXPANDED, SSCI Timespan=2000-2020\n", "wos")
    assert [p.code for p in s.problems if p.severity != "info"] == ["STRAY_CHARACTER"]
    assert translate("1 TS=(asthma) Indexes=SCI-EXPANDED, SSCI Timespan=2000-2020\n", "wos", "wos").query == \
        "TS=asthma"


# --------------------------------------------------------------------------- (1) … (7): numbered in parentheses

PAREN_NUMBERED = ("(1) memory effects AND chemotherapy\n"
                  "(2) [memory disorders OR memory]\n"
                  "    AND [neoplasms OR tumours]\n"
                  "(3) chemofog AND cancer\n")


def test_parenthesised_line_numbers_are_numbers_not_words():
    # was: "(1)" searched as the word 1 (PubMed got `3 AND chemofog AND cancer`, UNTAGGED_TERM '1 is untagged'),
    # and the wrapped line `    AND [neoplasms …]` an EMPTY_GROUP error ('AND needs an operand on both sides')
    s = parse(PAREN_NUMBERED, "pubmed")
    assert [ln.number for ln in s.lines] == [1, 2, 3]
    assert "EMPTY_GROUP" not in [p.code for p in s.problems]
    assert translate(PAREN_NUMBERED, "pubmed", "pubmed").query == "chemofog AND cancer"


# --------------------------------------------------------------------------- Web of Science citation topics

WOS_TOPIC = 'TMIC=("1.104.1353 Coronavirus") AND TS=(vaccin*)\n'


def test_wos_citation_topic_fields_are_read_and_kept_for_wos():
    # was: 'TMIC is not one of Web of Science's field codes (did you mean PMID or TI?)', the topic's name searched
    # as a phrase in title and abstract elsewhere
    assert parse(WOS_TOPIC, "wos").errors == []
    assert translate(WOS_TOPIC, "wos", "wos").query == '(TMIC="1.104.1353 Coronavirus" AND TS=vaccin*)'
    for tag in ("TMAC", "TMSO"):
        text = f'{tag}=("1 Clinical & Life Sciences") AND TS=(vaccin*)\n'
        assert parse(text, "wos").errors == [] and translate(text, "wos", "wos").query.startswith(f"({tag}=")


def test_wos_citation_topic_is_refused_where_there_is_none():
    # a citation topic is Web of Science's own classification: its name searched as words would be another search
    result = translate(WOS_TOPIC, "wos", "pubmed")
    assert "Coronavirus" not in result.query
    assert [p.code for p in result.errors] == ["FIELD_UNSUPPORTED"]


# --------------------------------------------------------------------------- a note after the query

SCOPUS_ACCESSED = ('(TITLE (asthma) AND KEY (child*)) AND (LIMIT-TO (DOCTYPE, "ar"))\n'
                   '(accessed on 3 March 2024)\n')


def test_an_accessed_on_note_below_the_query_is_not_searched():
    # was: '(accessed on 25 September 2024)' read as a second search, the one searched (PubMed got
    # `accessed[all] AND on[all] AND 25[all] AND September[all] AND 2024[all]`), only UNUSED_LINES said
    found = own(SCOPUS_ACCESSED, "scopus")
    assert [(c, ln) for c, ln, *_ in found] == [("ANNOTATION_IGNORED", 2)]
    assert "accessed on 3 March 2024" in found[0][3]
    assert "accessed" not in translate(SCOPUS_ACCESSED, "scopus", "pubmed").query
    for text, read in (("asthma[tiab] AND child*[tiab]\n(searched 12 May 2023)\n", "pubmed"),
                       ("1 exp Asthma/\n2 child*.tw.\n3 1 and 2\nLast searched: 4 June 2022\n", "ovid")):
        assert [c for c, *_ in own(text, read)] == ["ANNOTATION_IGNORED"], text


# --------------------------------------------------------------------------- an entry term in PubMed's [mh]

def test_pubmed_entry_term_warning_says_what_pubmed_does_and_names_the_heading():
    # was: '"diabetes" is not a MeSH heading (nearest: "Adipates"; "Diabesity"; "Dietetics")', though PubMed
    # searches diabetes[mh] as "Diabetes Mellitus"[mh] (an entry term in [mh] is read as its heading)
    found = [p for p in parse("diabetes[MeSH Terms] AND pain[tiab]\n", "pubmed").problems
             if p.code == "UNKNOWN_HEADING"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert '"Diabetes Mellitus"' in found[0].message and "entry term" in found[0].message
    chronic = parse('"chronic fatigue syndrome"[MeSH Terms]\n', "pubmed").problems
    assert '"Fatigue Syndrome, Chronic"' in chronic[0].message


def test_ovid_heading_warning_does_not_claim_entry_terms_are_mapped():
    # Ovid's `diabetes/` is no heading (Ovid maps only through its mapping display): no PubMed sentence there
    found = [p for p in parse("1 diabetes/\n", "ovid").problems if p.code == "UNKNOWN_HEADING"]
    assert "entry term" not in found[0].message and '"Diabetes Mellitus"' in found[0].message


# --------------------------------------------------------------------------- Ovid .tw,ab.

def test_ovid_field_list_naming_a_field_tw_already_covers_gets_a_note():
    # was: `.tw,ab.` read as .tw. with nothing said (a leftover of earlier rounds: the list says less than it seems)
    notes = [p for p in parse("1 (pain or ache).tw,ab.\n2 sleep.ti,tw.\n3 1 or 2\n", "ovid").problems
             if p.code == "FIELD_REDUNDANT"]
    assert [(p.line, p.severity) for p in notes] == [(1, "info"), (2, "info")]
    assert ".tw. already searches" in notes[0].message and "ab" in notes[0].message
    assert [p.code for p in parse("1 pain.ti,ab,kf.\n", "ovid").problems] == []
    assert translate("1 pain.tw,ab.\n", "ovid", "pubmed").query == translate("1 pain.tw.\n", "ovid", "pubmed").query


# --------------------------------------------------------------------------- [female]/lim

def test_embase_sex_limit_is_pubmeds_check_tag():
    # was (round 26's srdr_ui.embasecom): "limit '[female]/lim' has no PubMed equivalent; it is not applied";
    # PubMed's Sex filter is the check tag Female, as [humans]/lim is Humans
    text = "#1 'pain'/exp AND [female]/lim\n"
    result = translate(text, "embase-com", "pubmed")
    assert "LIMIT_UNSUPPORTED" not in [p.code for p in result.errors]
    assert "female[mh]" in result.query.lower()
    assert "[female]/lim" in translate(text, "embase-com", "embase-com").query
    assert "male[mh]" in translate("#1 'pain'/exp AND [male]/lim\n", "embase-com", "pubmed").query.lower()


def test_ovid_sex_limit_is_read_as_the_same_limit():
    result = translate("1 exp Pain/\n2 limit 1 to female\n", "ovid", "pubmed")
    assert [p.code for p in result.errors] == [] and "female[mh]" in result.query.lower()


# --------------------------------------------------------------------------- [a OR b] for grouping in PubMed

def test_pubmed_square_brackets_used_as_a_group_are_one_error_saying_write_parentheses():
    # was (jim2012.pubmed, after the numbering fix): "unexpected 'cognition disorders or memory' (skipped)" and then
    # "unexpected 'and'", "unexpected 'chemotherapy'" for the rest of the line
    found = [(p.code, p.col, p.message) for p in parse("[memory disorders OR memory] AND chemotherapy\n", "pubmed").problems
             if p.severity == "error"]
    assert [(c, col) for c, col, _ in found] == [("SYNTAX_ERROR", 1)]
    assert "write (memory disorders OR memory)" in found[0][2]
    assert translate("[memory disorders OR memory] AND chemotherapy\n", "pubmed", "pubmed").query == \
        "(memory disorders OR memory) AND chemotherapy"
    # a tag after a term is still a tag
    assert parse("pain[tiab] OR ache[tiab]\n", "pubmed").errors == []
