"""Field normalisation for matching: what two exports of one paper disagree on, made equal.

Every function here is pure and total: any input string (empty, damaged, HTML-laden) gives a
normalised value, never an exception. ``normalize_record`` computes all of them once per record
into a ``Normalized`` bundle that blocking and matching share.

Its sections (pages, authors, journals, the bundle) are each used only by ``normalize_record``,
and a reader finds every rule of "made equal" here; titles are cleaned by ``screener.titles``,
which known-study matching shares (its names are importable from here too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from screener.identifiers import clean_doi, pmid_like
from screener.records.model import Record
from screener.titles import (
    ERRATUM_APPEARS,
    ERRATUM_CITED,
    ERRATUM_SOURCE,
    ERRATUM_SUFFIX,
    GENERIC_PART,
    GENERIC_TITLES,
    clean_title,
    fold,
    fold_keep_script,
    is_erratum_title,
)

# ---- pages -------------------------------------------------------------------------------------

_PAGES_CUT = re.compile(r"[;,]|\s\[|\(")
_DASHES = re.compile(r"\s*-+\s*")
_NULL_GIVEN = re.compile(r",\s*(?:null|none|nan)\s*$", re.I)
_MAIN_TITLE = re.compile(r":\s|;\s|\s-\s|\s--\s|\?\s|\.\s")
_DIGITS = re.compile(r"\d+")
_PAGE_PLACEHOLDER = re.compile(r"^(?:no[- ]?specified|na|n a|none|unknown|\?+|-+)$", re.I)
_PAGE_PART = re.compile(r"^(\d+[a-z]+|[a-z]*)(\d+)([a-z]*)$", re.I)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _page_token(token: str) -> str:
    token = token.strip().strip(".").lower().replace(" ", "")
    if not token or _PAGE_PLACEHOLDER.match(token):
        return ""
    m = _PAGE_PART.match(token)
    if m:
        return f"{m.group(1)}{int(m.group(2))}{m.group(3)}"
    if not any(ch.isdigit() for ch in token):
        return ""           # "Suppl-29", "t-8": a damaged range whose first page is lost
    return token


@lru_cache(maxsize=131072)
def normalize_pages(pages: str) -> tuple[str, str]:
    """(first page, last page), both normalised; '' when unknown. Short ranges are expanded:
    558-69 → (558, 569), RA25-43 → (ra25, ra43), 2S5-9 → (2s5, 2s9); '945-945' → (945, 945)."""
    text = (pages or "").strip()
    if not text or _PAGE_PLACEHOLDER.match(text):
        return "", ""
    text = _PAGES_CUT.split(text, maxsplit=1)[0]          # "119-27; quiz 128", "A4487 [Poster]"
    text = text.replace("–", "-").replace("—", "-").replace("‐", "-").replace("−", "-")
    text = _DASHES.sub("-", text.strip())
    m = re.match(r"^(\d{1,2})-([A-Za-z]{3})$", text)   # a spreadsheet turned "6-14" (or "14-6") into "14-Jun"
    if m and m.group(2).lower() in _MONTHS:
        return "", ""                                   # which way round is lost: unknown, not a conflict
    first, _, last = text.partition("-")
    first, last = _page_token(first), _page_token(last)
    if not first:
        return "", ""
    if last:
        fm, lm = _PAGE_PART.match(first), _PAGE_PART.match(last)
        if fm and lm:
            f_num, l_num = fm.group(2), lm.group(2)
            l_prefix = lm.group(1) or fm.group(1)
            if len(str(int(l_num))) < len(str(int(f_num))):
                f_digits = str(int(f_num))
                l_digits = str(int(l_num))
                expanded = f_digits[:len(f_digits) - len(l_digits)] + l_digits
                if int(expanded) >= int(f_digits):
                    l_num = expanded
            last = f"{l_prefix}{int(l_num)}{lm.group(3)}"
    # "1-9.e3" and similar keep their first page; supplement "2S5" keeps its letter.
    return first, last


_CONTINUATION = re.compile(r"^\s*(?:discussion|disscussion|quiz|author reply|reply|comment|commentary)\s+(\S.*)$",
                           re.I)
_DATE_DAMAGE = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})\s*$")


def continued_last_page(pages: str, first: str, last: str) -> str:
    """The last page once the parts that continue the item are counted: '742-8; discussion 748-9'
    ends at 749, '119-27; quiz 128' at 128. '' when the field has no such part."""
    if not pages or ";" not in pages and "," not in pages:
        return ""
    end = page_number(last or first)
    start = page_number(first)
    if end is None or start is None:
        return ""
    extended = ""
    for part in re.split(r"[;,]", pages)[1:]:
        m = _CONTINUATION.match(part)
        if not m:
            continue
        f, last = normalize_pages(m.group(1))
        nf, nl = page_number(f), page_number(last or f)
        if nf is None or nl is None or not (start <= nf <= end + 1) or nl < end:
            continue
        end, extended = nl, (last or f)
    return extended


def damaged_pages(pages: str) -> str:
    """'01-Aug': a spreadsheet read the range 1-8 as a date. Which way round is lost, so the range
    is unknown; but two records whose pages were damaged the same way had the same range."""
    m = _DATE_DAMAGE.match(pages or "")
    return f"{int(m.group(1))}-{m.group(2).lower()}" if m and m.group(2).lower() in _MONTHS else ""


def page_number(token: str) -> int | None:
    m = re.search(r"\d+", token or "")
    return int(m.group(0)) if m else None


# ---- DOI ---------------------------------------------------------------------------------------

normalize_doi = clean_doi      # one DOI rule for readers, dedupe and exports (screener.identifiers)


# ---- authors -----------------------------------------------------------------------------------

_GROUP_WORDS = re.compile(r"\b(?:group|consortium|collaborat\w*|committee|investigators|society|association|"
                          r"network|study|trial|team|organi[sz]ation|working|council|task force|panel)\b", re.I)
_ANONYMOUS = {"anonymous", "anon", "unknown", "n a", "na", "no author", "et al", "unknown author"}
_AND = re.compile(r"\s+and\s+|;\s*")
_CONCAT = re.compile(r"(?<=[A-Z]\.)(?=[A-Z][a-z])")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "le", "la", "du", "dos", "das", "ter",
              "ten", "al", "el", "bin", "ibn", "mc", "st"}


def split_authors(authors: list[str]) -> list[str]:
    """One name per item: BibTeX 'A and B', semicolon lists and export artefacts such as
    'Adeli K.Lewis G. F.' (no delimiter) are split."""
    out: list[str] = []
    for item in authors or []:
        if not item:
            continue
        parts = _AND.split(item) if (" and " in item or ";" in item) else [item]
        for part in parts:
            if "." in part and _CONCAT.search(part):
                out.extend(p for p in _CONCAT.split(part) if p.strip())
            elif part.strip():
                out.append(part)
    return out


@lru_cache(maxsize=262144)
def author_key(name: str) -> tuple[str, str]:
    """(surname, initials) for one name in any common format: 'Smith, John A.', 'Smith J.A.',
    'Smith JA', 'J. A. Smith', 'John A Smith'. Collective names give (folded name, '')."""
    raw = (name or "").strip()
    if not raw:
        return "", ""
    if _GROUP_WORDS.search(raw):
        return fold(raw), ""
    raw = _NULL_GIVEN.sub("", raw)     # "Si Hyun Kang, null"
    if "," in raw:
        surname, _, given = raw.partition(",")
        given_tokens = fold(given).split()
        # "Opazo, Saez A." style damage leaves the surname in given: keep the initials only
        initials = "".join(t[0] for t in given_tokens)
        return fold(surname).replace(" ", ""), initials
    tokens = raw.replace(".", ". ").split()
    tokens = [t for t in tokens if t.strip(".")]
    if len(tokens) == 1:
        return fold(tokens[0]).replace(" ", ""), ""
    last = tokens[-1].strip(".")
    # "Smith JA" / "Smith J. A." / "Smith J": trailing initials (upper-case, short)
    if last.isupper() and len(last) <= 3 or (len(last) == 1):
        idx = len(tokens)
        while idx > 1 and (tokens[idx - 1].strip(".").isupper() and len(tokens[idx - 1].strip(".")) <= 3
                           or len(tokens[idx - 1].strip(".")) == 1):
            idx -= 1
        surname = " ".join(tokens[:idx])
        initials = "".join(t.strip(".") for t in tokens[idx:])
        return fold(surname).replace(" ", ""), fold(initials).replace(" ", "")
    # "John A Smith" / "J. A. Smith": given names first; particles join the surname
    idx = len(tokens) - 1
    while idx > 0 and tokens[idx - 1].lower() in _PARTICLES:
        idx -= 1
    surname = " ".join(tokens[idx:])
    initials = "".join(t[0] for t in tokens[:idx])
    return fold(surname).replace(" ", ""), fold(initials).replace(" ", "")


MAX_AUTHORS = 10     # matching looks at the first 8; a 500-author consortium list need not be parsed


def normalize_authors(authors: list[str], names: list[str] | None = None) -> list[tuple[str, str]]:
    keys = []
    for name in (names if names is not None else split_authors(authors))[:MAX_AUTHORS]:
        surname, initials = author_key(name)
        if surname and surname not in _ANONYMOUS:
            keys.append((surname, initials))
    return keys


# ---- journals ----------------------------------------------------------------------------------

_SUPPLEMENT_WORDS = {"supplement", "supplements", "suppl", "supplementum", "supp"}
_JOURNAL_STOP = {"the", "of", "and", "for", "in", "on", "de", "la", "le", "der", "und", "fur", "y",
                 "et", "des", "du", "di", "official", "journal", "j"}


@lru_cache(maxsize=65536)
def journal_variants(*names: str) -> list[tuple[str, ...]]:
    """Token tuples for a journal name and its abbreviation: brackets ('[Electronic Resource]'),
    parallel titles split on '=' or ':' kept as alternatives, '&' = 'and', stop words dropped."""
    variants: list[tuple[str, ...]] = []
    for name in names:
        if not name:
            continue
        text = re.sub(r"\[(?:electronic resource|internet)\]", " ", name, flags=re.I)
        text = text.replace("&", " and ")
        if "(" in text:   # "Z Arztl Fortbild (Jena)", "BMJ (Clinical research ed.)", "… (1946)"
            text = text + " = " + re.sub(r"\([^()]*\)", " ", text)
        pieces = [text] + re.split(r"\s=\s|\[|\]|:\s|\s-\s|,\s|\.\s(?=[A-Z][a-z])|\.(?=Conference|Supplement|Meeting)",
                                   text)
        for piece in pieces:
            tokens = tuple(t for t in fold(piece).split() if t not in _JOURNAL_STOP)
            if tokens and tokens not in variants:
                variants.append(tokens)
            # "Atherosclerosis Supplements" prints the supplements of "Atherosclerosis"
            while len(tokens) > 1 and tokens[-1] in _SUPPLEMENT_WORDS:
                tokens = tokens[:-1]
                if tokens not in variants:
                    variants.append(tokens)
    return variants


def _abbrev_of(short: str, full: str) -> bool:
    if full.startswith(short):
        return True
    # "pharmacol" of "pharmacology", "ther" of "therapeutics", "sci" of "science": same first letter,
    # letters in order
    if not short or short[0] != full[0] or len(short) > len(full):
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _ordered_abbrev(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    pos = 0
    for token in short:
        while pos < len(full) and not _abbrev_of(token, full[pos]):
            pos += 1
        if pos == len(full):
            return False
        pos += 1
    return True


def journals_compatible(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> bool | None:
    """True when some variant of one is the other or its abbreviation, False when both are known
    and none matches, None when either is unknown."""
    if not a or not b:
        return None
    for x in a:
        for y in b:
            if x == y:
                return True
            short, full = (x, y) if len("".join(x)) <= len("".join(y)) else (y, x)
            if len(short) == len(full) and all(_abbrev_of(s, f) for s, f in zip(short, full)):
                return True
            if "".join(short) == "".join(full):
                return True
            # "C.R. Soc. Biol" = "C R Seances Soc Biol Fil": a shortened title keeps its words in order
            if 3 <= len(short) < len(full) and _ordered_abbrev(short, full):
                return True
            # "ICIS" = International Conference on Information Systems
            if len(short) == 1 and len(full) >= 3 and short[0] == "".join(t[0] for t in full):
                return True
    return False


# ---- the bundle --------------------------------------------------------------------------------

_CONFERENCE = re.compile(r"\b(?:congress|conference|meeting|symposium|proceedings|abstracts?|annual|"
                         r"workshop|supplement|suppl|poster)\b", re.I)


@dataclass(slots=True)
class Normalized:
    """One record's fields, normalised once."""

    index: int
    title: str                    # cleaned and folded
    title_script: str             # non-Latin scripts kept (for titles fold() empties)
    main_title: str               # before the first ':' / ' - ' (subtitle dropped)
    authors: list[tuple[str, str]]
    author_text: str              # 'surname i surname i ...' for fuzzy comparison
    first_author: str
    year: int | None
    volume: str
    issue: str
    first_page: str
    last_page: str
    doi: str
    pmid: str
    journals: list[tuple[str, ...]]
    abstract: str
    erratum: bool
    erratum_ref: tuple[str, str] | None = None       # (volume, page) of the article an erratum corrects
    erratum_at: tuple[str, str] | None = None        # (volume, page) where this article's erratum appears
    erratum_doi: str = ""                            # the DOI of the article an erratum notice cites in its title
    conference: bool = False
    generic_title: bool = False
    translated: bool = False      # the title is marked as a translation ([...]) or is non-English/damaged
    issue_numbers: tuple[str, ...] = ()
    collective: bool = False      # the authors are a group or consortium, not people
    issue_text: str = ""          # the issue as written, folded ("supplement h"), for issues without a number
    thesis: bool = False          # a thesis, or its Dissertation Abstracts entry
    other_first_pages: frozenset = frozenset()
    last_page_ext: str = ""       # the last page with continuation parts ("742-8; discussion 748-9" → 749)
    pages_damaged: str = ""       # the page field as a spreadsheet damaged it ("1-aug"), when that is all there is
    author_names: str = ""        # the first authors' names folded, '|'-separated, for lists whose format is garbled
    letters: bool = False         # Embase's "(multiple letters)": one record for a letter and its replies
    venues: list = field(default_factory=list)   # conference names (booktitle): they vary too much to veto
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=65536)
def _volume(value: str) -> str:
    if value and value.count(")") > value.count("("):
        return ""           # "1)": a supplement number cut from "61 (Suppl 1)"
    text = fold(value or "")
    if text in {"", "unknown", "na", "n a", "none"}:
        return ""
    text = re.sub(r"^(\d+) 0$", r"\1", text)          # "9.0" from a spreadsheet
    m = re.match(r"^0*(\d+)", text)
    if m:
        if len(m.group(1)) == 4 and 1800 <= int(m.group(1)) <= 2100:
            return ""       # a year given as the volume (magazines: "2016")
        return m.group(1) or "0"
    m = re.search(r"(\d+)\s*$", text)                   # "Drug Discovery. 9": journal spilled over
    return str(int(m.group(1))) if m else ""             # "(Jul)": no volume at all


