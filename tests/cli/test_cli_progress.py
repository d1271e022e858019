"""Progress bars: `screener import` and `screener dedupe DIR` draw them on standard error when it is
a terminal (a pseudo-terminal here), and print nothing of them when it is not; the result is the
same either way."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli.progress import ProgressBars

ROOT = Path(__file__).resolve().parents[2]
RIS = ROOT / "fixtures/records/ris/citation-file-formatting___baseline_scopus.ris"


def _run(args: list[str], tty: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `python -m screener ARGS`, stderr on a pseudo-terminal if ``tty``."""
    cmd = [sys.executable, "-m", "screener", *args]
    env = {**os.environ, "COLUMNS": "100"}
    if not tty:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        return proc.returncode, proc.stdout, proc.stderr
    main, child = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=child, env=env, cwd=ROOT, text=True)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:          # the child closed the terminal (EIO on Linux)
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read() if proc.stdout else ""
    proc.wait(timeout=120)
    os.close(main)
    return proc.returncode, out, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("tty", [True, False])
def test_import_and_dedupe_show_bars_only_on_a_terminal(tmp_path, tty):
    ws = tmp_path / "ws"
    assert _run(["init", str(ws)], tty=False)[0] == 0
    code, out, err = _run(["import", str(ws), str(RIS), "--database", "Scopus"], tty)
    assert code == 0, err
    assert "records imported" in out
    assert ("Storing records" in err) is tty
    assert ("Reading files" in err) is tty
    code, out, err = _run(["dedupe", str(ws)], tty)
    assert code == 0, err
    assert ("Comparing pairs" in err) is tty
    assert ("Normalising" in err) is tty
    if not tty:
        assert err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_follow_the_steps_and_close():
    stream = _Terminal()
    bars = ProgressBars(stream)
    with bars:
        for done in (0, 500, 1000):
            bars("storing", done, 1000)
        bars("comparing", 3, 10)
    text = stream.getvalue()
    assert "Storing records" in text and "1000/1000" in text
    assert "Comparing pairs" in text and "3/10" in text and bars.bar is None


def test_bars_say_nothing_when_not_enabled():
    stream = io.StringIO()
    with ProgressBars(stream) as bars:          # a StringIO is not a terminal
        bars("storing", 10, 100)
    assert stream.getvalue() == "" and not bars.enabled
