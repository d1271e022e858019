"""Output files a report or an export writes where the user said (``--out``): one already there is
kept unless asked (``--force``); the review's own files never, asked or not; a pipe or device is
written to, never replaced."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from screener.errors import UsageError
from screener.workspace.fulltext import FULLTEXT_DIR
from screener.workspace.importer import REJECTED_DIR
from screener.workspace.imports import EXPORTS_DIR, imported_paths

if TYPE_CHECKING:
    from screener.workspace import Workspace

# the files of a workspace that an export or a diagram must never replace, --force or not
OWN_FILES = ("review.db", "review.db-wal", "review.db-shm", "review.db-journal", "review.toml", ".web-secret")
# the folders where a workspace keeps files as evidence, and what each file in them is
KEPT_FOLDERS = {FULLTEXT_DIR: "an attached full text", EXPORTS_DIR: "an uploaded export",
                REJECTED_DIR: "a report of refused records"}


def refuse_the_reviews_own_files(ws: Workspace, out: Path, what: str, option: str = "--out") -> None:
    """A UsageError when ``out`` is a file the review keeps: its database (every
    vote and event in it), its settings, a file in its full-text, exports or rejected folders, or
    the file an import was read from (its SHA-256 is on record as the search's evidence). ``--force``
    is for last week's export, never these: a slip of the tab key (``--out review/review.db``)
    would lose the review. A link is followed: the file behind it is what a reader opens.
    ``what`` names the output ("export", "diagram") in the advice."""
    where = f"{option} {out}: that"
    advice = f"write the {what} to another file"
    target = out.resolve()
    home = ws.path.resolve()
    for name in OWN_FILES:
        if target == home / name:
            raise UsageError(f"{where} is the review's own {name}; {advice}")
    for folder, kept in KEPT_FOLDERS.items():
        if target.is_relative_to(home / folder):
            raise UsageError(f"{where} is {kept}, kept in the review's {folder} folder; {advice}")
    import_id = imported_paths(ws).get(target)
    if import_id is not None:
        raise UsageError(f"{where} is the file import {import_id} was read from (the search's evidence); {advice}")


def refuse_to_replace(out: Path, option: str = "--out") -> None:
    """A UsageError when ``out`` is a file already there: an export or a diagram replaces nothing
    unless asked (``--force``), as gzip, xz and zstd keep an output file without ``-f`` and the
    PRISMA2020 R package's PRISMA_save() without ``overwrite = TRUE``. The file may be a reference
    library kept by hand, last week's audit CSV or a diagram edited for the paper, and a rerun of
    yesterday's command from the shell's history would replace it without a word. (A folder is
    left to the writer, which says it cannot write it.)"""
    if out.is_file() or out.is_symlink():
        raise UsageError(f"{option} {out}: the file is already there; give --force to replace it, "
                         f"or another {option} name")


def is_stream(out: Path) -> bool:
    """``out`` is a pipe, a device or a socket (/dev/stdout, /dev/null, a FIFO; or a link to one):
    written to, not replaced (a temporary file renamed over /dev/null, as root, replaces the device
    with a regular file), and never 'a file already there'."""
    try:
        mode = out.stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)
