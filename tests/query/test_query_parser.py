"""The Ovid and PubMed readers: one test per construct the issue names, exact trees and positions."""

from __future__ import annotations

import pytest

from screener.errors import StrategyParseError
from screener.query import parse, parse_or_raise, translate
from screener.query.nodes import BoolOp, Heading, Limit, LineRef, Proximity, Term


def node(text: str, read: str = "ovid"):
    s = parse(text, read)
    return s.final.node


def codes(text: str, read: str = "ovid") -> list[str]:
    return [p.code for p in parse(text, read).problems]


@pytest.mark.parametrize("text", [
    "1. cat.ti.\n2. dog.ti.\n3. 1 or 2",
    "1 cat.ti.\n2 dog.ti.\n3 1 or 2",
    "#1 cat.ti.\n#2 dog.ti.\n#3 1 or 2",
    "1\tcat.ti.\n\n2\tdog.ti.\n\n3\t1 or 2\n",
    "// a comment\ncat.ti.\n   // indented comment\ndog.ti.\n1 or 2",
    "cat.ti. (1234)\ndog.ti. (987)\n1 or 2 (2000)",
    "1 cat.ti.\n2 dog.ti.\n3 1 OR 2",
    "1 cat.ti.\n2 dog.ti.\n3 or/1-2",
    "1 cat.ti.\n2 dog.ti.\n3 OR/1,2",
    "1 cat.ti.\n2 dog.ti.\n3 #1 or #2",
    "cat.ti.\ndog.ti.\nOR 1-2",
])
def test_numbering_styles_and_line_references(text):
    s = parse(text)
    assert [ln.number for ln in s.lines] == [1, 2, 3]
    assert s.errors == []
    assert translate(text, write="pubmed").query == "(cat[ti] OR dog[ti])"


def test_combine_ranges_and_lists():
    text = "\n".join(f"{i} t{i}.ti." for i in range(1, 8)) + "\n8 or/1-3,5,6-7\n9 AND/1,3"
    s = parse(text)
    assert [r.number for r in s.line(8).node.operands] == [1, 2, 3, 5, 6, 7]
    assert s.line(8).node.combined == "or/1-3,5,6-7"
    assert s.line(9).node.op == "and" and [r.number for r in s.line(9).node.operands] == [1, 3]
    assert translate(text, write="ovid-medline").query.splitlines()[-2:] == ["8 or/1-3,5-7", "9 and/1,3"]


def test_words_containing_operators_and_numbers_are_terms():
    n = node("1 ornamental androids or adjust knot or notional or type 1 diabetes or android")
    assert isinstance(n, BoolOp) and n.op == "or"
    assert [t.text for t in n.operands] == ["ornamental androids", "adjust knot", "notional",
                                            "type 1 diabetes", "android"]
    assert all(isinstance(t, Term) for t in n.operands)


@pytest.mark.parametrize("text,fields,text_out", [
    ("term.ti.", ("ti",), "term"),
    ("term.ti", ("ti",), "term"),
    ("term .tw.", ("tw",), "term"),
    ("term.ti,ab.", ("ti", "ab"), "term"),
    ("term.TI,AB.", ("ti", "ab"), "term"),
    ("term.ti,ab,kf.", ("ti", "ab", "kf"), "term"),
    ("term. ti,ab", ("ti", "ab"), "term"),
    ("term.mp.", ("mp",), "term"),
    ("term", ("mp",), "term"),
    ("Genotype MTBDR*.ti,ab", ("ti", "ab"), "Genotype MTBDR*"),
    ("(a or b).ti,ab.", ("ti", "ab"), None),
    ("(a or b) .ti,ab.", ("ti", "ab"), None),
    ("(a or b).ti. ab .", ("ti", "ab"), None),
])
def test_field_suffixes(text, fields, text_out):
    n = node(text)
    terms = [x for x in n.walk() if isinstance(x, Term)]
    assert all(t.fields == fields for t in terms)
    if text_out:
        assert terms[0].text == text_out


def test_suffix_binds_to_last_operand_of_unparenthesised_or():
    n = node("emic or etic.ti,ab")
    assert [t.fields for t in n.operands] == [("mp",), ("ti", "ab")]
    assert [t.implicit for t in n.operands] == [True, False]
    assert "SUFFIX_SCOPE" in codes("emic or etic.ti,ab")


