"""Author lists: one documented rule set per vendor field, so the first author is one person (or one group).

Most formats give one author per tag line (RIS ``AU``, MEDLINE ``FAU``, EndNote ``%A``, WoS ``AU``
continuation lines, EndNote XML ``<author>``). Some vendors pack the whole list into one field; what
separates authors there, and how a group author and a "Jr." survive, is written down here per field
(``RULES``) and applied by :func:`split_authors`. The readers call it with the rule for the field they
read; :func:`list_separators` names what in a single author looks like a separator between authors
(the property test over every fixture uses it).

Rules (field → what separates authors; what stays together):

- ``ris`` (RIS ``AU``/``A1``…, one author per line): a ``;`` inside a line separates authors
  (EndNote/Mendeley re-exports). Ovid's RIS puts every author on one ``A1``/``AU`` line in
  Vancouver form, ``Ross S, Bossis A, Guss J``: the line is split at ``,`` only when *every* piece is
  ``Surname Initials`` (so ``Ross, Stephen`` and ``Smith, J. Jr`` stay one person).
- ``vancouver`` (PubMed CSV ``Authors``, Embase/Scopus CSV "Surname I." lists): ``,`` between
  ``Surname Initials`` names (a one-word name such as ``Reason`` among at least two of them is a name
  too); ``;`` before a group author (``Smith J, Doe A; COVID Study Group.``,
  the group is one author even if it contains commas); a trailing ``et al.`` (PubMed's legacy CSV
  cuts long lists) is not an author; a piece that is only a suffix (``Jr.``, ``Sr.``,
  ``II``, ``III``, ``IV``, ``2nd``, ``3rd``) joins the author before it (older Scopus writes
  ``King M.L., Jr., Brown C.``); the final ``.`` PubMed adds to the list is dropped; older Scopus
  CSV's ``Nelson, T.O., Dunlosky, J.`` (``Surname, I.`` pairs joined by ``,``) is paired up; Scopus CSV
  since 2025 writes each author ``I., Surname, Given`` (``E.A., Bradley, Elizabeth A.``, ``;`` between
  authors), read as ``Bradley E.A.``; a list that begins with two ``Surname Initials`` names is people, so
  what follows them is authors whatever its form (older Scopus CSV's consortia, ``Ferreira M.A.R., Vonk
  J.M., 23andMe Research Team, SHARE study``).
- ``csv`` (any other CSV ``authors`` cell): line breaks (Ovid CSV puts one author per line, often
  with blank lines between) separate authors first; then ``;``; then BibTeX-style `` and ``; then
  ``. `` before ``Surname,`` (Ovid CSV ``Ross, Stephen. Bossis, Anthony.``) or after the initials of
  a Vancouver name (``Ross S. Bossis A. Guss J.``); then the Vancouver rule.
- ``pipe`` (OpenAlex CSV ``authorships.author.display_name``): ``|`` only.
- ``springer`` (SpringerLink CSV ``Authors``): SpringerLink runs the names together with nothing
  between them (``Andy SmithTom Weber``); a name starts where a lower-case letter meets an upper-case
  one and both sides are ``Given Family`` (so ``McDonald`` and ``DeLuca`` stay whole); in a word that holds a
  family name and a given name with an inner capital (``ZhuYuXiao``), at its first inner capital after no particle.
- ``bibtex`` (BibTeX ``author``/``editor``): `` and `` at brace depth 0 only (``{Smith and Sons}``
  is one group author); ``others`` is dropped (it means "et al."); a name that is ``Surname, Given``
  pieces joined by ``;`` (Zotero's export of names it kept as one literal name) is those names; a ``;``
  closing each name (``Baibich, M.N.; and Broto, J.M.;``) is dropped; a name of three or more commas that
  is ``Surname, I.`` pairs (``Miller, D., Firby, J. and Dean, T.``) is those pairs (one BibTeX name has at
  most two commas).
"""

from __future__ import annotations

import re
import unicodedata

from screener.records.base import clean_space
from screener.records.name_forms import ris_name, split_run_together

_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv|v|2nd|3rd|4th)\.?$", re.I)
# "Ross S", "O'Connor RE", "Pérez-de la Fuente R", "van den Bosch MAAJ", "Wilson L.N.", "Wilson L N"
_VANCOUVER = re.compile(r"^[^\W\d_][\w'’.\- ]*? (?:[A-Z]\.?[ -]?){1,5}$")
_OVID_DOT = re.compile(r"(?<=\.)\s+(?=[^\W\d_][\w'’\-]*(?: [\w'’\-]+){0,3}, )")

