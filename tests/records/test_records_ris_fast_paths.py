"""The RIS reader's shortcuts give what its general rules give: records read whole
(ris_lines.LineReader.read_ordinary) against the same text read line by line, and author lines taken
as they are (ris._plain_authors) against the line-by-line author rule (ris._authors), and PubMed's
DOI line taken as it is (medline._record) against first_doi. Random texts from a fixed seed, built
from the shapes real exports have and the ones that break a shortcut."""

import random

from screener.records import ris, ris_lines
from screener.records.reader import read_text

NAMES = ["Smith, J.", "Doe, A.B.", "O'Neil, K", "van der Berg, P.", "Müller, Ä.", "Li, X", "WHO",
         "Ross S, Bossis A, Guss J", "Smith, J.; Doe, A.", "[No author name available]", "Anon", "",
         " Smith, J.", "Smith, J. ", "Smith,  J.", "Smith,\tJ.", "Smith\u00a0X, J.", "Smi\u00adth, J.",
         "Smith, J.\nDoe, A.", ",J.", "Smith,", "De Luca, M.", "Wright Jr., T C", "Ma Ch.L., Eaton E.Ng."]


def test_author_lines_taken_as_they_are_are_what_the_author_rule_gives():
    rng = random.Random(17)
    assert ris._plain_authors(["Smith, J.", "Doe, A.B.", "Müller, Ä."])     # the usual lines: taken as they are
    taken = 0
    for _ in range(20000):
        values = [rng.choice(NAMES) if rng.random() < 0.7 else
                  "".join(rng.choice("ab ,;.\t\n[]Jr") for _ in range(rng.randint(0, 12)))
                  for _ in range(rng.randint(1, 4))]
        if ris._plain_authors(values):
            taken += 1
            assert ris._authors({"AU": values}) == values, values
    assert taken > 800       # 882 since 'Smith,' (a name closed by a comma) goes the long way (round 27)


LINES = ["TI  - A title", "TI  - Another title", "AU  - Smith, J.", "AU  - Doe, A.", "AU  - Ross S, Bossis A",
         "A1  - Li, X", "PY  - 2020", "PY  - 2021///", "AB  - An abstract  with  spaces ", "KW  - one",
         "KW  - two", "DO  - 10.1000/xyz", "UR  - https://doi.org/10.1000/abc", "SN  - 1234-5678",
         "DB  - Scopus", "ZZ  - unknown tag", "N1  - a note  - with a dash", "TI  - A title  AB  - fused",
         "continued text", "", "   ", "ER  - ", "ER  -", "TY  - JOUR", "Record #1 of 2", "1.", "NL  - Trailer",
         "Link to the Ovid Full Text or citation:", "PMID  - 123", "T2  - Journal", "VL  - 1", "AN  - 99"]


def _text(rng: random.Random) -> str:
    records = []
    for _ in range(rng.randint(1, 6)):
        body = [rng.choice(LINES) for _ in range(rng.randint(0, 8))] if rng.random() < 0.5 else \
            [rng.choice(LINES[:17]) for _ in range(rng.randint(0, 8))]
        end = ["ER  - "] if rng.random() < 0.9 else []
        gap = [""] * rng.randint(0, 2) if rng.random() < 0.9 else [rng.choice(LINES)]
        records.append("\n".join(["TY  - " + rng.choice(["JOUR", "BOOK", "", "jour "])] + body + end + gap))
    return "\n".join(records) + rng.choice(["", "\n", "\n\n"])


def _read(text: str) -> tuple:
    try:
        result = read_text(text, "x.ris")
    except Exception as exc:            # a refusal is an answer too
        return ("error", str(exc))
    return ([r.to_dict() for r in result.records], [w.to_dict() for w in result.warnings])


def test_records_read_whole_are_the_records_read_line_by_line(monkeypatch):
    rng = random.Random(7)
    texts = [_text(rng) for _ in range(1500)]
    whole = [_read(t) for t in texts]
    monkeypatch.setattr(ris_lines.LineReader, "read_ordinary", lambda self, text, pos, line: (pos, line))
    for text, expected in zip(texts, whole):
        assert _read(text) == expected, text


def test_pubmeds_doi_line_taken_as_it_is_is_what_clean_doi_gives():
    # medline._record takes 'LID - 10.1000/xyz [doi]' as the DOI itself (lower-cased) when identifiers.PLAIN_DOI
    # says clean_doi has nothing to do; every other value goes through first_doi as before
    from screener.records.base import first_doi
    from screener.records.medline import FIELDS, _looks_like_doi

    rng = random.Random(3)
    pieces = ["10.1016/j.gene.2015.10.064", "10.1000/ABC", "10.1002/(SICI)1097(199806)", "10.1000/x.", "10.1000/x)",
              "10.1000/%28x%29", "10.1000/a&amp;b", "10.1000/x]", "10.12/short", "doi:10.1000/y", "S0378(15)01297-4",
              "10.1000/x;", "10.1000/x'", "10.1000/x}", " ", "", "[doi]", "[pii]", "10.1000/é"]
    for _ in range(5000):
        lid = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 2))).strip()
        lid = (lid + rng.choice([" [doi]", " [pii]", "", "[doi]"])).strip()
        text = f"PMID- 1\nTI  - A title\nLID - {lid}\nLID - 10.1000/second [doi]\n"
        [record] = read_text(text, "x.nbib").records
        assert record.doi == first_doi({"LID": [lid, "10.1000/second [doi]"]}, FIELDS["doi"],
                                       looks_like=_looks_like_doi), lid
