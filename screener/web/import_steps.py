"""The Imports page's steps between the upload and the import: the previews a session has staged,
the preview's words, and the offer a refused file may get (its good records, the rest skipped).

Kept apart from ``owner_pages`` (the routes) so that module stays under the size a reader takes in.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from flask import g, session

from screener.errors import ScreenerError
from screener.output import counted
from screener.web.owner_api import import_saved

STAGED_KEPT = 5          # previews a session may come back to; older ones are removed


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
