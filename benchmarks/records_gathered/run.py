"""Read the gathered real exports (a local hold-out set; see README.md here) and say which are read exactly.

Usage: SCREENER_GATHERED=/path/to/gathered .venv/bin/python benchmarks/records_gathered/run.py
The folder holds the files (any sub-folders) and, beside some, the truth they are checked against:
  <file>.expected.json  the Zotero test case's expected items (zotero/translators), as written by the gatherer
  <file>.expected.bib   JabRef's expected .bib for the file
  colrev/expected/<stem>_result.bib  CoLRev's own reading of colrev__<stem>.<ext>
  truth/<file>.truth.json (here)  counted and read by hand: a list of every record, or (since round 21) the
      record count and some records read by hand, {"count": N, "records": {"<index>": {...}}}, checked besides
      the plain parse where there is one
otherwise a plain independent parse of the format (RIS TY..ER blocks, Cochrane Record # blocks, CSV rows).
"Read exactly" = the record count and, for every record, title, first author (family name, and no separator
between authors in it), year and DOI as the truth has them. The files are never committed (licences).

The first author is checked exactly (`family_names`, `norm_family`), by family name under one normalisation
(below). Where the truth has a family name (Zotero's lastName, PubMed XML's LastName, a hand-read truth) it
must be one our first author can be read as. Where it has the first author as the source wrote it (the plain
parses; another importer's BibTeX): if that name has one reading, it must be one of ours; if several ('Given
Family' forms), ours must have the same readings (the same words in the same form). Normalisation: Unicode
NFC, case-folded, braces dropped, '’' as "'", runs of spaces as one, the name's end punctuation (' .,;') and a
generational suffix (Jr, Sr, II, III, IV, 2nd, 3rd, 4th) off. Which family names a name can be read as, by
its form: 'Surname, Given' → the part before the first comma (unless that part is itself 'Surname I.', as
Scopus's 'Rathod N., Mr.': then its surname); 'Surname Initials' (Vancouver: after a first word, only
initials — 'JA', 'J.A.', 'J.-M.', 'Á', Scopus's 'Ch.L.') → the words before the initials; anything else
('Given Family', 'I. Family', a group, one word) → the whole name or any run of its last words (which words of
'Jacopo Di Clemente' are the family name the name alone does not say). And the first author must hold no
separator between authors (`screener.records.authors.list_separators`)."""

from __future__ import annotations

import csv
import glob
import html
import io
import json
import os
import re
import sys
import unicodedata
import urllib.parse
import xml.etree.ElementTree as etree
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry
from pylatexenc.latex2text import LatexNodes2Text

from screener.errors import RecordParseError
from screener.records.authors import list_separators
from screener.records.reader import read_file

HERE = Path(__file__).resolve().parent
GATHERED = Path(os.environ.get("SCREENER_GATHERED", HERE.parents[1].parent / "gathered"))

# one person whose name looks like two Vancouver names, checked by hand (tests/records/test_records_authors.py)
ONE_PERSON = {"Gnimpieba Z, David R."}

# 'JR', 'SR' upper-case are initials far more often than suffixes ('Abel SR')
_GEN_SUFFIX = re.compile(r"(?:,\s*|\s+)(?:Jr|jr|Sr|sr|II|III|IV|2nd|3rd|4th)\.?$")


def norm_family(s):
    s = unicodedata.normalize("NFC", s or "").replace("\u2019", "'").replace("{", "").replace("}", "")
    s = " ".join(s.split()).strip(" .,;")
    return _GEN_SUFFIX.sub("", s).strip(" .,;").casefold()


def _is_initials(tok):
    """'J', 'JA', 'J.A.', 'J.-M.', 'Á', a transliterated two-letter initial dotted ('Ch.L.'); undotted at most 4."""
    if "." not in tok:
        return 1 <= len(tok.replace("-", "")) <= 4 and tok.replace("-", "").isalpha() and tok.isupper()
    chunks = [c for c in re.split(r"[.-]+", tok) if c]
    return bool(chunks) and all(c.isalpha() and c[0].isupper() and (len(c) == 1 or len(c) == 2 and c[1].islower())
                                for c in chunks)


def _caps(tok):
    """Initials however written: 'J.', 'IA.', 'J.-M.' (Scopus's CSV)."""
    return bool(re.fullmatch(r"[A-Z][A-Z.\-]*\.?", tok)) or _is_initials(tok)


def _scopus_given_names(pieces):
    """An older Scopus cell of names with full given names ('Pioch Nicholas J., Roberts Bruce, Zeltzer David'): a
    name of two or three capitalised words and no initial, and most names two words or more before any initials
    (a cell of initials has few: 'De Henauw S.' beside 'Afshin A.'; a group author is neither)."""
    def words_before_initials(p):
        ws = p.split()
        k = next((i for i, w in enumerate(ws) if _caps(w)), len(ws))
        ok = all(w[:1].isupper() and w[1:].replace("-", "").isalpha() and not w.isupper() for w in ws[:k]) and \
            all(_caps(w) for w in ws[k:])
        return k if ok else -1, k == len(ws)
    forms = [words_before_initials(p) for p in pieces if p.strip()]
    return any(2 <= k <= 3 and bare for k, bare in forms) and 2 * sum(k >= 2 for k, _ in forms) > len(forms)


