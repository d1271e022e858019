"""pyproject.toml declares exactly the third-party packages screener/ imports (imports inside
functions included), so that a fresh install has everything the code can reach."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMPORT_NAME = {"scikit-learn": "sklearn", "biopython": "Bio"}   # distribution → import name
DECLARED_UNUSED: set[str] = set()


def _imported() -> set[str]:
    found = set()
    for path in (REPO / "screener").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "screener"}


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        distribution = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        assert re.search(r">=\s*\d", requirement), f"{requirement}: give a floor (>=) that works"
        names.add(IMPORT_NAME.get(distribution, distribution.replace("-", "_")))
    return names


def test_every_import_is_declared_and_every_declaration_imported():
    imported, declared = _imported(), _declared()
    assert imported - declared == set(), "declare these in pyproject.toml [project] dependencies"
    assert declared - imported == DECLARED_UNUSED
