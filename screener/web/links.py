"""The addresses the server hands out: its base URL and a reviewer's sign-in link."""

from __future__ import annotations

from urllib.parse import urlencode

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def signin_url(base_url: str, token: str) -> str:
    """The link a reviewer opens to sign in (the page posts the token and forgets the URL)."""
    return f"{base_url.rstrip('/')}/signin?{urlencode({'token': token})}"


def base_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"