def test_suffix_after_adjacency_covers_both_words():
    n = node("focus adj3 group*.ti,ab")
    assert isinstance(n, Proximity) and n.distance == 3 and not n.ordered
    assert [t.fields for t in n.operands] == [("ti", "ab"), ("ti", "ab")]


@pytest.mark.parametrize("text,name,explode,major,subs", [
    ("exp Qualitative Research/", "Qualitative Research", True, False, ()),
    ("Qualitative Research/", "Qualitative Research", False, False, ()),
    ("*Back Pain/", "Back Pain", False, True, ()),
    ("exp *Back Pain/", "Back Pain", True, True, ()),
    ("EXP BACK PAIN/", "Back Pain", True, False, ()),
    ("Mothers/px", "Mothers", False, False, ("psychology",)),
    ("exp *Back Pain/th", "Back Pain", True, True, ("therapy",)),
    ("exp Dementia/bl, cf [Blood, Cerebrospinal Fluid]", "Dementia", True, False,
     ("blood", "cerebrospinal fluid")),
    ('exp "Attention Deficit and Disruptive Behavior Disorders"/',
     "Attention Deficit and Disruptive Behavior Disorders", True, False, ()),
    ("respiratory syncytial virus, human/", "Respiratory Syncytial Virus, Human", False, False, ()),
    ("Power (Psychology)/", "Power (Psychology)", False, False, ()),
    ("humans.sh.", "Humans", False, False, ()),
    ("CONTRACEPTION/ EXP", "Contraception", True, False, ()),
])
def test_headings(text, name, explode, major, subs):
    n = node(text)
    assert isinstance(n, Heading)
    assert (n.name, n.explode, n.major, n.subheadings) == (name, explode, major, subs)


def test_slash_operator_without_space_is_not_a_subheading():
    n = node("EXP BACK PAIN/OR EXP CHRONIC PAIN/")
    assert n.op == "or" and [h.name for h in n.operands] == ["Back Pain", "Chronic Pain"]


def test_slash_inside_a_word_is_a_term():
    n = node("HIV/AIDS.ti,ab.")
    assert isinstance(n, Term) and n.text == "HIV/AIDS"


def test_proximity_chain_and_ordered_adjacency():
    n = node("(optic adj2 nerve$ adj2 head).tw.")
    assert isinstance(n, Proximity) and [t.text for t in n.operands] == ["optic", "nerve*", "head"]
    assert n.distance == 2
    n = node("(action adj research).ti,ab.")
    assert n.ordered and n.distance == 1


@pytest.mark.parametrize("word,canonical", [
    ("psychotherap$", "psychotherap*"), ("child$1", "child$1"), ("wom#n", "wom#n"),
    ("colo?r", "colo?r"), ("theor*", "theor*"),
])
def test_wildcards_kept_in_canonical_notation(word, canonical):
    assert node(f"{word}.ti.").text == canonical


def test_term_regex_for_an_evaluator():
    import re
    assert re.search(node("colo?r.ti.").regex(), "the color red", re.I)
    assert re.search(node("colo?r.ti.").regex(), "the colour red", re.I)
    assert not re.search(node("wom#n.ti.").regex(), "the womn", re.I)
    assert re.search(node('"mini mental stat*".ti.').regex(), "Mini-Mental State", re.I)
    assert not re.search(node("child$1.ti.").regex(), "children", re.I)


@pytest.mark.parametrize("text,phrase", [
    ('"face to face".ti.', "face to face"),
    ("“face to face”.ti.", "face to face"),
    ("“Aspergillus\".ti.", "Aspergillus"),
])
def test_quoted_phrases(text, phrase):
    n = node(text)
    assert n.phrase and n.text == phrase


def test_limits():
    s = parse('1 back pain.ti,ab.\n2 limit 1 to (english language and humans and yr="2010 -Current")')
    lim = s.line(2).node
    assert isinstance(lim, Limit) and isinstance(lim.operand, LineRef) and lim.operand.number == 1
    assert [(f.kind, f.value) for f in lim.filters] == [
        ("language", "english"), ("humans", None), ("year", (2010, None))]
    assert [(f.line, f.col) for f in lim.filters] == [(2, 15), (2, 36), (2, 47)]
    lim = parse("1 a.ti.\n2 limit 1 to ED=19460101-20180815").line(2).node
    assert [(f.kind, f.value) for f in lim.filters] == [("entry_date", ("19460101", "20180815"))]


