"""Ovid's limits: ``limit N to …`` filters read into ``Filter`` nodes, the languages and
publication types they may name, and the Ovid limit line a foreign limit means (for messages)."""

from __future__ import annotations

import re
from typing import cast

from screener.query.nodes import Filter
from screener.query.readers.inline_limits import PUBMED_DATE_TAGS, date_range, embase_limit, unknown_embase_limit
from screener.query.tokens import QUOTES_DOUBLE, Problems, Token

#: languages of MEDLINE/Embase/PsycINFO records, as Ovid's language limit takes them
#: (``limit 1 to english`` is the same as ``limit 1 to english language``)
LANGUAGES = frozenset("""
afrikaans albanian arabic armenian azerbaijani bosnian bulgarian catalan chinese croatian czech
danish dutch english esperanto estonian finnish french georgian german greek hebrew hindi
hungarian icelandic indonesian italian japanese korean latin latvian lithuanian macedonian
malay norwegian persian polish portuguese romanian russian serbian slovak slovenian spanish
swedish thai turkish ukrainian urdu vietnamese welsh
""".split())

#: publication types a limit may name (kind ``publication_type``; MEDLINE's names)
PUBLICATION_TYPES = frozenset({
    "randomized controlled trial", "clinical trial", "meta analysis", "systematic review",
    "review", "controlled clinical trial", "comparative study", "case reports"})

#: Ovid limits this reader recognises but does not model (kind ``unknown``: the Ovid targets keep
#: them as written, the others refuse them with LIMIT_UNSUPPORTED). Anything else is
#: UNKNOWN_LIMIT, an error of the strategy itself. (Ovid MEDLINE, Embase and PsycINFO limit
#: names; Ovid's Clinical Queries filters; ``X/all`` publication-type groups.)
OVID_LIMITS_UNMODELLED = frozenset({
    "abstracts", "full text", "ovid full text available", "male", "female", "english abstracts",
    "core clinical journals (aim)", "dental journals", "nursing journals", "medline",
    "pubmed-not-medline", "in process", "embase", "conference abstract", "conference abstract status",
    "conference abstracts",   # Embase: `limit 43 to conference abstracts`, as a published strategy ran it
    "article", "article in press", "review articles", "journal article", "clinical study",
    # Embase's other publication types, limits there (`limit 2 to (conference abstract or conference paper or
    # "conference review")` in an exported history, 3,436 hits)
    "conference paper", "conference review", "editorial", "erratum", "letter", "note", "short survey",
    "book", "chapter", "data papers", "preprint",
    "latest update", "in data review", "publisher", "evidence based medicine reviews",
    "cochrane library", "humans and animals", "exclude medline journals", "preprints",
    "newborn infant (birth to 1 month)", "infant (1 to 23 months)",
    "preschool child (2 to 5 years)", "child (6 to 12 years)", "adolescent (13 to 18 years)",
    "all infant (birth to 23 months)", "all child (0 to 18 years)", "all adult (19 plus years)",
    "young adult (19 to 24 years)", "adult (19 to 44 years)", "young adult and adult (19-24 and 19-44)",
    "middle age (45 to 64 years)", "middle aged (45 plus years)", "all aged (65 and over)",
    "aged (80 and over)", "childhood <birth to 12 years>", "adolescence <13 to 17 years>",
    "adulthood <18+ years>", "young adulthood <18 to 29 years>", "aged <65 years & older>",
})
_LIMIT_SHAPES = (
    re.compile(r".+ \((maximizes (sensitivity|specificity)|best balance of sensitivity and "
               r"specificity|minimize difference between sensitivity and specificity)\)"),
    re.compile(r"[a-z][a-z &-]*/all"),                       # clinical trial/all
    re.compile(r"last \d+ (years?|months?|weeks?|days?)"),
    re.compile(r"(dt|dc|dd|ud|up|yr|ed|rd|ez|da)\s*=.+"),    # date and year limits not modelled (dd: Embase's date delivered)
)


def unknown_limit(text: str) -> str:
    """The UNKNOWN_LIMIT message for the Ovid limit value ``text``."""
    return (f"limit {text!r} is not an Ovid limit this reader knows (e.g. english language, humans, "
            "yr=\"2000 -Current\", ed=20000101-20201231, randomized controlled trial); check its spelling")


def known_limit(text: str) -> bool:
    """Is ``text`` (one limit value) an Ovid limit this reader recognises? A parenthesised
    ``or`` list (``(danish or english)``) is known when each of its values is."""
    low = " ".join(text.lower().split()).strip('"')
    if low.startswith("(") and low.endswith(")"):
        low = low[1:-1].strip()
    parts = re.split(r"\s+or\s+", low)
    if len(parts) > 1:
        return all(known_limit(p) for p in parts)
    if low in OVID_LIMITS_UNMODELLED or low in LANGUAGES or low in PUBLICATION_TYPES:
        return True
    if (m := re.fullmatch(r"([a-z]+) language", low)) and m.group(1) in LANGUAGES:
        return True
    if low in ("humans", "human", "animals", "animal"):
        return True
    return any(rx.fullmatch(low) for rx in _LIMIT_SHAPES)


