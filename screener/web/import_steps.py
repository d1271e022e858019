"""The Imports page's steps between the upload and the import: the previews a session has staged,
the preview's words, and the offer a refused file may get (its good records, the rest skipped).

Kept apart from ``owner_pages`` (the routes) so that module stays under the size a reader takes in.
"""

from __future__ import annotations

import copy
import secrets
import shutil
from pathlib import Path

from flask import abort, g, session

from screener.errors import ScreenerError
from screener.output import counted
from screener.records.base import Collector
from screener.records.csv_columns import first_row, table_header
from screener.records.textio import decode
from screener.web.owner_api import import_saved
from screener.web.owner_words import owner_message

STAGED_KEPT = 5          # previews a session may come back to; older ones are removed

# the fields the page asks a column for (the command line's --columns takes every field of
# records.csv_columns.FIELDS): what screening, deduplication and PRISMA read
CHOSEN_FIELDS = (("title", "Title"), ("authors", "Authors"), ("year", "Year"), ("abstract", "Abstract"),
                 ("doi", "DOI"), ("journal", "Journal"), ("keywords", "Keywords"), ("pmid", "PubMed ID"))


def staged() -> dict[str, str]:
    """This session's previews: ``{key: folder}`` (the session cookie is signed, so a folder named
    here was made by this server for this session)."""
    kept = session.get("staged")
    return dict(kept) if isinstance(kept, dict) else {}


def stage(folder: Path) -> str:
    """Keep ``folder`` for this session's confirm step; returns its key (the oldest go)."""
    key = secrets.token_urlsafe(12)
    kept = staged()
    kept[key] = str(folder)
    for old in list(kept)[:-STAGED_KEPT]:
        shutil.rmtree(kept.pop(old), ignore_errors=True)
    session["staged"] = kept
    return key


def mark_imported(key: str, import_id: int | None) -> None:
    """The staged upload ``key`` is imported (as ``import_id``) and its folder gone: a preview page
    or a confirm form of it reached again (Back, a reload) says so and imports nothing twice."""
    kept = staged()
    kept.pop(key, None)
    session["staged"] = kept
    done = session.get("imported")
    done = dict(done) if isinstance(done, dict) else {}
    done[key] = import_id
    session["imported"] = dict(list(done.items())[-STAGED_KEPT:])


def imported_as(key: str) -> tuple[bool, int | None]:
    """Whether this session imported the staged upload ``key``, and as which import."""
    done = session.get("imported")
    return (True, done[key]) if isinstance(done, dict) and key in done else (False, None)


def chosen_again(folder: Path) -> list[Path]:
    """The staged upload the column chooser sends back; a 409 when its files are gone (a refusal after
    an earlier choice cleared them, the server restarted): the owner chose a file, and 'give at least
    one export file' (the importer's words for none) told them nothing."""
    paths = staged_paths(folder)
    if not paths:
        abort(409, description="the file chosen is gone (the server restarted, or it was imported already); "
                               "choose it again")
    return paths


def staged_paths(folder: Path) -> list[Path]:
    """A staged upload's files in the order they were chosen (saved as ``folder/N/NAME``)."""
    return sorted(folder.glob("*/*"), key=lambda p: int(p.parent.name)) if folder.is_dir() else []


def skip_bad_offer(paths: list[Path], folder: Path) -> dict | None:
    """After files were refused for entries that do not parse: the dry run `import --skip-bad`
    makes (the same Python API, ``skip_bad``), when it keeps every file and some records —
    its report with ``skipped``, each entry left out (file, line, why). None when a whole file
    would be refused (not an export, imported before): choosing the files again is the way then."""
    try:
        report = import_saved(paths, {}, actor=g.reviewer.name, dry_run=True, folder=folder, skip_bad=True)
    except ScreenerError:
        return None
    files = report["files"]
    if not report["records"] or any(f["status"] != "checked" for f in files):
        return None
    skipped = [{"file": f["file"], "line": r["line"], "record_number": r["record_number"], "message": r["message"]}
               for f in files for r in f["rejected"]]
    return {**report, "skipped": skipped} if skipped else None


def skipped_lines(skipped: list[dict], named: bool = False) -> str:
    """'line 8' / 'lines 8 and 40' / 'ebsco.bib line 8 and cinahl.ris line 3' (the file named when
    several are, or ``named``: a message read away from the file's preview)."""
    several = len({s["file"] for s in skipped}) > 1
    if not several and all(s["line"] for s in skipped) and len(skipped) > 1:
        lines = "lines " + ", ".join(str(s["line"]) for s in skipped[:-1]) + f" and {skipped[-1]['line']}"
        return (f"{skipped[0]['file']} " if named else "") + lines
    places = [(f"{s['file']} " if several or named else "") + (f"line {s['line']}" if s["line"] else
                                                               f"record {s['record_number'] or '?'}") for s in skipped]
    return places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]


def skipped_words(report: dict) -> str:
    """What an import with skipped entries says after it is done."""
    skipped = [{**r, "file": f.get("file", "")} for f in report["files"] for r in f["rejected"]]
    where = skipped_lines(skipped, named=True)
    return (f"Skipped {counted(len(skipped), 'entry', 'entries')} the importer cannot read ({where}); "
            f"{'it is' if len(skipped) == 1 else 'they are'} kept, as in the file, in a report in the review folder's "
            f"rejected/ folder.")


def column_choice(paths: list[Path], chosen: dict[str, str] | None = None) -> dict | None:
    """The column chooser for one uploaded table whose columns were not known: its file name,
    column names and what is chosen so far; None unless one file was uploaded and it is a table
    (several files: each is chosen on its own upload)."""
    if len(paths) != 1:
        return None
    try:
        text, _ = decode(paths[0].read_bytes(), Collector(paths[0].name))
    except (OSError, ScreenerError):
        return None
    names = table_header(text, rows=1)
    if names is None:
        return None
    return {"file": paths[0].name, "names": names, "chosen": chosen or {}, "fields": CHOSEN_FIELDS,
            "examples": _first_row(text, len(names))}


def without_chooser(exc: ScreenerError) -> str:
    """A table's refusal (remedy COLUMNS) when the chooser is not shown — it reads one upload, and this
    one came with other files —, in words that do not point at a chooser below that is not there."""
    bare = copy.copy(exc)
    bare.remedy = None
    bare.after = "; check it on its own to choose which column holds the title, authors, year and abstract" + exc.after
    return owner_message(bare)


def _first_row(text: str, width: int) -> list[str]:
    """Each column's cell in the table's first row, shortened (shown beside the column's name, so
    that a column named 'Ref' or 'Notes' can be told by what it holds)."""
    return [cell.strip() if len(cell.strip()) <= 40 else cell.strip()[:40].rstrip() + "…"
            for cell in first_row(text, width)]


def columns_from_form(form) -> dict[str, str]:
    """The chooser's selects (``col_title`` …) as a choice {field: column}; a field left at
    'not in this file' is left out."""
    return {field: form.get(f"col_{field}", "").strip() for field, _ in CHOSEN_FIELDS
            if form.get(f"col_{field}", "").strip()}


def columns_spec(chosen: dict[str, str]) -> str:
    """A choice as the import's 'columns' field takes it (``records.csv_columns.parse_columns``)."""
    return ",".join(f"{field}={column}" for field, column in chosen.items())