RULES = {
    "ris": "one author per line; ';' separates; a one-line Vancouver list 'Ross S, Bossis A' splits at ','; "
           "'Surname, Given' names joined by ' and ' are those names",
    "vancouver": "',' between 'Surname Initials'; ';' before a group author; 'Jr.' joins the name before",
    "csv": "line breaks, then ';', then ' and ', then '. ' before 'Surname,', then the Vancouver rule",
    "pipe": "'|' only",
    "springer": "a new name where lower-case meets upper-case and both sides have a space",
    "bibtex": "' and ' at brace depth 0; 'others' dropped",
    "given_first": "',' between 'Initials Surname' names (Publish or Perish's Google Scholar CSV); its '...' "
                   "(names Google Scholar left out) dropped",
}


_NAME_SUFFIX = re.compile(r" (?:Jr|Sr|2nd|3rd|4th|II|III|IV)\.?$")


# NLM's transliterated initials (and Embase's): a capital and at most one lower-case letter each — Cyrillic Yu
# 'Iu', Ya 'Ia', 'Sh', 'Zh', Portuguese 'de' as 'd' ('Sousa Bd'), Hungarian 'Gy.' —, an Arabic article before
# one ('El-Rayah el-A'), an apostrophe ('Sagnon N'' of N'Fale); 'Jr' and 'Sr' alone are suffixes, not initials
_TRANSLITERATED = re.compile(r"(?!(?:Jr|Sr)\.?$)(?:[a-z]{1,3}-)?(?:[A-Z][a-z]?['’]?\.?-?){1,4}")


