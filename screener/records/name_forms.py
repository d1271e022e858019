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
