"""An import stopped part-way (the server killed or restarted while it ran; a terminal closed on
`screener import`) was named only to the next import at the command line: the Imports page and the
owner's dashboard said nothing, and the owner could not tell whether the files they had uploaded came
in. Now both say it in one line — the files, when it started, that a file comes in whole or not at
all, and to import the same files again — until the next import clears it. A real server on
127.0.0.1 and headless Chromium at 1280 and 390 px."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "interrupted-import"
EXPORT = b"TY  - JOUR\r\nTI  - Pain in adults: a qualitative study\r\nAU  - Smith, Jane\r\nPY  - 2019\r\nER  - \r\n"


def _stopped_import(ws) -> None:
    """What a killed import leaves (screener.workspace.import_runs): its mark, naming a process that is gone."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    (ws.path / f".import-running-{gone.pid}-0a1b2c3d.json").write_text(json.dumps({
        "pid": gone.pid, "host": socket.gethostname(), "started_at": "2026-12-08T01:02:03.000000+00:00",
        "files": ["/srv/uploads/1/embase.ris", "/srv/uploads/2/psycinfo.ris"]}), encoding="utf-8")


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_stopped_import_is_named_on_the_dashboard_and_the_imports_page(browser, review, tmp_path, width):
    ws, _, tokens = review
    _stopped_import(ws)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/dashboard")
        notice = page.locator(".interrupted-import")
        assert notice.count() == 1
        said = " ".join(notice.inner_text().split())
        assert said.startswith("An import of embase.ris, psycinfo.ris, started 2026-12-08 01:02 UTC, was stopped "
                               "before it finished"), said
        assert "import the same files again" in said and "/srv" not in said and "screener " not in said, said
        assert "`" not in said and "--" not in said, said
        _fits(page, width)
        page.screenshot(path=str(SHOTS / f"dashboard-{width}.png"))
        with page.expect_navigation():
            notice.locator("a", has_text="Open Imports").click()
        assert page.url.endswith("/owner/imports"), page.url
        said = " ".join(page.locator(".interrupted-import").inner_text().split())
        assert "was stopped before it finished" in said and "the list below shows what came in" in said, said
        _fits(page, width)
        page.screenshot(path=str(SHOTS / f"imports-{width}.png"))

        export = tmp_path / "embase.ris"
        export.write_bytes(EXPORT)
        page.set_input_files("#files", str(export))
        with page.expect_navigation():
            page.click("#check-files")
        page.fill("input[name=database]", "Embase")
        with page.expect_navigation():
            page.click("#confirm-import")
        assert page.url.endswith("/owner/imports") and ws.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
        assert page.locator(".interrupted-import").count() == 0       # named once more, then cleared by this import
        page.goto(f"{base}/dashboard")
        assert page.locator(".interrupted-import").count() == 0
        page.close()