def _without_modifiers(text: str) -> str:
    """Spacing and combining marks out: Embase writes 'Å' as 'A˚' (a spacing ring, U+02DA)."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) not in ("Sk", "Mn"))


def _is_vancouver(piece: str) -> bool:
    """'Ross S', 'Paragas ED Jr' (a suffix after the initials), 'López-Franco Ó' (an accented initial),
    'Shabanova IuV' (NLM's transliterated initials), 'Hansson G.-A˚.'."""
    if "," in piece:
        return False
    if _VANCOUVER.match(piece):
        return True
    core = _NAME_SUFFIX.sub("", piece) if piece.count(" ") >= 2 else piece
    surname, _, initials = core.rpartition(" ")
    initials = _without_modifiers(initials)
    if surname and _TRANSLITERATED.fullmatch(initials) and re.match(r"^[^\W\d_][\w'’.\- ]*$", surname):
        return True
    letters = initials.replace(".", "").replace("-", "")
    # Scopus keeps a transliterated initial of two letters, dotted, beside another: 'Ma Ch.L.', 'Eaton E.Ng.'
    # (one alone, 'Jr.', is not initials)
    upper = letters.isupper() or bool(re.fullmatch(r"(?:[A-Z][a-z]?\.-?){2,4}", initials))
    return bool(surname) and 1 <= len(letters) <= 5 and letters.isalpha() and upper and \
        bool(re.match(r"^[^\W\d_][\w'’.\- ]*$", surname))


def _join_suffixes(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        if out and _SUFFIX.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


def split_vancouver(value: str, mononyms: bool = False) -> list[str]:
    """'Ross S, Bossis A, Guss J' → three names; anything else → [value] (one name).
    ``mononyms``: a list of at least two Vancouver names may also hold one-word names ('Reason', an author
    known by one name, in PubMed's lists)."""
    value = clean_space(value)
    comma = value.find(",")
    if comma < 0:
        return [value] if value else []
    if " " not in value[:comma] and not mononyms:
        return [value]      # 'Smith, J.' or 'Ross, Stephen': a Vancouver name always has a space
    pieces = [p.strip() for p in value.split(",") if p.strip()]
    names = _join_suffixes(pieces)
    core = [re.sub(r", (jr|sr|ii|iii|iv|v|2nd|3rd|4th)\.?$", "", n, flags=re.I) for n in names]
    # PubMed writes a preferred given name in parentheses after the initials: 'Lin JY (Joyce)' is 'Lin JY'
    core = [re.sub(r" \([^()]+\)$", "", c) for c in core]
    vancouver = [_is_vancouver(c.rstrip(".")) or _is_vancouver(c) for c in core]
    # a lone 'Xy' after a surname is a transliterated initial ('Sousa Bd') or a name ('Vinh Le, Hoa T.', one
    # person): such a piece counts only beside two names of plain initials
    lone = [bool(re.fullmatch(r"\S.* (?!Jr|Sr)[A-Z][a-z]", c)) for c in core]
    # (in PubMed's and the other Vancouver-only fields, beside one: 'Araújo Md, Gil LH, e-Silva Ad', 'DETINOVA Ts,
    # GILLIES MT')
    if sum(v and not lo for v, lo in zip(vancouver, lone)) < (1 if mononyms else 2):
        vancouver = [v and not lo for v, lo in zip(vancouver, lone)]
    if len(names) >= 2 and all(vancouver):
        return names
    if mononyms and len(names) >= 2 and \
            all(v or re.fullmatch(r"[^\W\d_][\w'’\-]+", c) for v, c in zip(vancouver, core)) and \
            (sum(vancouver) >= 2 or any(vancouver) and len(names) >= 3 or
             any(re.fullmatch(r"\S.* [A-Z]{2,4}", c) for c in core)):
        # one Vancouver name beside one-word names ('DO-VAN-QUY, NGUYEN-VAN-AI, VANDEKERKOVE M'); beside a single
        # one ('Jayaprakash, Chowdaiah BN') only with PubMed's bare initials of two letters or more: 'Smith, John
        # A' and 'Ross, Mary Jo' are one person each
        return names
    if mononyms and len(names) >= 3 and sum(vancouver) >= 2 and all(vancouver[:-1]) and \
            re.fullmatch(r"[^\W\d_][\w'’\-]*(?: [\w'’\-]+){0,2}", core[-1]) and \
            not any(w.lower() in _NOT_IN_NAMES for w in core[-1].split()):
        # a last name NLM wrote without initials after two Vancouver names or more ('Johanson 3', 'BIN OMARAH')
        return names
    return [value]


def _people_then_others(value: str) -> list[str] | None:
    """A list that begins with two 'Surname I.' names is a list of people, so every ','-piece after them is an
    author too, whatever its form: older Scopus CSV writes consortia and one-word names in the same list
    ('Ferreira M.A.R., Vonk J.M., 23andMe Research Team, SHARE study'). A suffix ('Jr.') or a lone initial
    ('Loukola L.L.C.S., A.') joins the name before. None when the list does not begin so."""
    pieces = [p.strip() for p in value.split(",") if p.strip()]
    names: list[str] = []
    for piece in pieces:
        if names and (_SUFFIX.match(piece) or re.fullmatch(r"[A-Z]\.?", piece)):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    first = [re.sub(r", [^,]+$", "", n) for n in names[:2]]
    if len(names) < 3 or not all(_is_vancouver(n.rstrip(".")) or _is_vancouver(n) for n in first):
        return None
    return names


def _strip_list_end(value: str) -> str:
    """PubMed ends the Authors cell with '.'; keep the dot of a final initial ('Smith J.' stays)."""
    value = value.strip()
    if value.endswith(".") and not re.search(r"(?:^|[\s.\-])[A-Z]\.$", value):      # 'Smith J.', 'Lee Y.-N.'
        value = value[:-1]
    return value


# 'T.O.', 'J.', 'J.-M' (dot lost at the end), 'Š.' (any upper-case letter: Scopus keeps Czech, Polish… initials);
# up to six: Portuguese names carry five or more ('M.V.N.D.N.', 'J.C.C.B.S.', older Scopus CSV, round 23)
_INITIALS_SHAPE = re.compile(r"(?:[^\W\d_]\.-?){0,5}[^\W\d_]\.?")


def _initials(text: str) -> bool:
    return bool(_INITIALS_SHAPE.fullmatch(text)) and all(c.isupper() for c in text if c.isalpha())


def split_initials_pairs(value: str) -> list[str] | None:
    """Older Scopus CSV 'Nelson, T.O., Dunlosky, J.' → ['Nelson, T.O.', 'Dunlosky, J.'] ('Jr.' joins the
    name before); None when the value is not such a list of two or more 'Surname, I.' names."""
    # a reference list's style too: 'Robinson, C. V.' (spaced initials), '& Birdsall, C.' (before the last)
    pieces = [re.sub(r"^(?:&|and) ", "", p.strip()) if i == len(value.split(",")) - 2 else p.strip()
              for i, p in enumerate(value.split(","))]
    names: list[str] = []
    i = 0
    while i < len(pieces):
        if i + 1 >= len(pieces) or not _initials(pieces[i + 1].replace(". ", ".")) \
                or _initials(pieces[i]) or not re.match(r"[^\W\d_]", pieces[i]):
            return None
        name = f"{pieces[i]}, {pieces[i + 1]}"
        i += 2
        if i < len(pieces) and _SUFFIX.match(pieces[i]):
            name, i = f"{name}, {pieces[i]}", i + 1
        names.append(name)
    return names if len(names) >= 2 else None


_GIVEN_INITIALS_FIRST = re.compile(r"(?:[A-Z]\.[\s-]?){1,3}\s*[^\W\d_][\w'’\-]+\.?")


def split_first_inverted(value: str) -> list[str] | None:
    """A reference list's style where only the first name is inverted, 'Nielsen, H., D. Cajiao, V. Dinica.'
    → ['Nielsen, H.', 'D. Cajiao', 'V. Dinica']; None when the value is not such a list."""
    pieces = [p.strip() for p in value.split(",")]
    if len(pieces) < 3 or not _initials(pieces[1].replace(". ", ".")) \
            or not all(_GIVEN_INITIALS_FIRST.fullmatch(p) for p in pieces[2:]):
        return None
    return [f"{pieces[0]}, {pieces[1]}"] + [p.rstrip(".") for p in pieces[2:]]


_INITIALS_SURNAME_GIVEN = re.compile(r"^((?:[^\W\d_]\.-?){1,6}), ([^,]+), ([^,]+)$")


def _initials_surname_given(piece: str) -> str | None:
    """Scopus CSV since 2025: 'E.A., Bradley, Elizabeth A.' → 'Bradley E.A.' (the 'Surname I.' its older
    exports wrote); None for anything else."""
    match = _INITIALS_SURNAME_GIVEN.match(piece)
    if not match or not all(c.isupper() for c in match.group(1) if c.isalpha()):
        return None
    return f"{match.group(2)} {match.group(1)}"


# PubMed's and Scopus's placeholders ('Anon' is older Scopus records'; a person named Anon has initials), and
# Embase's 'Anonymous' (Ovid), which WoS writes '[Anonymous]'
# placeholders where a name would be; 'et al' closes a list cut short (the Cochrane Library's RIS of CENTRAL gives it
# a line of its own after the tenth name): none is a person
NO_AUTHOR = {"no authors listed", "no author name available", "anon", "anonymous", "et al"}


def _surname_given(piece: str) -> bool:
    """'Atchin, K.A.', 'Rippel, William J', 'Smith, John, Jr.': words, one comma (two around a suffix), words."""
    head, comma, rest = piece.partition(",")
    parts = [part.strip() for part in rest.split(",")]
    return bool(comma) and bool(head.strip()) and all(parts) and \
        (len(parts) == 1 or len(parts) == 2 and any(map(_SUFFIX.match, parts)))


def split_and_joined(value: str) -> list[str] | None:
    """'Atchin, K.A. and Rodewell, A.D.' (a reference list's RIS, every author on one line, BibTeX's way) → the
    names, when the line opens with two 'Surname, Given' names: then every piece between the ' and 's outside
    brackets is an author (a group among them too: '… and 2556 signatories from 43 countries (INCLUDING 1472 FROM
    THE UNITED STATES and 616 FROM MEXICO)'); else None: a group's name ('Ministry of Health, Labour and
    Welfare', 'Smith and Sons') or one person ('Faeth and Stanley H.', which a citation chaser writes for
    'Faeth, Stanley H.') stays whole."""
    pieces: list[str] = []
    for chunk in value.split(" and "):
        if pieces and pieces[-1].count("(") > pieces[-1].count(")"):
            pieces[-1] += " and " + chunk
        else:
            pieces.append(chunk)
    names = [clean_space(piece) for piece in pieces if piece.strip()]
    if len(names) < 2 or not (_surname_given(names[0]) and _surname_given(names[1])):
        return None
    return names


# a name's words in one of its 'Surname, Given' pieces: capitalised words (initials, hyphens too), lower-case particles
_NAME_WORDS = re.compile(r"(?:(?:[^\W\d_a-z][\w'’.\-]*|van|von|der|den|de|del|della|di|da|dos|du|la|le|ter|ten)"
                         r"(?: |$)){1,4}")


def split_surname_given_list(value: str) -> list[str] | None:
    """'Fischer, Anita, Rouault, Pascale, Van Assel, Johan and Pawlowsky-Reusing, Erika' (a list typed into one
    name: 'Surname, Given' pairs joined by ',', the last by ' and ') → the names; None unless the value is two or more
    such pairs, every piece a name's words."""
    head, sep, last = value.rpartition(" and ")
    pieces = [p.strip() for p in (head + "," + last if sep else value).split(",")]
    if len(pieces) < 4 or len(pieces) % 2 or not all(_NAME_WORDS.fullmatch(p) for p in pieces):
        return None
    return [f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces), 2)]


