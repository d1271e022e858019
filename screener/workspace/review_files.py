"""A review's own files given to `screener import` as exports: its database, its settings, the report of what
`import --skip-bad` refused.

Picked by mistake (a file dialog, the shell's tab key), each was read as an export and refused as binary or as
'not a known export format', which says neither what the file is nor what to do. They are named before they are
read, whichever review they belong to.
"""

from __future__ import annotations

from pathlib import Path

REJECTED_DIR = "rejected"        # the reports of records `import --skip-bad` refused
# a workspace's database (with SQLite's companions), settings and cookie key
OWN_FILES = ("review.db", "review.db-wal", "review.db-shm", "review.db-journal", "review.toml", ".web-secret")


def review_holding(target: Path) -> Path | None:
    """The review folder ``target`` (resolved) is a file of, or lies under: the nearest folder above it with a
    review.db and a review.toml; None outside any review."""
    for folder in target.parents:
        if (folder / "review.db").is_file() and (folder / "review.toml").is_file():
            return folder
    return None


def review_file_given(path: Path, own: Path) -> str:
    """The one line naming ``path`` as a review's own file given where an export goes ('' when it is not one);
    ``own``: the review the command imports into."""
    target = path.resolve()
    home = review_holding(target)
    if home is None:
        return ""
    if target.parent == home and target.name in OWN_FILES:
        whose = f"this review's own {target.name}" if home == own.resolve() else \
            f"the {target.name} of the review in {home}"
        return f"{path}: that is {whose}, not a database's export: give the files exported from the databases"
    if target.parent == home / REJECTED_DIR:
        return (f"{path}: that is a report of what `screener import --skip-bad` refused, not an export: to import a "
                "refused record, copy its text from the report into a file of its own, mend it and import that file")
    return ""
