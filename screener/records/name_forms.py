"""A name written in another order than it means, by the program that wrote the file (issue #17: read right down
to the author list). Kept apart from authors.py, which splits fields into names and calls this for each RIS line."""

from __future__ import annotations

import re

# the first token of a name's part before its comma when that part is initials, not a surname: 'S', 'J.', 'E.A.'
_LEADING_INITIALS = re.compile(r"(?:[A-Z]\.-?){0,5}[A-Z]\.?")


def _capitalised_word(token: str) -> bool:
    return token[:1].isupper() and any(map(str.islower, token)) and all(c.isalpha() or c in "-'’" for c in token)


def ris_name(name: str) -> list[str]:
    """One RIS author line's name as the names it stands for. A program that took a name's first word for the
    given name wrote 'the rest, the first word' (Rayyan's RIS of names stored without a comma): a one-word name as
    ', Vijaybhaskar', a Vancouver list kept as one name as 'E.A. Lotfi R.A. Abdel-Aziz S.E, El-Khateeb'. Where the
    part before the comma opens with a single or dotted initial, the part after is one to three capitalised words
    and the two read back in order are two or more 'Surname Initials' names, they are those names. One such name
    stays as it is: PubMed itself writes names whose surname is initials so ('T, Premkumar', 'G N S, Hema Sree'),
    and Rayyan's 'S, Choudhary' (PubMed's 'Choudhary S') cannot be told from them; so does anything else
    ('Li, X.', 'L., Willison D. J. Schwartz L.')."""
    if name[:1] == ",":
        rest = name[1:].strip()
        return [rest] if rest and _capitalised_word(rest.split()[0]) else [name]
    if len(name) < 4 or name[1] not in ".,-" or name.count(",") != 1:
        return [name]
    rest, _, first = name.partition(",")
    first_words = first.split()
    if not 1 <= len(first_words) <= 3 or not all(map(_capitalised_word, first_words)) or \
            not _LEADING_INITIALS.fullmatch(rest.split()[0]):
        return [name]
    names: list[str] = []
    words: list[str] = []
    for token in first_words + rest.split():
        if _LEADING_INITIALS.fullmatch(token):
            if not words:
                return [name]
            names.append(" ".join(words + [token]))
            words = []
        elif _capitalised_word(token):
            words.append(token)
        else:
            return [name]
    return names if len(names) >= 2 and not words else [name]


# a romanised Chinese (or Korean) given name as CNKI writes it: capitalised, hyphenated, lower case after the hyphen
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
_ONE_WORD_FAMILY = re.compile(r"[A-Z][A-Za-z]+")


def family_first(name: str) -> str:
    """A 'Given Family' field's name that its source wrote family first, as 'Family, Given'. Lens.org writes its
    authors given name first, but keeps the order of names it took from a Chinese source (CNKI, by way of Microsoft
    Academic): 'HE Sheng-zhong', 'Zheng Chong-you' — one word, then a hyphenated given name with a lower-case letter
    after the hyphen, which a Western given or family name does not have ('Jean-Luc Picard', 'Anne Smith-Jones');
    a romanised Korean name so written is family first too ('Kim Min-jun'; 'Min-jun Kim' is not)."""
    words = name.split()
    if len(words) == 2 and _ONE_WORD_FAMILY.fullmatch(words[0]) and _HYPHENATED_GIVEN.fullmatch(words[1]):
        return f"{words[0]}, {words[1]}"
    return name


# a word that opens a family name of several words ('Van Der Zaag', 'de Souza')
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la",
                        "le", "ten", "ter", "st", "st.", "mac", "bin", "al", "el"})
_INITIALS = re.compile(r"(?:[A-Z]\.?-?){1,4}\.?")


def _words_then_initials(name: str) -> tuple[list[str], list[str]] | None:
    """'Pioch Nicholas J.' → (['Pioch', 'Nicholas'], ['J.']); None unless capitalised words, then initials only."""
    words = name.split()
    k = next((i for i, w in enumerate(words) if _INITIALS.fullmatch(w)), len(words))
    if not all(_capitalised_word(w) for w in words[:k]) or not all(_INITIALS.fullmatch(w) for w in words[k:]):
        return None
    return words[:k], words[k:]


def family_first_given_names(names: list[str]) -> list[str]:
    """A Scopus Authors list of names with their full given names, as 'Family, Given'. Scopus writes its Authors
    column family name first; most records give initials ('Pausch R.'), some of the 1990s the given names, with no
    comma between family and given name ('Pioch Nicholas J., Roberts Bruce'). A list is of that kind where a name
    is capitalised words alone, two or three ('Roberts Bruce'), and more than half its names have two capitalised
    words or more before any initials (a list of initials has few: 'Abeyá Gilardon E.', 'De Henauw S.' beside
    'Afshin A.', and a group author is no name of either kind). Its names are then the first word, then the given
    names — except a name opening with a particle ('Van Der Zaag Christine': where its given names begin the name
    does not say), kept as it is."""
    forms = [_words_then_initials(name) for name in names]
    full = [f is not None and len(f[0]) >= 2 for f in forms]
    if not any(f is not None and 2 <= len(f[0]) <= 3 and not f[1] for f in forms) or 2 * sum(full) <= len(names):
        return names
    return [f"{form[0][0]}, {' '.join(form[0][1:] + form[1])}"
            if is_full and form is not None and form[0][0].lower() not in _PARTICLES else name
            for name, form, is_full in zip(names, forms, full)]


# a family name's particle, after which a capital is still the family name's: 'McDonald', 'DeLuca', 'MacLeod', 'O'Brien'
_INNER_CAPITAL_PARTICLES = frozenset({"mc", "mac", "de", "di", "da", "du", "del", "della", "la", "le", "van", "von",
                                      "fitz", "st", "o"})


def split_run_together(value: str) -> list[str]:
    """SpringerLink's 'Andy SmithTom WeberRonald McDonald' → three names ('McDonald' stays whole). A new name starts
    where a lower-case letter meets a capital and both sides are 'Given Family'. A given name written with a capital
    inside ('HongBin', 'YuXiao': Chinese and Arabic names, round 29) makes one word of a family name and the next
    given name ('ZhuYuXiao'): in a word of two inner capitals or more the family name ends at the first, unless what
    is before it is a particle ('McDonaldTom', 'DeLucaAnna')."""
    value = " ".join(value.split())
    cuts = [m.start() for m in re.finditer(r"(?<=[^\W\d_])(?=[A-Z])", value) if value[m.start() - 1].islower()]
    words: dict[int, list[int]] = {}
    for cut in cuts:
        words.setdefault(value.rfind(" ", 0, cut) + 1, []).append(cut)
    chosen: list[int] = []
    for start, word_cuts in words.items():
        # a word of one cut keeps it ('LePhat': Le, a family name, and Phat); of several, the first not after a
        # particle ('Mc|Donald|Tom' → 'McDonald|Tom', 'Zhu|Yu|Xiao' → 'Zhu|YuXiao')
        chosen.append(next((c for c in word_cuts if value[start:c].lower() not in _INNER_CAPITAL_PARTICLES),
                           word_cuts[-1]))
    names, start = [], 0
    for k, cut in enumerate(chosen):
        end = chosen[k + 1] if k + 1 < len(chosen) else len(value)
        if " " in value[start:cut].strip() and " " in value[cut:end].strip():
            names.append(value[start:cut].strip())
            start = cut
    names.append(value[start:].strip())
    return [n for n in names if n]