def split_field_names(value: str) -> list[str]:
    """The names in one author field of a reference manager that holds one person a field (EndNote's <author>).
    A library's users type lists into it — 'Surname, I.' names joined by ',', 'Surname, Given' pairs with a last
    ' and ', one name a line — and leave stray commas ('Riechel, M.,', 'Lengemann, , N.'): the names, without them.
    One person has at most two commas ('Smith, John, Jr.'), so only a field with three or more is read as a list."""
    out: list[str] = []
    for line in re.split(r"[\r\n]+", value):
        name = clean_space(re.sub(r",(?:\s*,)+", ",", line)).strip(" ,")
        if name.count(",") >= 3:
            names = split_initials_pairs(name) or split_surname_given_list(name)
            if names:
                out.extend(names)
                continue
        if name:
            out.append(name)
    return out


def split_authors(value: str, rule: str = "csv") -> list[str]:
    """The names in one field value under ``rule`` (a key of RULES); a vendor's "no author" placeholder
    (PubMed's ``[No authors listed]``, Scopus's ``[No author name available]`` and ``Anon``) is no author,
    and so is a value with no letter or digit (a citation chaser's 'AU  - ,': an empty family and given name)."""
    if not value or not value.strip() or value.strip().lower().strip("[]. ") in NO_AUTHOR or \
            not any(map(str.isalnum, value)):
        return []
    if rule == "pipe":
        return [clean_space(p) for p in value.split("|") if p.strip()]
    if rule == "given_first":
        return [clean_space(p) for p in value.split(",") if p.strip() and p.strip() not in ("...", "…")]
    if rule == "springer":
        return split_run_together(value)
    if rule == "bibtex":
        return split_bibtex_names(value)
    if rule == "ris":
        if ";" not in value:
            name = " ".join(value.split())
            comma = name.find(",")
            if (comma < 0 or " " not in name[:comma]) and " and " not in name:
                # the common cases: one author on the line, 'Smith, J.' or 'Ross, Stephen' (no space
                # before the comma, so not a Vancouver list: split_vancouver keeps it whole)
                return ris_name(name) if comma == 0 else [name]
            if comma > 0 and name[1] in ".,-":
                names = ris_name(name)          # Rayyan's 'E.A. Lotfi R.A. Abdel-Aziz S.E, El-Khateeb'
                if len(names) > 1:
                    return names
        out: list[str] = []
        for part in value.split(";") if ";" in value else [value]:
            part = clean_space(part)
            if part:
                out.extend(" and " in part and split_and_joined(part) or split_vancouver(part))
        return out
    if rule == "vancouver":
        out = []
        parts = value.split(";")
        for k, part in enumerate(parts):
            part = clean_space(part)
            if k == len(parts) - 1:
                part = _strip_list_end(part)     # the list's final dot; 'Osama Md.; Ahmed K.' keeps the name's
            if not part:
                continue
            part = re.sub(r",\s*et al\.?$", "", part)          # PubMed's legacy CSV cuts long lists
            if part.lower().strip("[]. ") in NO_AUTHOR:
                continue
            pairs = split_initials_pairs(part)
            if pairs:
                out.extend(pairs)
                continue
            rotated = _initials_surname_given(part)
            if rotated:
                out.append(rotated)
                continue
            names = split_vancouver(part, mononyms=True)
            if len(names) == 1 and "," in part:
                # names of capitalised words only, without initials (Burmese: 'Myat Myat Thu, Myo Paing, …')
                names = _given_family_list(part) or names
            if len(names) == 1 and "," in part:
                names = _people_then_others(part) or names
            if len(names) == 1 and "," in part and not _is_vancouver(part):
                # a group author ('Department of X, University of Y') or one 'Surname, Given'
                out.append(part)
            else:
                out.extend(names)
        # 'Ferguson L, Barham D.': the final dot is the list's when no other name ends with one
        if len(out) > 1 and out[-1].endswith(".") and not any(n.endswith(".") for n in out[:-1]) \
                and re.search(r" [A-Z]{1,4}\.$", out[-1]):
            out[-1] = out[-1][:-1]
        return out
    # generic CSV cell
    if ",null" in value:                    # RefWorks writes 'Surname,null' for a missing given name
        value = re.sub(r",null\b", "", value)
    if "\n" in value.strip():
        lines = [line for line in value.split("\n") if line.strip()]
        # one name a line, each after the first opened by BibTeX's ' and ' (Abstrackr's CSV: 'Longrich, N.R.\n and
        # Pereda-Suberbiola, X.'): the separator is not the name's
        lines = lines[:1] + [re.sub(r"^\s*and\s+", "", line) for line in lines[1:]]
        return [n for line in lines for n in split_authors(line, "csv")]
    value = _ET_AL_END.sub("", clean_space(value))     # a list cut short ('Sloots M, Dekker JH, et al'): not an author
    if ";" in value:
        return [n for part in value.split(";") if part.strip() for n in _split_csv_piece(part.strip())]
    if " and " in value:
        # 'D. Pavlinac, R. Langer, L. Lenhard and L. Deftos': a reference list's ',' before the ' and '
        return [n for p in value.split(" and ") if p.strip() for n in _split_initials_first(clean_space(p))]
    return _split_csv_piece(value)


