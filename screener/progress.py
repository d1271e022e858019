"""How long operations say how far they have got: ``progress(step, done, total)``.

The import (``screener.workspace.importer``) and the dedupe run (``screener.dedup.engine``,
``screener.workspace.dedupe``) take an optional callable of this shape and call it now and then
(per file read, per chunk of records stored, per thousand records or pairs compared), ``done``
rising to ``total`` within each ``step``. The CLI draws it as a progress bar on a terminal
(``screener.cli.progress``) and says nothing otherwise; the Python API passes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