def family_names(name):
    """The family names one author, as our reader gives it, can be read as (see the module's docstring)."""
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    name = _GEN_SUFFIX.sub("", name).strip(" ,;")
    if "," in name:
        head = name.split(",")[0].split()
        if len(head) >= 2 and all(_is_initials(t) for t in head[-1:]):     # 'Rathod N., Mr.': a title after it
            return {norm_family(" ".join(head[:-1]))}
        return {norm_family(name.split(",")[0])}
    toks = name.split()
    for i in range(1, len(toks)):
        if all(_is_initials(t) for t in toks[i:]):
            return {norm_family(" ".join(toks[:i]))}
    return {norm_family(" ".join(toks[i:])) for i in range(len(toks))} or {""}


def norm_title(t):
    t = unicodedata.normalize("NFC", (t or "").replace("\ufeff", ""))
    return re.sub(r"\s+", " ", t).strip().rstrip(".").lower()


def yr(s):
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", s or "")
    return int(m.group(1)) if m else None


def first_bib(a):
    a = re.split(r"\s+and\s+", a)[0].strip().strip("{}")
    if ";" in a:                                          # a list typed into one name
        a = a.replace("{", "").replace("}", "").split(";")[0].strip()
    if a.count(",") >= 3:                                 # a BibTeX name has at most two commas: a list typed in
        a = a.split(",")[0].strip()
    return a


def _vancouver(piece, dotted=True):
    toks = _GEN_SUFFIX.sub("", piece.strip()).split()
    return len(toks) >= 2 and _is_initials(toks[-1]) and (dotted or "." not in toks[-1])


def vfirst(s, dotted=True):
    """The first name of a Vancouver list ('Del Fabbro M, Taschieri S' → 'Del Fabbro M'; PubMed's group author
    before ';': 'Brainstorm Consortium; Anttila V, …'); else s. A list only where the next piece is a Vancouver
    name too ('Muhammed T, Sadiq' is one person, 'Pearse RV 2nd, …' a name with its suffix). dotted=False: only
    undotted initials make a list (Ovid's one-line RIS 'Ross S, Bossis A'; one RIS line 'Fonseca C., Efraín R.'
    is one person)."""
    s = s.split(";")[0].strip()
    pieces = s.split(",")
    if len(pieces) >= 2 and _vancouver(pieces[0], dotted) and _vancouver(pieces[1].rstrip("."), dotted):
        return pieces[0].strip()
    return s


NO_AUTHOR = {"anon", "anonymous", "[no author name available]", "[no authors listed]", "no author name available",
             "no authors listed", "et al"}
CREATOR_TYPES = ("author", None, "contributor", "inventor", "programmer", "artist", "director", "podcaster")


def first_of(tags, tag):
    """The first value of a tag in a {tag: [values]} parse, else ''."""
    return (tags.get(tag) or [""])[0]


def from_zotero(path):
    items = json.load(open(path + ".expected.json"))
    if isinstance(items, dict):                      # Better BibTeX's fixtures: {"config": …, "items": […]}
        items = items.get("items", [])
    out = []
    for it in items:
        if it.get("itemType") in ("note", "attachment"):
            continue
        cr = [c for c in it.get("creators", []) if c.get("creatorType") in CREATOR_TYPES] or []
        fam = cr[0].get("lastName") if cr and "lastName" in cr[0] else None
        doi = it.get("DOI") or ""
        extra = it.get("extra", "") or ""
        extra = "\n".join(extra) if isinstance(extra, list) else extra
        m = re.search(r"^DOI: (\S+)", extra, re.M)
        if not doi and m:
            doi = m.group(1)
        who = dict(family=fam) if fam is not None else dict(author=(cr[0].get("name") or "") if cr else "")
        out.append(dict(title=it.get("title", ""), **who, year=yr(it.get("date", "")), doi=doi.lower()))
    return out


_LATEX_TO_TEXT = LatexNodes2Text(math_mode="verbatim").latex_to_text


def _tex(v):
    """LaTeX to text; a bare '&' or '%' is the character (Scopus writes '38% of the risk'), not LaTeX's alignment
    or comment."""
    return _LATEX_TO_TEXT(re.sub(r"(?<!\\)([&%])", r"\\\1", v))


def _bib_value(fields, key, delimited):
    v = fields[key].value if key in fields else ""
    v = v.strip()
    # else the delimiters are off: a '"' left around the value is the title's own ('{"Is COVID-19 …?"}')
    if (v.startswith("{") and v.endswith("}")) or (delimited and v.startswith('"') and v.endswith('"')):
        v = v[1:-1]
    return v


