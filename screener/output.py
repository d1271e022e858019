"""Writing an output file (a report, an export, duplicate groups): all of it or none of it; and counts
in words ("1 record", "2 records")."""

from __future__ import annotations

from pathlib import Path

from screener.errors import UsageError


def write_atomically(out: Path, text: str, option: str = "--out") -> None:
    """Write ``text`` to ``out`` through a temporary file beside it, renamed into place; on any
    failure the temporary file is removed and a UsageError names ``option`` and the file."""
    out = Path(out)
    if not out.parent.exists():
        raise UsageError(f"{option} {out}: directory {out.parent} does not exist")
    if not out.parent.is_dir():    # a path under a file: the clean-up below would raise too
        raise UsageError(f"{option} {out}: {out.parent} is a file, not a directory")
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise UsageError(f"{option} {out}: cannot write it ({exc.strerror or exc})") from None


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it needs: '1 record', '2 records', '0 studies' (give
    ``plural`` when it is not the noun and an s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
