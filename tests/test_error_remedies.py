"""The Python API's refusals that one choice of the caller's gets past (import the entries that parse,
import a file a second time, name the database searched) carry that choice as data (``error.remedy``),
and each front end says it in its own words. Before, the API's messages named the command line's
options ('… or import with --skip-bad', '… use --again …', '… with --database NAME') and the web app
turned them into its own words by string replacement, so a change to the CLI's text broke the page's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from screener import Workspace
from screener.cli.import_text import HINT_WORDS
from screener.cli.remedies import REMEDIES
from screener.errors import AGAIN, DATABASE, FREE_SPACE, RETRY, SKIP_BAD, WRITABLE, ScreenerError
from screener.web import remedies as web_remedies
from screener.web.import_words import API_DRY_RUN_HINTS, API_HINTS, PAGE_HINTS, PREVIEW_HINTS
from screener.workspace.import_hints import FIXES
from screener.workspace.imports import import_exports

ROOT = Path(__file__).resolve().parents[1]
CINAHL_CSV = ROOT / "fixtures/records/csv/citation-file-formatting___baseline_cinahl.csv"
RIS = ROOT / "fixtures/records/ris/citation-file-formatting___baseline_embase.ris"
BROKEN_BIB = """@article{ok2000,
Author = {Ann Author},
Title = {A readable entry},
Journal = {Journal of Tests},
Year = {2000},
}

@article{broken2018,
Author = {Tom Cruise},
Keywords = {Price fixing, ). addSize(768, 0, 160, 250).build(), @type:Pers
}
"""
OPTIONS = re.compile(r"--(skip-bad|again|database)\b")


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.init(tmp_path / "rev", title="T")
    yield workspace
    workspace.close()


def _refusal(call) -> ScreenerError:
    with pytest.raises(ScreenerError) as caught:
        call()
    return caught.value


def test_an_entry_that_does_not_parse_names_skip_bad_as_data_not_as_an_option(ws, tmp_path):
    bib = tmp_path / "ebsco.bib"
    bib.write_text(BROKEN_BIB)
    error = _refusal(lambda: import_exports(ws, [bib]))
    assert error.remedy == SKIP_BAD
    assert not OPTIONS.search(str(error)), str(error)
    assert error.worded({SKIP_BAD: "; fix it or press Skip"}).endswith("missing comma?); fix it or press Skip")


def test_a_file_imported_before_names_again_and_is_a_409(ws):
    import_exports(ws, [RIS], metadata={"database": "Embase"})
    error = _refusal(lambda: import_exports(ws, [RIS], metadata={"database": "Embase"}))
    assert error.remedy == AGAIN and error.http_status == 409
    assert not OPTIONS.search(str(error)), str(error)


def test_records_naming_only_their_platform_name_database_where_each_front_end_says_it(ws):
    error = _refusal(lambda: import_exports(ws, [CINAHL_CSV]))
    assert error.remedy == DATABASE
    assert not OPTIONS.search(str(error)), str(error)
    worded = error.worded({DATABASE: " in the Database box"})
    assert "(CINAHL, APA PsycInfo, …) in the Database box; nothing was imported" in worded, worded


def _words_said(path: Path) -> list[str]:
    """The string literals of a module but its docstrings (which may well speak of the CLI)."""
    tree = ast.parse(path.read_text())
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_web_module_words_a_command_line_option():
    web = ROOT / "screener" / "web"
    found = {path.name: [s for s in _words_said(path) if OPTIONS.search(s)] for path in web.glob("*.py")}
    assert not {name: hits for name, hits in found.items() if hits}, found


def test_the_workspace_says_what_an_import_found_and_no_front_ends_words():
    """import_hints chose its words by a ``surface=`` argument (CLI, page, preview, API): the Python
    API held every front end's words. Now it names what to do (``Hint.fix``) and each front end words it."""
    said = _words_said(ROOT / "screener" / "workspace" / "import_hints.py")
    for word in ("`", "screener imports", "POST /api", "'Database searched'", "Correct database"):
        assert not [s for s in said if word in s], word
    assert not [s for s in said if OPTIONS.search(s) or "--strategy" in s]


def test_every_front_end_words_every_hint_fix_and_every_refused_write():
    for words in (HINT_WORDS, PAGE_HINTS, PREVIEW_HINTS, API_HINTS, API_DRY_RUN_HINTS):
        assert set(words) == set(FIXES)
    for remedy in (RETRY, FREE_SPACE, WRITABLE):
        assert remedy in REMEDIES
        for line in (web_remedies.page_line, web_remedies.api_line):
            said = line(ScreenerError("/srv/pain: the storage said no", remedy=remedy))
            assert "/srv/pain" not in said and "screener " not in said and "--" not in said, said
