"""`screener serve` on a port that is taken or a host that is not this computer's: one line that
names the option and what to do, before the queue is prepared (it was a traceback after it)."""

from __future__ import annotations

import socket

from screener.cli.main import run


def _calls(monkeypatch):
    calls = []
    import screener.web.server as server
    monkeypatch.setattr(server, "serve", lambda *a, **k: calls.append((a, k)))
    return calls


def test_a_port_in_use_is_one_line(workspace, capsys, monkeypatch):
    calls = _calls(monkeypatch)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert run(["serve", str(workspace.path), "--port", str(port)]) == 2
    assert capsys.readouterr().err == (f"error: --port {port}: 127.0.0.1:{port} is already in use (another "
                                       f"`screener serve`?); choose another port, or --port 0 for a free one\n")
    assert calls == []


def test_a_host_that_is_not_an_address_here_is_one_line(workspace, capsys, monkeypatch):
    calls = _calls(monkeypatch)
    assert run(["serve", str(workspace.path), "--host", "999.1.1.1"]) == 2
    assert capsys.readouterr().err == ("error: --host 999.1.1.1: not an address this computer can listen on; "
                                       "use 127.0.0.1 (this computer only), 0.0.0.0 (every interface) or one "
                                       "of its own addresses\n")
    assert calls == []


def test_an_error_while_binding_in_the_server_is_one_line_too(workspace, capsys, monkeypatch):
    import errno

    import screener.web.server as server

    def taken(*args, **kwargs):
        raise OSError(errno.EADDRINUSE, "Address already in use")
    monkeypatch.setattr(server, "serve", taken)
    assert run(["serve", str(workspace.path), "--port", "0"]) == 2
    assert capsys.readouterr().err == ("error: --port 0: 127.0.0.1:0 is already in use (another `screener "
                                       "serve`?); choose another port, or --port 0 for a free one\n")
