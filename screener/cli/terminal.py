"""Text for a terminal (the escaping function lives in ``screener.terminal``, below every layer,
so that the web server's start-up lines and logs use the same one)."""

from __future__ import annotations

from screener.terminal import for_stream, printable

__all__ = ["for_stream", "printable"]
