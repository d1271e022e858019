"""Known relevant studies: load them, find them among records, and check a strategy's recall.

``load_known(path, where=None) -> KnownSet``: any file the importer reads (RIS, nbib, CSV, …;
``where`` keeps rows whose column equals a value, e.g. ``{"fulltext_decision": "include"}``),
or a plain list of PMIDs and DOIs, one per line (``#`` starts a comment).

``validate(strategy, known, records=None) -> Validation``: the strategy evaluated over
``records`` (or, when none are given, over the known studies' own records), the known studies
matched to them by PMID, then DOI, then normalised title (``screener.titles``, as dedupe cleans titles), and for
every known study the strategy does not find: each concept block's outcome (the AND-ed parts of
the final line) and the nearest line that almost matched (words too far apart for ``adjN``, a
word the untruncated term just misses, a word in a field the line does not search, an AND with
parts missing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from screener.errors import RecordParseError, UsageError
from screener.identifiers import clean_doi
from screener.query.evaluate.evaluator import evaluate
from screener.query.evaluate.record_fields import BASE_FIELDS, VALUE_GAP
from screener.query.evaluate.results import HIT, MISS, UNDETERMINED, Evaluation, identifier_label
from screener.query.evaluate.words import WordPattern, term_words
from screener.query.nodes import BoolOp, Filter, Heading, Limit, LineRef, Node, Proximity, Strategy, Term
from screener.records import read_file
from screener.records.base import Collector
from screener.records.model import Record
from screener.records.sniff import sniff_format
from screener.records.textio import decode
from screener.titles import clean_title

_PMID = re.compile(r"^(?:pmid\s*:?\s*)?(\d{1,9})$", re.I)
_MIN_TITLE_WORDS = 3
#: a known study's normalised title matches a record's at this rapidfuzz ratio or more
TITLE_MATCH_MIN = 93


@dataclass
class KnownStudy:
    label: str                     # how output names it (PMID, DOI, the file's ref/id, row)
    pmid: str = ""
    doi: str = ""
    title_key: str = ""            # normalised title ('' when none)
    record: Record | None = None   # the study's own record, when the file was an export

    def to_dict(self) -> dict:
        return {"label": self.label, "pmid": self.pmid, "doi": self.doi,
                "title": self.record.title if self.record else ""}


@dataclass
class KnownSet:
    path: str
    studies: list[KnownStudy]
    kind: str                        # "records" (an importable file) or "identifiers"
    where: dict[str, str] = field(default_factory=dict)
    skipped: int = 0                 # rows/lines with no usable identifier

    @property
    def records(self) -> list[Record]:
        return [s.record for s in self.studies if s.record is not None]


def _normalize_doi(doi: str) -> str:
    return clean_doi(doi)


def _title_key(title: str) -> str:
    key = clean_title(title)
    return key if len(key.split()) >= _MIN_TITLE_WORDS else ""


def _label(record: Record, row: int) -> str:
    for tag in ("ref", "id", "ID", "key"):
        value = (record.tags.get(tag) or [""])[0]
        if value:
            return f"ref {value}"
    return identifier_label(record) or f"record {row}"


def load_known(path: str | Path, where: dict[str, str] | None = None) -> KnownSet:
    """Read the known studies; raise ``UsageError`` when none has a PMID, DOI or title."""
    path = Path(path)
    where = dict(where or {})
    if not path.is_file():
        raise UsageError(f"known-studies file {path} not found")
    try:
        result = read_file(path)
    except RecordParseError:
        if _sniffed(path) != "unknown":
            raise                   # an export with a broken record: say so, not "no identifiers"
        result = None
    if result is None:
        if where:
            raise UsageError(f"{path}: --where needs an export or a CSV with columns, and this file "
                             "reads as a list of identifiers (a CSV needs a header with at least two "
                             "known columns, such as title, authors, year, doi, pmid)")
        return _identifier_list(path)
    records = result.records
    if where:
        columns = {k for r in records for k in r.tags}
        for column, value in where.items():
            if column not in columns:
                raise UsageError(f"{path}: no column {column!r} for --where (columns: "
                                 f"{', '.join(sorted(columns))})")
            before = records
            records = [r for r in records
                       if any(v.strip().lower() == value.strip().lower()
                              for v in r.tags.get(column, ()))]
            if not records:
                present = sorted({v.strip().lower() for r in before for v in r.tags.get(column, ())
                                  if v.strip()})
                shown = ", ".join(present[:10]) + (", …" if len(present) > 10 else "")
                raise UsageError(f"{path}: no row has " + " and ".join(
                    f"{c} = {v!r}" for c, v in where.items()) + f" ({column} has: {shown or 'no values'})")
    studies, skipped = [], 0
    for row, record in enumerate(records, 1):
        study = KnownStudy(_label(record, row), record.pmid.strip(), _normalize_doi(record.doi),
                           _title_key(record.title), record)
        if study.pmid or study.doi or study.title_key:
            studies.append(study)
        else:
            skipped += 1
    if not studies:
        # the file's content is refused (exit 1, as import's refusals), not the command line (exit 2)
        raise RecordParseError(f"{path}: none of its {len(records)} records has a PMID, a DOI or a "
                               "title to match: nothing to validate against", path=str(path))
    return KnownSet(str(path), studies, "records", where, skipped)


def _sniffed(path: Path) -> str:
    """The export format the file's content looks like ("unknown" for a list of identifiers);
    a file that cannot even be decoded raises its RecordParseError."""
    try:
        data = path.read_bytes()
    except OSError:
        return "unknown"
    return sniff_format(decode(data, Collector(str(path)))[0])


def _identifier_list(path: Path) -> KnownSet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"known-studies file {path}: cannot read it ({exc.strerror or exc})") from None
    text = decode(data, Collector(str(path)))[0]
    studies, skipped, bad = [], 0, []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip().strip(",;")
        if not line:
            continue
        m = _PMID.match(line)
        if m:
            studies.append(KnownStudy(f"PMID {m.group(1)}", pmid=m.group(1)))
            continue
        doi = _normalize_doi(line)
        if doi:
            studies.append(KnownStudy(f"doi:{doi}", doi=doi))
            continue
        skipped += 1
        bad.append(number)
    if not studies:
        where = f" (line {bad[0]} is neither)" if bad else " (it is empty)"
        raise RecordParseError(f"{path}: no usable identifiers: give an export (RIS, nbib, CSV…) or "
                               f"one PMID or DOI per line{where}", path=str(path), line=bad[0] if bad else None)
    return KnownSet(str(path), studies, "identifiers", {}, skipped)


# ---- matching known studies to records -------------------------------------------------------

def match_known(known: KnownSet, records: Sequence[Record]) -> list[tuple[int | None, str]]:
    """For each known study: (index of its record in ``records`` or None, how it matched)."""
    by_pmid: dict[str, int] = {}
    by_doi: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for i, r in enumerate(records):
        if r.pmid:
            by_pmid.setdefault(r.pmid.strip(), i)
        doi = _normalize_doi(r.doi)
        if doi:
            by_doi.setdefault(doi, i)
        key = _title_key(r.title)
        if key:
            by_title.setdefault(key, i)
    out: list[tuple[int | None, str]] = []
    for s in known.studies:
        if s.pmid and s.pmid in by_pmid:
            out.append((by_pmid[s.pmid], "pmid"))
        elif s.doi and s.doi in by_doi:
            out.append((by_doi[s.doi], "doi"))
        elif s.title_key and s.title_key in by_title:
            out.append((by_title[s.title_key], "title"))
        else:
            out.append((None, ""))
    # titles a reference list spells slightly differently (a typo, a dropped word): a close
    # match, not contradicted by the year
    missing = [k for k, (i, _) in enumerate(out) if i is None and known.studies[k].title_key]
    if missing and by_title:
        keys = list(by_title)
        for k in missing:
            study = known.studies[k]
            for key, score, _ in process.extract(study.title_key, keys, scorer=fuzz.ratio,
                                                 score_cutoff=TITLE_MATCH_MIN, limit=3):
                i = by_title[key]
                known_year = study.record.year if study.record else None
                year = records[i].year
                if known_year and year and abs(known_year - year) > 1:
                    continue
                out[k] = (i, f"title ~{score:.0f}%")
                break
    return out


# ---- why a study was not found -------------------------------------------------------------------

@dataclass
class Block:
    label: str
    line: int | None
    node: Node
    negated: bool = False


def concept_blocks(strategy: Strategy, number: int | None = None) -> list[Block]:
    """The AND-ed parts of a line (default: the final line), following line references: for
    ``50 48 and 49`` the blocks are lines 48 and 49. ``a NOT b`` adds b as a negated block."""
    line = strategy.line(number) if number is not None else strategy.final
    if line is None or line.node is None:
        return []
    line_number = line.number
    blocks: list[Block] = []

    def visit(node: Node, label_line: int | None) -> None:
        if isinstance(node, LineRef):
            target = strategy.line(node.number)
            if target is not None and target.node is not None and \
                    isinstance(target.node, (BoolOp, LineRef)) and \
                    (isinstance(target.node, LineRef) or target.node.op in ("and", "not")):
                visit(target.node, node.number)
            else:
                blocks.append(Block(_line_label(strategy, node.number), node.number, node))
            return
        if isinstance(node, BoolOp) and node.op == "and":
            for o in node.operands:
                visit(o, None)
            return
        if isinstance(node, BoolOp) and node.op == "not":
            visit(node.operands[0], None)
            b = node.operands[1]
            num = b.number if isinstance(b, LineRef) else None
            blocks.append(Block("NOT " + (_line_label(strategy, num) if num else "part"), num, b,
                                negated=True))
            return
        if label_line is None:       # an inline part of an AND line, e.g. (2 or 3) in `1 and (2 or 3)`
            blocks.append(Block(f"part of line {line_number}: {_describe(node, 60)}", line_number, node))
            return
        blocks.append(Block(_line_label(strategy, label_line), label_line, node))

    visit(line.node, line_number)
    return blocks


def _line_label(strategy: Strategy, number: int | None) -> str:
    ln = strategy.line(number) if number is not None else None
    return f"line {number} ({ln.text.strip()})" if ln is not None else f"line {number}"


def _lines_under(strategy: Strategy, node: Node, seen: set[int] | None = None) -> list[int]:
    """Line numbers a node refers to, transitively (search lines, not the combining ones too)."""
    seen = set() if seen is None else seen
    out = []
    for n in node.walk():
        if isinstance(n, LineRef) and n.number not in seen:
            seen.add(n.number)
            target = strategy.line(n.number)
            if target is not None and target.node is not None:
                out.append(n.number)
                out.extend(_lines_under(strategy, target.node, seen))
    return out


@dataclass
class NearMiss:
    line: int
    text: str
    kind: str        # "distance", "order", "phrase", "truncation", "field", "partial_and"
    detail: str
    score: float

    def to_dict(self) -> dict:
        return {"line": self.line, "text": self.text, "kind": self.kind, "detail": self.detail}


_TEXT_FIELDS = ("ti", "ab", "kf", "hw")
_FIELD_NAMES = {"ti": "title", "ab": "abstract", "kf": "keywords", "hw": "MeSH headings",
                "fs": "subheadings", "pt": "publication types", "lg": "language", "au": "authors",
                "jn": "journal", "ui": "PMID", "yr": "year"}


def _word_fields(ev: Evaluation, i: int, pattern: WordPattern) -> dict[str, list[str]]:
    """base field → words of record i that match ``pattern`` (all fields, not just the term's)."""
    corpus = ev.evaluator.corpus
    out = {}
    for base in BASE_FIELDS:
        words = [t for t in corpus.positions(i, base) if pattern.matches(t)]
        if words:
            out[base] = words
    return out


def _open_nodes(ev: Evaluation, node: Node, i: int):
    """Nodes not matching record i whose match alone would make their enclosing AND or
    proximity match (so a near miss there is worth showing)."""
    if ev.status(node, i) == HIT:
        return
    yield node
    if isinstance(node, (Proximity, BoolOp)) and (isinstance(node, Proximity) or node.op == "and"):
        missing = [o for o in node.operands if ev.status(o, i) != HIT]
        if len(missing) == 1:
            yield from _open_nodes(ev, missing[0], i)
        return
    if isinstance(node, BoolOp) and node.op == "not":
        yield from _open_nodes(ev, node.operands[0], i)
        return
    for child in node.children():
        yield from _open_nodes(ev, child, i)


def _inside_proximity(term: Term, root: Node) -> bool:
    for n in root.walk():
        if isinstance(n, Proximity) and any(term is m for m in n.walk()):
            return True
    return False


def _near_misses_in(ev: Evaluation, number: int, node: Node, i: int) -> list[NearMiss]:
    line = ev.strategy.line(number)
    text = line.text.strip() if line is not None else ""
    out: list[NearMiss] = []
    evaluator = ev.evaluator
    for n in _open_nodes(ev, node, i):
        if isinstance(n, Proximity) and all(ev.status(o, i) == HIT for o in n.operands) \
                and all(evaluator.positional(o) for o in n.operands):
            a, b = evaluator.spans(n.operands[0], i), evaluator.spans(n.operands[1], i)
            gaps = []
            for x in a:
                for y in b:
                    if y[0] > x[1]:
                        gaps.append((y[0] - x[1] - 1, "forward"))
                    elif x[0] > y[1]:
                        gaps.append((x[0] - y[1] - 1, "reverse"))
            gaps = [g for g in gaps if g[0] < VALUE_GAP]
            op = "adj" if n.ordered and n.distance == 1 else f"adj{n.distance}"
            if gaps:
                gap, direction = min(gaps)
                if n.ordered and direction == "reverse" and gap <= n.distance - 1:
                    out.append(NearMiss(number, text, "order", f"the words are there but in the "
                               f"other order ({op} keeps the written order)", 3.5))
                else:
                    out.append(NearMiss(number, text, "distance", f"{gap} words lie between "
                               f"them; {op} allows at most {n.distance - 1}", 3.0 - gap / 100))
            else:
                out.append(NearMiss(number, text, "field", "the words are there but in "
                                    "different fields or keywords", 1.5))
        elif isinstance(n, Term) and not _inside_proximity(n, node):
            words = [WordPattern.of(w) for w in term_words(n.text)]
            bases = evaluator.base_fields(n.fields)[0]
            if len(words) > 1 and any(all(_word_fields(ev, i, w).get(b) for w in words)
                                      for b in bases):
                out.append(NearMiss(number, text, "phrase", f"all words of \"{n.text}\" are "
                                    "there, not as a phrase", 2.5))
                continue
            if len(words) == 1:
                w = words[0]
                found = _word_fields(ev, i, w)
                elsewhere = {b: v for b, v in found.items()
                             if b not in bases and b in _TEXT_FIELDS}
                if elsewhere:
                    where = ", ".join(f"{_FIELD_NAMES[b]} ({', '.join(sorted(set(v))[:3])})"
                                      for b, v in elsewhere.items())
                    out.append(NearMiss(number, text, "field", f"{n.text} is in the {where}, "
                                        "which this line does not search", 2.0))
                elif w.kind == "exact" and len(w.text) >= 3:
                    longer = WordPattern.of(w.text + "*")
                    per_field = {b: [t for t in v if t != w.text]
                                 for b, v in _word_fields(ev, i, longer).items() if b in bases}
                    variants = sorted({t for v in per_field.values() for t in v})
                    if variants:
                        out.append(NearMiss(number, text, "truncation", f"the record has "
                                   f"{', '.join(variants[:3])}: {w.text}* would find it", 2.2))
        elif isinstance(n, BoolOp) and n.op == "and":
            matched = [o for o in n.operands if ev.status(o, i) == HIT]
            if matched:
                missing = [o for o in n.operands if ev.status(o, i) != HIT]
                out.append(NearMiss(number, text, "partial_and", f"{len(matched)} of "
                                    f"{len(n.operands)} AND-ed parts match; missing: "
                                    + "; ".join(_describe(o) for o in missing), 1.0 +
                                    len(matched) / len(n.operands)))
    return out


def _describe(node: Node, limit: int = 80) -> str:
    """A part of a line in the strategy's own words (line references as 'line N'), at most
    ``limit`` characters."""
    text = _words(node)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _words(node: Node) -> str:
    if isinstance(node, Term):
        return f'"{node.text}"' if node.phrase else node.text
    if isinstance(node, Heading):
        return ("exp " if node.explode else "") + ("*" if node.major else "") + f"{node.name}/"
    if isinstance(node, LineRef):
        return f"line {node.number}"
    if isinstance(node, BoolOp):
        if node.combined:
            return node.combined
        return "(" + f" {node.op} ".join(_words(o) for o in node.operands) + ")"
    if isinstance(node, Proximity):
        op = f" adj{node.distance} " if node.distance != 1 or not node.ordered else " adj "
        return "(" + op.join(_words(o) for o in node.operands) + ")"
    if isinstance(node, Filter):
        return node.text or node.kind
    if isinstance(node, Limit):
        inner = _words(node.operand) if node.operand is not None else ""
        return f"limit {inner} to " + ", ".join(_words(f) for f in node.filters)
    return type(node).__name__.lower()


def nearest_line(ev: Evaluation, block: Block, i: int) -> NearMiss | None:
    """The line under ``block`` that came closest to finding record ``i``."""
    strategy = ev.strategy
    numbers = [block.line] if block.line is not None else []
    numbers += _lines_under(strategy, block.node)
    best: NearMiss | None = None
    for number in dict.fromkeys(numbers):
        ln = strategy.line(number)
        if ln is None or ln.node is None:
            continue
        for miss in _near_misses_in(ev, number, ln.node, i):
            if best is None or miss.score > best.score:
                best = miss
    return best


# ---- validation --------------------------------------------------------------------------------

@dataclass
class StudyOutcome:
    study: KnownStudy
    index: int | None           # record index in the evaluated records; None: not in them
    matched_by: str
    status: str                 # hit / undetermined / miss / absent
    blocks: list[tuple[Block, str]] = field(default_factory=list)
    nearest: NearMiss | None = None
    missing_data: list[str] = field(default_factory=list)

    def to_dict(self, records: Sequence[Record]) -> dict:
        rec = records[self.index] if self.index is not None else self.study.record
        return {"study": self.study.label, "title": rec.title if rec else "",
                "pmid": self.study.pmid, "doi": self.study.doi, "matched_by": self.matched_by,
                "status": self.status,
                "blocks": [{"label": b.label, "line": b.line, "status": s}
                           for b, s in self.blocks],
                "nearest": self.nearest.to_dict() if self.nearest else None,
                "missing_data": self.missing_data}


@dataclass
class Validation:
    known: KnownSet
    evaluation: Evaluation
    outcomes: list[StudyOutcome]
    records_source: str
    coverage: dict[str, int]            # how many evaluated known records carry each field
    titles_only: bool
    block_counts: list[dict] = field(default_factory=list)  # per concept block: hit/undet./miss

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def assessed(self) -> int:
        return sum(1 for o in self.outcomes if o.status != "absent")

    @property
    def recall(self) -> float | None:
        return self.count(HIT) / self.assessed if self.assessed else None

    @property
    def recall_upper(self) -> float | None:
        if not self.assessed:
            return None
        return (self.count(HIT) + self.count(UNDETERMINED)) / self.assessed

    def to_dict(self) -> dict:
        ev = self.evaluation
        return {
            "known_file": self.known.path, "where": self.known.where,
            "known": len(self.known.studies), "skipped_without_identifier": self.known.skipped,
            "records": self.records_source, "coverage": self.coverage,
            "titles_only": self.titles_only,
            "final_line": ev.final.number if ev.lines else None,
            "found": self.count(HIT), "undetermined": self.count(UNDETERMINED),
            "missed": self.count(MISS), "not_in_records": self.count("absent"),
            "recall": self.recall, "recall_if_undetermined_found": self.recall_upper,
            "blocks": self.block_counts,
            "lines": [r.to_dict() for r in ev.lines],
            "warnings": [w.to_dict() for w in ev.warnings],
            "studies": [o.to_dict(ev.records) for o in self.outcomes],
        }


def validate(strategy: Strategy | str, known: KnownSet, records: Sequence[Record] | None = None,
             records_source: str = "", read: str = "ovid") -> Validation:
    """Recall of ``strategy`` on the known studies, with reasons for each one not found."""
    if records is None:
        if known.kind == "identifiers":
            raise UsageError(f"{known.path} lists identifiers only: give --records FILE or "
                             "--review DIR to find them in")
        records = known.records
        records_source = records_source or f"the known studies' own records ({known.path})"
        matches: list[tuple[int | None, str]] | None = [(i, "self") for i in range(len(records))]
    else:
        matches = None
    ev = evaluate(strategy, records, read=read)
    if matches is None:
        matches = match_known(known, records)
    known_indices = [i for i, _ in matches if i is not None]
    coverage = {
        "records": len(known_indices),
        "title": sum(1 for i in known_indices if records[i].title),
        "abstract": sum(1 for i in known_indices if records[i].abstract),
        "mesh": sum(1 for i in known_indices if records[i].mesh),
        "keywords": sum(1 for i in known_indices if records[i].keywords),
    }
    titles_only = bool(known_indices) and coverage["abstract"] == coverage["mesh"] == \
        coverage["keywords"] == 0
    blocks = concept_blocks(ev.strategy)
    outcomes = []
    for study, (i, how) in zip(known.studies, matches):
        if i is None:
            outcomes.append(StudyOutcome(study, None, "", "absent"))
            continue
        status = ev.final.status(i)
        outcome = StudyOutcome(study, i, how, status)
        if status != HIT:
            for b in blocks:
                s = ev.status(b.node, i)
                if b.negated:
                    s = {HIT: "excluded", MISS: "not excluded"}.get(s, UNDETERMINED)
                outcome.blocks.append((b, s))
            failing = [b for b, s in outcome.blocks if s in (MISS, UNDETERMINED) and not b.negated]
            best = None
            for b in failing:
                miss = nearest_line(ev, b, i)
                if miss is not None and (best is None or miss.score > best.score):
                    best = miss
            outcome.nearest = best
            r = records[i]
            outcome.missing_data = [name for name, has in (
                ("abstract", bool(r.abstract)), ("MeSH headings", bool(r.mesh))) if not has]
        outcomes.append(outcome)
    block_counts = []
    for b in blocks:
        counts = {HIT: 0, UNDETERMINED: 0, MISS: 0}
        for i in known_indices:
            counts[ev.status(b.node, i)] += 1
        block_counts.append({"label": b.label, "line": b.line, "negated": b.negated,
                             "hit": counts[HIT], "undetermined": counts[UNDETERMINED],
                             "miss": counts[MISS]})
    return Validation(known, ev, outcomes, records_source, coverage, titles_only, block_counts)
