"""The evaluator's semantics, operator by operator, on small hand-made records."""

from __future__ import annotations

import pytest

from screener.errors import StrategyParseError
from screener.query.evaluate import evaluate, term_words, tokenize
from screener.records.model import MeshHeading, Record


def rec(title: str = "", abstract: str = "", **kw) -> Record:
    return Record(title=title, abstract=abstract, **kw)


def hits(strategy: str, records: list[Record], line: int | None = None) -> set[str]:
    """Titles (or abstracts, for untitled records) of the definite hits of a line (default: last)."""
    ev = evaluate(strategy, records)
    res = ev.line(line) if line is not None else ev.final
    return {(records[i].title or records[i].abstract) for i in res.hits}


def undetermined(strategy: str, records: list[Record], line: int | None = None) -> set[str]:
    ev = evaluate(strategy, records)
    res = ev.line(line) if line is not None else ev.final
    return {(records[i].title or records[i].abstract) for i in res.undetermined}


# ---- words -----------------------------------------------------------------------------------

def test_tokenize_folds_case_diacritics_punctuation():
    assert tokenize("Ménière’s back-pain, 5-HT <i>β</i>-blocker &amp; Ricœur") == [
        "meniere", "s", "back", "pain", "5", "ht", "beta", "blocker", "ricoeur"]


def test_term_words_keep_wildcards_and_split_hyphens():
    assert term_words("post-modern*") == ["post", "modern*"]
    assert term_words("child$1") == ["child$1"]
    assert term_words("Wom#n") == ["wom#n"]


# ---- adjacency ---------------------------------------------------------------------------------

ADJ_RECORDS = [
    rec("pain syndrome"),                      # 0 words between
    rec("syndrome of pain"),                   # reversed, 1 between
    rec("pain in the syndrome"),               # 2 between: adj3's boundary
    rec("syndrome x y pain"),                  # reversed, 2 between: boundary
    rec("pain is in the syndrome"),            # 3 between: too far
    rec("syndrome a b c pain"),                # reversed, 3 between: too far
    rec("pain"),
]


def test_adjn_any_order_up_to_n_minus_1_words_between():
    assert hits("(pain adj3 syndrome).ti.", ADJ_RECORDS) == {
        "pain syndrome", "syndrome of pain", "pain in the syndrome", "syndrome x y pain"}


def test_adjn_operand_order_does_not_matter():
    assert hits("(syndrome adj3 pain).ti.", ADJ_RECORDS) == hits("(pain adj3 syndrome).ti.",
                                                                  ADJ_RECORDS)


def test_adj1_is_adjacent_in_either_order_and_adj2_allows_one_word():
    assert hits("(pain adj1 syndrome).ti.", ADJ_RECORDS) == {"pain syndrome"}
    assert hits("(syndrome adj1 pain).ti.", [rec("pain syndrome"), rec("syndrome pain")]) == {
        "pain syndrome", "syndrome pain"}
    assert hits("(pain adj2 syndrome).ti.", ADJ_RECORDS) == {"pain syndrome", "syndrome of pain"}


def test_adj_without_number_is_ordered_adjacency():
    records = [rec("field notes"), rec("notes field"), rec("field, notes"), rec("field the notes")]
    assert hits("(field adj note*).ti.", records) == {"field notes", "field, notes"}


def test_adjacency_counts_stopwords():
    records = [rec("quality of life"), rec("quality life")]
    assert hits("(quality adj2 life).ti.", records) == {"quality of life", "quality life"}
    assert hits("(quality adj1 life).ti.", records) == {"quality life"}


def test_adjacency_over_or_group_and_phrase_operand():
    records = [rec("face to face semi structured interviews"), rec("interviewing face to face"),
               rec("face to face a b c interview"), rec("face interview")]
    assert hits('((face-to-face or "face to face") adj3 interview*).ti.', records) == {
        "face to face semi structured interviews", "interviewing face to face"}


def test_adjacency_chain_needs_each_pair_within_distance():
    records = [rec("a x b x c"), rec("a x x b c"), rec("c b a")]
    assert hits("(a adj2 b adj2 c).ti.", records) == {"a x b x c", "c b a"}


def test_adjacency_never_spans_fields_or_values():
    records = [rec("chronic", "pain follows"), rec("x", "", keywords=["chronic", "pain"]),
               rec("y", "", keywords=["chronic pain"])]
    assert hits("(chronic adj pain).ti,ab,kf.", records) == {"y"}


def test_nested_proximity():
    records = [rec("chronic low back pain"), rec("chronic pain, the low back"),
               rec("back low chronic pain"), rec("chronic x x x x low back pain")]
    assert hits("((low adj back) adj3 chronic).ti.", records) == {
        "chronic low back pain", "chronic pain, the low back"}


# ---- truncation and wildcards ------------------------------------------------------------------

def test_truncation_at_word_end_only_and_word_start_anchored():
    records = [rec("pain"), rec("painful"), rec("Spain"), rec("pains and aches"), rec("pai n")]
    assert hits("pain*.ti.", records) == {"pain", "painful", "pains and aches"}
    assert hits("pain$.ti.", records) == {"pain", "painful", "pains and aches"}