def test_history_residue_is_removed_with_a_note():
    s = parse("1 term.mp. [mp=title, abstract] (1234)\n2 15 and 1 [Block A AND Block B]")
    assert [p.code for p in s.problems] == ["ANNOTATION_IGNORED", "HIT_COUNT_IGNORED",
                                            "BAD_LINE_REFERENCE", "ANNOTATION_IGNORED"]
    assert s.line(1).node.text == "term"


def test_positions_are_one_based_physical_line_and_column():
    s = parse("// comment\n\n1 cat.ti.\n2  (dog or\tcow).ti.")
    assert (s.line(1).node.line, s.line(1).node.col) == (3, 3)
    dog, cow = s.line(2).node.operands
    assert (dog.line, dog.col, cow.line, cow.col) == (4, 5, 4, 12)


def test_all_problems_of_a_strategy_are_collected_in_one_run():
    s = parse('1 (a or b.ti.\n2 c) or "d\n3 7 or 1\n4 exp\n5 x.ti. adj3')
    assert [(p.code, p.line, p.col) for p in s.errors] == [
        ("UNBALANCED_PARENTHESIS", 1, 3), ("UNBALANCED_PARENTHESIS", 2, 4),
        ("UNBALANCED_QUOTE", 2, 9), ("BAD_LINE_REFERENCE", 3, 3),
        ("HEADING_SYNTAX", 4, 3), ("EMPTY_GROUP", 5, 9)]
    with pytest.raises(StrategyParseError) as exc:
        parse_or_raise('1 (a or b.ti.\n2 c) or "d\n3 7 or 1\n4 exp\n5 x.ti. adj3')
    assert len(exc.value.problems) == len(s.problems)
    assert str(exc.value).startswith("line 1, column 3: UNBALANCED_PARENTHESIS")


def test_problem_format_shows_the_line_and_a_caret():
    s = parse("1 (a or b.ti.")
    assert s.errors[0].format(s.source, "x.ovid") == (
        "x.ovid:1:3: error UNBALANCED_PARENTHESIS: this parenthesis is never closed (closed at the "
        "end of the line): add its ')' where the group ends\n    1 (a or b.ti.\n      ^")


def test_mixed_operators_are_flagged_and_read_with_ovid_precedence():
    # Ovid: AND is processed before NOT, OR last
    n = node("a or b not c and d")
    assert n.op == "or" and n.operands[1].op == "not" and n.operands[1].operands[1].op == "and"
    assert codes("a or b not c and d") == ["MIXED_OPERATORS"]
    assert translate("a.ti. not b.ti. and c.ti.", write="pubmed").query == "(a[ti] NOT (b[ti] AND c[ti]))"


# ------------------------------------------------------------------ PubMed


def test_pubmed_terms_tags_headings_and_proximity():
    n = node('"focus group"[tiab:~2] OR Back Pain[mh] OR "Sepsis/blood"[Mesh:NoExp] OR '
             'heidegger*[Title/Abstract] OR van OR "Humans"[majr]', "pubmed")
    prox, back, sepsis, heid, van, hum = n.operands
    assert isinstance(prox, Proximity) and prox.distance == 3 and [t.text for t in prox.operands] == ["focus", "group"]
    assert (back.name, back.explode) == ("Back Pain", True)
    assert (sepsis.name, sepsis.explode, sepsis.subheadings) == ("Sepsis", False, ("blood",))
    # [tiab] is title, abstract and author keywords (fields.PUBMED_FIELDS)
    assert heid.fields == ("ti", "ab", "kf") and van.fields == ("atm",) and van.implicit
    assert hum.major and hum.explode


def test_pubmed_reads_left_to_right():
    n = node("a[ti] OR b[ti] AND c[ti]", "pubmed")
    assert n.op == "and" and n.operands[0].op == "or"
    assert codes("a[ti] OR b[ti] AND c[ti]", "pubmed") == ["MIXED_OPERATORS"]


