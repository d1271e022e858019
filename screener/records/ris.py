"""RIS: one mapping table (``FIELDS``) used by the reader and by ``write_ris``.

Reading is line-based and loud (``screener.records.ris_lines`` cuts the text into records): a record
opens at ``TY`` and closes at ``ER`` (or, with a warning, at the next ``TY`` / the end of the file);
every tag is kept in ``Record.tags`` in file order, repeated ones as lists; untagged lines continue
the previous value; vendor preambles ("Record #1 of 2", "Provider:", Ovid's "1.") and trailers
(Ovid's "NL" and "Link to the Ovid Full Text" lines) are kept in ``Record.extra`` — nothing is
dropped. Here the tags become a Record's fields through the table, with the vendor layouts the
fields need (packed author lines, the links searched for identifiers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import rispy

from screener.identifiers import PLAIN_DOI
from screener.records.authors import NO_AUTHOR, split_authors
from screener.records.base import (
    Collector,
    all_values,
    cached_issns,
    cached_year,
    canonical_database,
    first_doi,
    first_value,
    flags_for,
    join_pages,
)
from screener.records.model import Record
from screener.records.name_forms import ris_name
from screener.records.ris_lines import LIST_TAGS, Draft, LineReader, read_records, to_items  # noqa: F401 (LIST_TAGS: the table's)


@dataclass(frozen=True)
class RisField:
    """How one Record field is read from (tags, in priority order) and written to (one tag) RIS."""

    field: str
    read: tuple[str, ...]
    write: str
    kind: str  # text | list | year | pages | doi | issn | pubtypes | database | abbrev | id


FIELDS: tuple[RisField, ...] = (
    RisField("reference_type", ("TY",), "TY", "text"),
    RisField("title", ("TI", "T1", "CT", "BT"), "TI", "text"),
    RisField("authors", ("AU", "A1"), "AU", "list"),
    RisField("year", ("PY", "Y1", "DA"), "PY", "year"),
    RisField("journal", ("JF", "T2", "JO", "JA", "J2"), "T2", "text"),
    RisField("journal_abbrev", ("J2", "JA", "J9", "JI", "JO"), "J2", "abbrev"),
    RisField("volume", ("VL", "VO"), "VL", "text"),
    # not CP: Web of Science's RIS writes a proceedings paper's conference there (Ovid's, the copyright)
    RisField("issue", ("IS",), "IS", "text"),
    RisField("pages", ("SP", "EP"), "SP", "pages"),
    RisField("abstract", ("AB", "N2"), "AB", "text"),
    RisField("doi", ("DO", "L3", "DI", "M3", "N1", "UR", "L2"), "DO", "doi"),
    RisField("issn", ("SN",), "SN", "issn"),
    RisField("keywords", ("KW",), "KW", "list"),
    RisField("language", ("LA",), "LA", "list"),
    RisField("publication_types", ("M3", "PT"), "M3", "pubtypes"),
    RisField("urls", ("UR", "L1", "L2"), "UR", "list"),
    RisField("record_id", ("ID", "AN"), "ID", "id"),
    RisField("database", ("DB", "DP"), "DB", "database"),
)
FIELD_BY_NAME = {f.field: f for f in FIELDS}

# tags that should appear once; a repeat is kept and reported
SINGLE_TAGS = {"TY", "TI", "T1", "PY", "Y1", "DA", "VL", "IS", "SP", "EP", "DO", "ID", "T2", "JF", "JO"}
# every tag some vendor documents (rispy's table + the RIS spec + vendor extensions seen in real exports)
KNOWN_TAGS = set(rispy.TAG_KEY_MAPPING) - {"UK"} | {
    "A1", "A2", "A3", "A4", "AN", "BT", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "CA", "CN", "CP",
    "CT", "CY", "DA", "DB", "DO", "DP", "ED", "ET", "H1", "H2", "ID", "IS", "J1", "J2", "JA", "JF", "JO",
    "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2", "M3", "M4", "N1", "N2", "NV", "OP", "PB", "PP",
    "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1", "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3",
    "U4", "U5", "UR", "VL", "VO", "Y1", "Y2", "PMID"}

# vendor extensions seen in real exports: kept like every tag, but not reported as unknown
VENDOR_TAGS = {
    "FU": "Web of Science (funding)", "FX": "Web of Science (funding text)", "J9": "Web of Science "
    "(29-character source abbreviation)", "JI": "Web of Science (ISO source abbreviation)",
    "PA": "Web of Science (publisher address)", "PI": "Web of Science (publisher city)",
    "PU": "Web of Science (publisher)", "WE": "Web of Science (edition)", "AI": "Ovid (ORCID)",
    "NL": "Ovid (NLM journal abbreviation, after ER)", "PT": "Ovid (publication type)",
    "CC": "Cochrane (review group code)", "TS": "Citavi (source format)", "PD": "Covidence (date)",
    "PG": "Covidence (pages)",
}
KNOWN_TAGS |= set(VENDOR_TAGS)

RIS_TYPES = {
    "ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART", "CLSWK",
    "COMP", "CONF", "CPAPER", "CTLG", "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK", "EJOUR", "ELEC",
    "ENCYC", "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR", "ICOMM", "INPR", "JFULL", "JOUR", "LEGAL",
    "MANSCPT", "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS", "PAMP", "PAT", "PCOMM", "RPRT", "SER",
    "SLIDE", "SOUND", "STAND", "STAT", "STD", "THES", "UNBILL", "UNPB", "UNPD", "VIDEO", "WEB"}

def read_ris_text(text: str, collector: Collector, *, skip_bad: bool = False,
                  rejected: list | None = None) -> list[Record]:
    """The records of RIS text (``screener.records.ris_lines`` cuts it into records' tags)."""
    return read_records(text, LineReader(
        collector, lambda draft: _to_record(draft, collector),
        lambda tags, number, line, raw: _ordinary_record(tags, number, line, raw, collector)))


def _ordinary_record(tags: dict[str, list[str]], number: int, line: int, raw: str,
                     collector: Collector) -> Record:
    """A record ``read_ordinary`` read whole: the tags of its text ``raw`` (from line ``line`` on),
    built as ``_to_record`` builds a record read line by line into ``tags``."""
    once = SINGLE_TAGS.intersection(tags)
    if tags.keys() <= KNOWN_TAGS and sum(map(len, map(tags.__getitem__, once))) == len(once):
        return _build(tags, number, line, raw, [], [], collector)
    draft = Draft(line, number)          # something to note, with its line: as the general reader does
    draft.lines, draft.tags, draft.closed, draft.er = raw.split("\n"), tags, True, True
    return _to_record(draft, collector)


def _to_record(draft: Draft, collector: Collector) -> Record:
    if draft.tags is not None:
        tags = draft.tags
        once = SINGLE_TAGS.intersection(tags)
        if not draft.trailer_items and tags.keys() <= KNOWN_TAGS and \
                sum(map(len, map(tags.__getitem__, once))) == len(once):    # no single tag repeated
            return _build(tags, draft.number, draft.start, "\n".join(draft.lines), draft.preamble,
                          draft.trailer, collector)     # nothing to note: the tags as read
        to_items(draft, draft.lines, 0, draft.start + len(draft.lines) - (1 if draft.er else 0))
    tags = {}
    for tag, value, line in draft.items + draft.trailer_items:
        if tag == "ER":
            continue
        if tag in tags and tag in SINGLE_TAGS:
            collector.tag_note("repeated_tag", tag, line, draft.number)
        if tag not in KNOWN_TAGS and tag not in tags:
            collector.tag_note("unknown_tag", tag, line, draft.number)
        tags.setdefault(tag, []).append(value)
    return _build(tags, draft.number, draft.start, "\n".join(draft.lines), draft.preamble, draft.trailer,
                  collector)


def _build(tags: dict[str, list[str]], number: int, line: int, raw: str, preamble: list[str],
           trailer: list[str], collector: Collector) -> Record:
    record = Record(format="ris", tags=tags)
    fields_from_tags(record, tags, preamble=preamble)
    collector.place(record, number, line, raw, title_tags="TI/T1")
    extra = {}
    if preamble:
        extra["preamble"] = preamble
    if trailer:
        extra["trailer"] = trailer
    record.extra = extra
    return record


_DOI_LIKE = re.compile(r"^(doi:\s*|https?://(dx\.)?doi\.org/)?10\.\d{4,9}/\S+$", re.I)


_READ = {f.field: f.read for f in FIELDS}
_AUTHOR_TAGS = frozenset(_READ["authors"])
_DOI_TAGS = ("DO", "L3", "DI")


def _first(tags: dict[str, list[str]], names: tuple[str, ...]) -> str:
    """first_value(tags, *names) without the argument packing (it runs a dozen times a record)."""
    for name in names:
        values = tags.get(name)
        if values:
            for value in values:
                value = value.strip()
                if value:
                    return value
    return ""


def _first_of(values: list[str]) -> str:
    """The first non-blank value, stripped, else ''."""
    for value in values:
        value = value.strip()
        if value:
            return value
    return ""


def _one_line(text: str) -> str:
    """" ".join(text.split()) for a stripped ``text``, which most often has nothing to change: every
    white-space character but the space is unprintable, so a printable text without two spaces in a
    row is its own result."""
    return text if text.isprintable() and "  " not in text else " ".join(text.split())


def _unique(values: Iterable[str]) -> list[str]:
    """base.unique for text values: stripped, blank ones dropped, the first of equal ones kept."""
    return list(dict.fromkeys(filter(None, map(str.strip, values))))


def _authors(tags: dict[str, list[str]]) -> list[str]:
    """The names of a record's AU and A1 lines, in the order the record has them: one per line,
    Ovid's one-line list split (split_authors's rule 'ris')."""
    authors: list[str] = []
    add = authors.append
    author_tags = _READ["authors"]
    if tags.keys() >= _AUTHOR_TAGS:
        author_tags = tuple(sorted(author_tags, key=list(tags).index))
    for name in author_tags:
        for value in tags.get(name, _NOTHING):
            # split_authors's first cases, without the call: no author placeholder, no ';', one name
            # ('Smith, J.': no space before the comma)
            if ";" not in value:
                text = value.strip()
                # a placeholder where a name would be ('Anonymous', Ovid Embase's; 'et al.', closing the Cochrane
                # Library's lists cut short; '[No authors listed]') has no comma
                if text and not ("," not in text and text.lower().strip("[]. ") in NO_AUTHOR):
                    author = _one_line(text)
                    if author[-1] == ",":
                        # a name closed by a ',' (the Cochrane Library's CENTRAL writes a trial registry's number
                        # as the author so: 'NCT06882096,') is the name
                        author = author.rstrip(", ")
                        if not author:
                            continue
                    comma = author.find(",")
                    if (comma < 0 or " " not in author[:comma]) and " and " not in author:
                        if comma:
                            add(author)
                        elif any(map(str.isalnum, author)):
                            # Rayyan's ', Vijaybhaskar' (a one-word name) is the name (name_forms.ris_name);
                            # 'AU  - ,' (a citation chaser's empty name) is none
                            authors.extend(ris_name(author))
                        continue
            authors.extend(split_authors(value, "ris"))
    return authors


# lines of one 'Surname, Given' name each: something before the first comma, no space there (the
# lines being printable, a space is the only white space they can have)
_SURNAME_COMMA_LINES = re.compile(r"[^ ,\n]+,[^\n]*[^,\n](?:\n[^ ,\n]+,[^\n]*[^,\n])*")


def _plain_authors(values: list[str]) -> bool:
    """Whether ``_authors`` gives the author lines ``values`` (of one tag) back as they are, checked
    on all of them at once: no ';'; each stripped, printable and without two spaces in a row
    (_one_line leaves it alone: the lines joined by a space show all three, the last line's end
    aside); each a comma with no white space before it (one name; and a comma is in no
    author placeholder of NO_AUTHOR); no ' and ' (a reference list's line of names joined BibTeX's way)."""
    spaced = " ".join(values)
    return ";" not in spaced and "  " not in spaced and " and " not in spaced and spaced[-1:] != " " and \
        spaced.isprintable() and _SURNAME_COMMA_LINES.fullmatch("\n".join(values)) is not None


def _looks_like_doi(value: str) -> bool:
    return bool(_DOI_LIKE.match(value.strip())) or "doi.org/" in value


_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code > 0x10FFFF:
        return match.group(0)           # a control character or no character: kept as written
    return chr(code)


def _xml_entities(text: str) -> str:
    """XML's five entities and character references in a title or abstract, decoded once: EBSCOhost (APA
    PsycInfo, PSYNDEX) and Scopus write '&lt;30 weeks', '&quot;Anxiety&quot;', 'R&amp;D'. A bare '&' stays."""
    return _ENTITY.sub(_entity, text) if "&" in text else text


_EARLY_ACCESS = re.compile(r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?: \d{1,2})? (?:19|20)\d\d")
_NOTHING: tuple[str, ...] = ()
_TITLE_TAGS, _JOURNAL_TAGS, _ABBREV_TAGS = _READ["title"], _READ["journal"], _READ["journal_abbrev"]
_YEAR_TAGS, _DOI_READ, _URL_TAGS = _READ["year"], _READ["doi"], _READ["urls"]
_VOLUME_TAGS, _ISSUE_TAGS, _ABSTRACT_TAGS = _READ["volume"], _READ["issue"], _READ["abstract"]
_TYPE_TAGS = _READ["publication_types"]


def fields_from_tags(record: Record, tags: dict[str, list[str]], preamble: list[str] | None = None) -> None:
    """Fill the normalised fields of ``record`` from its RIS tags (the reading half of FIELDS).

    It runs once a record: each field is worked out with as few calls as the rule allows (a tag's
    values looked up once, the common case first), the rules being FIELDS' and the comments'."""
    get = tags.get
    values = get("TY")
    record.reference_type = reference_type = _first_of(values).upper() if values else ""
    record.title = _xml_entities(_one_line(_first(tags, _TITLE_TAGS)))
    abstract = _first(tags, _ABSTRACT_TAGS)
    # R writes NA for a missing value (a citation chaser's RIS of Lens.org records): no abstract, journal, volume,
    # issue or page is 'NA'
    record.abstract = _xml_entities(abstract) if abstract != "NA" else ""
    values = get("AU")
    if values is None:
        values = get("A1")
    elif "A1" in tags:
        values = None
    if values and _plain_authors(values):
        record.authors = values.copy()          # each line one 'Surname, Given' name, as it is
    else:
        record.authors = _authors(tags)
    year = None
    for name in _YEAR_TAGS:
        values = get(name)
        if values:
            for value in values:
                if value:
                    year = cached_year(value)
                    if year is not None:
                        break
            if year is not None:
                break
    if year is None and "C6" in tags:
        # Web of Science writes a record online before its issue without PY, its early-access date in C6 ('DEC
        # 2022', the plain-text export's EA): only that form, C6 being a custom field elsewhere (EndNote's NIHMS id)
        value = _first_of(tags["C6"]).strip()
        if _EARLY_ACCESS.fullmatch(value):
            year = cached_year(value)
    record.year = year
    journal = _one_line(_first(tags, _JOURNAL_TAGS))
    journal = record.journal = journal if journal != "NA" else ""
    abbrev = ""
    for name in _ABBREV_TAGS:
        values = get(name)
        if values is not None:
            value = _one_line(_first_of(values))
            if value and (name != "JO" or value != journal):
                abbrev = value
                break
    record.journal_abbrev = abbrev
    volume = _first(tags, _VOLUME_TAGS)
    record.volume = volume if volume != "NA" else ""
    issue = _first(tags, _ISSUE_TAGS)
    record.issue = issue if issue != "NA" else ""
    values = get("SP")
    start = _first_of(values) if values else ""
    values = get("EP")
    end = _first_of(values) if values else ""
    if start.lower() == "no" and end.lower() == "specified":   # Ovid's "No Pagination Specified"
        start = end = ""
    if start == "NA" or end == "NA":
        start, end = ("" if start == "NA" else start), ("" if end == "NA" else end)
    if start.endswith("-"):          # Rayyan's SP: the range and a '-' for its empty end ('457-60-'), '-' for none
        start = start.rstrip("- ")
    record.pages = join_pages(start, end)
    values = get("DO")
    if values and PLAIN_DOI.fullmatch(values[0]):
        record.doi = values[0].lower()      # what clean_doi makes of it, without its steps
    else:
        record.doi = first_doi(tags, _DOI_READ, doi_tags=_DOI_TAGS, looks_like=_looks_like_doi)
    values = get("SN")
    record.issn = list(cached_issns(tuple(values))) if values else []
    values = get("KW")
    record.keywords = _unique(values) if values else []
    values = get("LA")
    record.language = _unique(values) if values else []
    types: list[str] = []
    for name in _TYPE_TAGS:
        for value in get(name, _NOTHING):
            value = value.strip()
            if value and value not in types and not _DOI_LIKE.match(value):
                types.append(value)
    record.publication_types = types
    urls: list[str] = []
    for name in _URL_TAGS:
        for value in get(name, _NOTHING):
            for url in value.split():
                url = url.rstrip(";,")      # a list's separator (EBSCOhost: 'url1; url2'), not the address's
                if ("://" in url or url.startswith(("www.", "//"))) and url not in urls:
                    urls.append(url)
    record.urls = urls
    record.database = database = database_from_tags(tags, preamble or [])
    record.pmid = pmid = pmid_from_tags(tags, database)
    values = get("ID")
    record_id = _first_of(values) if values else ""
    if not record_id:
        values = get("AN")
        accession = _first_of(values) if values else ""
        if accession != pmid:
            record_id = accession
    record.record_id = record_id
    record.flags = flags_for(types, reference_type)


_DB_LINE = re.compile(r"\s*Database\s*:\s*(.+)")
_CN_ID = re.compile(r"^CN-\d")
_EMBASE_L = re.compile(r"\bL\d{6,}\b")
_LENS_ID = re.compile(r"^\d{3}-\d{3}-\d{3}-\d{3}-\d{3}$")
_OVID_DB = re.compile(r"ovidsp\.ovid\.com\S*[?&]D=([a-z]+)")
_EBSCO_DB = re.compile(r"ebscohost\.com\S*[?&]db=([a-z0-9]+)")
_PMID = re.compile(r"\d{1,9}")
_PUBMED_URL = re.compile(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d{1,9})\b")
_PUBMED_URL_OLD = re.compile(r"ncbi\.nlm\.nih\.gov/pubmed/(\d{1,9})\b")
_OVID_MEDLINE_URL = re.compile(r"ovidsp\.ovid\.com\S*[?&]D=(?:med|prem|mesz)\w*\S*[?&]AN=(\d{1,9})\b")
_PMID_U1 = re.compile(r"^\s*(\d{1,9})\s*\[pmid\]", re.I)


def database_from_tags(tags: dict[str, list[str]], preamble: list[str]) -> str:
    values = tags.get("DB")
    db = _first_of(values) if values else ""
    if db:
        return canonical_database(db)
    for line in preamble:
        match = _DB_LINE.match(line)
        if match:
            return canonical_database(match.group(1))
    urls = " ".join(all_values(tags, "UR", "L2", "LK", "L1"))
    ids = " ".join(all_values(tags, "AN", "ID", "U2"))
    if "scopus.com" in urls:
        return "Scopus"
    if _CN_ID.search(ids) or "cochranelibrary.com" in urls:
        return "Cochrane CENTRAL"
    if _EMBASE_L.search(" ".join(tags.get("U2", ()))) or "embase.com" in urls:
        return "Embase"
    if "lens.org" in urls or _LENS_ID.match(first_value(tags, "ID")):
        return "Lens.org"
    if "webofscience.com" in urls or "WOS:" in ids:
        return "Web of Science"
    match = _OVID_DB.search(urls)
    if match:
        code = match.group(1).lower()
        for prefix, name in (("psyc", "PsycINFO"), ("med", "MEDLINE"), ("prem", "MEDLINE"),
                             ("emed", "Embase"), ("emez", "Embase"), ("oemez", "Embase"), ("amed", "AMED"),
                             ("eric", "ERIC"), ("cab", "CAB Abstracts"), ("cctr", "Cochrane CENTRAL")):
            if code.startswith(prefix):
                return name
    match = _EBSCO_DB.search(urls)
    if match:
        return canonical_database(match.group(1))
    dp = first_value(tags, "DP")
    if dp:
        return canonical_database(dp)
    return "unknown"


def pmid_from_tags(tags: dict[str, list[str]], database: str) -> str:
    get = tags.get
    values = get("PMID")
    value = _first_of(values) if values else ""
    if value and _PMID.fullmatch(value.split("\n")[0].strip()):
        return value.split("\n")[0].strip()
    for v in get("U1", _NOTHING):
        match = _PMID_U1.match(v)
        if match:
            return match.group(1)
    medline = database in ("MEDLINE", "PubMed") or "NLM" in _first(tags, ("DP",))
    if medline:
        an = _first(tags, ("AN",))
        if _PMID.fullmatch(an):
            return an
    if database == "Scopus" or database == "Embase":
        v = _first(tags, ("C2",) if database == "Scopus" else ("C5",))
        if _PMID.fullmatch(v):
            return v
    for name in _LINK_TAGS:
        for url in get(name, _NOTHING):
            # (each pattern starts with its host name: a link to neither host is not searched)
            if "ncbi.nlm.nih.gov" in url:
                match = _PUBMED_URL.search(url) or _PUBMED_URL_OLD.search(url)
                if match:
                    return match.group(1)
            if "ovidsp.ovid.com" in url:
                match = _OVID_MEDLINE_URL.search(url)
                if match:
                    return match.group(1)
    return ""


_LINK_TAGS = ("UR", "L2", "L1", "LK")


# ---- writing ---------------------------------------------------------------------------------

_TYPE_MAP = (
    (re.compile(r"^(article|journal article|j|journal|review|letter|editorial|comment)$", re.I), "JOUR"),
    (re.compile(r"^(inproceedings|conference paper|proceedings paper|conference)$", re.I), "CPAPER"),
    (re.compile(r"^(conference abstract|meeting abstract)$", re.I), "ABST"),
    (re.compile(r"^(book)$", re.I), "BOOK"),
    (re.compile(r"^(incollection|inbook|chapter|book chapter)$", re.I), "CHAP"),
    (re.compile(r"^(phdthesis|mastersthesis|thesis|dissertation)$", re.I), "THES"),
    (re.compile(r"^(techreport|report)$", re.I), "RPRT"),
    (re.compile(r"^(misc|other|unpublished)$", re.I), "GEN"),
)


def ris_type(reference_type: str, publication_types: list[str] | None = None) -> str:
    """A RIS TY code for a reference type from any format ('article' → JOUR)."""
    value = (reference_type or "").strip()
    if value.upper() in RIS_TYPES:
        return value.upper()
    for pattern, code in _TYPE_MAP:
        if pattern.match(value):
            return code
    if "book" in [t.lower() for t in publication_types or []]:
        return "BOOK"
    return "JOUR"


def _pmid_tag(record: Record) -> tuple[str, str]:
    if record.database in ("MEDLINE", "PubMed"):
        return "AN", record.pmid
    return "U1", f"{record.pmid}[pmid]"


def tags_for_record(record: Record) -> list[tuple[str, str]]:
    """The (tag, value) lines for one record, in writing order, TY first (ER not included)."""
    if record.format == "ris" and record.tags.get("TY"):
        own: list[tuple[str, str]] = [("TY", record.tags["TY"][0])]
        for tag, values in record.tags.items():
            if tag in ("TY", "ER"):
                continue
            for v in values:
                if len(tag) != 2:
                    # Zotero and EndNote read only two-character tags: a 4-letter "PMID  - " line would
                    # be glued to the field before it. PMC's convention carries it instead.
                    head, sep, rest = v.partition("\n")
                    own.append(("U1", f"{head}[pmid]{sep}{rest}" if tag == "PMID" else f"{tag}: {v}"))
                else:
                    own.append((tag, v))
        derived = database_from_tags(record.tags, [])
        if record.database and record.database != "unknown" and derived != record.database:
            own = [(t, v) for t, v in own if t != "DB"] + [("DB", record.database)]
        return own
    items: list[tuple[str, str]] = [("TY", ris_type(record.reference_type, record.publication_types))]
    if record.title:
        items.append(("TI", record.title))
    items += [("AU", a) for a in record.authors]
    if record.year is not None:
        items.append(("PY", str(record.year)))
    if record.journal:
        items.append(("T2", record.journal))
    if record.journal_abbrev:
        items.append(("J2", record.journal_abbrev))
    if record.volume:
        items.append(("VL", record.volume))
    if record.issue:
        items.append(("IS", record.issue))
    if record.pages:
        start, sep, end = record.pages.partition("-")
        if sep and start and end and "-" not in end:
            items += [("SP", start), ("EP", end)]
        else:
            items.append(("SP", record.pages))
    if record.abstract:
        items.append(("AB", record.abstract))
    if record.doi:
        items.append(("DO", record.doi))
    items += [("SN", s) for s in record.issn]
    items += [("KW", k) for k in record.keywords]
    for heading in record.mesh:
        term = heading.descriptor + "".join("/" + q for q in heading.qualifiers)
        items.append(("KW", ("*" if heading.major else "") + term))
    items += [("LA", lang) for lang in record.language]
    items += [("M3", t) for t in record.publication_types]
    items += [("UR", u) for u in record.urls]
    if record.record_id:
        items.append(("ID", record.record_id))
    if record.pmid:
        items.append(_pmid_tag(record))
    if record.database and record.database != "unknown":
        items.append(("DB", record.database))
    return items


def write_ris(records: list[Record]) -> str:
    """RIS text for the records (UTF-8 without BOM; 'TAG  - value'; one blank line between records).

    Records read from RIS are written from their own tags, so nothing the vendor wrote is lost and
    reading the output gives the same fields back; records from other formats are written from their
    normalised fields through ``FIELDS``.
    """
    out: list[str] = []
    for record in records:
        for tag, value in tags_for_record(record):
            lines = (value or "").split("\n")
            out.append(f"{tag}  - {lines[0]}".rstrip() if lines[0] else f"{tag}  - ")
            out.extend(line.strip() for line in lines[1:])
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)
