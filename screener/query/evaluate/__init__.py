"""Run a parsed strategy over records, locally, with Ovid's semantics: the hits of every line.

``evaluate(strategy, records) -> Evaluation``: every line's result as two sets of record indices,
``hits`` (the record matches) and ``undetermined`` (the record cannot answer: it has no MeSH
headings for a heading line, the source exported no abstracts, a limit needs data the record
lacks). Undetermined is never guessed into a hit or a miss; a typed ``EvalWarning`` says why.

Semantics (each a documented decision; the README's "Testing a strategy" repeats them):

* Words: text is folded to lower-case ASCII (diacritics removed) and split at every character
  that is not a letter or a digit, so punctuation and hyphens separate words and are not words:
  ``"back pain"`` matches "back-pain" and "back, pain". A term is split the same way
  (``co-operative`` is the phrase ``co operative``).
* ``ADJACENCY_COUNTS_EVERY_WORD``: every word counts in adjacency (no stopword list); Ovid's own
  stopword handling in ``adjN`` could not be confirmed.
* ``a adjN b``: a and b in the same field, in either order, with at most N−1 words between them;
  ``a adj b`` (no number): b immediately after a. Chains (``a adj3 b adj3 c``) need each
  consecutive pair within the distance. Fields never join: a title word is never adjacent to an
  abstract word, and each keyword or heading is its own run of words.
* Truncation works inside one word: ``*`` (or ``$``) any number of characters, ``$N`` at most
  N, ``#`` exactly one, ``?`` zero or one. ``pain*`` matches pain, pains, painful; not spain.
* Fields: ``ti`` title, ``ab`` abstract, ``kf``/``kw``/``id`` author keywords, ``tw`` = ti+ab,
  ``mp`` = ti+ab+kf+heading words+floating subheadings, ``all``/``af``/``tx`` = those plus
  publication types, authors and journal; PubMed's untagged terms (``atm``) are read as ``mp``
  (``ATM_AS_MP``). A field records do not hold (``rn``, ``ad``, …) is undetermined.
* Headings: a descriptor matches by name (case-insensitive), ``*`` needs a major heading,
  ``/xx`` any of the subheadings. ``exp`` searches the named heading only (no MeSH tree here):
  ``EXPLOSION_NOT_AVAILABLE`` says the count is a lower bound.
* Boolean logic is three-valued (Kleene): ``a NOT b`` is a hit only when b is a definite miss.

The package, in the order data flows through it (as sqlglot keeps its executor apart from its
parser and generators):

    words.py          folding record text and terms into words; ``WordPattern`` (truncation)
    record_fields.py  the record fields searched and the field codes mapped onto them
    index.py          one field of all records as one folded buffer, scanned once per pattern set
    corpus.py         ``Corpus``: records prepared for evaluation (postings, positions)
    evaluator.py      ``Evaluator`` and ``evaluate``: every node as (hits, undetermined)
    results.py        ``Evaluation``, ``LineResult``, ``EvalWarning``; how output names a record
    load.py           records to search, read from export files
    known.py          known relevant studies: matching them, recall, near misses
    oracle.py         the translation oracle: a compiled strategy evaluated against its source
    local.py          what ``screener query run`` / ``query validate`` do, as Python calls
"""

from __future__ import annotations

# the public names, importable from screener.query.evaluate as before the package was split
from screener.query.evaluate.corpus import Corpus
from screener.query.evaluate.evaluator import Evaluator, evaluate
from screener.query.evaluate.load import load_records
from screener.query.evaluate.record_fields import BASE_FIELDS, FIELD_GAP, FIELD_MAP, VALUE_GAP, field_values, record_languages
from screener.query.evaluate.results import (
    HIT,
    MISS,
    UNDETERMINED,
    WARNING_CODES,
    Evaluation,
    EvalWarning,
    LineResult,
    identifier_label,
    record_label,
    record_summary,
)
from screener.query.evaluate.words import (
    ADJACENCY_COUNTS_EVERY_WORD,
    WordPattern,
    effective_text,
    term_words,
    tokenize,
    year_range,
)

__all__ = ["evaluate", "Evaluation", "LineResult", "EvalWarning", "WARNING_CODES", "HIT", "UNDETERMINED", "MISS",
           "Corpus", "Evaluator", "load_records", "tokenize", "term_words", "WordPattern", "effective_text", "year_range",
           "field_values", "record_languages", "identifier_label", "record_label", "record_summary",
           "ADJACENCY_COUNTS_EVERY_WORD", "BASE_FIELDS", "FIELD_GAP", "FIELD_MAP", "VALUE_GAP"]