def test_pubmed_history_lines_labels_and_continuations():
    s = parse("1. Population\na[ti]\nb[ti]\n#1 OR #2\n(c[ti]\nOR d[ti])", "pubmed")
    assert [ln.number for ln in s.lines] == [1, 2, 3, 4]
    assert [p.code for p in s.problems] == ["LABEL_IGNORED", "UNUSED_LINES"]    # lines 1-3: the final line is 4
    assert translate("a[ti]\nb[ti]\n#1 OR #2", "pubmed", "pubmed").query == "a[ti] OR b[ti]"   # no parentheses around the whole
    assert translate("a[ti]\nb[ti]\n#1 OR #2", "pubmed", "ovid-medline").query == \
        "1 a.ti.\n2 b.ti.\n3 1 or 2"


def test_pubmed_to_ovid_maps_tags_back():
    t = translate('"lived experience"[tiab:~2] OR Back Pain[mh:noexp] OR sleep[tw] OR x', "pubmed",
                  "ovid-medline")
    assert t.query == '1 (lived adj3 experience).ti,ab,kf. or Back Pain/ or sleep.mp. or x'
    assert [w.code for w in t.warnings] == ["FIELD_APPROXIMATED"]


def test_operator_word_inside_an_exploded_heading():
    n = node("exp Signs and Symptoms, Digestive/ or *Signs and Symptoms/")
    assert [(h.name, h.explode, h.major) for h in n.operands] == [
        ("Signs and Symptoms, Digestive", True, False), ("Signs and Symptoms", False, True)]
    assert translate("exp Signs and Symptoms/", write="ovid-medline").query == \
        '1 exp "Signs and Symptoms"/'


def test_numbered_blocks_joined_by_operator_lines():
    s = parse("1. Foo.ti.\nAND\n2. Bar.ti.\nAND\n3. Baz.ti.")
    assert len(s.lines) == 1 and s.errors == []
    assert translate("1. Foo.ti.\nAND\n2. Bar.ti.", write="pubmed").query == "(Foo[ti] AND Bar[ti])"


# ---- fixes found by the translation oracle (issue 10) --------------------------------------------

def test_numbered_pubmed_history_lines():
    # before: `1 pain[tiab]` was the phrase "1 pain"; `#1 pain[tiab]` gave BAD_LINE_REFERENCE
    for text in ("1 pain[tiab]\n2 back[tiab]\n3 #1 AND #2",
                 "#1 pain[tiab]\n#2 back[tiab]\n#3 #1 AND #2",
                 "1. pain[tiab]\n2. back[tiab] OR\nlumbar[tiab]\n3. #1 AND #2"):
        s = parse(text, "pubmed")
        assert s.problems == [], text
        assert [ln.number for ln in s.lines] == [1, 2, 3]
        assert [t.text for t in s.lines[0].node.walk() if isinstance(t, Term)] == ["pain"]
        assert (s.lines[0].line, s.lines[0].col) == (1, text.index("pain") + 1)
    assert translate("#1 pain[tiab]\n#2 back[tiab]\n#3 #1 AND #2", "pubmed", "pubmed").query == \
        "pain[tiab] AND back[tiab]"
    assert translate("1 pain[tiab]\n2 back[tiab]\n3 #1 AND #2", "pubmed", "ovid-medline").query == \
        "1 pain.ti,ab,kf.\n2 back.ti,ab,kf.\n3 1 and 2"


def test_pubmed_terms_starting_with_numbers_are_not_line_numbers():
    assert node("5 fluorouracil[tiab]", "pubmed").text == "5 fluorouracil"
    assert node('"type 1 diabetes"[tiab]', "pubmed").text == "type 1 diabetes"
    s = parse("2019 guideline[tiab]\n2020 guideline[tiab]", "pubmed")
    assert [ln.node.text for ln in s.lines] == ["2019 guideline", "2020 guideline"]
    s = parse("a[ti]\nb[ti]\n#1 OR #2", "pubmed")   # a reference, not a number, starts line 3
    assert [type(ln.node).__name__ for ln in s.lines] == ["Term", "Term", "BoolOp"]
    assert parse("1 \"type 2 diabetes\"[tiab]\n2 #1 AND 2 drugs[tiab]", "pubmed").lines[1].node \
        .operands[1].text == "2 drugs"


