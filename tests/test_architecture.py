"""The package's import graph, read from the source with ``ast`` (imports inside functions included):
no module imports another that imports it back (directly or round a loop), and every import
between packages goes down the layers below. docs/ARCHITECTURE.md says the same in words.

Imports under ``if TYPE_CHECKING:`` are left out: they only name types for the checker and never
run, so they cannot form a cycle (``ws: Workspace`` in the modules ``Workspace`` itself uses).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "screener"

# Bottom to top: a module may import modules of its own package and of any layer below its own.
# "base" is the package's root modules that everything may use (errors, clock, output).
LAYERS: list[set[str]] = [
    {"base"},                       # screener/errors.py, clock.py, output.py, version.py, identifiers.py, titles.py
    {"records"},                    # reading and writing export files; the Record model
    {"query"},                      # strategies: one tree, readers, dialects, the local evaluator
    {"search"},                     # databases searched from the tool (PubMed E-utilities)
    {"dedup"},                      # finding duplicates among records (no workspace)
    {"rank"},                       # the ranker: learns from the labels and documents it is handed
    {"workspace"},                  # the review: tables, screening rules, queue, labels for the ranker
    {"report"},                     # PRISMA, agreement, exports, read from the workspace
    {"web"},                        # pages and JSON API over the Python API
    {"cli", "demo"},                # commands over the Python API; the demo
    {"main", "api"},                # python -m screener; the package's own __init__ (its public API)
]

# Imports against the layers that are known and not yet moved, each with its reason. The test
# fails when one of them is gone too (so that this list only shrinks): remove it here then.
# Empty since #20 moved the last three (title cleaning to screener/titles.py, subheading codes to
# records/subheadings.py, a review's records for `query run` to workspace/strategy_records.py).
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


def _package(module: str) -> str:
    parts = module.split(".")
    if module == "screener":
        return "api"
    if parts[1] == "__main__":
        return "main"
    if len(parts) == 2 and (ROOT / f"{parts[1]}.py").exists() and parts[1] != "demo":
        return "base"
    return parts[1]


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, is_package)
    return found


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of import nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                skipped |= {id(n) for n in ast.walk(inner)}
    return skipped


def import_graph() -> dict[str, set[str]]:
    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        here = module if is_package else module.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[:len(here.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # "from screener.web import api" imports the module screener.web.api
                names = [f"{source}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("screener"):
                    target = resolve(name)
                    if target is not None and target != module:
                        targets.add(target)
        graph[module] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


GRAPH = import_graph()
LAYER_OF = {package: level for level, packages in enumerate(LAYERS) for package in packages}


def test_every_package_has_a_layer():
    packages = {_package(module) for module in GRAPH}
    assert packages - set(LAYER_OF) == set(), "add the new package to LAYERS (and to docs/ARCHITECTURE.md)"


def test_no_import_cycle_between_modules():
    assert _cycles(GRAPH) == []


def test_no_import_cycle_between_packages():
    packages: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        for target in targets:
            if (module, target) not in KNOWN_EXCEPTIONS and _package(module) != _package(target):
                packages.setdefault(_package(module), set()).add(_package(target))
    for package in {_package(m) for m in GRAPH}:
        packages.setdefault(package, set())
    assert _cycles(packages) == []


def test_imports_go_down_the_layers():
    upward = sorted((module, target) for module, targets in GRAPH.items() for target in targets
                    if LAYER_OF[_package(target)] > LAYER_OF[_package(module)]
                    and (module, target) not in KNOWN_EXCEPTIONS)
    assert upward == []


def test_known_exceptions_still_exist():
    gone = [f"{module} -> {target}" for module, target in sorted(KNOWN_EXCEPTIONS)
            if target not in GRAPH.get(module, set())]
    assert gone == [], "no longer imported: remove these from KNOWN_EXCEPTIONS"


def test_the_graph_reader_sees_imports_inside_functions():
    # screener.workspace.ranking imports the queue's kept state inside a function only
    assert "screener.workspace.queue_state" in GRAPH["screener.workspace.ranking"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_package_says_its_purpose():
    for init in ROOT.rglob("__init__.py"):
        if "migrations" in init.parts:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.relative_to(ROOT.parent)} has no docstring saying what the package is for"


def test_no_module_imports_another_modules_private_names():
    """A leading underscore says "only this module relies on it": a name another module needs is
    public there (issue 20 counted 19 such reach-ins; renaming one must not break a hidden user)."""
    reach_ins = []
    for module, (path, _) in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("screener"):
                reach_ins += [f"{module} takes {alias.name} from {node.module}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert reach_ins == []


def test_a_module_over_600_lines_says_why_it_is_one():
    """Issue 20: no module over ~600 lines without the reason at its top ("kept as one module: ...")."""
    unexplained = []
    for module, (path, _) in _modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 600 and "kept as one module" not in (ast.get_docstring(ast.parse(text)) or ""):
            unexplained.append(f"{module}: {text.count(chr(10))} lines")
    assert unexplained == []


# Modules outside screener/workspace/ that still run SQL themselves, each with its reason. The test
# fails when one of them no longer does (so that this list only shrinks): remove it here then.
# Empty since #20 moved the last ones (search/pubmed.py's staging to workspace/pubmed_searches.py,
# report/'s and web/'s reads and the web sessions to the workspace modules that own the tables).
SQL_OUTSIDE_WORKSPACE: dict[str, str] = {}
SQL_CALLS = {"execute", "executemany", "executescript"}


def _sql_calls(path: Path) -> list[int]:
    """Line numbers of ``<anything>.execute(…)``, ``.executemany(…)`` and ``.executescript(…)`` calls,
    and of any use of a workspace's connection or transaction (``ws.db``, ``ws.transaction()``),
    through which SQL could be run by another name (``ws.db.cursor()``, a connection handed on)."""
    return sorted({node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                       and node.func.attr in SQL_CALLS | {"transaction"})
                   or (isinstance(node, ast.Attribute) and node.attr == "db")})


def test_only_the_workspace_runs_sql():
    """Tables are read and written only through the workspace module that owns them (issue 20):
    no module outside screener/workspace/ (its migrations included) calls the database itself."""
    found = {}
    for module, (path, _) in _modules().items():
        if _package(module) == "workspace":
            continue
        lines = _sql_calls(path)
        if lines and module not in SQL_OUTSIDE_WORKSPACE:
            found[module] = lines
    assert found == {}, "ask the workspace module that owns the table (add a named function there)"


def test_sql_allow_list_only_shrinks():
    stale = [module for module in SQL_OUTSIDE_WORKSPACE
             if module not in _modules() or not _sql_calls(_modules()[module][0])]
    assert stale == [], "no longer runs SQL: remove these from SQL_OUTSIDE_WORKSPACE"


def test_the_sql_reader_sees_calls_on_any_object(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(ws, conn):\n    ws.db.execute('SELECT 1')\n    with ws.transaction() as c:\n"
                      "        c.executemany('INSERT', [])\n    conn.executescript('')\n    cur = ws.db.cursor()\n",
                      encoding="utf-8")
    assert _sql_calls(sample) == [2, 3, 4, 5, 6]


# Imports inside functions, of the project's own modules or any other. One stays inside its function
# only with its reason in a comment starting "lazy:" on its line or the line above, saying what it
# would cost every command to load it at start-up (e.g. "# lazy: sklearn takes 0.4 s to import; only
# ranking needs it"); everything else is imported at the top of its module, where an import cycle
# shows when the package is imported. UNEXPLAINED counts those without a reason, per file; it only
# shrinks: the test fails when a count grows or falls (lower it then). Empty since issue 12 went
# through all 202 (106 of screener's own modules, 96 others): 72 moved to the top, 130 say their cost.
UNEXPLAINED: dict[str, int] = {}


def _function_level_imports(path: Path) -> list[tuple[int, bool]]:
    """(line, has a "lazy:" reason) of each import inside a function, nested ones once, those under
    ``if TYPE_CHECKING:`` left out (they never run). The reason is on the import's line or in the
    comment right above it, or above the run of imports it is one of (one comment for the block)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    skipped = _type_checking_only(tree)
    first_line_of = {n.end_lineno: n.lineno for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))}

    def has_reason(node: ast.stmt) -> bool:
        if "# lazy:" in lines[node.lineno - 1]:
            return True
        above = node.lineno - 1
        while above in first_line_of:                   # another import right above: the block's
            above = first_line_of[above] - 1            # comment says why for each of them
        while above >= 1 and lines[above - 1].lstrip().startswith("#"):
            if "# lazy:" in lines[above - 1]:
                return True
            above -= 1
        return False

    inside = {id(n): n for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom)) and id(n) not in skipped}
    return sorted((n.lineno, has_reason(n)) for n in inside.values())


