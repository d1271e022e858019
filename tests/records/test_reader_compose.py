"""reader._compose: Unicode NFC of a record's normalised text fields, and the shortcut it takes for
text of Latin-1 characters only (which is NFC without looking)."""

import unicodedata

from screener.records.reader import read_text


def test_text_of_latin1_characters_is_always_nfc():
    # the premise of _compose's shortcut: no Latin-1 character is a combining mark, and none
    # composes with another (every pair checked: composition only ever joins neighbours here)
    chars = [chr(c) for c in range(256)]
    assert all(unicodedata.combining(c) == 0 for c in chars)
    assert all(unicodedata.is_normalized("NFC", a + b) for a in chars for b in chars)


def test_a_decomposed_accent_is_composed_beside_latin1_and_wider_characters():
    # Latin-1 'é' in the title, a decomposed 'ü' in an author: the fields taken together are not
    # Latin-1, so they are composed; the same with a character beyond Latin-1 ('’') in the abstract
    text = ("TY  - JOUR\nTI  - Caf\u00e9 study\nAU  - Mu\u0308ller, A\nAB  - Re\u0301sume\u0301\nER  - \n\n"
            "TY  - JOUR\nTI  - Caf\u00e9\u2019s study\nAU  - Mu\u0308ller, A\nER  - \n\n"
            "TY  - JOUR\nTI  - Caf\u00e9 study\nAU  - M\u00fcller, A\nKW  - na\u00efve\nER  - \n")
    first, second, third = read_text(text, "x.ris").records
    assert first.title == "Caf\u00e9 study" and first.authors == ["M\u00fcller, A"]
    assert first.abstract == "R\u00e9sum\u00e9" and first.tags["AB"] == ["Re\u0301sume\u0301"]
    assert second.title == "Caf\u00e9\u2019s study" and second.authors == ["M\u00fcller, A"]
    assert third.title == "Caf\u00e9 study" and third.keywords == ["na\u00efve"]
