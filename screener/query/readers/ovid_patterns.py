"""The shapes of an Ovid line's pieces: field suffixes and their typing slips, headings, line
combinations, hit counts and truncation symbols, as patterns. The Ovid scanner reads with them, and
so does the PubMed reader when an Ovid suffix is pasted into a PubMed query.
"""

from __future__ import annotations

import re

from screener.query.fields import OVID_FIELD_CODES
from screener.query.readers.lookalike import suggest_fields, swapped_everyday
from screener.query.tokens import QUOTES_DOUBLE

HIT_COUNT_RE = re.compile(r"\s\(\s*(\d[\d,]*)\s*\)\s*$")
# the range dash as Word and other editors write it too (en dash, minus sign, …): `or/1–3` pasted from a
# document is the range a person means; it is read so, with a warning that Ovid itself takes only '-'
TYPOGRAPHIC_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: a regex character class: any dash, the ASCII one and the typographic ones
ANY_DASH = f"[-{TYPOGRAPHIC_DASHES}]"
COMBINE_RE = re.compile(rf"(?i)(or|and)(?:\s*/\s*|\s+(?=\d+\s*{ANY_DASH}\s*\d+\s*$))"
                        rf"(\d+(?:\s*{ANY_DASH}\s*\d+)?(?:\s*,\s*\d+(?:\s*{ANY_DASH}\s*\d+)?)*)")
WORD_RE = re.compile(r"[^\s()\[\]" + QUOTES_DOUBLE + r"]+")
SUFFIX_ONLY_RE = re.compile(r"^\.\s*([a-z]{1,6}(?:\s*[,.]\s*[a-z]{1,6})*),?\s*(\.?)$", re.I)
SUFFIX_ATTACHED_RE = re.compile(r"^(.*?[^.\s])\.([a-z]{2,3}(?:,[a-z]{2,3})*),?(\.?)$", re.I)
#: `pain.tiab.`, `back.ab,xx.`: what Ovid reads as a word and a field suffix, whatever the codes
#: (a final dot or a comma list makes it a suffix; unknown codes are UNKNOWN_FIELD errors)
#: `english.la`, `pain.tiab`, `pain.mp3`: a word of three or more characters and one unknown code
#: without the final dot (shorter stems are abbreviations: `e.g`, `s.aureus`, `ph.d`)
NODOT_CODE_RE = re.compile(r"^(.{2,}[A-Za-z*$?#\"')\]])\.([a-z]{2,4}\d?)$", re.I)
#: `(…).mp3`: a suffix alone whose code has a digit in it
DIGIT_CODE_RE = re.compile(r"^\.([a-z]{2,4}\d+)(\.?)$", re.I)
LOOSE_SUFFIX_RE = re.compile(r"^(.*?[^.\s,])\.([a-z]{1,6}(?:,[a-z]{1,6})*)(,?)(\.?)$", re.I)
#: `word[tiab]`, `"a b"[mh]`: a PubMed tag (or something shaped like one) in an Ovid strategy
TAG_LIKE_RE = re.compile(r"^[a-z][a-z /:~0-9]{0,30}$", re.I)
#: a suffix of known codes mistyped — another separator between the codes (`pain.ti;ab.`, `.ti.ab.`,
#: `.ti/ab.`), ':' or two dots before them (`pain:ti,ab`, `..mp.`), two dots or ';' after them
#: (`.ti,ab..`, `.mp;`): alone after a group or phrase, or glued to a word; without this some were
#: searched as one literal word (`'pain.ti;ab.'[tw]`) and some read silently
_SLIP_CODES = r"(?P<codes>[a-z]{2,3}(?:[,;:./]+[a-z]{2,3})*)(?P<end>[.,;:]{2}|[.,;:]?)$"
SUFFIX_SLIP_RE = re.compile(r"^(?P<lead>\.\.|[.:])" + _SLIP_CODES, re.I)
ATTACHED_SLIP_RE = re.compile(r"^(?P<word>.*?[^.\s,;:/])(?P<lead>\.\.|[.:])" + _SLIP_CODES, re.I)
ADJ_SPACED_RE = re.compile(r"\s+(\d{1,3})(?=\s+[^\s()]|\s*\()")
S_REFS_LINE_RE = re.compile(r"(?i)^\s*(?:#?\d+[.):]?\s+)?(?:[s#]?\d+\s+(?:and|or|not)\s+)+[s#]?\d+\s*$")
BARE_SUFFIX_RE = re.compile(r"\s*([A-Za-z]{2,3}(?:\s*,\s*[A-Za-z]{2,3})*)(\.?)(?=[\s)\[]|$)")
FINAL_DOT_RE = re.compile(r"\s*\.(?=[\s)\[]|$)")
MORE_SUBS_RE = re.compile(r"\s*([A-Za-z]{2}(?:,[A-Za-z]{2})*)(,?)(?=[\s)\[]|$)")
NONSPACE_RE = re.compile(r"\S")
HASH_REF_RE = re.compile(r"#\d+")
SUBS_RE = re.compile(r"^([a-z]{2}(?:,[a-z]{2})*)(,?)$")
PAREN_IN_HEADING_RE = re.compile(r"\([^()\s][^()]*\)/[A-Za-z,]*")
#: `Poly(ADP-ribose) Polymerase Inhibitors/`: a parenthesis glued inside a heading's word
GLUED_PAREN_IN_HEADING_RE = re.compile(r"(\([^()\s]+\))[^()\[\]\"/]*/")
OPERATOR_WORD_RE = re.compile(r"(?i)(?<![\w-])(or|and|not|adj\d*)(?![\w-])")
TRUNCATED_HIT_RE = re.compile(r"\s\(\s*\d*\s*$")
MORE_CODES_RE = re.compile(r"\s*[,.]?\s*([A-Za-z]{2}(?:,[A-Za-z]{2})*)\s*(\.?)(?=[\s)\[]|$)")
BARE_CODES_RE = re.compile(r"^([a-z]{2,3}(?:,[a-z]{2,3})*)(\.?)$", re.I)
ADJ_RE = re.compile(r"^adj(\d*)$", re.I)
#: `pain .m.p.`, `pain.t.w.`: a '.' typed inside a two-letter field code (two unknown codes before)
SPLIT_CODE_RE = re.compile(r"^(?P<word>(?:.*[^.\s])?)\.(?P<a>[a-z])\.(?P<b>[a-z])(?P<end>\.?)$", re.I)
#: `Skin/.ti,ab.`, `Skin/.ti.ab.`: a heading (with or without subheadings) and a field suffix glued to it
HEAD_THEN_SUFFIX_RE = re.compile(r"^(?P<head>.*[^/\s]/(?:[a-z]{2}(?:,[a-z]{2})*)?)(?P<suffix>[.:][a-z.,;:/]+)$", re.I)
#: Ovid's third unlimited truncation symbol, beside `*` and `$`: `random:`, `age:.tw.`
COLON_TRUNCATION_RE = re.compile(r"(?<=[^\W\d_]):$")
#: `… and (limit to english language)`: Ovid's limit command written inside a search line
INLINE_LIMIT_RE = re.compile(r"limit\s+(?:(\d+)\s+)?to\s+(?=\S)", re.I)


