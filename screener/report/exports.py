"""Exports of studies: RIS (EndNote/Zotero, and our importer reads it back), BibTeX and EndNote XML
(also read back by our importer), the audit CSV, and ASReview's CSV."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from screener.errors import DECISION_FOR_STAGE, STAGE_FOR_DECISION, UsageError
from screener.output import did_you_mean, write_atomically
from screener.records.bibtex import write_bibtex
from screener.records.csv_safety import GuardedDictWriter
from screener.records.endnote_xml import write_endnote_xml
from screener.records.model import Record
from screener.records.ris import write_ris
from screener.report.out_files import is_stream, refuse_the_reviews_own_files, refuse_to_replace
from screener.workspace import screening
from screener.workspace.imports import record_databases
from screener.workspace.own_exports import ASREVIEW_COLUMNS, MARK
from screener.workspace.reviewers import display_names
from screener.workspace.settings import STAGES
from screener.workspace.stages import check_stage
from screener.workspace.studies import is_notice
from screener.workspace.study_labels import export_labels
from screener.workspace.votebook import audit_events

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)

FORMATS = ("ris", "bib", "endnote-xml", "csv", "asreview")
ALIASES = {"bibtex": "bib", "endnote_xml": "endnote-xml", "xml": "endnote-xml"}
DECISIONS = ("include", "exclude")


def select_studies(ws: Workspace, stage: str | None, decision: str | None) -> list[int]:
    """Current studies, optionally those with ``decision`` at ``stage``, in study order."""
    if stage is not None:
        check_stage(stage, field="stage")
    if decision is not None and decision not in DECISIONS:
        raise UsageError(f"decision {decision}: unknown decision{did_you_mean(decision, DECISIONS)}; "
                         "use include or exclude", field="decision")
    if decision is not None and stage is None:
        raise UsageError("a decision filter needs a stage (title_abstract or full_text)", remedy=STAGE_FOR_DECISION)
    if stage is not None and decision is None:
        raise UsageError("a stage filter needs a decision, include or exclude (without both, every study is exported)",
                         remedy=DECISION_FOR_STAGE)
    studies = sorted(screening.current_studies(ws))
    if decision is None:
        return studies
    assert stage is not None        # a decision needs a stage (checked above)
    outcomes = screening.stage_outcomes(ws, stage)
    return [s for s in studies if s in outcomes and outcomes[s].decision == decision]


def representative_record(ws: Workspace, study_id: int, records: list[tuple[int, Record]] | None = None) -> Record:
    """The study's record to export: its most complete source record that is not an erratum
    notice joined to it (ties: the oldest). ``records``: the study's ``ws.study_records`` when the
    caller has read them already."""
    records = ws.study_records(study_id) if records is None else records
    def completeness(item):
        _, r = item
        return (not is_notice(r), sum(bool(v) for v in (r.title, r.abstract, r.authors, r.year, r.journal,
                                                          r.volume, r.issue, r.pages, r.doi, r.pmid)))
    best = max(records, key=completeness)  # max keeps the first of equals: the oldest
    return best[1]


def export_ris(ws: Workspace, studies: list[int]) -> str:
    """RIS of each study's representative record, with the study's labels as ``LB`` lines (RIS's
    Label tag: our importer keeps it in ``Record.tags["LB"]``, and EndNote shows it as Label), after
    screener's mark (imported back into this review, the file is refused as its own export)."""
    labels = export_labels(ws, studies)
    out = [MARK + "\n"] if studies else []     # no studies: an empty file, as before
    for s in studies:
        text = write_ris([representative_record(ws, s)])
        extra = "".join(f"LB  - {label}\n" for label, _ in labels.get(s, []))
        if extra:
            head, sep, tail = text.rpartition("ER  - ")
            text = head + extra + sep + tail
        out.append(text)
    return "\n".join(out)


def export_bibtex(ws: Workspace, studies: list[int]) -> str:
    """BibTeX of each study's representative record (JabRef, Zotero, EndNote, Overleaf read it), after
    screener's mark as a comment."""
    return (f"% {MARK}\n\n" if studies else "") + write_bibtex([representative_record(ws, s) for s in studies])


def export_endnote_xml(ws: Workspace, studies: list[int]) -> str:
    """EndNote XML of each study's representative record (EndNote: File → Import → XML; Covidence)."""
    return write_endnote_xml([representative_record(ws, s) for s in studies])


def _votes_by_study(ws: Workspace) -> dict[int, list[dict]]:
    return audit_events(ws)


AUDIT_COLUMNS = ["study", "title", "authors", "year", "journal", "doi", "pmid", "databases", "source_records", "labels"]


