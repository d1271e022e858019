"""A review database a person cannot use as it is — made by a newer screener, damaged inside, emptied
by a failed copy — met through the real command line: one line naming review.db and what to do,
exit 1, no traceback, and nothing written into it."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli.main import run
from screener.errors import WorkspaceError
from screener.version import __version__
from screener.workspace import Workspace
from screener.workspace.imports import import_exports
from screener.workspace.migrations import all_migrations

ROOT = Path(__file__).resolve().parents[2]
SCOPUS = ROOT / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"


def screener(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "screener", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    """The same command through the command line's entry point in this process (a second check
    without a second start-up)."""
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, out, err)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    return result.stderr


def _review(tmp_path: Path, records: bool = False) -> Path:
    directory = tmp_path / "review"
    ws = Workspace.init(directory)
    if records:
        import_exports(ws, [SCOPUS], metadata={"database": "Scopus"})
    ws.close()
    return directory


def test_a_workspace_from_a_newer_screener_is_refused_before_anything_is_written(tmp_path, capsys):
    """It was opened as if nothing were amiss (status printed, an import written into a database whose
    newer layout this screener does not know)."""
    directory = _review(tmp_path)
    newest = all_migrations()[-1].version
    conn = sqlite3.connect(directory / "review.db")
    conn.execute("INSERT INTO schema_migrations VALUES (?, 'future_layout', '2031-01-01T00:00:00Z')", (newest + 1,))
    conn.commit()
    before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    for said in (one_line_error(screener("status", str(directory))),
                 one_line_error(in_process(capsys, "import", str(directory), str(SCOPUS)))):
        assert f"{directory / 'review.db'}: made by a newer screener" in said, said
        assert f"m{newest + 1:03d}_future_layout" in said and f"screener {__version__}" in said, said
        assert "upgrade screener" in said, said
    conn = sqlite3.connect(directory / "review.db")
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
    assert conn.execute("SELECT count(*) FROM source_records").fetchone()[0] == 0
    with pytest.raises(WorkspaceError, match="made by a newer screener"):
        Workspace.open(directory)


def test_a_database_damaged_inside_is_one_line_saying_restore_it(tmp_path, capsys):
    """Garbage over the middle of review.db (a failing disk, a copy cut short and patched): a
    traceback ('sqlite3.OperationalError: table fulltexts already exists', the migrations run again
    over a schema they could no longer read)."""
    directory = _review(tmp_path, records=True)
    database = directory / "review.db"
    data = bytearray(database.read_bytes())
    rng = random.Random(1)
    for at in range(40_000, len(data), 7):
        data[at] = rng.randrange(256)
    database.write_bytes(bytes(data))
    for said in (one_line_error(screener("status", str(directory))),
                 one_line_error(in_process(capsys, "export", str(directory), "--format", "csv"))):
        assert f"{database}: damaged" in said and "restore it from a backup" in said, said


def test_an_empty_review_db_is_not_taken_for_a_new_review(tmp_path):
    """A review.db of 0 bytes (a copy onto a full disk) was opened as a new, empty review: `status`
    said 0 records and the migrations wrote a fresh schema into it, hiding that the review was lost."""
    directory = _review(tmp_path)
    database = directory / "review.db"
    database.write_bytes(b"")
    said = one_line_error(screener("status", str(directory)))
    assert f"{database}: empty (0 bytes)" in said and "restore it from a backup" in said, said
    assert database.stat().st_size == 0


@pytest.fixture()
def small_disk(tmp_path):
    """A folder on a disk of its own that can be filled: a tmpfs of a few megabytes (needs root;
    skipped, saying why, elsewhere). ``small_disk(megabytes)`` mounts one and returns its folder."""
    mounted: list[Path] = []

    def mount(megabytes: int) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs to fill ({made.stderr.strip() or 'mount failed'})")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=True)


def _fill(folder: Path) -> None:
    with open(folder / "filler", "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass


def test_init_on_a_disk_too_small_is_one_line_and_leaves_nothing(small_disk):
    """A traceback ending 'sqlite3.OperationalError: cannot rollback - no transaction is active'
    (SQLite had rolled back the migration itself when the disk filled)."""
    disk = small_disk(1)
    said = one_line_error(screener("init", str(disk / "review")))
    assert "the disk is full" in said and "free some space" in said, said
    assert not (disk / "review").exists()


def test_a_full_disk_says_so_and_the_review_is_there_once_space_is_freed(small_disk, capsys):
    """Every command, `status` included, said 'review.db: not a usable SQLite database (disk I/O
    error); restore it from a backup or start a new workspace' about an intact review: SQLite could
    not make the write-ahead log's index file beside it."""
    disk = small_disk(12)
    directory = _review(disk, records=True)
    _fill(disk)
    for said in (one_line_error(screener("status", str(directory))),
                 one_line_error(in_process(capsys, "reviewers", "add", str(directory), "alice"))):
        assert f"{directory / 'review.db'}: the disk holding it is full" in said, said
        assert "free some space" in said and "backup" not in said and "new workspace" not in said, said
    (disk / "filler").unlink()
    status = in_process(capsys, "status", str(directory))
    assert status.returncode == 0 and "source records:  10" in status.stdout, status.stdout + status.stderr


def _page_of(database: Path, table: str) -> tuple[int, int]:
    conn = sqlite3.connect(database)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return (root - 1) * size, size


def test_damage_met_after_opening_is_one_line_too(tmp_path, capsys):
    """Damage the opening does not touch (the table of source records; a record's text) surfaced in
    the middle of a command as a traceback: 'sqlite3.DatabaseError: database disk image is
    malformed', 'sqlite3.OperationalError: Could not decode to UTF-8 column 'raw' …'."""
    directory = _review(tmp_path, records=True)
    database = directory / "review.db"
    data = bytearray(database.read_bytes())
    title = b"Global latitudinal gradients"      # a record's title, wherever it is stored
    at = data.find(title)
    while at >= 0:
        data[at + 3] = 0xFF
        at = data.find(title, at + 1)
    database.write_bytes(bytes(data))
    said = one_line_error(in_process(capsys, "export", str(directory), "--format", "ris"))
    assert f"{database}: damaged" in said and "restore it from a backup" in said, said
    start, size = _page_of(database, "source_records")
    data[start:start + size] = bytes(random.Random(2).randrange(256) for _ in range(size))
    database.write_bytes(bytes(data))
    said = one_line_error(screener("status", str(directory)))
    assert f"{database}: damaged" in said and "restore it from a backup" in said, said