_ET_AL_END = re.compile(r"[,;]\s*et al\.?$", re.I)
_VANCOUVER_DOTTED = re.compile(r"^(?:[^\W\d_][\w'’\-]+(?: [\w'’\-]+)* [A-Z]{1,4}\.(?: |$)){2,}$")


def _split_csv_piece(value: str) -> list[str]:
    # Ovid CSV 'Ross S. Bossis A. Guss J.': Vancouver names each closed by '. '
    if "," not in value and _VANCOUVER_DOTTED.match(value):
        return [p.strip() + "." for p in re.split(r"(?<= [A-Z])\.(?: |$)|(?<= [A-Z]{2})\.(?: |$)|"
                                                   r"(?<= [A-Z]{3})\.(?: |$)|(?<= [A-Z]{4})\.(?: |$)", value)
                if p.strip()]
    # Ovid CSV 'Ross, Stephen. Bossis, Anthony.' / 'Ross, S. Bossis, A.'
    if value.count(",") >= 2 and ". " in value:
        pieces = [p.strip() for p in _OVID_DOT.split(value)]
        if len(pieces) >= 2 and all(p.count(",") == 1 for p in pieces):
            # the dot after a given name is the list's, the dot after an initial is the name's
            return [p[:-1] if re.search(r"[^\W\d_]{2}\.$", p) else p for p in pieces]
    if "," in value:
        pairs = split_initials_pairs(value)
        if pairs:
            return pairs
        names = split_vancouver(value)
        if len(names) > 1:
            return names
        initials_first = _split_initials_first(value)
        if len(initials_first) > 1:
            return initials_first
        pieces = [p.strip() for p in value.split(",") if p.strip()]
        if len(pieces) > 3 and ("..." in pieces or "…" in pieces):
            # a long list elided ('Kim Van Naarden Braun, ..., Deborah Layton': PubMed's and Crossref's metadata,
            # in Covidence's CSV): the '...' is no name, the names around it are the list's
            pieces = [p for p in pieces if p not in ("...", "…")]
        # 'Liu R., Adler D.G.' style lists where every piece has a space (kept from the old rule)
        if len(pieces) > 2 and all(" " in p for p in pieces):
            return _join_suffixes(pieces)
        # a one-word name among at least two 'Given Family' names is a name too ('Rounak Dey,Wei Zhou,FinnGen,
        # Seunggeun Lee': a consortium, as the Vancouver rule takes 'Reason'), when every other piece is a
        # person's name (capitalised words and particles: not 'National Heart, Lung, and Blood Institute')
        if len(pieces) > 2 and sum(" " in p for p in pieces) >= 2 and all(
                _GIVEN_FAMILY.fullmatch(p) and not any(w.lower() in _NOT_IN_NAMES for w in p.split())
                if " " in p else re.fullmatch(r"[^\W\d_][\w'’\-]+", p) and p[0].isupper() and not _SUFFIX.match(p)
                for p in pieces):
            return pieces
    return [value]


