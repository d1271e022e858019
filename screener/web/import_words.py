"""What an import says on the web: its hints (import_hints' facts) in the Imports page's words — its
buttons, and on the preview the form right below — or the JSON API's (its calls and fields); the API
answer's summary; and an import that did not finish (import_runs), for the Imports page and the
dashboard. The command line words the same facts in screener/cli/import_text.py."""

from __future__ import annotations

import re
from typing import Any

from screener.output import counted
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

_CORRECT = "'Correct database or search details'"

#: after an import, on the Imports page: the import's own buttons in the list
PAGE_HINTS = {
    GIVE_DATABASE: f" ({_CORRECT} on the import)",
    PLATFORM_DATABASE: f" ({_CORRECT} on the import)",
    GIVE_STRATEGY: f" ({_CORRECT} on the import)",
    GIVE_STRATEGIES: f" ({_CORRECT} on each import)",
    RELABEL: f"{_CORRECT} on the import",
    RENAME: f"{_CORRECT} on the import",
    SEPARATE: "what is given for the import is recorded for every one of them, so import each database's files "
              "on their own",
    WITHDRAW: "withdraw the import",
}
#: the preview (nothing imported yet), whose form is right below its hints
PREVIEW_HINTS = {
    GIVE_DATABASE: " in 'Database searched' below",
    PLATFORM_DATABASE: " in 'Database searched' below",
    GIVE_STRATEGY: " ('Strategy as run' below)",
    GIVE_STRATEGIES: " ('Strategy as run' below)",
    RELABEL: "correct it in 'Database searched' below",
    RENAME: "correct it in 'Database searched' below",
    SEPARATE: "what you give below is recorded for every one of them, so check each database's files on their own "
              "(Cancel, then choose them)",
    WITHDRAW: "withdraw the import",
}
_SEND_SEPARATELY = ("the fields sent are recorded for every one of them, so send each database's files in a request "
                    "of their own")
#: the JSON API, once imported: the call that corrects the import
API_HINTS = {
    GIVE_DATABASE: ' (POST /api/imports/{import_id} {{"database": ...}})',
    PLATFORM_DATABASE: ' (POST /api/imports/{import_id} {{"database": ...}})',
    GIVE_STRATEGY: ' (POST /api/imports/{import_id} {{"strategy": ...}})',
    GIVE_STRATEGIES: ' (POST /api/imports/ID {{"strategy": ...}} for each import)',
    RELABEL: 'POST /api/imports/{import_id} {{"database": ...}}',
    RENAME: 'send the name meant as "database"',
    SEPARATE: _SEND_SEPARATELY,
    WITHDRAW: 'POST /api/imports/{import_id} {{"withdrawn": true}}',
}
#: the JSON API's dry run: nothing imported yet, so the fields of the import to send
API_DRY_RUN_HINTS = {
    **API_HINTS,
    GIVE_DATABASE: ' (send "database" with the import)',
    PLATFORM_DATABASE: ' (send "database" with the import)',
    GIVE_STRATEGY: ' (send "strategy" with the import)',
    GIVE_STRATEGIES: ' (send "strategy" with each import)',
}


def hint_words(hints: list[Hint], where: str) -> list[str]:
    """``where``: 'page' (after an import), 'preview' (the page's check before importing) or 'api'
    (an import or a dry run)."""
    if where == "api":
        return [h.worded(API_HINTS if h.import_id is not None else API_DRY_RUN_HINTS) for h in hints]
    return [h.worded(PAGE_HINTS if where == "page" else PREVIEW_HINTS) for h in hints]


_API_AGAIN = "; send again=true to import it a second time"


def api_summary(data: dict[str, Any]) -> str:
    """The API answer's ``summary``: a line a file and the totals, naming each file as it was uploaded
    (``file``) — what the command line prints, with the API's fields where it names options."""
    out = []
    for item in data["files"]:
        again = _API_AGAIN if item.get("remedy") == "again" else ""
        if item["status"] == "refused":
            # the refusal names the file first ('x.ris:3 (record 2): …'): named once, as the command line does
            found = re.match(rf"({re.escape(item['file'])}(?::\d+)?(?: \(record \d+\))?): (.*)", item["error"], re.S)
            where, message = found.groups() if found else (item["file"], item["error"])
            out.append(f"{where}: REFUSED — {message}{again}")
            continue
        if item["status"] == "already imported":
            out.append(f"{item['file']}: {item['error']}{again}")
            continue
        verb = "would be imported" if data["dry_run"] else "imported"
        out.append(f"{item['file']}: {counted(item['records'], 'record')} {verb} ({item['format_name']}, "
                   f"{item['encoding']}, database {item['database']}); {counted(len(item['warnings']), 'warning')}"
                   + (" (listed in files[].warnings)" if item["warnings"] else "")
                   + (f", {len(item['rejected'])} rejected" if item["rejected"] else ""))
        if item.get("repeats"):
            out.append(f"  note: {repeat_words(item['repeats'])}; importing it would count "
                       f"{counted_twice(item['repeats'])} twice (send "
                       "again=true to import it all the same)")
        if item.get("search_query"):
            out.append(f"  search stated in the file (kept for the search report): {item['search_query']}")
    refused = sum(f["status"] == "refused" for f in data["files"])
    if data["dry_run"]:
        out.append(f"Dry run: {counted(data['records'], 'record')} in "
                   f"{counted(len(data['files']) - refused, 'file')} checked"
                   + (f", {refused} refused" if refused else "") + "; nothing written.")
    else:
        imported = sum(f["status"] == "imported" for f in data["files"])
        out.append(f"Imported {counted(data['records'], 'record')} from {counted(imported, 'file')}"
                   + (f"; {counted(refused, 'file')} refused." if refused else "."))
    return "\n".join(out)


def interrupted_notice(run: dict[str, Any], *, here: bool) -> str:
    """An import that was stopped before it finished (import_runs.interrupted_imports), for the
    Imports page (``here``) or the dashboard, which links to it."""
    files = run["files"]
    named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    where = "the list below" if here else "the Imports page"
    return (f"An import of {named}, started {run['started_at'][:16].replace('T', ' ')} UTC, was stopped before it "
            f"finished (the program running it was stopped, or the computer restarted). A file it had not finished "
            f"was not imported at all ({where} shows what came in): to finish, import the same files again — those "
            f"already in are passed over.")
