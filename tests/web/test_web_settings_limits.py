"""Limits on the settings' lists (session 9's user review): an exclusion reason's length, a
highlight term with a letter or digit; the Settings page and PUT /api/settings say the limit and
what was given. A real server on 127.0.0.1 and headless Chromium."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

from screener.workspace.settings_edit import settings_version

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "user-review"


def _put(base: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(base + "/api/settings", data=json.dumps(body).encode(), method="PUT",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read().decode())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode())


@pytest.mark.browser
def test_settings_refuse_an_endless_reason_and_a_highlight_term_without_letters(browser, review):
    """Before: a 3,000-character exclusion reason and a highlight term '**' were saved."""
    ws, _, tokens = review
    long_reason = "x" * 3000
    with serving(ws.path) as base:
        status, body = _put(base, tokens["olivia"], {"version": settings_version(ws),
                                                      "exclusion_reasons": ["out of scope", long_reason]})
        assert status == 400 and "150" in body["error"] and "3,000" in body["error"], body
        status, body = _put(base, tokens["olivia"], {"version": settings_version(ws), "highlight_include": ["**"]})
        assert status == 400 and "'**'" in body["error"] and "letter or digit" in body["error"], body
        page = signed_in_page(browser, base, tokens["olivia"], 390)
        page.goto(f"{base}/owner/settings")
        page.fill("textarea[name=exclusion_reasons]", f"out of scope\n{long_reason}")
        page.click("#save-settings")
        page.wait_for_load_state()
        said = page.inner_text(".error-message, [role=alert]")
        assert "Exclusion reasons" in said and "3,000 characters" in said and "150" in said, said
        page.fill("textarea[name=exclusion_reasons]", "out of scope")
        page.fill("textarea[name=highlight_include]", "qualitative\n**")
        page.click("#save-settings")
        page.wait_for_load_state()
        said = page.inner_text(".error-message, [role=alert]")
        page.screenshot(path=str(SHOTS / "settings-highlight-refused-390.png"), full_page=True)
        assert "Highlight as include" in said and "'**'" in said and "letter or digit" in said, said
        page.close()
    assert long_reason not in (ws.path / "review.toml").read_text(encoding="utf-8")
    assert "**" not in ws.reload_settings().highlight_include
