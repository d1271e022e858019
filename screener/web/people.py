"""Reviewers as people read them on every page: their display names
(``screener.workspace.reviewers.display_names``), never the internal name the server gave its owner
('root-owner'). The JSON API keeps the names scripts pass to ``--as``."""

from __future__ import annotations

from flask import g

from screener.workspace.reviewers import display_names


def people() -> dict[str, str]:
    """Internal name → display name, read once per request."""
    names = g.get("display_names")
    if names is None:
        names = g.display_names = display_names(g.ws) if "ws" in g else {}
    return names


def person(name):
    """The Jinja filter ``person``: a reviewer's display name; anything else (a name no reviewer
    has, such as 'owner' from the command line, or nothing) as it is."""
    if not isinstance(name, str):
        return name
    return people().get(name, name)