def test_original_title_per_target():
    assert translate("1 thecoma*.ot.", write="pubmed").query == "thecoma*[tt]"
    assert translate("1 thecoma*.ot.", write="pubmed").warnings == []
    for target, query in (("scopus", "TITLE(thecoma*)"), ("wos", "TI=thecoma*")):
        t = translate("1 thecoma*.ot.", write=target)
        assert t.query == query and [w.code for w in t.warnings] == ["FIELD_APPROXIMATED"]
    assert node("thecoma[tt]", "pubmed").fields == ("ot",)
    assert node("thecoma[ot]", "pubmed").fields == ("kf",)


def test_tiab_field_table_is_shared_by_reader_and_compiler():
    from screener.query.fields import PUBMED_FIELDS
    assert PUBMED_FIELDS["tiab"][0] == ("ti", "ab", "kf")
    assert node("pain[tiab]", "pubmed").fields == ("ti", "ab", "kf")
    for suffix in (".ti,ab,kf.", ".tw,kf.", ".ti,ab,kw.", ".ab,ti,kf."):
        t = translate(f"1 pain{suffix}", write="pubmed")
        assert (t.query, t.warnings) == ("pain[tiab]", []), suffix
    for suffix, note in ((".ti,ab.", "it also searches author keywords (broader)"),
                         (".tw.", "it also searches author keywords (broader)"),
                         (".ab.", "PubMed has no abstract-only tag; it also searches title, "
                                  "author keywords (broader)")):
        t = translate(f"1 pain{suffix}", write="pubmed")
        assert t.query == "pain[tiab]"
        assert [(w.code, w.message) for w in t.warnings] == [
            ("FIELD_APPROXIMATED", f"{suffix} searched as [tiab]: {note}")], suffix


def test_field_approximation_reported_once_per_line():
    t = translate("1 (pain or ache or sore*).ti,ab.\n2 back.ti,ab.\n3 1 or 2", write="pubmed")
    assert [(w.line, w.col, w.message.endswith("(3 places on this line)"))
            for w in t.warnings] == [(1, 4, True), (2, 3, False)]


def test_unknown_limit_is_a_strategy_error_with_position():
    # before: `limit 1 to englsh` passed `check`; only `translate` refused it
    s = parse("1 pain.ti.\n2 limit 1 to (humans and englsh)")
    assert [(p.code, p.severity, p.line, p.col) for p in s.problems] == [
        ("UNKNOWN_LIMIT", "error", 2, 26)]
    # real Ovid limits that the tree does not model are not errors of the strategy
    for spec in ("english", "(danish or english or french)", '"reviews (maximizes specificity)"',
                 "(humans and clinical trial/all)", "full text", "last 5 years"):
        assert parse(f"1 pain.ti.\n2 limit 1 to {spec}").problems == [], spec
    s = parse("1 pain.ti.\n2 limit 1 to english")
    assert [(f.kind, f.value) for f in s.lines[1].node.filters] == [("language", "english")]


def test_proximity_over_tiab_and_transliterated_title():
    # before: .tw,ot. proximity fell back to AND everywhere; now proximity stays in [tiab]
    t = translate("1 (gamma adj3 (camera or probe)).tw,ot.", write="pubmed")
    assert t.query == ('(("gamma camera"[tiab:~2] OR "gamma probe"[tiab:~2]) OR '
                       '(gamma[tt] AND (camera[tt] OR probe[tt])))')
    assert sorted({w.code for w in t.warnings}) == [
        "FIELD_APPROXIMATED", "PROXIMITY_DEGRADED", "PROXIMITY_DISTRIBUTED"]


def test_limit_to_any_of_several_languages():
    # CLEF CD011787: `limit 102 to (danish or english or french or norwegian or swedish)`
    src = "1 pain.ti.\n2 limit 1 to (danish or english or french)"
    lim = parse(src).lines[1].node
    assert [(f.kind, f.value) for f in lim.filters] == [("language", ("danish", "english", "french"))]
    assert translate(src, write="pubmed").query == \
        "(pain[ti] AND (danish[la] OR english[la] OR french[la]))"
    assert translate(src, write="ovid-medline").query == \
        "1 pain.ti.\n2 limit 1 to (danish or english or french)"
    assert translate(src, write="wos").query == \
        "(TI=pain AND (LA=(Danish) OR LA=(English) OR LA=(French)))"
