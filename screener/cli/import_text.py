"""What `screener import` prints: the importer's report file by file, its hints and an interrupted
import, in the command line's words (its options and commands). The workspace hands over the facts
(``ImportReport``, ``import_hints.Hint``); the web words the
same facts for its pages and its API (screener/web/import_words.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from screener.errors import AGAIN
from screener.output import counted, shell_word
from screener.records.reader import FORMAT_NAMES
from screener.workspace.import_hints import (
    GIVE_DATABASE,
    GIVE_STRATEGIES,
    GIVE_STRATEGY,
    PLATFORM_DATABASE,
    RELABEL,
    RENAME,
    SEPARATE,
    WITHDRAW,
    Hint,
)
from screener.workspace.repeats import counted_twice, repeat_words

if TYPE_CHECKING:
    from screener.workspace.importer import ImportReport

#: what to do about an import's hints (import_hints.FIXES), as options and commands; {directory} is
#: the workspace as the command line named it
HINT_WORDS = {
    GIVE_DATABASE: " (--database NAME, or relabel the import)",
    PLATFORM_DATABASE: " with --database NAME",
    GIVE_STRATEGY: " (--strategy FILE, or relabel the import)",
    GIVE_STRATEGIES: " (--strategy FILE, or relabel each import)",
    RELABEL: "`screener imports relabel {directory} {import_id} --database NAME`",
    RENAME: "give the name meant with --database",
    SEPARATE: "what --database, --searched-on and --strategy say is recorded for every one of them, so import "
              "each database's files with a command of their own",
    WITHDRAW: "take it out with `screener imports withdraw {directory} {import_id}`",
}


def hint_line(hint: Hint, directory: str = "DIR") -> str:
    """A hint as the command line says it (``directory``: the workspace as the user named it)."""
    return hint.worded(HINT_WORDS, directory=shell_word(directory))


def _split_location(path: str, error: str) -> tuple[str, str]:
    """``("FILE[:LINE][ (record N)]", message)`` from an error that starts with the file's name,
    so the refused line names the file once."""
    if error.startswith(path):
        match = re.match(r"((?::\d+)?(?: \(record \d+\))?): (.*)", error[len(path):], re.S)
        if match:
            return path + match.group(1), match.group(2)
    return path, error


_SAME_CODE_SHOWN = 2     # warnings of one kind said in full; the rest of that kind are counted


def _warning_lines(warnings: list[dict[str, Any]], max_warnings: int) -> list[str]:
    """A file's warnings, kind by kind in the order they first occur: the first two of a kind in
    full (file:line (record N): code: message), the rest of that kind on one line with their record
    numbers, so that one repeated warning (a fused tag in every record of a Rayyan file) does not
    hide a different one after it. At most ``max_warnings`` lines in full."""
    by_code: dict[str, list[dict[str, Any]]] = {}
    for warning in warnings:
        by_code.setdefault(warning["code"], []).append(warning)
    out: list[str] = []
    shown = counted_apart = 0
    for code, same in by_code.items():
        for warning in same[:_SAME_CODE_SHOWN]:
            if shown == max_warnings:
                break
            where = warning["file"] + (f":{warning['line']}" if warning["line"] else "")
            rec = f" (record {warning['record_number']})" if warning["record_number"] else ""
            out.append(f"  warning: {where}{rec}: {code}: {warning['message']}")
            shown += 1
        rest = same[_SAME_CODE_SHOWN:]
        if rest and shown < max_warnings:
            numbers = [str(w["record_number"]) for w in rest if w["record_number"]]
            which = f" (records {', '.join(numbers[:10])}{', …' if len(numbers) > 10 else ''})" if numbers else ""
            out.append(f"  … {len(rest)} more {code} warnings{which}; --json lists every warning")
            counted_apart += len(rest)
    if shown + counted_apart < len(warnings):
        out.append(f"  … {len(warnings) - shown - counted_apart} more warnings (use --json to see all)")
    return out


def describe(report: ImportReport, max_warnings: int = 20, directory: str | None = None) -> str:
    """The text the CLI prints: one line per file, then its warnings (file:line: code: message).
    ``directory``: the workspace as the user named it, so a command to run next can be copied."""
    out: list[str] = []
    where_ws = shell_word(directory) if directory else "DIR"
    for item in report.files:
        again = "; --again imports it a second time" if item.remedy == AGAIN else ""
        if item.status == "refused":
            where, message = _split_location(item.path, item.error)
            out.append(f"{where}: REFUSED — {message}{again}")
            continue
        if item.status == "already imported":
            out.append(f"{item.path}: {item.error}{again}")
            continue
        name = FORMAT_NAMES.get(item.format, item.format)
        verb = "would be imported" if report.dry_run else "imported"
        via = f" via {item.platform}" if item.platform else ""
        out.append(f"{item.path}: {counted(item.records, 'record')} {verb} ({name}, {item.encoding}, "
                   f"database {item.database}{via}); {counted(len(item.warnings), 'warning')}"
                   + (f", {len(item.rejected)} rejected" if item.rejected else ""))
        if item.database == "unknown" and item.records:
            fix = ("add --database NAME" if report.dry_run else
                   f"say which with `screener imports relabel {where_ws} {item.import_id} --database NAME`")
            out.append(f"  note: the records do not say which database they came from; {fix} "
                       "(PRISMA counts records per database)")
        if item.repeats:
            out.append(f"  note: {repeat_words(item.repeats)}; importing it would count "
                       f"{counted_twice(item.repeats)} twice (--again imports it)")
        if item.search_query:
            out.append(f"  search stated in the file (kept for `screener report searches`): {item.search_query}")
        out.extend(_warning_lines(item.warnings, max_warnings))
    refused = sum(f.status == "refused" for f in report.files)
    also = f", {refused} refused" if refused else ""
    if report.dry_run:
        out.append(f"Dry run: {counted(report.records, 'record')} in {counted(len(report.files) - refused, 'file')} checked"
                   f"{also}; nothing written.")
    else:
        out.append(f"Imported {counted(report.records, 'record')} from "
                   f"{counted(sum(f.status == 'imported' for f in report.files), 'file')}"
                   + (f"; {counted(refused, 'file')} refused." if refused else "."))
    if report.rejected_report:
        out.append(f"Rejected: {report.rejected_count}; report written to {report.rejected_report}")
    return "\n".join(out)
