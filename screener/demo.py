"""`make demo`: the whole journey on bundled real data, offline.

Grows with each capability; every step calls the same Python API as the CLI.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from screener.workspace import Workspace

OUTPUT = Path("demo-output")


def main() -> int:
    started = time.monotonic()
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    ws = Workspace.init(OUTPUT / "review", title="Toye 2017 (demo): HCPs' experience of treating chronic pain")
    print(f"1. Created workspace {ws.path} (review.toml + review.db, schema v{ws.status()['schema_version']})")
    status = ws.status()
    print(f"   status: {status['source_records']} source records, {status['studies']} studies")
    print(f"Done in {time.monotonic() - started:.1f} s. Everything is in {OUTPUT}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
