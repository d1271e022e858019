"""Deduplicating a list of records: normalise, block, compare, cluster.

``find_duplicates(records)`` is the whole pipeline on plain ``Record`` objects (no workspace);
the workspace mode (``screener.workspace.dedupe``) and the standalone CLI mode both call it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from screener.dedup.block import candidate_pairs
from screener.dedup.cluster import cluster
from screener.dedup.match import DIFFERENT, MAYBE, SAME, Verdict, compare
from screener.dedup.normalize import Normalized, normalize_record
from screener.progress import Progress
from screener.records.model import Record

log = logging.getLogger(__name__)
EVERY = 2000        # progress is reported every this many records or pairs


@dataclass
class PairResult:
    """One compared pair (indices into the input list)."""

    a: int
    b: int
    verdict: Verdict

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "label": self.verdict.label, "score": round(self.verdict.score, 1),
                "reasons": self.verdict.reasons, "erratum": self.verdict.erratum,
                "evidence": self.verdict.evidence}


@dataclass
class DedupResult:
    groups: list[list[int]]                 # indices, each group sorted, size ≥ 2
    merged_pairs: list[PairResult]          # the certain pairs that joined groups
    maybe_pairs: list[PairResult]           # uncertain: for a person to decide
    errata: list[tuple[int, int]]           # (notice index, article index) joined as erratum
    candidate_pairs: int = 0
    refused: list[PairResult] = field(default_factory=list)  # certain pairs a veto elsewhere kept apart


def find_duplicates(records: Sequence[Record], *, must_link: Iterable[tuple[int, int]] = (),
                    cannot_link: Iterable[tuple[int, int]] = (), join_errata: bool = True,
                    progress: Progress | None = None) -> DedupResult:
    """Groups of duplicate records, the uncertain pairs, and the errata joined to their articles.

    ``must_link`` / ``cannot_link`` are index pairs a person already decided ("same" /
    "different"); they override the matcher. With ``join_errata=False`` an erratum notice stays
    out of its article's group (it is still reported in ``errata``): a group is then strictly
    copies of one publication. ``progress(step, done, total)``: 'normalising' (records), then
    'comparing' (candidate pairs).
    """
    if progress is None:
        norms = [normalize_record(r, i) for i, r in enumerate(records)]
    else:
        norms = []
        for i, r in enumerate(records):
            if not i % EVERY:
                progress("normalising", i, len(records))
            norms.append(normalize_record(r, i))
        progress("normalising", len(records), len(records))
    return find_duplicates_normalized(norms, must_link=must_link, cannot_link=cannot_link,
                                      join_errata=join_errata, progress=progress)


def find_duplicates_normalized(norms: list[Normalized], *, must_link: Iterable[tuple[int, int]] = (),
                               cannot_link: Iterable[tuple[int, int]] = (),
                               join_errata: bool = True, progress: Progress | None = None) -> DedupResult:
    must = {_key(a, b) for a, b in must_link}
    cannot = {_key(a, b) for a, b in cannot_link}
    cleared = drop_shared_dois(norms)
    pairs = candidate_pairs(norms)
    # only what clustering and the report need is kept: certain and uncertain verdicts, and
    # which compared pairs carry a veto (a million Verdicts would not fit the memory budget)
    kept: dict[tuple[int, int], Verdict] = {}
    vetoed: set[tuple[int, int]] = set()
    same: list[tuple[float, int, int]] = []
    maybe: list[PairResult] = []
    erratum_links: list[PairResult] = []
    for done, pair in enumerate(pairs):
        if progress is not None and not done % EVERY:
            progress("comparing", done, len(pairs))
        if pair in must or pair in cannot:
            continue
        a, b = pair
        v = compare(norms[a], norms[b])
        if v.label == DIFFERENT:
            if v.veto:
                vetoed.add(pair)
            continue
        kept[pair] = v
        if v.label == SAME and v.erratum and not join_errata:
            erratum_links.append(PairResult(a, b, v))
        elif v.label == SAME:
            same.append((v.score, a, b))
        elif v.label == MAYBE:
            maybe.append(PairResult(a, b, v))
    if progress is not None:
        progress("comparing", len(pairs), len(pairs))
    same.sort(key=lambda s: (-s[0], s[1], s[2]))

    def blocks_join(x: int, y: int) -> bool:
        key = _key(x, y)
        if key in cannot or key in vetoed:
            return True
        if key in must:
            return False
        v = kept.get(key)
        if v is None:
            if key in pairs:
                return False          # compared: different, but no veto
            v = compare(norms[key[0]], norms[key[1]])
            if v.label == DIFFERENT:
                if v.veto:
                    vetoed.add(key)
                return v.veto
            kept[key] = v
        # a queued pair that carries a veto (a thesis vs its abstract entry, one abstract in two
        # journals) waits for a person: no chain of certain pairs may join it meanwhile
        return bool(v.veto and v.label != SAME or v.erratum and not join_errata)

    groups, refused = cluster(len(norms), ((a, b) for _, a, b in same), blocks_join, must)
    refused_set = set(refused)
    merged = [PairResult(a, b, kept[(a, b)]) for _, a, b in same if (a, b) not in refused_set]
    refused_results = [PairResult(a, b, kept[(a, b)]) for a, b in refused]
    # an uncertain pair whose records ended in one group anyway needs no decision
    where = {i: g[0] for g in groups for i in g}
    maybe = [p for p in maybe if where.get(p.a, -1 - p.a) != where.get(p.b, -2 - p.b)
             and (join_errata or not p.verdict.erratum)]
    maybe += [p for p in refused_results]
    for p in refused_results:
        p.verdict.label = MAYBE
        p.verdict.reasons = p.verdict.reasons + ["kept apart: a record in one group conflicts with the other"]
    maybe.sort(key=lambda p: (-p.verdict.score, p.a, p.b))
    maybe = _one_per_study_pair(maybe, where, cannot)
    errata = [(_notice(p, norms), p.b if _notice(p, norms) == p.a else p.a) for p in erratum_links]
    for p in merged:
        if p.verdict.erratum:
            notice = _notice(p, norms)
            errata.append((notice, p.b if notice == p.a else p.a))
    log.info("dedupe: %d records, %d candidate pairs (%d records lost a DOI shared by unrelated ones); %d groups of "
             "duplicates from %d certain pairs, %d uncertain pairs, %d kept apart", len(norms), len(pairs), cleared,
             len(groups), len(merged), len(maybe), len(refused_results))
    return DedupResult(groups=groups, merged_pairs=merged, maybe_pairs=maybe, errata=errata,
                       candidate_pairs=len(pairs), refused=refused_results)


def _one_per_study_pair(maybe: list[PairResult], where: dict[int, int],
                        cannot: set[tuple[int, int]]) -> list[PairResult]:
    """One question per pair of would-be studies: the strongest uncertain pair between two groups
    stands for all of them (deciding it 'same' merges the groups), and two groups a person
    already called different are not asked about again through another of their records."""
    def component(i: int) -> int:
        return where.get(i, i)         # a group's first index, or the record itself

    apart = {frozenset((component(a), component(b))) for a, b in cannot}
    seen: set[frozenset] = set()
    out = []
    for p in maybe:                     # strongest first
        key = frozenset((component(p.a), component(p.b)))
        if key in seen or key in apart:
            continue
        seen.add(key)
        out.append(p)
    return out


SHARED_DOI_TITLES = 3


def drop_shared_dois(norms: list[Normalized]) -> int:
    """A DOI carried by three or more differently titled records names a whole supplement or
    abstract book, not one paper: it is evidence of nothing, so it is cleared on those records
    (the other fields still decide). Returns how many records lost their DOI."""
    titles: dict[str, set[str]] = {}
    for n in norms:
        if n.doi:
            titles.setdefault(n.doi, set()).add((n.title or n.title_script)[:30])
    shared = {doi for doi, seen in titles.items() if len(seen) >= SHARED_DOI_TITLES}
    cleared = 0
    for n in norms:
        if n.doi in shared:
            n.extra["shared_doi"] = n.doi
            n.doi = ""
            cleared += 1
    return cleared


def find_duplicate_groups(records: Sequence[Record]) -> list[list[int]]:
    """Only the certain groups: lists of indices into ``records`` (each sorted, size ≥ 2)."""
    return find_duplicates(records).groups


def _notice(p: PairResult, norms: list[Normalized]) -> int:
    """Which record of an erratum pair is the notice (flagged, or named by the article's pointer)."""
    side = p.verdict.evidence.get("notice")
    if side:
        return p.a if side == "a" else p.b
    return p.a if norms[p.a].erratum else p.b


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
