"""How the server holds under idle and slow clients (README: Security and reliability).

waitress reads each request in full on its event loop before a worker thread sees it, so a slow
or idle client holds a socket, not a thread. Its defaults let 100 idle sockets stop everyone
(``connection_limit=100``: past it, no new connection is accepted until one closes, and an idle
one is closed only after ``channel_timeout=60`` s), and its loop uses ``select()``, which cannot
watch more than 1,024 sockets. Here: ``poll()``, a connection limit as high as the process's
open-file limit allows (raised to its hard limit), and idle sockets closed after 30 s.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from screener.terminal import printable
from screener.web.access import log_to_stderr
from screener.web.links import base_url

if sys.platform != "win32":     # POSIX only; elsewhere waitress's own default stands
    import resource

#: at most this many open connections (fewer when the open-file limit is lower)
MAX_CONNECTIONS = 10_000
#: file descriptors kept for the database, the ranker cache, logs and the worker threads
RESERVED_FILES = 200
#: a connection that sends nothing for this long is closed (seconds)
IDLE_TIMEOUT = 30
#: how often idle connections are looked for (seconds)
IDLE_CHECK_EVERY = 10


def open_file_limit() -> int:
    """The soft RLIMIT_NOFILE, raised to the hard limit when allowed (a few thousand idle sockets
    need as many descriptors)."""
    if sys.platform == "win32":  # not POSIX: waitress's own default stands
        return 100 + RESERVED_FILES
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = max(soft, MAX_CONNECTIONS + RESERVED_FILES)
    if soft != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else MAX_CONNECTIONS + RESERVED_FILES


def server_options() -> dict:
    """Keyword arguments for ``waitress.create_server`` beyond the app, host, port and threads."""
    connections = max(100, min(MAX_CONNECTIONS, open_file_limit() - RESERVED_FILES))
    return {"ident": "screener", "clear_untrusted_proxy_headers": True,
            "connection_limit": connections, "asyncore_use_poll": True,
            "channel_timeout": IDLE_TIMEOUT, "cleanup_interval": IDLE_CHECK_EVERY}


#: connections accepted per wake-up of the event loop (waitress accepts one, and each turn of
#: its loop looks at every open socket: a burst of 2,000 connections took seconds to drain)
ACCEPT_BATCH = 64


def create(app, host: str, port: int, threads: int):
    """``waitress.create_server`` with ``server_options()``, accepting connections in batches."""
    # lazy: waitress takes 0.006 s to load (15 modules), and every web app loads this module; only serving needs it
    from waitress import create_server

    server = create_server(app, host=host, port=port, threads=threads, **server_options())
    # one listening socket: the server itself; several (a name with IPv4 and IPv6 addresses):
    # waitress's MultiSocketServer holds them in its map
    listeners = [server] if hasattr(server, "handle_accept") else list(getattr(server, "map", {}).values())
    for listener in listeners:
        if hasattr(listener, "handle_accept") and hasattr(listener, "channel_class"):
            listener.handle_accept = _batch_accept(listener)
    return server


def _batch_accept(server):
    def handle_accept() -> None:
        for _ in range(ACCEPT_BATCH):
            if not server.readable():            # the connection limit is reached
                return
            try:
                accepted = server.accept()
                if accepted is None:             # nothing more waiting
                    return
                conn, addr = accepted
                server.set_socket_options(conn)
            except OSError:                      # the client left before we got to it
                continue
            server.channel_class(server, conn, server.fix_addr(addr), server.adj, map=server._map)
    return handle_accept


def run(app, host: str, port: int, threads: int, announce: Callable[[str], str],
        ready: Callable[[str], None] | None = None, again: str = "") -> None:
    """Serve ``app`` (one review's, or a server root's) until interrupted: the access log on stderr,
    ``announce(url)``'s lines on stdout once the socket listens (control characters made visible),
    then ``ready(url)``; once stopped (Ctrl+C: waitress ends its loop and lets the requests under way
    finish), a line on stderr naming ``again``, the command that starts it again. Used by ``screener
    serve`` and ``screener serve --root``."""
    log_to_stderr()
    server = create(app, host=host, port=port, threads=threads)
    url = base_url(host, server.effective_port)
    sys.stdout.write(printable(announce(url)))
    sys.stdout.flush()
    if ready is not None:
        ready(url)
    try:
        server.run()
    finally:
        server.close()
    sys.stderr.write(printable(f"Stopped (Ctrl+C): every answered vote and change is recorded; `{again}` starts it "
                               "again.\n" if again else "Stopped (Ctrl+C).\n"))