def from_bib(bibpath):
    lib = bibtexparser.parse_string(open(bibpath, encoding="utf-8").read())
    out = []
    # an entry bibtexparser flags (a key or field used twice) comes unprocessed: its values keep their delimiters
    ents = [(b, False) if isinstance(b, Entry) else (b.ignore_error_block, True) for b in lib.blocks
            if isinstance(b, Entry) or (isinstance(b, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock))
                                        and isinstance(b.ignore_error_block, Entry))]
    for e, delimited in ents:
        f = {k.lower(): v for k, v in e.fields_dict.items()}
        out.append(dict(title=html.unescape(_tex(_bib_value(f, "title", delimited))),
                        author=_tex(first_bib(_bib_value(f, "author", delimited))),
                        year=yr(_bib_value(f, "year", delimited) or _bib_value(f, "date", delimited)),
                        doi=cdoi(_tex(_bib_value(f, "doi", delimited)))))
    return out


def xml_entities(t):
    """XML's five entities and character references, decoded once (EBSCOhost's and Scopus's RIS titles write
    '&lt;30 weeks', '&quot;Anxiety&quot;', 'R&amp;D'); a reference to a control character is kept."""
    def one(m):
        if m.group(1):
            return {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}[m.group(1)]
        code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
        ok = code >= 0x20 and not 0x7F <= code < 0xA0 and not 0xD800 <= code < 0xE000 and code <= 0x10FFFF
        return chr(code) if ok else m.group(0)
    return re.sub(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));", one, t)


def _ris_first(r, *tags):
    """The first non-empty value of the first of tags the record has."""
    return next((v for t in tags for v in r.get(t, []) if v), "")


def from_ris(path):
    text = open(path, encoding="utf-8-sig", errors="replace").read()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    out, cur, last = [], None, None
    no_ty = not re.search(r"(?m)^TY  -", text)
    for line in text.split("\n"):
        m = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not m:
            if cur is not None and last and line.strip():
                cur[last][-1] += " " + line.strip()
            if cur is not None:
                cur.setdefault("_raw", []).append(line)
            continue
        tag, val = m.group(1), m.group(2).strip()
        if tag == "TY":
            cur, last = {"_raw": []}, None
            continue
        if cur is None and no_ty and tag != "ER":         # a file with no TY: ER to ER
            cur, last = {"_raw": []}, None
        if cur is None:
            continue
        if tag == "ER":
            out.append(cur)
            cur = None
            continue
        cur["_raw"].append(line)
        cur.setdefault(tag, []).append(val)
        last = tag
    res = []
    for r in out:
        # a placeholder is no author ('A1  - Anonymous', Ovid Embase's; 'AU  -  et al.', the Cochrane Library's)
        au = next((v for t in ("AU", "A1") for v in r.get(t, []) if v and v.strip(" .[]").lower() not in NO_AUTHOR), "")
        res.append(dict(title=xml_entities(_ris_first(r, "TI", "T1", "CT", "BT")), author=vfirst(au, dotted=False),
                        year=yr(_ris_first(r, "PY", "Y1", "DA")), doi=cdoi(_ris_first(r, "DO")),
                        raw="\n".join(r["_raw"])))
    return res


def _cochrane_field(record_text, tag):
    m = re.search(rf"(?m)^{tag}: (.*)$", record_text)
    return m.group(1) if m else ""


def from_cochrane(path):
    text = open(path, "rb").read().decode("utf-8").replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    recs = re.split(r"(?m)^Record #\d+ of \d+\s*$", text)[1:]
    out = []
    for r in recs:
        out.append(dict(title=_cochrane_field(r, "TI"), author=_cochrane_field(r, "AU"),
                        year=yr(_cochrane_field(r, "YR")), doi=_cochrane_field(r, "DOI").lower()))
    return out


def cdoi(d):
    d = (d or "").strip().lower()
    if re.match(r"https?://(dx\.)?doi\.org/", d):    # a link is URL-encoded (Ovid RIS: '…/0376-8716%2876%2990010-7')
        d = urllib.parse.unquote(d)
    d = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", d)
    m = re.search(r"10\.\d{4,9}/\S+", d)
    d = m.group(0).rstrip(".;,") if m else ""
    if d.endswith(")") and d.count(")") > d.count("("):    # WoS's DO cut from an abstract's '(… https://doi.org/…)'
        d = d[:-1]
    return d


def _wos_first_author(r):
    # a group (CA; GP, a book's or a report's group) is the author where no person is named (round 23's rule)
    return (r.get("AF") or r.get("AU") or r.get("BF") or r.get("BA") or r.get("CA") or r.get("GP") or
            "").split(";")[0].strip()


