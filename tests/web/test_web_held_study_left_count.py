"""The study the queue gave a screener, shown again by its address (after attaching its full text,
saving their highlight words, a label with the page's form): its line read 'Study 141 · Full text'
where the queue's page read 'Study 141 · Full text · 2 left for you' — the count gone for the same
study, as if it had left the queue. It now says how many are left either way. Found attaching a
PDF at 1280 px. Through the HTTP client."""

from __future__ import annotations

import re

from web_helpers import TA, signed_in


def _line(html: str) -> str:
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S)
    assert meta, "no study line on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", meta.group(1)).split())


def test_the_queues_study_by_its_address_says_how_many_are_left(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    queue = client.get(f"/screen?stage={TA}").get_data(as_text=True)
    study = re.search(r'data-study="(\d+)"', queue).group(1)
    assert _line(queue) == f"Study {study} · Title/abstract · {len(studies)} left for you", _line(queue)
    again = client.get(f"/screen?stage={TA}&study={study}").get_data(as_text=True)
    assert _line(again) == _line(queue), _line(again)
