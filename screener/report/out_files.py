"""Output files a report or an export writes where the user said (``--out``): one already there is
kept unless asked (``--force``); the review's own files never, asked or not; a pipe or device is
written to, never replaced."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from screener.errors import UsageError
from screener.workspace.fulltext import FULLTEXT_DIR
from screener.workspace.imports import EXPORTS_DIR, imported_paths
from screener.workspace.review_files import OWN_FILES, REJECTED_DIR, review_holding

if TYPE_CHECKING:
    from screener.workspace import Workspace

# the files of a workspace (OWN_FILES) an export or a diagram must never replace, --force or not, and
# the folders where a workspace keeps files as evidence, and what each file in them is
KEPT_FOLDERS = {FULLTEXT_DIR: "an attached full text", EXPORTS_DIR: "an uploaded export",
                REJECTED_DIR: "a report of refused records"}


def refuse_the_reviews_own_files(ws: Workspace, out: Path, what: str, option: str = "--out") -> None:
    """A UsageError when ``out`` is a file the review keeps: its database (every
    vote and event in it), its settings, a file in its full-text, exports or rejected folders, or
    the file an import was read from (its SHA-256 is on record as the search's evidence) — or such
    a file of any other review. ``--force`` is for last week's export, never these: a slip of the
    tab key (``--out review/review.db``) would lose the review. A link is followed: the file behind
    it is what a reader opens. ``what`` names the output ("export", "diagram") in the advice."""
    refuse_any_reviews_files(out, what, option, ws.path)
    import_id = imported_paths(ws).get(out.resolve())
    if import_id is not None:
        raise UsageError(f"{option} {out}: that is the file import {import_id} was read from (the search's "
                         f"evidence); write the {what} to another file")


def refuse_any_reviews_files(out: Path, what: str, option: str = "--out", own: Path | None = None) -> None:
    """A UsageError when ``out`` is a review's database or settings, or a file in one of the
    folders where a review keeps its evidence, whichever review it is (``own``: the review the command
    works on, named 'the review's own'); for a command that knows no review (``dedupe`` on files)
    as for one that does."""
    target = out.resolve()
    home = review_holding(target)
    if home is None:
        return
    mine = own is not None and home == own.resolve()
    advice = f"write the {what} to another file"
    if target.parent == home and target.name in OWN_FILES:
        whose = f"the review's own {target.name}" if mine else f"the {target.name} of the review in {home}"
        raise UsageError(f"{option} {out}: that is {whose}; {advice}")
    for folder, kept in KEPT_FOLDERS.items():
        # what is kept there; a new file (the user's own export in DIR/exports) replaces nothing
        if target.is_relative_to(home / folder) and (target.exists() or Path(out).is_symlink()):
            whose = f"the review's {folder} folder" if mine else f"the {folder} folder of the review in {home}"
            raise UsageError(f"{option} {out}: that is {kept}, kept in {whose}; {advice}")


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