# 'Jessica M Sims', 'Kuan-Han H Wu', 'Jan van der Berg': capitalised words (initials too) and lower-case particles
_GIVEN_FAMILY = re.compile(r"(?:(?:[^\W\d_a-z][\w'’.\-]*|van|von|der|den|de|del|della|di|da|dos|du|la|le|ter|ten|bin|al|el)"
                           r"(?: |$)){2,6}")
_NOT_IN_NAMES = {"and", "of", "for", "the", "on", "in", "und", "et"}


# 'D. Pavlinac', 'J. W. Quintino-dos-Santos', 'F. G. de Mello', 'M. H. Moha Ou', 'R. De La Garza'
_INITIALS_FIRST_NAME = re.compile(r"(?:[A-Z]\.[\s-]?){1,4}\s*(?:[a-z]+ ){0,2}[^\W\d_][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2}\.?")
# the surname after Google Scholar's undotted initials ('C Palacio', 'AȘ Ghiță', 'DA de Madeup')
_SURNAME_AFTER_INITIALS = re.compile(r"(?:[a-z]+ ){0,2}[^\W\d_][\w'’\-]+(?: [^\W\d_][\w'’\-]+){0,2}")


def _undotted_initials_first(piece: str) -> bool:
    initials, _, rest = piece.partition(" ")
    return len(initials) <= 3 and initials.isalpha() and initials.isupper() and \
        bool(_SURNAME_AFTER_INITIALS.fullmatch(rest))


def _given_family_list(value: str) -> list[str] | None:
    """'Jacopo Di Clemente, Fredrik Christiansen, Enrico Pirotta' → the names, when every ','-piece is a
    person's 'Given Family' name of two words or more; None otherwise."""
    pieces = [p.strip() for p in value.split(",")]
    if len(pieces) >= 3 and all(" " in p and _GIVEN_FAMILY.fullmatch(p) and not any(
            w.lower() in _NOT_IN_NAMES for w in p.split()) for p in pieces):
        return pieces
    return None


