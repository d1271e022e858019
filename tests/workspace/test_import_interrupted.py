"""An import killed part-way (kill -9, the terminal closed, the machine stopped): each file comes in
whole or not at all, so nothing of the file under way was kept — and nothing said so afterwards:
`status` and `imports list` showed no trace of it, and whoever ran it could not tell whether it had
finished. Now the next `status` and the next `import` name it and what to do. Real processes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from screener.cli.main import run
from screener.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
SCOPUS = ROOT / "fixtures" / "records" / "ris" / "citation-file-formatting___baseline_scopus.ris"


def test_an_import_killed_part_way_is_named_by_the_next_status_and_import(tmp_path, capsys):
    directory = tmp_path / "review"
    Workspace.init(directory).close()
    holder = sqlite3.connect(directory / "review.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")          # so that the import is surely under way, not done, when killed
    try:
        process = subprocess.Popen([sys.executable, "-m", "screener", "import", str(directory), str(SCOPUS)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        said = process.stderr.readline()
        assert "another process is writing" in said, said + process.stderr.read()
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run(["status", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "imports:         0" in out, out
    assert f"an import of {SCOPUS.name} started at" in out and "did not finish" in out, out
    assert "nothing of a file it had not finished was kept" in out, out
    assert run(["import", str(directory), str(SCOPUS)]) == 0
    captured = capsys.readouterr()
    assert f"note: an import of {SCOPUS.name} started at" in captured.err, captured.err
    assert run(["status", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "imports:         1" in out and "did not finish" not in out, out
