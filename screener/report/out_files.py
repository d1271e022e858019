"""Output files a report or an export writes where the user said (``--out``): one already there is
kept unless asked (``--force``); a pipe or device is written to, never replaced."""

from __future__ import annotations

import stat
from pathlib import Path

from screener.errors import UsageError


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