def from_csv(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    if text.startswith('"TITLE","'):
        return from_csv_rows(text)
    if text.startswith("\u00ef\u00bb\u00bf"):          # a byte-order mark decoded as Windows-1252, saved as UTF-8
        text = text[3:]
    rows = list(csv.DictReader(io.StringIO(text)))
    h = rows[0].keys() if rows else []
    authors = [r.get("authors") or "" for r in rows]
    rayyan_and = any(" and " in a for a in authors) and not any(re.search(r",\S", a) for a in authors)
    out = []
    for r in rows:
        if "PT" in h and "AU" in h and "TI" in h and "UT" in h or ("PT" in h and "AF" in h and "DI" in h):
            # WoS columns as CSV
            out.append(dict(title=r["TI"], author=_wos_first_author(r), year=yr(r.get("PY", "")),
                            doi=cdoi(r.get("DI", ""))))
        elif "ORN" in h and "TI" in h and "AU" in h:         # Ovid CSV
            au = [a for a in re.split(r"\n+", r["AU"]) if a.strip()]
            y = r.get("YR") or ""
            if not y:
                m = re.search(r"\b((?:19|20)\d\d)\.?\s*(?:$|Article|Date)", r["SO"])
                y = m.group(1) if m else ""
            out.append(dict(title=r["TI"], author=au[0] if au else "", year=yr(y), doi=cdoi(r.get("DO", ""))))
        elif "display_name" in h:
            au = r["authorships.author.display_name"].split("|")[0]
            out.append(dict(title=r["display_name"], author=au, year=yr(r["publication_year"]), doi=cdoi(r["doi"])))
        elif "Description" in h and "ShortDetails" in h:
            m = re.search(r"doi: (10\.\S+?)\.?(\s|$)", r["Details"])
            au = "" if r["Description"].startswith("[No authors") else vfirst(r["Description"]).rstrip(".")
            out.append(dict(title=r["Title"], author=au, year=yr(r["ShortDetails"]), doi=m.group(1) if m else ""))
        elif "Source title" in h and "Authors" in h and "Title" in h:      # Scopus
            au = r["Authors"].split(";")[0].strip() if ";" in r["Authors"] else vfirst(r["Authors"])
            if "Author full names" in h and r["Author full names"]:
                au = re.sub(r"\s*\(\d+\)$", "", r["Author full names"].split(";")[0].strip())
            elif "," in au and not re.search(r" \S+\.?,", au):     # older Scopus: 'Nelson, T.O., Dunlosky, J.'
                au = ",".join(au.split(",")[:2])
            elif ";" not in (cell := r["Authors"]) and _scopus_given_names(cell.split(", ")):
                # older Scopus, full given names after the family name ('Pioch Nicholas J., Roberts Bruce': 1997
                # records, read by hand — Nicholas J. Pioch, Ann B. Shortelle, Randy Pausch)
                first = cell.split(", ")[0].split()
                if first[0].lower() not in ("van", "von", "de", "der", "del", "da", "di", "dos", "du", "la", "le"):
                    au = f"{first[0]}, {' '.join(first[1:])}"
            au = au if r["Authors"].strip(" .").lower() not in NO_AUTHOR else ""
            # an older Scopus CSV may have no DOI column at all (round 29: 'Authors,Author Ids,Title,Year,…,Link')
            out.append(dict(title=r["Title"], author=au, year=yr(r["Year"]), doi=cdoi(r.get("DOI") or "")))
        elif "CENTRAL ID" in h:                                    # Cochrane Library CSV: 'Surname, I; …'
            au = r["Author(s)"].split(";")[0].strip()
            out.append(dict(title=r["Title"], author=au, year=yr(r["Year"]), doi=cdoi(r["DOI"])))
        elif "Author Names" in h and "Source" in h:                # Embase.com CSV by column: 'Surname I., …'
            au = re.split(r"(?<=\.),\s*", r["Author Names"])[0].strip()
            y = r.get("Publication Year") or r["Source"]
            doi = r.get("DOI") or ""
            out.append(dict(title=r["Title"], author=au, year=yr(y), doi=cdoi(doi)))
        elif "PUI" in h and "Title" in h:                          # Embase.com CSV of chosen columns (no authors)
            au = re.split(r"(?<=\.),\s*", r.get("Author Names") or "")[0].strip()
            out.append(dict(title=r["Title"], author=au, year=yr(r.get("Publication Year") or r.get("Source") or ""),
                            doi=cdoi(r.get("DOI") or "")))
        elif "Covidence #" in h:                                   # Covidence CSV
            au = r["Authors"].split(";")[0].strip()
            au = au if au.strip(" .").lower() not in NO_AUTHOR else ""   # 'Anonymous.' (an Embase record's)
            out.append(dict(title=r["Title"], author=au, year=yr(r["Published Year"]), doi=cdoi(r["DOI"])))
        elif "Key" in h and "Item Type" in h and "Publication Year" in h:
            au = r["Author"].split(";")[0]
            out.append(dict(title=r["Title"], author=au.strip(), year=yr(r["Publication Year"]), doi=cdoi(r["DOI"])))
        elif "Document Title" in h and "Author Affiliations" in h:  # IEEE Xplore CSV: 'P. Kogge; J. Shalf'
            au = r["Authors"].split(";")[0].strip()
            # the column is 'Publication Year' or, in newer exports, 'Year' (round 29)
            out.append(dict(title=r["Document Title"], author=au, year=yr(r.get("Publication Year") or r.get("Year") or ""),
                            doi=cdoi(r["DOI"])))
        elif "Item Title" in h and "Content Type" in h:           # SpringerLink CSV: names run together, no separator
            # (the first name's given name may have a capital inside: 'HongBin ZhuYuXiao Xia', 'AlAnoud Bindayel…')
            m = re.match(r"(\S+ .*?[a-z\u00df-\u00ff])(?=[A-Z]|$)", r["Authors"])
            au = m.group(1) if m else r["Authors"]
            out.append(dict(title=r["Item Title"], author=au, year=yr(r.get("Publication Year") or r.get("Year") or ""),
                            doi=cdoi(r["Item DOI"])))
        elif "Cites" in h and "GSRank" in h:                       # Publish or Perish: 'C Kun-Rodrigues, J Salmona, ...'
            au = r["Authors"].split(",")[0].strip()
            out.append(dict(title=r["Title"], author=au if au != "..." else "", year=yr(r["Year"]),
                            doi=cdoi(urllib.parse.unquote(r["DOI"]))))   # DOIs as in URLs: '%28'
        elif "key" in h and "title" in h and "authors" in h:       # Rayyan's CSV: 'Laurenza, Elena and Quintano, Michele'
            # ('Lackerbauer AM and Krauss O'; one author alone: 'Zare Mehrjerdi, Yahia'), BibTeX's way; triple-a's
            # Rayyan-format CSV joins with ',' and no space: 'Jeffrey P Spence,Tony Zeng' (told apart by the file)
            au = r["authors"].split(" and " if rayyan_and else ",")[0].strip()
            out.append(dict(title=r["title"], author=au, year=yr(r["year"]), doi=cdoi(r.get("doi", ""))))
        elif "Article Title" in h and "Publication Type" in h:    # WoS's spreadsheet export saved as CSV
            au = (r.get("Author Full Names") or r.get("Authors") or r.get("Group Authors") or "").split(";")[0]
            out.append(dict(title=r["Article Title"], author=au.strip(), year=yr(r.get("Publication Year") or r.get("Year") or ""),
                            doi=cdoi(r.get("DOI") or "")))
        elif "Takeaway" in h and "Consensus Link" in h:           # Consensus: 'Vikram S Chundawat, A. Tarun'
            out.append(dict(title=r["Title"], author=r["Authors"].split(",")[0].strip(), year=yr(r["Year"]),
                            doi=cdoi(r["DOI"])))
        elif list(h) == ["Title", "Authors", "Year", "Venue", "Citations"]:   # Google Scholar scraped: 'M Prédhumeau, L Mancheva'
            out.append(dict(title=r["Title"], author=r["Authors"].split(",")[0].strip(), year=yr(r["Year"]), doi=""))
        elif "PMID" in h and "Authors" in h:
            out.append(dict(title=r["Title"], author=vfirst(r["Authors"]).rstrip("."), year=yr(r["Publication Year"]),
                            doi=cdoi(r["DOI"])))
        else:
            return None
    return out


def from_medline(path):
    text = open(path, encoding="utf-8-sig", errors="replace").read().replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n\s*\n(?=PMID-)", "\n" + text) if "PMID-" in b]
    if not blocks:                                  # ERIC's .nbib: no PMID, each record opens with 'OWN - ERIC'
        blocks = [b for b in re.split(r"\n\s*\n(?=OWN -)", "\n" + text) if "OWN -" in b]
    out = []
    for b in blocks:
        tags, last = {}, None
        for line in b.split("\n"):
            m = re.match(r"^([A-Z]{2,4}) *- (.*)$", line)
            if m:
                last = m.group(1)
                tags.setdefault(last, []).append(m.group(2).strip())
            elif last and line.startswith("      "):
                tags[last][-1] += " " + line.strip()
        doi = next((v.split()[0] for t in ("LID", "AID") for v in tags.get(t, []) if v.endswith("[doi]")), "")
        # a group author (CN) is the record's author where it names no person (PubMed's reports by an agency)
        au = first_of(tags, "FAU") or first_of(tags, "AU") or first_of(tags, "CN")
        # an NCBI Bookshelf record (a report, a book chapter) has its title in BTI and no TI
        title = first_of(tags, "TI") or first_of(tags, "BTI")
        out.append(dict(title=title, author=au, year=yr(first_of(tags, "DP")), doi=doi.lower()))
    return out


def _text_at(element, path):
    """The text of the first element at path under element, stripped; '' when there is none."""
    found = element.findall(path)[:1]
    return " ".join("".join(e.itertext()) for e in found).strip()


def from_endnote_xml(path):
    try:
        root = etree.parse(path).getroot()
    except etree.ParseError:                       # a bare '&' some generators write: the character
        text = open(path, encoding="utf-8-sig").read()
        root = etree.fromstring(re.sub(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)", "&amp;", text))
    out = []
    if root.tag == "XML":                            # EndNote online's upper-case XML
        for rec in root.iter("RECORD"):
            au = _text_at(rec, "AUTHORS/AUTHOR")
            doi = cdoi(_text_at(rec, "ELECTRONIC_RESOURCE_NUMBER")) or cdoi(_text_at(rec, "URL"))
            out.append(dict(title=_text_at(rec, "TITLE"), author=au, year=yr(_text_at(rec, "YEAR")), doi=doi))
        return out
    for rec in root.iter("record"):
        au = _text_at(rec, "contributors/authors/author")
        out.append(dict(title=_text_at(rec, "titles/title"), author=au,
                        year=yr(_text_at(rec, "dates/year")), doi=cdoi(_text_at(rec, "electronic-resource-num"))))
    return out


def from_pubmed_xml(path):
    out = []
    for art in etree.parse(path).getroot().iter("PubmedArticle"):
        last = _text_at(art, ".//AuthorList/Author/LastName")
        fam = last or _text_at(art, ".//AuthorList/Author/CollectiveName")
        year = (_text_at(art, ".//Article/Journal/JournalIssue/PubDate/Year")
                or _text_at(art, ".//Article/Journal/JournalIssue/PubDate/MedlineDate"))
        doi = next(("".join(e.itertext()) for e in art.iter("ArticleId") if e.get("IdType") == "doi"), "") or \
            next(("".join(e.itertext()) for e in art.iter("ELocationID") if e.get("EIdType") == "doi"), "")
        who = dict(family=last) if last else dict(author=fam)
        out.append(dict(title=_text_at(art, ".//ArticleTitle"), **who, year=yr(year), doi=cdoi(doi)))
    return out


def from_wos(path):
    # newline="": KCI's records in a WoS export break a value with a bare CR inside a line ended by LF (round 23);
    # there it is a space, a line end only in a file with no LF at all
    text = open(path, encoding="utf-8-sig", errors="replace", newline="").read().replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", " " if "\n" in text else "\n")
    out = []
    for b in re.split(r"(?m)^ER\s*$", text):
        if not re.search(r"(?m)^PT ", b):
            continue
        tags, last = {}, None
        for line in b.split("\n"):
            if re.match(r"^[A-Z][A-Z0-9] ", line):
                last = line[:2]
                tags.setdefault(last, []).append(line[3:].strip())
            elif last and line.startswith("   "):
                if last in ("AU", "AF"):
                    tags[last].append(line.strip())
                else:
                    tags[last][-1] = tags[last][-1] + " " + line.strip()
        # a group author (CA) is the author where no person is named (a journal's staff: a correction's)
        au = first_of(tags, "AF") or first_of(tags, "AU") or first_of(tags, "BF") or first_of(tags, "BA") or \
            first_of(tags, "CA")
        out.append(dict(title=first_of(tags, "TI"), author=au, year=yr(first_of(tags, "PY")),
                        doi=cdoi(first_of(tags, "DI"))))
    return out


def from_enw(path):
    """EndNote tagged (.enw, refer): records open with '%0', fields '%X value'; %T title, the first %A, %D, %R DOI."""
    text = open(path, encoding="utf-8-sig", errors="replace").read().replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for b in re.split(r"(?m)^(?=%0 )", text):
        tags = {}
        for line in b.split("\n"):
            m = re.match(r"^%(\S) (.*)$", line)
            if m:
                tags.setdefault(m.group(1), []).append(m.group(2).strip())
        if "0" not in tags:
            continue
        out.append(dict(title=first_of(tags, "T"), author=first_of(tags, "A"), year=yr(first_of(tags, "D")),
                        doi=cdoi(first_of(tags, "R"))))
    return out


def from_ovid_tagged(path):
    """Ovid's tagged export ('Citavi', 'Citation Manager'): '<1. >' opens a record, 'TI  - ', 'AU  - ' one a line,
    'YR  - ' (else the year in 'DP  - '), 'DO  - ' as a doi.org link; a line without a tag continues the field."""
    text = open(path, encoding="utf-8-sig", errors="replace").read().replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for b in re.split(r"(?m)^<\d+\. ?>\s*$", text)[1:]:
        tags, last = {}, None
        for line in b.split("\n"):
            m = re.match(r"^([A-Z][A-Z0-9]{1,3}) {1,2}- ?(.*)$", line)
            if m:
                last = m.group(1)
                tags.setdefault(last, []).append(m.group(2).strip())
            elif last and line.strip():
                tags[last][-1] += " " + line.strip()
        out.append(dict(title=first_of(tags, "TI"), author=first_of(tags, "AU"),
                        year=yr(first_of(tags, "YR") or first_of(tags, "DP")), doi=cdoi(first_of(tags, "DO"))))
    return out


def from_ebsco_xml(path):
    """EBSCOhost's XML export: <records><rec><header><controlInfo>: artinfo/tig/atl, artinfo/aug/au, pubinfo/dt@year,
    artinfo/ui[@type='doi']."""
    out = []
    for rec in etree.parse(path).getroot().iter("rec"):
        ci = rec.find("header/controlInfo")
        if ci is None:
            out.append(dict(title="", author="", year=None, doi=""))
            continue
        dt = ci.find("pubinfo/dt")
        doi = next(("".join(u.itertext()) for u in ci.iter("ui") if u.get("type") == "doi"), "")
        out.append(dict(title=_text_at(ci, "artinfo/tig/atl"), author=_text_at(ci, "artinfo/aug/au"),
                        year=yr(dt.get("year", "") if dt is not None else ""), doi=cdoi(doi)))
    return out


def from_csv_rows(text):
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(block)) if r}
        if "TITLE" not in rows:
            continue
        au = (rows.get("AUTHOR NAMES") or [""])[0]
        out.append(dict(title=rows["TITLE"][0], author=au, year=yr((rows.get("PUBLICATION YEAR") or [""])[0]),
                        doi=cdoi((rows.get("DOI") or [""])[0])))
    return out


