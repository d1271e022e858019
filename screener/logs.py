"""Logging: one logger per package (``logging.getLogger(__name__)``, so ``screener.search.eutils``
is under ``screener.search``), silent by default beyond warnings.

Unconfigured, Python's last-resort handler shows WARNING and above on stderr and nothing else, which
is what the CLI prints without ``-v``. ``screener -v`` (INFO: requests retried, slices, import and
dedupe summaries, migrations, exports), ``-vv`` (DEBUG: every E-utilities request) or
``SCREENER_LOG=info|debug|warning`` put one handler on the ``screener`` logger. The access log
(``screener.web.access``) is separate: ``screener serve`` turns it on (``web/access.py``).

What is never logged: tokens, cookies, the API key, email addresses, and record text (titles,
abstracts) — log lines carry counts, ids, file names and timings.
"""

from __future__ import annotations

import logging
import os
import sys

from screener.errors import UsageError

LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
_MARK = "_screener_log"


def configure(verbosity: int = 0, env: str | None = None) -> int | None:
    """Send the ``screener`` loggers to stderr at the level ``-v`` (count) or ``$SCREENER_LOG`` asks
    for (the more verbose of the two); nothing when neither is given. Returns the level set."""
    wanted = (env if env is not None else os.environ.get("SCREENER_LOG", "")).strip().lower()
    if wanted and wanted not in LEVELS:
        raise UsageError(f"SCREENER_LOG={wanted!r}: give one of {', '.join(LEVELS)}")
    levels = [LEVELS[wanted]] if wanted else []
    if verbosity:
        levels.append(logging.DEBUG if verbosity > 1 else logging.INFO)
    if not levels:
        return None
    level = min(levels)
    root = logging.getLogger("screener")
    root.setLevel(level)
    if not any(getattr(h, _MARK, False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        # the access log has its own handler where `screener serve` turns it on
        handler.addFilter(lambda record: not record.name.startswith("screener.web.access"))
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    return level


def unconfigure() -> None:
    """Remove what ``configure`` added (tests; a long-lived process that turns logging off again)."""
    root = logging.getLogger("screener")
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
    root.setLevel(logging.NOTSET)