def test_limited_truncation_and_single_character_wildcards():
    records = [rec("child"), rec("childs"), rec("children"), rec("women"), rec("woman"),
               rec("womn"), rec("color"), rec("colour"), rec("colouur")]
    assert hits("child$1.ti.", records) == {"child", "childs"}
    assert hits("child$3.ti.", records) == {"child", "childs", "children"}
    assert hits("wom#n.ti.", records) == {"women", "woman"}
    assert hits("colo?r.ti.", records) == {"color", "colour"}


def test_unquoted_term_without_wildcard_is_exact_word():
    records = [rec("ethno"), rec("ethnography"), rec("ethnos")]
    assert hits("ethno.ti,ab.", records) == {"ethno"}


def test_truncated_word_inside_phrase():
    records = [rec("post modernism"), rec("post-modern"), rec("postmodern"), rec("modern post")]
    assert hits('"post modern*".ti.', records) == {"post modernism", "post-modern"}


# ---- phrases -------------------------------------------------------------------------------------

def test_phrases_match_across_punctuation_and_hyphens_not_across_words():
    records = [rec("back pain"), rec("Back-pain"), rec("back, pain"), rec("back (pain)"),
               rec("back of pain"), rec("pain back"), rec("backpain")]
    assert hits('"back pain".ti.', records) == {"back pain", "Back-pain", "back, pain",
                                                "back (pain)"}


def test_hyphenated_query_term_is_a_phrase():
    records = [rec("co-operative inquiry"), rec("co operative"), rec("cooperative")]
    assert hits("co-operative.ti.", records) == {"co-operative inquiry", "co operative"}


def test_diacritics_and_case_are_folded():
    assert hits("(meniere* or ricoeur).ti.", [rec("MÉNIÈRE disease"), rec("Ricœur's ethics"),
                                              rec("menier")]) == {"MÉNIÈRE disease",
                                                                  "Ricœur's ethics"}


# ---- fields --------------------------------------------------------------------------------------

FIELD_RECORDS = [
    rec("pain in title", "nothing"),
    rec("nothing", "pain in abstract"),
    rec("nothing", "nothing", keywords=["pain"]),
    rec("nothing", "nothing", mesh=[MeshHeading("Pain")]),
    rec("nothing", "nothing", publication_types=["Pain Review"]),
]


@pytest.mark.parametrize("suffix,expected", [
    (".ti.", {"pain in title"}),
    (".ab.", {"pain in abstract"}),
    (".ti,ab.", {"pain in title", "pain in abstract"}),
    (".tw.", {"pain in title", "pain in abstract"}),
    (".kf.", {"kw"}),
    (".mp.", {"pain in title", "pain in abstract", "kw", "mesh"}),
    (".pt.", {"pt"}),
])
def test_field_suffixes(suffix, expected):
    ev = evaluate(f"pain{suffix}", FIELD_RECORDS)
    names = {0: "pain in title", 1: "pain in abstract", 2: "kw", 3: "mesh", 4: "pt"}
    assert {names[i] for i in ev.final.hits} == expected


def test_mp_on_record_without_headings_is_undetermined_when_not_found_in_text():
    records = [rec("pain", "x", mesh=[]), rec("x", "y", mesh=[]), rec("x", "y", mesh=[MeshHeading("Fatigue")])]
    ev = evaluate("pain.mp.", records)
    assert ev.final.hits == {0}
    assert ev.final.undetermined == {1}
    assert "NO_HEADINGS" in {w.code for w in ev.warnings}


def test_titles_only_records_make_abstract_searches_undetermined():
    records = [rec("pain here"), rec("no match")]
    ev = evaluate("pain.ti,ab.", records)
    assert ev.final.hits == {0} and ev.final.undetermined == {1}
    assert "NO_ABSTRACTS" in {w.code for w in ev.warnings}
    # with abstracts somewhere in the set, a missing abstract is just empty
    ev = evaluate("pain.ti,ab.", records + [rec("x", "an abstract")])
    assert ev.final.undetermined == set()


def test_unknown_field_is_undetermined_with_warning():
    ev = evaluate("aspirin.rn.", [rec("aspirin")])
    assert ev.final.hits == set() and ev.final.undetermined == {0}
    assert [w.code for w in ev.warnings] == ["FIELD_NOT_IN_RECORDS"]


# ---- headings ----------------------------------------------------------------------------------

HEADING_RECORDS = [
    rec("a", mesh=[MeshHeading("Pain", ("psychology",), True)]),
    rec("b", mesh=[MeshHeading("Pain", (), False)]),
    rec("c", mesh=[MeshHeading("Back Pain", (), True)]),
    rec("d", mesh=[]),
]


def test_heading_match_by_name_major_and_subheading():
    assert hits("Pain/", HEADING_RECORDS) == {"a", "b"}
    assert hits("*Pain/", HEADING_RECORDS) == {"a"}
    assert hits("Pain/px", HEADING_RECORDS) == {"a"}
    assert hits("pain.sh.", HEADING_RECORDS) == {"a", "b"}
    assert undetermined("Pain/", HEADING_RECORDS) == {"d"}