def _own_truth(path):
    """truth/<file>.truth.json here, or None: a list of records, {"records": [...]}, {"refuse": true}, or a
    hand-read sample {"count": N, "records": {"<index>": {...}}}."""
    own = HERE / "truth" / (os.path.basename(path) + ".truth.json")
    return json.loads(own.read_text(encoding="utf-8")) if own.exists() else None


def is_sample(t):
    """A hand-read sample: the record count and some records by their index, not every record."""
    return isinstance(t, dict) and isinstance(t.get("records"), dict)


def _wos_tab(path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # WoS quotes nothing (its titles' quotes are unbalanced); a file a spreadsheet re-saved quotes every AU cell
    aus = [r.get("AU", "") for r in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)]
    resaved = any("," in a for a in aus) and all(a[:1] == a[-1:] == '"' for a in aus if "," in a)
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_MINIMAL if resaved else csv.QUOTE_NONE))
    return [dict(title=r.get("TI", ""), author=_wos_first_author(r), year=yr(r.get("PY", "")),
                 doi=cdoi(r.get("DI", ""))) for r in rows if r.get("PT")]


def truth(path):
    b = os.path.basename(path)
    own = _own_truth(path)                             # read by hand: first (it corrects another importer's)
    if own is not None and not is_sample(own):
        return own["records"] if isinstance(own, dict) and "records" in own else own
    if os.path.exists(path + ".expected.json"):
        return from_zotero(path)
    if os.path.exists(path + ".expected.bib"):
        return from_bib(path + ".expected.bib")
    if b.startswith("colrev__"):
        name = b[len("colrev__"):]
        stem, ext = os.path.splitext(name)
        res = str(GATHERED / "colrev" / "expected" / f"{stem}_result.bib")
        if os.path.exists(res):
            return from_bib(res)
    raw_head = open(path, "rb").read(4000)
    if raw_head[:2] in (b"\xff\xfe", b"\xfe\xff"):          # WoS tab-delimited is UTF-16 where WoS wrote it so
        raw_head = raw_head.decode("utf-16", "replace").encode("utf-8")
    head = raw_head.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    if "Record #1 of" in head and "AU: " in head:
        return from_cochrane(path)
    if re.search(r"(?m)^\ufeff?TY  -", head) or (re.match(r"[A-Z][A-Z0-9]  - ", head) and re.search(r"(?m)^ER  -", head)):
        return from_ris(path)
    if path.endswith(".csv"):
        return from_csv(path)
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    # WoS tab-delimited; its other databases' columns (BIOSIS Previews: PT UT PM …, Zoological Record: PT AN …)
    if first.startswith("PT\t") and "\tTI\t" in first:
        return _wos_tab(path)
    if re.search(r"(?m)^(PMID- |OWN - )", head):
        return from_medline(path)
    if "<PubmedArticleSet>" in head:
        return from_pubmed_xml(path)
    if re.match(r"\s*(<\?xml[^>]*>\s*)?<records>\s*<rec\b", head.lstrip("\ufeff")):
        return from_ebsco_xml(path)
    if re.match(r"\s*<\d+\. ?>\s*\n", head.lstrip("\ufeff")):     # a later part starts at <301. >
        return from_ovid_tagged(path)
    if "<records><record>" in head.replace("\n", "").replace(" ", "")[:3000] or "<XML><RECORDS>" in head[:200]:
        return from_endnote_xml(path)
    if re.search(r"(?m)^PT [A-Z]\s*$", head) and \
            re.search(r"(?m)^ER\s*$", open(path, encoding="utf-8", errors="replace").read()):
        return from_wos(path)
    if re.match(r"%0 ", head.lstrip("\ufeff")):
        return from_enw(path)
    if path.endswith(".bib") or re.match(r"\s*@\w+\{", head.lstrip("\ufeff")):
        return from_bib(path)
    return None