def reads_tags(record: Record) -> bool:
    """Whether ``normalize_record`` looks at ``record.tags``: only for a record without a first page
    (an article number kept in C7 or AR) or without a journal (a book title kept in BT or T3). The
    workspace's loader reads a record's tags back from its raw text only then."""
    return not record.journal or not normalize_pages(record.pages)[0]


def normalize_record(record: Record, index: int = 0) -> Normalized:
    raw_title = record.title or ""
    title = clean_title(raw_title)
    if not title:
        title = ""
    title_script = fold_keep_script(raw_title) if not title else title
    main = _MAIN_TITLE.split(raw_title or "", maxsplit=1)[0]
    main_title = clean_title(main) if main != raw_title else title
    names = split_authors(record.authors[:MAX_AUTHORS])
    authors = normalize_authors(record.authors, names)
    author_text = " ".join(f"{s} {i[:1]}" for s, i in authors[:8])
    first_page, last_page = normalize_pages(record.pages)
    if not first_page and record.tags:
        for tag in ("C7", "AR", "ArticleNumber"):
            values = record.tags.get(tag)
            if values:
                first_page, last_page = normalize_pages(values[0])
                break
    erratum = "erratum" in (record.flags or []) or "correction" in (record.flags or []) \
        or is_erratum_title(raw_title) \
        or any("erratum" in (t or "").lower() for t in record.publication_types or [])
    erratum_ref = None
    m = ERRATUM_SUFFIX.search(raw_title)
    if m:
        erratum_ref = (_volume(m.group(1)), _page_token(m.group(2)))
    elif erratum and raw_title.endswith(")") and (m := ERRATUM_SOURCE.search(raw_title)):
        erratum_ref = (_volume(m.group(1)), _page_token(m.group(2)))
    elif erratum:
        m = ERRATUM_CITED.search(raw_title)
        if m:
            erratum_ref = (_volume(m.group(1)), _page_token(m.group(2)))
    # Embase writes "Erratum: Correction: <title> (Journal (2024) 14 1 DOI: 10.1038/...)": the cited
    # DOI names the article exactly, where the volume/issue/page guess can misread the issue as a page.
    erratum_doi = normalize_doi(raw_title[raw_title.lower().rfind("doi"):]) \
        if erratum and "doi" in raw_title.lower() else ""
    erratum_at = None
    m = ERRATUM_APPEARS.search(raw_title)
    if m:
        erratum_at = (_volume(m.group(1)), _page_token(m.group(2)))
    journal_text = " ".join([record.journal or "", record.journal_abbrev or ""])
    conference = bool(_CONFERENCE.search(journal_text)) or bool(re.match(r"^[a-z]*\d+a$|^s\d+", first_page)) \
        or (record.reference_type or "").upper() in {"CONF", "CPAPER", "ABST", "INPROCEEDINGS"} \
        or (record.reference_type or "").lower() == "inproceedings" or "conference" in (record.flags or [])
    generic = title in GENERIC_TITLES or bool(GENERIC_PART.search(title)) or len(title.split()) <= 2
    abstract = fold(record.abstract[:300]) if record.abstract else ""      # blocking uses its start
    return Normalized(
        index=index, title=title, title_script=title_script, main_title=main_title, authors=authors,
        author_text=author_text, first_author=authors[0][0] if authors else "", year=record.year,
        volume=_volume(record.volume), issue=_volume(record.issue), first_page=first_page, last_page=last_page,
        doi=normalize_doi(record.doi), pmid=_pmid(record.pmid),
        journals=journal_variants(record.journal, record.journal_abbrev), abstract=abstract,
        venues=journal_variants(_tag(record, "booktitle", "BT", "T3")) if not record.journal else [],
        erratum=erratum, erratum_ref=erratum_ref, erratum_at=erratum_at, erratum_doi=erratum_doi,
        conference=conference,
        generic_title=generic, translated=_looks_translated(raw_title),
        other_first_pages=_all_first_pages(record.pages),
        last_page_ext=continued_last_page(record.pages, first_page, last_page) if first_page else "",
        pages_damaged=damaged_pages(record.pages) if not first_page else "",
        author_names="|".join(fold(n) for n in names[:8]),
        letters="multiple letters" in raw_title.lower(),
        collective=bool(names) and all(_GROUP_WORDS.search(n) for n in names),
        issue_text=_issue_text(record.issue), thesis=_is_thesis(record, journal_text),
        issue_numbers=tuple(str(int(x)) for x in _DIGITS.findall(record.issue or "")[:4]))


