"""The tests' own server (web_helpers.serving): stopping it must not race its loop. Before, the
helper closed waitress's listening socket and trigger from the test's thread while the server's
loop thread was in select() on them: about one stop in three raised `OSError: [Errno 9] Bad file
descriptor` in that thread (pytest's PytestUnhandledThreadExceptionWarning, or 'Exception when
servicing' from a worker writing to the closed trigger), the loop went on serving a browser's
keep-alive connection (the 5 s join gave up), and the four worker threads were never stopped."""

from __future__ import annotations

import http.client
import threading
from urllib.parse import urlsplit

from web_helpers import serving


def test_serving_stops_every_thread_it_started_with_a_keep_alive_connection_open(workspace, monkeypatch):
    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_value))
    before = set(threading.enumerate())
    for _ in range(5):
        with serving(workspace.path) as url:
            address = urlsplit(url)
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
            connection.request("GET", "/signin")
            assert connection.getresponse().read()
            # the connection stays open, as a browser's does between pages
        left = [t.name for t in threading.enumerate() if t not in before and t.is_alive()]
        connection.close()
        assert left == [], f"threads still running after the server was stopped: {left}"
    assert raised == []