def test_imports_inside_functions_say_why_they_are_lazy():
    changed = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT.parent).as_posix()
        unexplained = [line for line, has_reason in _function_level_imports(path) if not has_reason]
        if len(unexplained) != UNEXPLAINED.get(relative, 0):
            changed.append(f"{relative}: {len(unexplained)} imports inside functions without a '# lazy:' reason "
                           f"(lines {unexplained}; listed {UNEXPLAINED.get(relative, 0)})")
    assert changed == [], "import at the top of the module, or say why not ('# lazy: ...'); then update UNEXPLAINED"


def test_the_function_level_import_reader_sees_nested_functions_and_reasons(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom typing import TYPE_CHECKING\n\n"
                      "def f():\n"                                           # 4
                      "    def g():\n"
                      "        from screener.errors import UsageError\n"     # 6: no reason
                      "    # lazy: numpy and scipy take 0.3 s to import;\n"
                      "    # only ranking needs them\n"
                      "    import numpy\n"                                  # 9: the comment above
                      "    from scipy import (\n        sparse)\n"         # 10: the block's comment
                      "    import json  # lazy: no reason really\n"          # 12: its own line
                      "    x = 1\n"
                      "    import csv\n"                                    # 14: not in the block
                      "    if TYPE_CHECKING:\n        import sqlite3\n",
                      encoding="utf-8")
    assert _function_level_imports(module) == [(6, False), (9, True), (10, True), (12, True), (14, False)]
