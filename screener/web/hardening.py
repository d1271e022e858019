"""What every app of the server does, the one-review app (``app.py``) and the server root's
(``multi.py``) alike: the session cookie's settings, the security headers of every answer, and the
Host check that keeps DNS-rebinding pages away from a server bound to the loopback interface."""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Any

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SESSION_LIFETIME = timedelta(days=14)


def cookie_settings(cookie_name: str, *, secure: bool) -> dict[str, Any]:
    """Flask config for the session cookie: one name per workspace or root (cookies ignore ports,
    and two servers may run side by side), not readable by scripts, not sent by other sites' forms,
    Secure behind a TLS proxy."""
    return {"SESSION_COOKIE_NAME": cookie_name, "SESSION_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": secure, "PERMANENT_SESSION_LIFETIME": SESSION_LIFETIME}


def security_headers(response: Any, *, no_store: bool = True) -> Any:
    """The headers every answer carries (unless the view set its own)."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if no_store:
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def hostname(host: str) -> str:
    """A Host header without its port ('[::1]:8000' → '::1')."""
    if host.startswith("["):
        return host[1:host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def foreign_host(host_header: str, loopback_only: bool) -> str | None:
    """Why a request is refused (HTTP 400) when the server answers on the loopback interface only
    and the request names another host; None when it is answered."""
    if loopback_only and not loopback(hostname(host_header)):
        return (f"this server answers on 127.0.0.1 only, not on '{host_header}'; start it with --host to "
                "serve a team")
    return None