def export_audit_csv(ws: Workspace, studies: list[int]) -> str:
    """One row per study: bibliographic fields, every vote/resolution event, and the outcome per stage."""
    outcomes = screening.all_outcomes(ws)   # one read of the votes for both stages
    events = _votes_by_study(ws)
    labels = export_labels(ws, studies)
    counted_as = record_databases(ws)      # a relabelled import's records under the corrected database
    # each event keeps the name the reviewer signs in with (the record, never rewritten) and adds the
    # name the pages show them under today ('Review owner', not 'root-owner'), so an auditor can
    # match the export to what the team saw
    shown_as = display_names(ws)
    # and, last (the earlier columns keep their places), everyone with a vote or resolution on the
    # study in the order they first acted: the sign-in names and, in the same order, the names the
    # pages show, each in a column of its own (a spreadsheet filters on them without reading JSON)
    columns = (AUDIT_COLUMNS + [f"{stage}_{part}" for stage in STAGES for part in ("decision", "reason", "events")]
               + ["reviewers", "reviewer_display_names"])
    buffer = io.StringIO()
    writer = GuardedDictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for study in studies:
        members = ws.study_records(study)
        record = representative_record(ws, study, members)
        row = {"study": study, "title": record.title, "authors": "; ".join(record.authors),
               "year": record.year or "", "journal": record.journal, "doi": record.doi, "pmid": record.pmid,
               "databases": "; ".join(sorted({counted_as.get(i, r.database) for i, r in members})),
               "source_records": "; ".join(str(i) for i, _ in members),
               "labels": "; ".join(f"{label} [{', '.join(by)}]" for label, by in labels.get(study, []))}
        for stage in STAGES:
            outcome = outcomes[stage].get(study)
            row[f"{stage}_decision"] = outcome.status if outcome else ""
            row[f"{stage}_reason"] = (outcome.reason or "") if outcome else ""
            row[f"{stage}_events"] = json.dumps(
                [{**{k: e[k] for k in ("at", "name")}, "display_name": shown_as.get(e["name"], e["name"]),
                  **{k: e[k] for k in ("vote", "reason", "note")},
                  **({"merged_from": e["merged_from"]} if "merged_from" in e else {})}
                 for e in events.get(study, []) if e["stage"] == stage], ensure_ascii=False)
        names = list(dict.fromkeys(e["name"] for e in events.get(study, [])))
        row["reviewers"] = "; ".join(names)
        row["reviewer_display_names"] = "; ".join(shown_as.get(name, name) for name in names)
        writer.writerow(row)
    return buffer.getvalue()


def export_asreview_csv(ws: Workspace, studies: list[int]) -> str:
    """ASReview's dataset columns; label_included from the title/abstract outcome (blank if undecided)."""
    outcomes = screening.stage_outcomes(ws, "title_abstract")
    buffer = io.StringIO()
    writer = GuardedDictWriter(buffer, fieldnames=ASREVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for study in studies:
        r = representative_record(ws, study)
        outcome = outcomes.get(study)
        decision = outcome.decision if outcome is not None else None
        label = "" if decision is None else (1 if decision == "include" else 0)   # undecided: unlabelled
        writer.writerow({"record_id": study, "title": r.title, "abstract": r.abstract,
                         "authors": "; ".join(r.authors), "year": r.year or "", "journal": r.journal,
                         "doi": r.doi, "pmid": r.pmid, "keywords": "; ".join(r.keywords),
                         "label_included": label})
    return buffer.getvalue()


def export_studies(ws: Workspace, fmt: str, stage: str | None = None, decision: str | None = None,
                   out: Path | None = None, overwrite: bool = False) -> tuple[str, int]:
    """Render the export; write it atomically to ``out`` when given (a file already there is
    refused unless ``overwrite``). Returns (text, studies)."""
    fmt = fmt.strip().lower()
    fmt = ALIASES.get(fmt, fmt)
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt}: unknown format; use one of {', '.join(FORMATS)}", field="format")
    stream = out is not None and is_stream(Path(out))
    if out is not None:
        refuse_the_reviews_own_files(ws, Path(out), "export")
        if not overwrite and not stream:
            refuse_to_replace(Path(out))
    studies = select_studies(ws, stage, decision)
    render = {"ris": export_ris, "bib": export_bibtex, "endnote-xml": export_endnote_xml,
              "csv": export_audit_csv, "asreview": export_asreview_csv}[fmt]
    text = render(ws, studies)
    if stream and out is not None:
        with open(Path(out), "w", encoding="utf-8") as handle:
            handle.write(text)
    elif out is not None:
        write_atomically(Path(out), text)
    log.info("export %s (stage %s, decision %s): %d studies%s", fmt, stage or "any", decision or "any", len(studies),
             f" written to {out}" if out is not None else "")
    return text, len(studies)
