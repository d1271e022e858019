"""Helpers shared by the command modules: opening a workspace, printing text or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from screener.cli.terminal import printable
from screener.workspace import Workspace

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON instead of text.")
DIR_ARGUMENT = typer.Argument(..., help="The review workspace directory.", show_default=False, metavar="DIR")


def open_workspace(path: Path) -> Workspace:
    return Workspace.open(path)


def emit(data: Any, as_json: bool, text: Callable[[Any], str] | str | None = None) -> None:
    """Print ``data`` as JSON, or as text made by ``text(data)``."""
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif callable(text):
        out = printable(text(data))
        if out:
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
    elif text is not None:
        sys.stdout.write(printable(text) + "\n")
