"""What a screen reader and a thumb meet on the screening page. Before, the vote buttons' names
were 'I Include', 'E Exclude', 'M Maybe', 'S Skip', 'U Undo' and the panel's 'Panel P' (the key
cap read as a word), so a screen reader said 'I Include, button' and a voice command 'click
Include' found nothing; at 390 px, where the key caps are hidden, the same buttons were 'Include'
(two names for one button). Now each is named by its action ('Include') and says its key in
aria-keyshortcuts ('I'), as do the recent-label buttons ('Shift+1'). And the × that takes a label
off was 17×16 px, under the 24×24 px a finger needs (WCAG 2.5.8); it is 24×24 now. Real Chromium
(the accessibility tree through the DevTools protocol), 1280 and 390 px."""

from __future__ import annotations

import pytest
from web_helpers import TA, serving, signed_in_page

from screener.workspace.study_labels import change_labels

WANTED = {"Include": "I", "Exclude": "E", "Maybe": "M", "Skip": "S", "Undo": "U", "Panel": "P", "adult?": "Shift+1"}


def _buttons(page) -> dict[str, str]:
    """Every button in the accessibility tree: its name -> its keyshortcuts ('' without)."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    found = {}
    for node in tree["nodes"]:
        if node.get("role", {}).get("value") != "button" or node.get("ignored"):
            continue
        keys = next((p["value"]["value"] for p in node.get("properties", []) if p["name"] == "keyshortcuts"), "")
        found[node.get("name", {}).get("value", "")] = keys
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_vote_buttons_are_named_by_their_action_and_say_their_key(browser, review, width):
    ws, studies, tokens = review
    change_labels(ws, "alice", studies[0], ["adult?"], [])
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["alice"], width)
        page.goto(f"{base}/screen?stage={TA}&study={studies[0]}")
        buttons = _buttons(page)
        for name, key in WANTED.items():
            assert buttons.get(name) == key, (name, buttons)
        assert not any(n.startswith(("I ", "E ", "M ", "U ", "S ")) for n in buttons), buttons
        box = page.locator(".chip-x").first.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        page.close()