def _issue_text(value: str) -> str:
    """The issue as written, folded ("supplement h"); '' when unknown or when it is a number above
    60, which some exports (the SRA sets) fill with a record number instead of the issue."""
    text = fold(value or "")[:40]
    return "" if text.isdigit() and int(text) > 60 else text


_pmid = pmid_like


def _tag(record: Record, *names: str) -> str:
    """The first value of the first tag present (readers keep every column/tag as read)."""
    for name in names:
        values = record.tags.get(name) or record.tags.get(name.lower()) or record.tags.get(name.upper())
        if values and values[0]:
            return values[0]
    return ""


def _all_first_pages(pages: str) -> frozenset:
    """First pages of every range when the field lists several (multi-part or multi-language
    articles); empty when it holds one range."""
    if not pages or not any(sep in pages for sep in "+,;"):
        return frozenset()
    return frozenset(first for first, _ in (normalize_pages(part) for part in re.split(r"[+,;]", pages)) if first)


_THESIS_DEGREE = re.compile(r"^(?:ph\.?\s?d|psy\.?\s?d|ed\.?\s?d|d\.?\s?phil|m\.?\s?(?:a|s|sc|phil|ed)|dr\.?\s?\w*)\.?$",
                            re.I)
_THESIS_PAGES = re.compile(r"^\s*\d+\s*(?:p|pp|pages|leaves)\.?\s*$", re.I)


