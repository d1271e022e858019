"""`dedupe FILE... --groups-out /dev/null` (only the summary wanted): the groups were written
through a temporary file renamed over the target, which replaces a device or pipe with a regular
file (as root, /dev/null itself). A pipe or device is refused with one line; nothing is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from screener.cli.main import run

SCOPUS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_scopus.ris"


@pytest.mark.parametrize("option", ["--groups-out", "--pairs-out"])
def test_a_pipe_as_the_output_is_refused_and_kept(tmp_path, capsys, option):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = ["dedupe", str(SCOPUS), "--groups-out", str(tmp_path / "groups.csv"), option, str(fifo)]
    if option == "--groups-out":
        args = ["dedupe", str(SCOPUS), "--groups-out", str(fifo)]
    assert run(args) == 2
    assert capsys.readouterr().err == (f"error: {option} {fifo}: a pipe or device, not a file; give a file "
                                       "name (the summary is printed either way)\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