def ours(path):
    try:
        r = read_file(path)
    except RecordParseError as e:
        return None, f"REFUSED: {str(e)[len(path)+1:][:150]}"
    except Exception as e:
        return None, f"CRASH {type(e).__name__}: {e}"
    return r, r.format


def _strip_markup(s):
    """Markup is not the title's text: HTML's, and JATS formula tags (IEEE's <inline-formula><tex-math …>)."""
    return re.sub(r"</?(b|i|u|sup|sub|strong|em|span[^>]*|inline-formula[^>]*|tex-math[^>]*)>", "", s or "", flags=re.I)


def compare(i, x, y):
    """What differs between our record x and the truth's record y (the i-th), as messages."""
    probs = []
    if norm_title(_strip_markup(x.title)) != norm_title(_strip_markup(y["title"])):
        probs.append(f"[{i}] title {x.title[:60]!r} != {y['title'][:60]!r}")
    a0 = x.authors[0] if x.authors else ""
    # the truth's family name where it has one (Zotero's lastName, a hand-read truth); else its first author as
    # written, and the two must share a reading as a family name
    fams = family_names(a0)
    want = {norm_family(y["family"] or "")} if "family" in y else family_names(y.get("author") or "")
    if (want != {""} and not (want <= fams if len(want) == 1 else want == fams)) or (want == {""} and a0):
        probs.append(f"[{i}] author {a0[:50]!r}: family {sorted(fams)[:3]} != {sorted(want)[:3]}")
    elif a0 and list_separators(a0) and a0 not in ONE_PERSON:
        probs.append(f"[{i}] author {a0[:50]!r} has separators {list_separators(a0)}")
    if y.get("year") is not None and x.year != y["year"]:
        probs.append(f"[{i}] year {x.year} != {y['year']}")
    td = (y.get("doi") or "").lower().replace("https://doi.org/", "")
    # where the truth has no DOI, one the record's own text has as a DOI link is the truth's omission (the
    # plain RIS parse reads only DO; Zotero maps no DOI from a link, nor onto an item type without a DOI field)
    linked = not td and x.doi and any(x.doi.lower() in urllib.parse.unquote(t).lower()
                                      for t in (y.get("raw", ""), x.raw))
    if (x.doi or "").lower() != td and not linked:
        probs.append(f"[{i}] doi {x.doi!r} != {y.get('doi')!r}")
    return probs


