"""The README's Python API example, run as it is written there (from the repository's folder, in a
fresh directory with the bundled fixtures): an example that no longer runs is a defect users meet first."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the Python API section has one example"
    return blocks[0]


def test_the_readmes_python_api_example_runs_and_screens_the_review(tmp_path):
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    (tmp_path / "example.py").write_text(_example(), encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # 10 + 10 records; dedupe leaves 19 studies; PRISMA: 20 identified, 1 duplicate removed, 19 screened
    assert done.stdout.split("\n") == ["Embase 10", "Scopus 10", "19", "20 1 19", ""]
    assert (tmp_path / "prisma.svg").read_text(encoding="utf-8").startswith("<svg")
    assert (tmp_path / "myreview" / "review.db").is_file()
