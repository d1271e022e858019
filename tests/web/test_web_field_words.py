"""A refused import detail or setting is named as the form labels it ('Date searched', 'Exclusion
reasons'), from the error's data (``error.field``), and by its key where the key is what is typed: the
JSON API's field, review.toml's key. Before, the owner's pages swapped every key-like word of a
message for a label with regular expressions: a reason named 'title' came back as 'Title' ("Exclusion
reasons lists Title twice"), and a message that named its field another way kept the key."""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request

import pytest
from test_web_owner_journey_words import _settings_form
from web_helpers import csrf_of, serving, signed_in

from screener.cli.main import run
from screener.workspace.settings_edit import settings_version

RIS = b"TY  - JOUR\r\nTI  - Pain in adults: a qualitative study\r\nAU  - Smith, Jane\r\nPY  - 2019\r\nER  - \r\n"


def _call(base: str, method: str, path: str, token: str, body: dict) -> tuple[int, str]:
    request = urllib.request.Request(f"{base}{path}", method=method, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())["error"]


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", page))


@pytest.fixture()
def imported(review, tmp_path, capsys):
    ws, _, tokens = review
    (tmp_path / "a.ris").write_bytes(RIS)
    assert run(["import", str(ws.path), str(tmp_path / "a.ris"), "--database", "CINAHL"]) == 0
    capsys.readouterr()
    return ws, tokens


@pytest.mark.parametrize("field, value, page_says, api_says", [
    ("searched_on", "2099-01-01", "Import 1: Date searched 2099-01-01 is in the future; give the day the search was run",
     "searched_on 2099-01-01 is in the future; give the day the search was run"),
    ("searched_on", "2026-02-30", "Import 1: Date searched '2026-02-30' is not a date of the calendar; write YYYY-MM-DD",
     "searched_on '2026-02-30' is not a date of the calendar; write YYYY-MM-DD"),
    ("notes", "n" * 20_001, "Import 1: Notes is 20,001 characters long; at most 20,000 are kept",
     "'notes' is 20,001 characters long; at most 20,000 are kept"),
    ("coverage", "c" * 2_001, "Import 1: Date coverage is 2,001 characters long; at most 2,000 are kept",
     "'coverage' is 2,001 characters long; at most 2,000 are kept"),
])
def test_an_import_detail_refused(app, imported, capsys, field, value, page_says, api_says):
    ws, tokens = imported
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    answer = owner.post("/owner/imports/1", data={"csrf_token": csrf, "action": "relabel", field: value})
    assert page_says in _text(answer.get_data(as_text=True))
    with serving(ws.path) as base:
        status, said = _call(base, "POST", "/api/imports/1", tokens["olivia"], {field: value})
    assert status == 400 and said == api_says, said
    assert run(["imports", "relabel", str(ws.path), "1", f"--{field.replace('_', '-')}", value]) == 2
    # the command line names its option, as it did ('--searched-on 2099-01-01 …', '--notes is …')
    option = f"--{field.replace('_', '-')}"
    assert capsys.readouterr().err == f"error: {option}{api_says.removeprefix(field).removeprefix(repr(field))}\n"


@pytest.mark.parametrize("typed, page_says, api_says", [
    ({"exclusion_reasons": "title\ntitle"}, "Exclusion reasons lists 'title' twice; give each once",
     ("exclusion_reasons", ["title", "title"], "'exclusion_reasons' lists 'title' twice; give each once")),
    ({"votes_needed_title_abstract": "9"}, "Votes needed at title/abstract must be a whole number from 1 to 5, not 9",
     ("votes_needed", {"title_abstract": 9, "full_text": 2},
      "votes_needed at title_abstract must be a whole number from 1 to 5, not 9")),
    ({"ranker_preset": "fast"}, "Ranker preset 'fast' is not a preset; use one of: ",
     ("ranker_preset", "fast", "ranker_preset 'fast' is not a preset; use one of: ")),
])
def test_a_setting_refused(app, review, typed, page_says, api_says):
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    _, form = _settings_form(owner)
    answer = owner.post("/owner/settings", data={**form, **typed})
    assert answer.status_code == 400 and page_says in _text(answer.get_data(as_text=True))
    key, value, said_first = api_says
    with serving(ws.path) as base:
        status, said = _call(base, "PUT", "/api/settings", tokens["olivia"],
                             {"version": settings_version(ws), key: value})
    assert status == 400 and said.startswith(said_first), said
