"""Standard output that cannot take the text: `screener export DIR --format csv > audit.csv` on a
full disk (here /dev/full, which answers every write with ENOSPC) printed a 30-line traceback
ending in 'OSError: [Errno 28] No space left on device', and so did `status`, `report searches`
and every command's text. Now one line naming standard output, the reason and that what reached it
is incomplete, exit 1, nothing more on stderr."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli.main import run

WOS_RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_webofscience.ris"
LINE = ("error: standard output: cannot write ({}); what reached it is incomplete: free some space "
        "(or write to another place) and run the command again\n")


@pytest.fixture
def review(tmp_path, capsys) -> Path:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(WOS_RIS)]) == 0
    capsys.readouterr()
    return directory


class _Full:
    """A stream that refuses every write as a full disk does."""
    encoding = "utf-8"

    def write(self, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self):
        pass

    def isatty(self):
        return False


@pytest.mark.parametrize("args", [["status"], ["export", "--format", "csv"], ["report", "searches"],
                                  ["status", "--json"]])
def test_a_full_standard_output_is_one_line(review, capsys, monkeypatch, args):
    monkeypatch.setattr(sys, "stdout", _Full())
    assert run([args[0], str(review), *args[1:]] if args[0] != "report"
               else ["report", "searches", str(review)]) == 1
    assert capsys.readouterr().err == LINE.format("No space left on device")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["status"], ["export", "--format", "ris"]])
def test_a_real_full_device_is_one_line_with_nothing_after(review, args):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "screener", args[0], str(review), *args[1:]],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == LINE.format("No space left on device")