def parse_filter(text: str, line: int, col: int) -> Filter:
    t = " ".join(text.split())
    low = t.lower()
    if (m := re.fullmatch(r"([a-z]+) language", low)) and m.group(1) in LANGUAGES:
        return Filter(line, col, "language", m.group(1), t)
    if low in LANGUAGES:
        return Filter(line, col, "language", low, t)
    if low in ("humans", "human"):
        return Filter(line, col, "humans", None, t)
    if low in ("animals", "animal"):
        return Filter(line, col, "animals", None, t)
    if low in ("female", "male"):     # MEDLINE's check tags Female, Male (Embase's limits of the same name)
        return Filter(line, col, "sex", low, t)
    if m := re.fullmatch(r'yr\s*=\s*"?\s*(\d{4})\s*-\s*(\d{4}|current)\s*"?', low):
        end = None if m.group(2) == "current" else int(m.group(2))
        return Filter(line, col, "year", (int(m.group(1)), end), t)
    if m := re.fullmatch(r'yr\s*=\s*"?\s*(\d{4})\s*"?', low):
        return Filter(line, col, "year", (int(m.group(1)), int(m.group(1))), t)
    # ed= (MEDLINE's entry date) and dc= (the date the record was created: Embase's, as an update search limits to
    # the records added since the last run; screener writes an Ovid Embase entry-date limit so)
    if m := re.fullmatch(r'(?:ed|dc)\s*=\s*"?\s*(\d{4,8})\s*-\s*(\d{4,8}|current)\s*"?', low):
        entered_by = None if m.group(2) == "current" else m.group(2)
        return Filter(line, col, "entry_date", (m.group(1), entered_by), t)
    if low.strip('"') in PUBLICATION_TYPES:
        return Filter(line, col, "publication_type", low.strip('"'), t)
    inner = low[1:-1].strip() if low.startswith("(") and low.endswith(")") else low
    names = [n.strip() for n in re.split(r"\s+or\s+", inner)]
    names = [n[: -len(" language")] if n.endswith(" language") else n for n in names]
    if len(names) > 1 and all(n in LANGUAGES for n in names):
        return Filter(line, col, "language", tuple(names), t)   # any of these languages
    return Filter(line, col, "unknown", t, t)



def ovid_limit_line(f: Filter) -> str:
    """The Ovid limit a foreign one means (``limit N to …``), for messages."""
    if f.kind == "year":
        first, last = cast("tuple[int, int | None]", f.value)     # the readers write (first, last)
        return f'limit N to yr="{first} - {last or "Current"}"'
    if f.kind == "language":
        return f"limit N to {f.value} language"
    if f.kind == "embase":
        return f"the Embase limit {f.value} (Ovid Embase: limit N to {f.value}; MEDLINE has none)"
    return f"limit N to {f.value if isinstance(f.value, str) else f.kind}"


def split_and(text: str) -> list[tuple[str, int]]:
    """Split a limit list on ` and ` outside quotes: [(piece, offset)]."""
    out, start, quoted, i = [], 0, False, 0
    while i < len(text):
        c = text[i]
        if c in QUOTES_DOUBLE:
            quoted = not quoted
        elif not quoted:
            m = re.match(r"\s+and\s+", text[i:], re.I)
            if m:
                out.append((text[start:i], start))
                i += m.end()
                start = i
                continue
        i += 1
    out.append((text[start:], start))
    return [(p.strip(), o + (len(p) - len(p.lstrip()))) for p, o in out if p.strip()]


def embase_limit_tokens(p: Problems, m: re.Match, line: int, col: int) -> list[Token]:
    """Embase.com's limit syntax in an Ovid strategy: the limit it names (FOREIGN_SYNTAX),
    folded into the line it is ANDed with; an unknown ``[x]/lim`` is UNKNOWN_LIMIT."""
    written = m.group(0)
    if m.group("first"):
        flt = Filter(line, col, "year", (int(m.group("first")), int(m.group("last"))), written)
    else:
        found = embase_limit(m.group("name"), LANGUAGES)
        if found is None:
            p.add("UNKNOWN_LIMIT", unknown_embase_limit(m.group("name"), LANGUAGES), line, col)
            return [Token("FILTER", Filter(line, col, "unknown", m.group("name"), written), line, col)]
        flt = Filter(line, col, found[0], found[1], written)
    p.add("FOREIGN_SYNTAX", f"Embase.com limit {written} in an Ovid strategy; read as "
               f"{ovid_limit_line(flt)} of the search it is ANDed with", line, col)
    return [Token("FILTER", flt, line, col)]

def pubmed_date_token(p: Problems, toks: list[Token], text: str, i: int, j: int) -> Token | None:
    """PubMed's `2000:2015[dp]` in an Ovid strategy: the publication years (FOREIGN_SYNTAX),
    as `limit N to yr="2000 - 2015"`, folded into the line it is ANDed with; the word before
    the tag is replaced by the limit. None: not a date range before a PubMed date tag."""
    inner = " ".join(text[i + 1:j - 1].split()).lower() if text[j - 1:j] == "]" else None
    if inner not in PUBMED_DATE_TAGS or not toks or toks[-1].kind != "WORD":
        return None
    word = toks[-1]
    found = date_range(str(word.value))
    if found is None:
        return None
    first, last, days = found
    written = f"{word.value}{text[i:j]}"
    flt = Filter(word.line, word.col, "year", (first, last), written)
    if days:
        p.add("LIMIT_APPROXIMATED", f"{written} read as the publication years {first}-"
                   f"{last or 'Current'}: the months and days are not kept (broader)", word.line, word.col)
    p.add("FOREIGN_SYNTAX", f"PubMed date range {written} in an Ovid strategy; read as "
               f"{ovid_limit_line(flt)} of the search it is ANDed with", word.line, word.col)
    return Token("FILTER", flt, word.line, word.col)
