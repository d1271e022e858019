"""The pages: sign-in, sessions and CSRF, the screening page, undo, the arbiter's page, the owner's
dashboard, full-text files — and blinding through every page."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout

from web_helpers import FT, TA, counts, csrf_of, signed_in

from screener.workspace.reviewers import mint_token
from screener.workspace.screening import cast_vote, reviewer_votes, study_outcome


def _writes(ws):
    c = counts(ws)
    return {k: c[k] for k in ("votes", "resolutions", "pair_decisions", "leases")}


# ---- signing in ------------------------------------------------------------------------------

def test_sign_in_sets_a_signed_httponly_samesite_cookie(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    form = client.get(f"/signin?token={tokens['alice']}")
    html = form.get_data(as_text=True)
    assert form.status_code == 200 and tokens["alice"] in html      # prefilled, posted by the form
    assert form.headers["Referrer-Policy"] == "same-origin"     # the token never leaves in a Referer
    answer = client.post("/signin", data={"token": tokens["alice"], "csrf_token": csrf_of(html)})
    assert answer.status_code == 303 and answer.headers["Location"] == "/"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert tokens["alice"] not in cookie                               # the token itself is not kept
    home = client.get("/")
    assert home.status_code == 200 and "alice" in home.get_data(as_text=True)


def test_bad_token_or_missing_csrf_opens_no_session(app, review):
    ws, studies, tokens = review
    client = app.test_client()
    html = client.get("/signin").get_data(as_text=True)
    bad = client.post("/signin", data={"token": "nope", "csrf_token": csrf_of(html)})
    assert bad.status_code == 401 and "This sign-in link does not work" in bad.get_data(as_text=True)
    assert client.get("/").status_code == 302
    no_csrf = app.test_client().post("/signin", data={"token": tokens["alice"]})
    assert no_csrf.status_code == 403


def test_a_forged_or_tampered_cookie_is_not_a_session(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    name = app.config["SESSION_COOKIE_NAME"]
    value = client.get_cookie(name).value
    client.set_cookie(name, value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert client.get("/").status_code == 302


def test_a_new_link_signs_out_old_sessions(app, review):
    ws, studies, tokens = review
    client = signed_in(app, tokens["alice"])
    assert client.get("/").status_code == 200
    mint_token(ws, "alice")
    answer = client.get("/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/signin"


def test_reviewers_link_prints_a_sign_in_url_that_works(app, review):
    from screener.cli.main import run

    ws, studies, tokens = review
    out = io.StringIO()
    with redirect_stdout(out):
        assert run(["reviewers", "link", str(ws.path), "bob", "--url", "http://127.0.0.1:8123", "--json"]) == 0
    data = json.loads(out.getvalue())
    assert data["url"] == f"http://127.0.0.1:8123/signin?token={data['token']}"
    assert (data["name"], data["role"]) == ("bob", "screener")
    assert signed_in(app, data["token"]).get("/").status_code == 200
    # the earlier token stopped working
    answer = app.test_client().get("/api/me", headers={"Authorization": f"Bearer {tokens['bob']}"})
    assert answer.status_code == 401
    out = io.StringIO()
    with redirect_stdout(out):
        assert run(["reviewers", "link", str(ws.path), "bob"]) == 0
    assert "http://127.0.0.1:8000/signin?token=" in out.getvalue()


# ---- no write without a session and its CSRF token ------------------------------------------

def test_no_write_without_session_and_csrf(app, review):
    ws, studies, tokens = review
    before = _writes(ws)
    form = {"study": studies[0], "stage": TA, "vote": "include"}
    anonymous = app.test_client()
    for url, data in (("/screen/vote", form), ("/screen/undo", {"stage": TA}),
                      ("/screen/skip", {"study": studies[0], "stage": TA}),
                      ("/conflicts/resolve", {"study": studies[0], "stage": TA, "decision": "include"}),
                      ("/dashboard/pairs/1", {"decision": "same"})):
        assert anonymous.post(url, data=data).status_code == 401, url
    alice = signed_in(app, tokens["alice"])
    token = csrf_of(alice.get("/screen?stage=title_abstract").get_data(as_text=True))
    before = _writes(ws)
    assert alice.post("/screen/vote", data=form).status_code == 403
    assert alice.post("/screen/vote", data={**form, "csrf_token": "forged"}).status_code == 403
    assert alice.post("/screen/vote", data={**form, "csrf_token": token},
                      headers={"Origin": "http://evil.example"}).status_code == 403
    olivia = signed_in(app, tokens["olivia"])
    assert olivia.post("/dashboard/pairs/1", data={"decision": "same", "csrf_token": token}).status_code == 403
    assert _writes(ws) == before
    ok = alice.post("/screen/vote", data={**form, "csrf_token": token}, headers={"Origin": "http://localhost"})
    assert ok.status_code == 303
    assert _writes(ws)["votes"] == before["votes"] + 1


# ---- the screening page ----------------------------------------------------------------------

def _screen(client, stage=TA, study=None):
    url = f"/screen?stage={stage}" + (f"&study={study}" if study else "")
    answer = client.get(url)
    return answer, answer.get_data(as_text=True)


def test_screening_page_shows_what_a_screener_needs(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    answer, html = _screen(alice, study=studies[0])
    assert answer.status_code == 200
    assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
    # highlighted title and structured abstract
    assert ('Living with chronic pain: a <mark class="hl-include">qualitative</mark> '
            '<mark class="hl-include">interview</mark> study') in html
    assert "<h2>Background</h2><p>Pain is common.</p>" in html
    assert '<h2>Methods</h2><p>We <mark class="hl-include">interviewed</mark> 20 adults.</p>' in html
    assert "Smith, Jane; Doe, John" in html and "Journal of Pain" in html and "2019" in html
    assert 'href="https://doi.org/10.1000/pain.1"' in html
    assert "Population: adults with chronic pain." in html            # inclusion criteria
    for shortcut in ("<kbd>I</kbd> include", "<kbd>E</kbd> exclude", "<kbd>M</kbd> maybe",
                     "<kbd>U</kbd> undo my last vote", "<kbd>N</kbd> write a note"):
        assert shortcut in html
    assert 'id="vote-include"' in html and 'id="vote-exclude"' in html and 'id="vote-maybe"' in html
    assert 'class="votebar"' in html and "screen.js" in html


def test_a_script_in_a_title_is_shown_as_text(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    _, html = _screen(alice, study=studies[1])
    assert "<script>alert" not in html
    assert ('&lt;<mark class="hl-exclude">script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark class="hl-exclude">'
            'script</mark>&gt; A <mark class="hl-exclude">randomised</mark> trial of pain education') in html
    carol = signed_in(app, tokens["carol"])
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    html = carol.get("/conflicts").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;<mark" in html
    olivia = signed_in(app, tokens["olivia"])
    html = olivia.get("/mine?stage=title_abstract").get_data(as_text=True)
    cast_vote(ws, "alice", studies[0], TA, "include")     # (an owner's vote would take a screener's place)
    assert "<script>alert" not in olivia.get("/dashboard").get_data(as_text=True)


def test_hide_authors_hides_them_from_screeners(app, review):
    ws, studies, tokens = review
    path = ws.path / "review.toml"
    path.write_text(path.read_text().replace("hide_authors = false", "hide_authors = true"))
    alice = signed_in(app, tokens["alice"])
    _, html = _screen(alice, study=studies[0])
    assert "Smith, Jane" not in html and "Journal of Pain" not in html
    assert "Authors and journal hidden for this review" in html
    _, html = _screen(alice)          # the leased study from the queue as well
    assert "Authors and journal hidden" in html


def test_vote_from_the_page_then_undo(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    answer, html = _screen(alice)
    study = int(html.split('data-study="')[1].split('"')[0])
    answer = alice.post("/screen/vote", data={"study": study, "stage": TA, "vote": "maybe", "note": "unsure",
                                              "csrf_token": csrf_of(html)})
    assert answer.status_code == 303 and answer.headers["Location"] == "/screen?stage=title_abstract"
    mine = reviewer_votes(ws, "alice", TA)
    assert [(v["study"], v["vote"]["vote"], v["vote"]["note"]) for v in mine] == [(study, "maybe", "unsure")]
    _, html = _screen(alice)
    assert f"Study {study}: maybe." in html
    assert f'data-study="{study}"' not in html                      # the queue moved on
    answer = alice.post("/screen/undo", data={"stage": TA, "csrf_token": csrf_of(html)})
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"/screen?stage=title_abstract&study={study}"
    assert reviewer_votes(ws, "alice", TA) == []
    _, html = _screen(alice, study=study)
    assert f'data-study="{study}"' in html and "is withdrawn" in html
    assert alice.post("/screen/undo", data={"stage": TA, "csrf_token": csrf_of(html)}).status_code == 303
    assert "no vote to undo" in _screen(alice)[1]


def test_skip_gives_the_study_back(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    _, html = _screen(alice)
    first = int(html.split('data-study="')[1].split('"')[0])
    assert alice.post("/screen/skip", data={"study": first, "stage": TA, "csrf_token": csrf_of(html)}).status_code == 303
    _, html = _screen(alice)
    assert f'data-study="{first}"' not in html and "Skipped study" in html


def test_full_text_page_reason_picker_link_and_422(app, review, tmp_path):
    from screener.workspace.fulltext import attach_fulltext

    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include")
    cast_vote(ws, "bob", study, TA, "include")
    pdf = tmp_path / "smith2019.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake but fine\n")
    attach_fulltext(ws, study, pdf)
    alice = signed_in(app, tokens["alice"])
    answer, html = _screen(alice, stage=FT)
    assert answer.status_code == 200 and f'data-study="{study}"' in html
    assert '<option value="out of scope" >1. out of scope</option>' in html
    assert "<kbd>1</kbd>–<kbd>9</kbd> pick an exclusion reason" in html
    assert f'href="/fulltext/{study}"' in html and "smith2019.pdf" in html
    pdf_answer = alice.get(f"/fulltext/{study}")
    assert pdf_answer.status_code == 200 and pdf_answer.data == b"%PDF-1.4 fake but fine\n"
    assert alice.get(f"/fulltext/{studies[1]}").status_code == 404
    before = _writes(ws)
    refused = alice.post("/screen/vote", data={"study": study, "stage": FT, "vote": "exclude",
                                               "csrf_token": csrf_of(html)})
    assert refused.status_code == 422 and "needs a reason" in refused.get_data(as_text=True)
    unknown = alice.post("/screen/vote", data={"study": study, "stage": FT, "vote": "exclude", "reason": "bored",
                                               "csrf_token": csrf_of(html)})
    assert unknown.status_code == 422
    assert _writes(ws) == before
    ok = alice.post("/screen/vote", data={"study": study, "stage": FT, "vote": "exclude", "reason": "not qualitative",
                                          "csrf_token": csrf_of(html)})
    assert ok.status_code == 303
    assert reviewer_votes(ws, "alice", FT)[0]["vote"]["reason"] == "not qualitative"
    wrong = alice.post("/screen/vote", data={"study": studies[2], "stage": FT, "vote": "include",
                                             "csrf_token": csrf_of(html)})
    assert wrong.status_code == 409 and "has not reached full text" in wrong.get_data(as_text=True)


def test_blinding_through_every_page(app, review):
    ws, studies, tokens = review
    study = studies[3]
    cast_vote(ws, "alice", study, TA, "exclude", note="ALICE-SECRET-NOTE")
    cast_vote(ws, "bob", study, TA, "include", note="bob's note")      # a conflict
    bob = signed_in(app, tokens["bob"])
    pages = ["/", f"/screen?stage=title_abstract&study={study}", "/screen?stage=title_abstract",
             "/screen?stage=full_text", "/mine?stage=title_abstract", "/mine?stage=full_text"]
    for url in pages:
        answer = bob.get(url)
        html = answer.get_data(as_text=True)
        assert answer.status_code == 200, url
        assert "ALICE-SECRET-NOTE" not in html and "alice" not in html, url
        assert "conflict" not in html.lower().replace('href="/conflicts"', ""), url
    for url in ("/conflicts", "/dashboard", "/dashboard/prisma.svg"):
        answer = bob.get(url)
        assert answer.status_code == 403 and "ALICE-SECRET-NOTE" not in answer.get_data(as_text=True), url


# ---- arbiter and owner -------------------------------------------------------------------------

def test_arbiter_page_shows_votes_side_by_side_and_resolves(app, review):
    ws, studies, tokens = review
    study = studies[0]
    cast_vote(ws, "alice", study, TA, "include", note="interviews")
    cast_vote(ws, "bob", study, TA, "exclude", reason="out of scope", note="wrong setting")
    carol = signed_in(app, tokens["carol"])
    answer = carol.get("/conflicts")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    card = html.split(f'id="conflict-{study}-title_abstract"')[1].split("</article>")[0]
    assert '<h3>alice</h3>\n        <p class="vote-value">include</p>' in card
    assert '<h3>bob</h3>\n        <p class="vote-value">exclude</p>' in card
    assert "Reason: out of scope" in card and "Note: interviews" in card and "Note: wrong setting" in card
    assert "include or exclude: the votes differ" in card
    before = _writes(ws)
    no_csrf = carol.post("/conflicts/resolve", data={"study": study, "stage": TA, "decision": "include"})
    assert no_csrf.status_code == 403 and _writes(ws) == before
    answer = carol.post("/conflicts/resolve", data={"study": study, "stage": TA, "decision": "include",
                                                    "note": "qualitative", "csrf_token": csrf_of(html)})
    assert answer.status_code == 303
    outcome = study_outcome(ws, study, TA)
    assert (outcome.status, outcome.decided_by) == ("include", "arbiter")
    assert "No open conflicts." in carol.get("/conflicts").get_data(as_text=True)
    # screeners may not open it, or post to it
    alice = signed_in(app, tokens["alice"])
    assert alice.get("/conflicts").status_code == 403
    token = csrf_of(alice.get("/").get_data(as_text=True))
    before = _writes(ws)
    assert alice.post("/conflicts/resolve", data={"study": study, "stage": TA, "decision": "exclude",
                                                  "csrf_token": token}).status_code == 403
    assert _writes(ws) == before


def test_arbiter_page_refuses_an_exclusion_without_the_needed_reason(app, review):
    ws, studies, tokens = review
    study = studies[0]
    for name in ("alice", "bob"):
        cast_vote(ws, name, study, TA, "include")
    cast_vote(ws, "alice", study, FT, "exclude", reason="out of scope")
    cast_vote(ws, "bob", study, FT, "exclude", reason="not qualitative")        # conflict over the reason
    carol = signed_in(app, tokens["carol"])
    html = carol.get("/conflicts?stage=full_text").get_data(as_text=True)
    assert "both exclude, for different reasons" in html
    before = _writes(ws)
    answer = carol.post("/conflicts/resolve", data={"study": study, "stage": FT, "decision": "exclude",
                                                    "back": FT, "csrf_token": csrf_of(html)})
    assert answer.status_code == 422 and "needs a reason" in answer.get_data(as_text=True)
    assert _writes(ws) == before
    answer = carol.post("/conflicts/resolve", data={"study": study, "stage": FT, "decision": "exclude",
                                                    "reason": "out of scope", "back": FT,
                                                    "csrf_token": csrf_of(html)})
    assert answer.status_code == 303 and study_outcome(ws, study, FT).reason == "out of scope"


def _queue_pair(ws) -> int:
    """An uncertain dedupe pair between the first two source records, as `screener dedupe` records one."""
    from screener.workspace.db import utcnow

    with ws.transaction() as conn:
        run = conn.execute("INSERT INTO dedupe_runs (at, actor, records, candidate_pairs, merged_pairs, queued_pairs,"
                           " links_written, tool_version) VALUES (?, 'owner', 6, 1, 0, 1, 0, 'test')",
                           (utcnow(),)).lastrowid
        return conn.execute("INSERT INTO dedupe_pairs (run_id, at, record_a, record_b, verdict, score, reasons)"
                            " VALUES (?, ?, 3, 4, 'maybe', 0.71, '[\"similar titles\"]')", (run, utcnow())).lastrowid


def test_owner_dashboard(app, review):
    ws, studies, tokens = review
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "include")
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    pair = _queue_pair(ws)
    olivia = signed_in(app, tokens["olivia"])
    answer = olivia.get("/dashboard")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Included 1 · excluded 0 · in conflict 1 · awaiting votes 0 · unscreened 4" in html
    assert '<a href="/conflicts?stage=title_abstract">1 open conflict</a>' in html
    row = "<td>alice × bob</td><td>2</td><td>1</td><td>0</td><td>1</td><td>0.500</td><td>0.000</td><td>0.200</td>"
    assert row in re.sub(r">\s+<", "><", re.sub(r' data-label="[^"]*"', "", html))    # labels: phone cards
    assert f'id="pair-{pair}"' in html and "Nurses&#39; experiences of pain care" in html
    assert "Pain &amp; ageing: a meta-ethnography" in html
    svg = olivia.get("/dashboard/prisma.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    answer = olivia.post(f"/dashboard/pairs/{pair}", data={"decision": "same", "csrf_token": csrf_of(html)})
    assert answer.status_code == 303
    assert ws.db.execute("SELECT decision, actor FROM pair_decisions").fetchall()[0][:] == ("same", "olivia")
    assert "No uncertain pairs waiting" in olivia.get("/dashboard").get_data(as_text=True)
    for name in ("alice", "carol"):
        assert signed_in(app, tokens[name]).get("/dashboard").status_code == 403


def test_review_toml_edits_show_without_a_restart(app, review):
    ws, studies, tokens = review
    alice = signed_in(app, tokens["alice"])
    path = ws.path / "review.toml"
    path.write_text(path.read_text().replace('include = ["qualitative", "interview*"]', 'include = ["pain"]'))
    import os
    os.utime(path, ns=(1, 2_000_000_000_000_000_000))
    _, html = _screen(alice, study=studies[0])
    assert 'chronic <mark class="hl-include">pain</mark>' in html
    path.write_text("title = [broken")
    os.utime(path, ns=(1, 3_000_000_000_000_000_000))
    answer, html = _screen(alice, study=studies[0])
    assert answer.status_code == 200 and 'chronic <mark class="hl-include">pain</mark>' in html
    olivia = signed_in(app, tokens["olivia"])
    assert "review.toml could not be reloaded" in olivia.get("/").get_data(as_text=True)


def test_a_pair_decided_on_the_dashboard_says_which_votes_it_left_behind(app, review):
    """The dashboard's uncertain pairs take the owner's 'same' as the Duplicates page's do, but before,
    a study merged away with votes on it was said nowhere (the Duplicates page lists such votes, kept
    in the audit log, with the study they joined); now the owner is taken there and told."""
    ws, studies, tokens = review
    pair = _queue_pair(ws)
    for study in (studies[2], studies[3]):      # the pair's two records' studies: whichever is merged away had a vote
        cast_vote(ws, "alice", study, TA, "include")
    olivia = signed_in(app, tokens["olivia"])
    html = olivia.get("/dashboard").get_data(as_text=True)
    answer = olivia.post(f"/dashboard/pairs/{pair}", data={"decision": "same", "csrf_token": csrf_of(html)})
    assert answer.status_code == 303
    page = olivia.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'id="left-behind"' in page and "had 1 vote at title/abstract" in page, page[:2000]


def test_a_pair_the_review_does_not_have_is_refused_on_the_dashboard_as_on_the_duplicates_page(app, review):
    ws, studies, tokens = review
    olivia = signed_in(app, tokens["olivia"])
    token = csrf_of(olivia.get("/dashboard").get_data(as_text=True))
    for address in ("/dashboard/pairs/99999", "/owner/dedupe/pairs/99999"):
        answer = olivia.post(address, data={"decision": "same", "csrf_token": token})
        assert answer.status_code == 404, (address, answer.status_code)
