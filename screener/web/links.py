"""The addresses the server hands out: its base URL and a reviewer's sign-in link."""

from __future__ import annotations

import socket
from urllib.parse import urlencode, urlsplit

from screener.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def signin_url(base_url: str, token: str) -> str:
    """The link a reviewer opens to sign in (the page posts the token and forgets the URL)."""
    return f"{base_url.rstrip('/')}/signin?{urlencode({'token': token})}"


def base_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


# where a server listens on every interface (`serve --host 0.0.0.0`): an address to listen on, not
# one a reviewer's browser can open from another computer
EVERY_INTERFACE = ("0.0.0.0", "::")


def link_base(url: str, option: str = "--url") -> str:
    """``url`` (stripped) as the base of a sign-in link, or a UsageError naming ``option`` when a
    reviewer could not open it: no http(s) scheme, or a listening address. Checked before a token is
    minted: a new token stops the reviewer's current link working."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{option} {url}: give the web app's address with http:// or https://, "
                         "e.g. http://127.0.0.1:8000")
    if parts.hostname in EVERY_INTERFACE:
        try:
            port = parts.port
        except ValueError:
            port = None
        raise UsageError(f"{option} {url}: {parts.hostname} is the address a server listens on (every "
                         f"interface), not one a browser can open; give this computer's name or address as the "
                         f"reviewers reach it, e.g. {parts.scheme}://{socket.gethostname()}"
                         + (f":{port}" if port else ""))
    return url


def link_hint(url: str) -> str:
    """What to give ``--url`` for links to the server listening at ``url`` (as ``serve`` prints it):
    ``url`` itself, or, listening on every interface, this computer's name, with a word on it."""
    parts = urlsplit(url)
    if parts.hostname not in EVERY_INTERFACE:
        return url
    return (f"{parts.scheme}://{socket.gethostname()}:{parts.port} (or this computer's address as the reviewers "
            "reach it)")
