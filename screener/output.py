"""Writing an output file (a report, an export, duplicate groups): all of it or none of it; counts
in words ("1 record", "2 records"); a word of a command to run, quoted for the shell; and the
name meant when one was typed nearly right."""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable
from pathlib import Path

from screener.errors import UsageError


def write_atomically(out: Path, text: str, option: str = "--out") -> None:
    """Write ``text`` to ``out`` through a temporary file beside it, renamed into place; on any
    failure the temporary file is removed and a UsageError names ``option`` and the file."""
    write_together([(Path(out), text, option)])


def write_together(files: list[tuple[Path, str, str]]) -> None:
    """Write each ``(out, text, option)`` as ``write_atomically`` does, renaming none into place
    until every one is written: a second file that cannot be written (``dedupe --pairs-out`` on a
    full disk) leaves the first as it was, not replaced without its companion."""
    for out, _, option in files:
        if not out.parent.exists():
            raise UsageError(f"{option} {out}: directory {out.parent} does not exist")
        if not out.parent.is_dir():    # a path under a file: the clean-up below would raise too
            raise UsageError(f"{option} {out}: {out.parent} is a file, not a directory")
    temporary = [out.with_name(out.name + ".tmp") for out, _, _ in files]
    at = 0                             # the file being written, for the error
    try:
        for at, (_, text, _) in enumerate(files):
            temporary[at].write_text(text, encoding="utf-8")
        for at, (out, _, _) in enumerate(files):
            temporary[at].replace(out)
    except OSError as exc:
        for tmp in temporary:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
        out, _, option = files[at]
        raise UsageError(f"{option} {out}: cannot write it ({exc.strerror or exc})") from None


def shell_word(value: object) -> str:
    """``value`` as one word of a command the user is told to run: quoted when the shell would split
    or read it ('Pain review', "Dr O'Brien"), as is otherwise ('rev2')."""
    return shlex.quote(str(value))


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it needs: '1 record', '2 records', '0 studies' (give
    ``plural`` when it is not the noun and an s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _folded(name: str) -> str:
    return re.sub(r"[\s_.-]+", "", name.casefold())


def did_you_mean(typed: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a name typed nearly right — another case or separator
    ('title-abstract'), a part of the name ('cinahl' for 'ebsco-cinahl'), a slip of the keys
    ('scopsu') — else ''. At most two names, in the order of ``choices``."""
    if not isinstance(typed, str) or not _folded(typed):
        return ""
    choices = list(choices)
    folded = _folded(typed)
    by_key = {_folded(c): c for c in choices}
    meant = [by_key[folded]] if folded in by_key else []
    if not meant and len(folded) >= 3:
        meant = [c for c in choices if folded in _folded(c)]
    if not meant:
        meant = [by_key[k] for k in difflib.get_close_matches(folded, list(by_key), n=2, cutoff=0.75)]
    if not meant or len(meant) > 2:
        return ""
    return f" (did you mean {' or '.join(repr(m) for m in meant)}?)"
