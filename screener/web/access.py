"""The server's access log: one line per request on the ``screener.web.access`` logger.

Method, path, status and milliseconds — never the query string (a sign-in link carries the token
there), headers (Authorization, Cookie) or bodies. ``screener serve`` writes it to stderr.
"""

from __future__ import annotations

import logging
import sys

from screener.terminal import PrintableFormatter

log = logging.getLogger("screener.web.access")


def log_request(method: str, path: str, status: int, ms: float) -> None:
    """Log one answered request; ``path`` without its query string."""
    log.info("%s %s %d %.1fms", method, path.split("?", 1)[0], status, ms)


def log_to_stderr() -> None:
    """Show the access log on stderr (``screener serve``); once per process."""
    if not any(getattr(h, "_screener_access", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(PrintableFormatter("%(asctime)s %(message)s"))   # a path may hold ESC
        handler._screener_access = True        # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    # The traceback of a 500 (Flask logs it on screener.web.app), with a time like the access
    # lines (a 500 once left no trace while the package installed a NullHandler).
    errors = logging.getLogger("screener.web")
    if not any(getattr(h, "_screener_errors", False) for h in errors.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.ERROR)
        handler.setFormatter(PrintableFormatter("%(asctime)s %(levelname)s %(message)s"))
        handler._screener_errors = True        # type: ignore[attr-defined]
        errors.addHandler(handler)
