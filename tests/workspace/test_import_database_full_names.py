"""Walking the owner's imports in the browser (session 13): the owner typed the database's full name
as PRISMA-S and the vendors write it — 'APA PsycInfo' (which the page itself suggests, '(CINAHL, APA
PsycInfo, …)') for an Ovid PsycINFO export, 'Web of Science Core Collection' for a Web of Science one —
and the import said 'the records name PsycINFO, not APA PsycInfo; they count under APA PsycInfo, as
given: if that was a slip, …', a slip that was none. A label that names another database is still
said (PsycINFO records labelled AMED: tests/web/test_import_wrong_label_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import Workspace
from screener.web.import_words import hint_words
from screener.workspace.import_hints import import_hints
from screener.workspace.imports import import_exports

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "ris"


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.init(tmp_path / "rev", title="T")
    yield workspace
    workspace.close()


@pytest.mark.parametrize(("file", "given"), [
    ("citation-file-formatting___baseline_psychInfo_ovid.ris", "APA PsycInfo"),
    ("citation-file-formatting___baseline_webofscience.ris", "Web of Science Core Collection"),
])
def test_the_full_name_of_the_database_the_records_name_is_no_slip(ws, file, given):
    metadata = {"database": given, "strategy": "1. pain.tw."}
    report = import_exports(ws, [RIS / file], metadata=metadata)
    assert report.files[0].records
    assert [h for h in hint_words(import_hints(report, metadata), "page") if "records name" in h] == []


def test_a_label_naming_another_database_is_still_said(ws):
    metadata = {"database": "AMED", "strategy": "1. pain.tw."}
    report = import_exports(ws, [RIS / "citation-file-formatting___baseline_psychInfo_ovid.ris"], metadata=metadata)
    assert any("the records name PsycINFO, not AMED" in h for h in hint_words(import_hints(report, metadata), "page"))
