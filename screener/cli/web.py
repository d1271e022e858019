"""Web commands: ``screener serve`` and ``screener reviewers link`` (added to the reviewers group)."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import typer

from screener.cli.common import DIR_ARGUMENT, JSON_OPTION, emit, open_workspace
from screener.cli.screening import reviewers_app
from screener.errors import UsageError, WorkspaceError
from screener.workspace.db import can_write


def serve(
    directory: Path = typer.Argument(None, help="The review workspace directory (or --root for many).",
                                     show_default=False, metavar="DIR"),
    root: Path = typer.Option(None, "--root", help="Serve every review under this folder (one per subfolder) "
                              "with a review picker; its owner signs in with `screener admin token ROOT`.",
                              metavar="ROOT"),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default serves this computer "
                             "only; give 0.0.0.0 (or an interface address) to serve a team."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on (0 picks a free one)."),
    threads: int = typer.Option(8, "--threads", min=1, max=256, help="Requests handled at once."),
    lease_minutes: float = typer.Option(30, "--lease-minutes", min=0, max=10080,
                                        help="How long a study stays reserved for the screener it was "
                                             "given to (a week at most)."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Mark the session cookie Secure "
                                        "(when a TLS proxy serves the app over https)."),
) -> None:
    """Run the screeners' web app on the workspace: screening, conflicts, dashboard, JSON API."""
    # lazy: the web app (flask) takes 0.3 s to load; only commands using it load it (cli/__init__.py)
    from screener.web.server import serve as run

    if (directory is None) == (root is None):
        raise UsageError("give either DIR (one review) or --root ROOT (every review under ROOT), not both"
                         if directory is not None else "give the review's DIR, or --root ROOT to serve many")
    if root is not None:
        # lazy: the web app (flask) takes 0.3 s to load; only commands using it load it (cli/__init__.py)
        from screener.web.multi import serve_root
        _check_address(host, port)
        try:
            serve_root(root, host, port, threads=threads, lease_minutes=lease_minutes, secure_cookies=secure_cookies)
        except OSError as exc:
            raise _address_error(host, port, exc) from None
        return
    with open_workspace(directory):   # a clear error for a wrong directory before the server starts
        pass
    if not can_write(directory / "review.db"):
        # every sign-in, queue and vote writes: served, it would answer each with a 503
        raise WorkspaceError(f"{directory}: this user cannot write the review (review.db or its folder is read-only), so "
                             "the web app could record no sign-in, lease or vote; serve it as the user who owns it, or "
                             "from a copy you can write (status, export and report still work here)")
    _check_address(host, port)        # before the queue is prepared, which takes a while on a big review
    try:
        run(directory, host, port, threads=threads, lease_minutes=lease_minutes, secure_cookies=secure_cookies)
    except OSError as exc:            # taken between the check and the server's own bind
        raise _address_error(host, port, exc) from None
    except ValueError as exc:         # waitress: "Invalid host/port specified."
        raise _address_error(host, port, socket.gaierror(str(exc))) from None


def _address_error(host: str, port: int, exc: OSError):
    if isinstance(exc, socket.gaierror) or exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
        return UsageError(f"--host {host}: not an address this computer can listen on; use 127.0.0.1 (this "
                          f"computer only), 0.0.0.0 (every interface) or one of its own addresses")
    if exc.errno == errno.EADDRINUSE:
        return UsageError(f"--port {port}: {host}:{port} is already in use (another `screener serve`?); "
                          f"choose another port, or --port 0 for a free one")
    if exc.errno == errno.EACCES:
        return UsageError(f"--port {port}: this user may not listen on ports below 1024; use a higher one "
                          f"(e.g. --port 8000) behind the team's proxy")
    return UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --host or --port")


def _check_address(host: str, port: int) -> None:
    """Bind the address once, as the server will (SO_REUSEADDR, as waitress sets it), and let go."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except (OSError, UnicodeError) as exc:
        raise _address_error(host, port, exc if isinstance(exc, OSError) else socket.gaierror(str(exc))) from None


def reviewers_link(
    directory: Path = DIR_ARGUMENT,
    name: str = typer.Argument(..., help="The reviewer's name.", show_default=False),
    url: str = typer.Option("http://127.0.0.1:8000", "--url", help="The address the web app is served at "
                            "(as `screener serve` prints it)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Mint a new token for a reviewer and print their sign-in link (earlier links stop working)."""
    # lazy: the web app (flask) and workspace.reviewers take 0.3 s to load; only commands using it load it (cli/__init__.py)
    from screener.web.links import link_base
    from screener.web.server import signin_url
    from screener.workspace.reviewers import get_reviewer, mint_token

    url = link_base(url)     # before minting: a new token would stop the reviewer's current link working
    with open_workspace(directory) as ws:
        token = mint_token(ws, name)
        reviewer = get_reviewer(ws, name)
    link = signin_url(url, token)
    emit({"name": reviewer.name, "role": reviewer.role, "token": token, "url": link}, as_json,
         lambda d: f"Sign-in link for {d['name']} ({d['role']}); send it privately, it works until the next "
                   f"link or token for them:\n{d['url']}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("serve")(serve)
    reviewers_app.command("link")(reviewers_link)
