"""The screeners' web app: keyboard screening, the arbiter's conflicts, the owner's dashboard and a
JSON API, over one workspace. ``create_app(DIR)`` builds it; ``serve(DIR)`` runs it."""

from __future__ import annotations

from screener.web.app import create_app as _create_app
from screener.web.server import serve as _serve


def create_app(*args, **kwargs):
    return _create_app(*args, **kwargs)


def serve(*args, **kwargs):
    return _serve(*args, **kwargs)