def field_codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip().lower() for c in re.split(r"[,.]", text) if c.strip())





def suffix_slip(m: re.Match) -> tuple[str, tuple[str, ...], str, str] | None:
    """Of a ``SUFFIX_SLIP_RE`` or ``ATTACHED_SLIP_RE`` match: (the word before the suffix, the codes
    meant, the suffix as written, what is wrong with it), or None when it is no slip (a code
    unknown, a decimal number before it, nothing but commas between the codes)."""
    codes = tuple(dict.fromkeys(c.lower() for c in re.split(r"[,;:./]+", m.group("codes"))))
    odd = [sep for sep in re.findall(r"[,;:./]+", m.group("codes")) if sep != ","]
    lead, end = m.group("lead"), m.group("end")
    word = m.groupdict().get("word") or ""
    if not all(c in OVID_FIELD_CODES for c in codes) or "." in word and word.replace(".", "").isdigit():
        return None
    if lead == ":":
        how = "starts with ':'"
    elif lead == "..":
        how = "starts with two dots"
    elif odd:
        how = f"separates its codes with '{odd[0]}'"
    elif end == "..":
        how = "ends with two dots"
    elif end in (";", ":") or len(end) == 2 and end != ",.":
        # `.ti,ab,,`, `.ti,ab.,`: searched as the literal word `pain.ti,ab,,` before (`.ti,ab,.` Ovid reads)
        how = f"ends with '{end}'"
    else:
        return None
    return word, codes, f"{lead}{m.group('codes')}{end}", how



def no_dot_note(codes: str, word: str) -> str:
    """SUFFIX_WITHOUT_DOT's words: a comma typed where the final dot goes is named (`pain.ti,ab,`)."""
    if word.rstrip().endswith(","):
        return f"field suffix .{codes}, ends with ',' where its final dot goes; Ovid writes .{codes}. (accepted)"
    return f"field suffix .{codes} without its final dot (accepted)"


def check_codes(p, codes, line, col) -> tuple[str, ...]:
    """The known codes of a suffix; each unknown one is an UNKNOWN_FIELD error."""
    for c in codes:
        if c in OVID_FIELD_CODES and (meant := swapped_everyday(c)):
            # `.ti,ba.`: a real but rare code, and the everyday one with two letters swapped
            as_meant = ",".join(meant if k == c else k for k in codes)
            p.add("FIELD_LOOKALIKE", f"field code .{c}. is .{meant}. with its letters swapped (.{c}. is a rare Ovid "
                  f"field, in few databases): did you mean .{as_meant}.? (read as written)", line, col)
        if c not in OVID_FIELD_CODES:
            hint = suggest_fields(c, OVID_FIELD_CODES)
            # the whole suffix to write (`.ti,aab.` → .ti,ab.), not the one code alone
            whole = [",".join(dict.fromkeys(x for k in codes for x in (h.split(",") if k == c else [k]))) for h in hint]
            mean = f" (did you mean {' or '.join('.' + h + '.' for h in whole)}?)" if hint else ""
            rest = [k for k in codes if k in OVID_FIELD_CODES]
            where = (f"searched in .{','.join(rest)}. only" if rest
                     else "the term is searched in the default fields (.mp.)")
            p.add("UNKNOWN_FIELD", f"field code .{c}. is not an Ovid field code{mean}; "
                  f"{where}", line, col)
    return tuple(c for c in codes if c in OVID_FIELD_CODES)


#: Embase.com's `[humans]/lim`, `[english]/lim`, `[2000-2015]/py` (read in Ovid strategies too)
EMBASE_LIMIT_RE = re.compile(r"\[(?:(?P<name>[A-Za-z][A-Za-z \-]*)\]/lim|(?P<first>\d{4})\s*-\s*(?P<last>\d{4})\]/py)\b",
                             re.I)


_BARE_DOLLAR_RE = re.compile(r"\$(?!\d)")


def normalise_wildcards(word: str) -> str:
    # Ovid `$` alone is unlimited truncation, the same as `*`; `$N` stays (at most N characters)
    return _BARE_DOLLAR_RE.sub("*", word) if "$" in word else word