def _split_initials_first(value: str) -> list[str]:
    """'D. Pavlinac, R. Langer, L. Lenhard' (a reference list's style, initials before each surname: a surname
    never starts with 'I. '), undotted as Google Scholar writes them ('C Palacio, E Gamess') → the names; a suffix
    ('Jr.') or a lone initial after a name joins it ('C. W. Livingston, Jr.'), a name of two or more initials only
    after one is a name (EndNote's CSV: 'M. Quirin, I. J. H and S. L. Koole', a database's garble of H. IJzerman);
    anything else → [value]."""
    pieces = [p.strip() for p in value.split(",") if p.strip()]
    names: list[str] = []
    for piece in pieces:
        if names and (_SUFFIX.match(piece) or re.fullmatch(r"[A-Z]\.?", piece)):
            names[-1] = f"{names[-1]}, {piece}"
        elif _INITIALS_FIRST_NAME.fullmatch(piece) or _undotted_initials_first(piece) or \
                names and re.fullmatch(r"(?:[A-Z]\. ?){1,4}[A-Z]\.?", piece):
            names.append(piece)
        else:
            return [value]
    return names if len(names) >= 2 else [value]


_BRACED_FAMILY_LIST = re.compile(r"\{([^{}]*;[^{}]*)\}(,[^{}]*)")


def split_bibtex_names(value: str, keep_braces: bool = False) -> list[str]:
    """BibTeX 'A and B and {C and D}' → names, splitting only at brace depth 0; 'others' dropped.
    ``keep_braces``: the names keep their inner braces (for a LaTeX decoder: ``Eli{\\v{s}}``)."""
    names: list[str] = []
    depth, start, i = 0, 0, 0
    text = " ".join(value.split())
    lower = text.lower()
    while i < len(text):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and lower.startswith(" and ", i):
            names.append(text[start:i])
            i += 5
            start = i
            continue
        i += 1
    names.append(text[start:])
    out: list[str] = []
    for name in list(names):
        # 'Osnabrugge, M; Ash, E' (names Zotero kept as one literal name): ';' outside braces between
        # 'Surname, Given' pieces separates names
        if ";" in name and "{" not in name:
            pieces = [p.strip() for p in name.split(";") if p.strip()]
            if len(pieces) > 1 and all(re.fullmatch(r"[^,]+, [^,]+(?:, (?:Jr|Sr|II|III|IV)\.?)?", p) for p in pieces):
                out.extend(clean_space(p) for p in pieces)
                continue
        braced = _BRACED_FAMILY_LIST.fullmatch(name.strip())
        if braced:
            # Mendeley: a list typed into one author's surname, braced: '{Caldecott, B.; Lomax, G.; Workman}, M.'
            pieces = [clean_space(p) for p in (braced.group(1) + braced.group(2)).split(";") if p.strip()]
            if len(pieces) > 1 and all(re.fullmatch(r"[^,]+(?:, [^,]+)?", p) for p in pieces):
                out.extend(pieces)
                continue
        name = name.strip()
        if name.endswith(";") and not name.endswith("\\;"):
            name = name[:-1].rstrip()       # 'Baibich, M.N.; and Broto, J.M.;': a ';' closing each name
        if name.count(",") >= 3 and "{" not in name:
            pairs = split_initials_pairs(name) or split_first_inverted(name) or _given_family_list(name)
            # 'Miller, D., Firby, J. and Dean, T.': pairs joined by ','; 'Nielsen, H., D. Cajiao, G. Roldan';
            # 'Jacopo Di Clemente, Fredrik Christiansen, …' (EndNote's BibTeX of a list pasted as one name)
            if pairs:
                out.extend(clean_space(p) for p in pairs)
                continue
        if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
            name = name[1:-1]
        name = clean_space(name if keep_braces else name.replace("{", "").replace("}", ""))
        if name and name.lower() != "others":
            out.append(name)
    return out