def _sort_key(z):
    return ((z.get("doi") or "").lower(), norm_title(z["title"]))


def check(path, verbose=False):
    t = truth(path)
    own = _own_truth(path)
    sample = own if is_sample(own) else None
    r, fmt = ours(path)
    name = os.path.basename(path)
    if t is None and sample is None:
        return name, "NO-TRUTH", fmt, []
    if isinstance(t, dict) and t.get("refuse"):
        ok = r is None and "CRASH" not in fmt and "not a known export format" not in fmt
        return name, "OK" if ok else "BAD", fmt, ([] if ok else [f"expected a specific refusal, got {fmt}"])
    if r is None:
        return name, "BAD", fmt, [fmt]
    probs = []
    if sample is not None:                             # the hand-read count and records, then the plain parse's
        if len(r.records) != sample["count"]:
            probs.append(f"count {len(r.records)} != {sample['count']} (read by hand)")
        for k, y in sorted(sample["records"].items(), key=lambda item: int(item[0])):
            i = int(k)
            probs += compare(i, r.records[i], y) if i < len(r.records) else [f"[{i}] missing (read by hand)"]
        if t is None:
            return name, "OK" if not probs else "BAD", fmt, probs
    if len(r.records) != len(t):
        probs.append(f"count {len(r.records)} != {len(t)}")
    if name.startswith(("colrev__", "bbt__")) and len(r.records) == len(t):   # they sort their output
        t = sorted(t, key=_sort_key)
        recs = sorted(r.records, key=lambda z: ((z.doi or "").lower(), norm_title(z.title)))
    else:
        recs = r.records
    for i, (x, y) in enumerate(zip(recs, t)):
        probs += compare(i, x, y)
    return name, "OK" if not probs else "BAD", fmt, probs


def main() -> None:
    if not GATHERED.is_dir():
        sys.exit(f"no gathered files at {GATHERED}: set SCREENER_GATHERED (see benchmarks/records_gathered/README.md)")
    paths = [p for p in sorted(glob.glob(str(GATHERED / "*" / "*")))
             if not re.search(r"\.(expected\.(json|bib)|truth\.json)$", p) and os.path.isfile(p)]
    n_ok = 0
    for p in paths:
        name, st, fmt, probs = check(p)
        n_ok += st == "OK"
        more = f" (+{len(probs)-4})" if len(probs) > 4 else ""
        print(f"{st:8} {name} [{fmt}] " + "; ".join(probs[:4]) + more)
    print(f"\nread exactly: {n_ok} / {len(paths)}")


if __name__ == "__main__":
    main()