def _is_thesis(record: Record, journal_text: str) -> bool:
    """A thesis ('Ph.D.' in the volume field, '215 p' as pages, type THES) or a Dissertation
    Abstracts entry: the two describe one work but share no volume or page."""
    if (record.reference_type or "").upper() in {"THES", "PHDTHESIS", "MASTERSTHESIS", "THESIS"}:
        return True
    if "dissertation abstracts" in journal_text.lower():
        return True
    return bool(_THESIS_DEGREE.match((record.volume or "").strip())) or bool(_THESIS_PAGES.match(record.pages or ""))


# Function words that mark a title as written in another language than English (an ASCII title in
# German, French, Spanish, Italian or Portuguese is a translation of its English record, or the
# other way round). Two hits in a title are needed: one may be a name or an English homograph.
_FOREIGN_WORDS = frozenset("""
der das des dem den zum zur und mit fur von bei uber eine einer eines nach auf ist
le les du une dans pour sur avec chez est aux
el los las una del con por para sobre como
il gli della delle nella degli sulla
uma dos das com pelo pela nas nos
""".split())


def _looks_translated(title: str) -> bool:
    text = (title or "").strip()
    if text.startswith("["):
        return True
    if re.search(r"\w\?\w", text):           # encoding damage: "multic?ntrico"
        return True
    if text.isascii():
        words = fold(text).split()
        return len(_FOREIGN_WORDS.intersection(words)) >= 2
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if ord(ch) > 127) / len(letters) > 0.02