# initials after a surname: 'JA', 'J.A.', Scopus's 'Ch.L.' (a transliterated initial of two letters, dotted),
# an accented 'Á'; before a surname: 'C ', 'S. ', 'J.-M. ', 'P. A. '
_UPPER = "[^\\W\\d_a-z\u00df-\u00ff]"
# (a two-letter initial only beside another: 'Jr.' alone is a suffix, 'Clark Jr., Thomas D.' one person)
# NLM's and Embase's transliterated initials too ('IuV', 'ShM', 'el-A', 'N'', 'Gy.', 'G.-A˚.'), not 'Jr.' nor
# a lone 'Le' ('Vinh Le, Hoa T.' is one person), nor a suffix 'III' (WoS's 'Thomas III, Daniel J.': three given
# names beginning with I are rarer than a third; 'II' and 'IV' are initials too, Ivanov II, Petrov IV)
_TOKEN = rf"(?:{_UPPER}[\u02b0-\u02ff]?[a-z]?['’]?\.?-?)"
_INITIALS_AFTER = (rf"(?!III(?:,|\s|$))(?:{_UPPER}{{1,4}}\.?|(?:{_UPPER}[a-z]?\.-?){{2,4}}|{_UPPER}\.|"
                   rf"(?!(?:Jr|Sr)\.?(?:,|\s|$))(?:[a-z]{{1,3}}-{_TOKEN}{{1,4}}|{_TOKEN}{{2,4}}|{_UPPER}[a-z]\.|{_UPPER}['’]))"
                   rf"(?=,|\s|$)")
_INITIALS_BEFORE = rf"(?:{_UPPER}(?:\.-|\.\s?|\s)){{1,3}}\s?"
_SURNAME = r"[^\W\d_][\w'’\-]+(?: [\w'’\-]+)?"
_VANCOUVER_NAME = rf"{_SURNAME} {_INITIALS_AFTER}"
# capitalised words, the last with a lower-case letter (a family name, not 'Ross S')
_GIVEN_FAMILY_WORDS = rf"{_UPPER}[^,\s]*(?: {_UPPER}[^,\s]*)* {_UPPER}[^,\s]*[a-z][^,\s]*"
_LIST_PATTERNS = (
    ("';'", re.compile(r";")),
    ("a line break", re.compile(r"\n")),
    ("' and ' between names", re.compile(r"^[^,]+, [^,]+ and [^,]+, \S")),
    ("'|'", re.compile(r"\|")),
    ("',' between Vancouver names", re.compile(rf"^{_VANCOUVER_NAME}, {_VANCOUVER_NAME}")),
    # PubMed's and Embase's one-word author first: 'Rudy, Mustamsir E., Phatama K.Y.'; of two names only with
    # PubMed's final '.' after bare initials ('Jayaprakash, Chowdaiah BN.'): Google Scholar's 'Benson, Roger BJ'
    # and 'Smith, John A' are one person each
    ("',' between a one-word name and Vancouver names",
     re.compile(rf"^[^\W\d_][\w'’\-]+, (?:{_SURNAME} {_UPPER}{{2,4}}\.$|{_VANCOUVER_NAME}, {_VANCOUVER_NAME})")),
    # Publish or Perish 'C Kun-Rodrigues, J Salmona', IEEE 'S. Hochreiter, A. Graves' (a surname does not begin
    # with an initial and a space, so 'K C, Anup' and 'A. Rahman, M' are one person each)
    ("',' between 'I Surname' names", re.compile(rf"^{_INITIALS_BEFORE}[^\W\d_][\w'’\-]+, "
                                                   rf"{_INITIALS_BEFORE}[^\W\d_][\w'’\-]+(?:,|$)")),
    # Rayyan 'Gabrielle Samuel,Jessica M Sims': no space after the ',' between names of two words or more
    # (capitalised words before the ',': RefWorks's 'de Jong,Ype' and a group's 'National Association of
    # Elementary,School Principals' are one each)
    ("',' (no space) between 'Given Family' names", re.compile(rf"^{_UPPER}[^,\s]*(?: {_UPPER}[^,\s]*)+,{_UPPER}")),
    # EndNote's BibTeX of a list pasted as one name: 'Jacopo Di Clemente, Fredrik Christiansen, Enrico Pirotta'
    # (three names or more of capitalised words: 'Curry Rogers, Kristina' is one person)
    ("',' between 'Given Family' names", re.compile(rf"^(?:{_GIVEN_FAMILY_WORDS}, ){{2,}}{_GIVEN_FAMILY_WORDS}(?:,|$)")),
    ("'. ' before the next 'Surname,'", re.compile(r"^[^,]+, [^,]*[a-z]{2}\. [A-Z][\w'’\-]+, ")),
    ("'. ' between Vancouver names", re.compile(r"^[^\W\d_][\w'’\-]+ [A-Z]{1,4}\. [^\W\d_][\w'’\-]+ [A-Z]{1,4}\.")),
    ("',' between 'Surname, I.' names", re.compile(rf"^[^,]+, (?:{_UPPER}\.-?){{1,4}}, [^\W\d_][^,]*, (?:{_UPPER}\.)")),
)


def list_separators(name: str) -> list[str]:
    """What in one author name looks like a separator between authors ([] for one person/group)."""
    return [what for what, pattern in _LIST_PATTERNS if pattern.search(name)]