def test_explosion_without_tree_searches_the_heading_only_and_warns():
    ev = evaluate("exp Pain/", HEADING_RECORDS)
    assert ev.final.hits == {0, 1}          # not "Back Pain": the tree is not here
    assert ev.final.undetermined == {3}
    codes = [w.code for w in ev.warnings]
    assert "EXPLOSION_NOT_AVAILABLE" in codes and "NO_HEADINGS" in codes


# ---- Boolean logic, lines, limits --------------------------------------------------------------

BOOL_RECORDS = [rec("pain"), rec("fatigue"), rec("pain and fatigue"), rec("other")]


def test_boolean_operators_and_line_references():
    s = "1 pain.ti.\n2 fatigue.ti.\n3 1 or 2\n4 1 and 2\n5 1 not 2\n6 or/1-2\n7 and/1,2"
    ev = evaluate(s, BOOL_RECORDS)
    assert ev.line(3).hits == {0, 1, 2}
    assert ev.line(4).hits == {2}
    assert ev.line(5).hits == {0}
    assert ev.line(6).hits == {0, 1, 2}
    assert ev.line(7).hits == {2}
    assert [(r.number, len(r.hits)) for r in ev.lines] == [(1, 2), (2, 2), (3, 3), (4, 1), (5, 1),
                                                           (6, 3), (7, 1)]


def test_three_valued_logic_with_undetermined_headings():
    records = [rec("pain", "x"), rec("pain", "x", mesh=[MeshHeading("Humans")]),
               rec("pain", "x", mesh=[MeshHeading("Animals")])]
    ev = evaluate("1 pain.ti.\n2 Humans/\n3 1 and 2\n4 1 not 2\n5 1 or 2", records)
    assert (ev.line(3).hits, ev.line(3).undetermined) == ({1}, {0})
    assert (ev.line(4).hits, ev.line(4).undetermined) == ({2}, {0})
    assert (ev.line(5).hits, ev.line(5).undetermined) == ({0, 1, 2}, set())


def test_limits_language_year_humans_publication_type():
    records = [rec("pain", "x", language=["eng"], year=2005, mesh=[MeshHeading("Humans")],
                   publication_types=["Randomized Controlled Trial"]),
               rec("pain", "x", language=["fre"], year=1999, mesh=[MeshHeading("Animals")],
                   publication_types=["Review"]),
               rec("pain", "x")]
    s = ("1 pain.ti.\n2 limit 1 to english language\n3 limit 1 to yr=\"2000 - 2010\"\n"
         "4 limit 1 to humans\n5 limit 1 to randomized controlled trial\n"
         "6 limit 1 to yr=\"1990 -Current\"")
    ev = evaluate(s, records)
    for line in (2, 3, 4, 5):
        assert (ev.line(line).hits, ev.line(line).undetermined) == ({0}, {2}), line
    assert ev.line(6).hits == {0, 1}
    assert "LIMIT_DATA_MISSING" in {w.code for w in ev.warnings}


def test_unmodelled_limit_is_undetermined():
    # a real Ovid limit the tree does not model (an unknown one is an error: see below)
    ev = evaluate("1 pain.ti.\n2 limit 1 to full text", [rec("pain")])
    assert ev.line(2).hits == set() and ev.line(2).undetermined == {0}
    assert "LIMIT_NOT_EVALUATED" in {w.code for w in ev.warnings}


def test_bare_language_limit_is_a_language_filter():
    # Ovid takes `limit 1 to english` as the language limit (CLEF CD011787 lists languages)
    ev = evaluate("1 pain.ti.\n2 limit 1 to english",
                  [rec("pain", language=["eng"]), rec("pain", language=["fre"]), rec("pain")])
    assert (ev.line(2).hits, ev.line(2).undetermined) == ({0}, {2})


def test_unknown_limit_is_refused():
    with pytest.raises(StrategyParseError, match="UNKNOWN_LIMIT"):
        evaluate("1 pain.ti.\n2 limit 1 to englsh", [rec("pain")])


def test_strategy_with_errors_is_refused():
    with pytest.raises(StrategyParseError, match="line 1"):
        evaluate("1 (pain or.ti.", [rec("pain")])


def test_explosion_warnings_are_merged_into_one():
    ev = evaluate("1 exp Pain/\n2 exp Back Pain/\n3 pain.ti.\n4 exp Fatigue/", HEADING_RECORDS)
    exploded = [w for w in ev.warnings if w.code == "EXPLOSION_NOT_AVAILABLE"]
    assert [w.message.split(")")[0] for w in exploded] == ["3 exploded headings (lines 1-2, 4"]


def test_limit_to_any_of_several_languages():
    ev = evaluate("1 pain.ti.\n2 limit 1 to (danish or english)",
                  [rec("pain", language=["dan"]), rec("pain", language=["ger"]),
                   rec("pain", language=["English"]), rec("pain")])
    assert (ev.line(2).hits, ev.line(2).undetermined) == ({0, 2}, {3})
