"""Labels, search and filters, the discussion of a conflict and owners' bulk actions through the
JSON API — with blinding checked through every new call: a screener sees nothing of another
screener's labels or votes on a study before it is decided."""

from __future__ import annotations

import csv
import io

import pytest
from web_helpers import TA, counts

from screener.workspace import Workspace
from screener.workspace.screening import cast_vote, study_outcome


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture()
def api(app, review):
    ws, studies, tokens = review
    client = app.test_client()

    def call(method, who, path, **kwargs):
        return getattr(client, method)(path, headers=bearer(tokens[who]), **kwargs)
    return ws, studies, call


def _labels(answer) -> dict[str, list[str]]:
    return {item["label"]: item["by"] for item in answer["labels"]}


# ---- labels --------------------------------------------------------------------------------

def test_labels_added_and_removed_as_events(api):
    ws, studies, call = api
    s = studies[0]
    answer = call("post", "alice", f"/api/studies/{s}/labels", json={"add": ["adult?", "check with team"]})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["added"] == ["adult?", "check with team"]
    again = call("post", "alice", f"/api/studies/{s}/labels", json={"add": ["ADULT?"]}).get_json()
    assert again["added"] == [] and set(_labels(again)) == {"adult?", "check with team"}   # same label, any case
    removed = call("post", "alice", f"/api/studies/{s}/labels", json={"remove": ["adult?"]}).get_json()
    assert removed["removed"] == ["adult?"] and set(_labels(removed)) == {"check with team"}
    rows = ws.db.execute("SELECT action, label FROM study_labels ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("add", "adult?"), ("add", "check with team"), ("remove", "adult?")]
    assert ws.db.execute("SELECT count(*) FROM events WHERE kind = 'label'").fetchone()[0] == 2   # one per call


@pytest.mark.parametrize("body, status, words", [
    ({}, 400, "send"),
    ({"add": "x", "oops": 1}, 400, "unknown field"),
    ({"add": [""]}, 400, "empty"),
    ({"add": ["x" * 61]}, 400, "60"),
    ({"add": [3]}, 400, "text"),
    ({"add": ["a"], "remove": ["A"]}, 400, "both"),
])
def test_bad_labels_are_refused_and_write_nothing(api, body, status, words):
    ws, studies, call = api
    before = ws.db.execute("SELECT count(*) FROM study_labels").fetchone()[0]
    answer = call("post", "alice", f"/api/studies/{studies[0]}/labels", json=body)
    assert answer.status_code == status and words in answer.get_json()["error"]
    assert ws.db.execute("SELECT count(*) FROM study_labels").fetchone()[0] == before


def test_labels_on_an_unknown_study_are_404_without_the_servers_path(api):
    ws, _, call = api
    answer = call("post", "alice", "/api/studies/999/labels", json={"add": ["x"]})
    assert answer.status_code == 404
    assert str(ws.path) not in answer.get_json()["error"]


def test_a_screener_sees_anothers_labels_only_once_the_study_is_decided(api):
    ws, studies, call = api
    s = studies[0]
    call("post", "alice", f"/api/studies/{s}/labels", json={"add": ["adult?"]})
    bob = call("post", "bob", f"/api/studies/{s}/labels", json={"add": ["mixed methods"]}).get_json()
    assert set(_labels(bob)) == {"mixed methods"}                        # not alice's
    owner = call("post", "olivia", f"/api/studies/{s}/labels", json={"add": ["seen"]}).get_json()
    assert _labels(owner) == {"adult?": ["alice"], "mixed methods": ["bob"], "seen": ["olivia"]}
    assert call("get", "bob", "/api/studies?label=adult%3F").get_json()["total"] == 0
    cast_vote(ws, "alice", s, TA, "exclude")
    cast_vote(ws, "bob", s, TA, "exclude")                               # decided at title/abstract
    assert study_outcome(ws, s, TA).status == "exclude"
    bob = call("post", "bob", f"/api/studies/{s}/labels", json={"add": ["mixed methods"]}).get_json()
    assert set(_labels(bob)) == {"adult?", "mixed methods", "seen"}
    assert call("get", "bob", "/api/studies?label=adult%3F").get_json()["total"] == 1


def test_labels_stay_private_through_full_text_until_it_is_decided_there(api):
    ws, studies, call = api
    s = studies[0]
    cast_vote(ws, "alice", s, TA, "include")
    cast_vote(ws, "bob", s, TA, "include")                    # included at title/abstract: on to full text
    call("post", "bob", f"/api/studies/{s}/labels", json={"add": ["no qualitative data?"]})
    seen = call("post", "alice", f"/api/studies/{s}/labels", json={"add": ["fine"]}).get_json()
    assert set(_labels(seen)) == {"fine"}
    assert call("get", "alice", "/api/studies?label=no+qualitative+data%3F").get_json()["total"] == 0
    assert "no qualitative data?" not in call("get", "alice", "/api/studies").get_json()["counts"]["label"]


def test_shared_labels_keep_the_owners_spelling(api):
    ws, studies, call = api
    path = ws.path / "review.toml"
    path.write_text(path.read_text() .replace('exclusion_reasons', 'labels = ["Adult?"]\nexclusion_reasons', 1))
    ws.reload_settings()
    answer = call("post", "alice", f"/api/studies/{studies[0]}/labels", json={"add": ["adult?"]}).get_json()
    assert answer["added"] == ["Adult?"]


# ---- search and filters --------------------------------------------------------------------

def test_search_finds_the_right_studies_for_owners_and_only_my_votes_for_screeners(api):
    ws, studies, call = api
    every = call("get", "olivia", "/api/studies?q=pain").get_json()
    titles = {s["title"] for s in every["studies"]}
    assert every["scope"] == "all studies" and every["total"] == 4
    assert "Study five" not in titles and any("meta-ethnography" in t for t in titles)
    assert call("get", "olivia", "/api/studies?q=interview*").get_json()["total"] == 1     # prefix
    assert call("get", "olivia", "/api/studies?q=%22pain+education%22").get_json()["total"] == 1  # phrase
    assert call("get", "olivia", "/api/studies?q=Smith").get_json()["total"] == 1          # authors
    assert call("get", "olivia", "/api/studies?q=qualitative+research").get_json()["total"] == 1  # keywords
    assert call("get", "olivia", "/api/studies?q=AND+OR+(%22").get_json()["total"] == 0   # syntax is text
    mine = call("get", "alice", "/api/studies?q=pain").get_json()
    assert mine["scope"] == "my votes" and mine["total"] == 0
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "alice", studies[4], TA, "exclude")
    mine = call("get", "alice", "/api/studies?q=pain").get_json()
    assert [s["study"] for s in mine["studies"]] == [studies[0]]
    assert mine["counts"]["vote"] == {"include": 1, "exclude": 0, "maybe": 0, "none": 0}


def test_filters_and_counts_per_value(api):
    ws, studies, call = api
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[0], TA, "include")        # decided include
    cast_vote(ws, "alice", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "exclude")        # conflict
    cast_vote(ws, "alice", studies[2], TA, "exclude", reason="out of scope")
    cast_vote(ws, "bob", studies[2], TA, "exclude", reason="out of scope")
    owner = call("get", "olivia", "/api/studies").get_json()
    assert owner["total"] == 6
    assert owner["counts"]["decision"] == {"include": 1, "exclude": 1, "undecided": 4}
    assert owner["counts"]["conflict"] == {"1": 1}
    assert owner["counts"]["reason"] == {"out of scope": 1}
    assert owner["counts"]["reviewer"] == {"alice": 3, "bob": 3}
    assert owner["counts"]["year"]["2019"] == 1
    assert [s["study"] for s in call("get", "olivia", "/api/studies?conflict=1").get_json()["studies"]] == [studies[1]]
    assert call("get", "olivia", "/api/studies?year=2018-2020").get_json()["total"] == 3
    assert call("get", "olivia", "/api/studies?database=TEST&decision=undecided").get_json()["total"] == 4
    assert call("get", "olivia", "/api/studies?reason=out+of+scope").get_json()["total"] == 1
    # counts of a facet are over what the other filters select
    yearly = call("get", "olivia", "/api/studies?year=2019").get_json()
    assert yearly["counts"]["decision"] == {"include": 1, "exclude": 0, "undecided": 0}
    assert sum(yearly["counts"]["year"].values()) == 6


def test_a_blinded_screener_learns_nothing_of_anothers_votes_from_search(api):
    ws, studies, call = api
    cast_vote(ws, "alice", studies[0], TA, "include")
    before = call("get", "alice", "/api/studies").get_json()
    cast_vote(ws, "bob", studies[0], TA, "exclude")              # now a conflict alice must not see
    call("post", "bob", f"/api/studies/{studies[0]}/labels", json={"add": ["no"]})
    after = call("get", "alice", "/api/studies").get_json()
    assert after == before
    assert after["counts"]["reviewer"] == {"alice": 1} and "conflict" not in after["counts"]
    assert call("get", "alice", "/api/studies?reviewer=bob").get_json()["total"] == 0
    refused = call("get", "alice", "/api/studies?conflict=1")
    assert refused.status_code == 403
    # the arbiter and the owner see it
    assert call("get", "carol", "/api/studies?conflict=1").get_json()["total"] == 1


@pytest.mark.parametrize("query, words", [
    ("stage=abstract", "not a stage"), ("decision=maybe", "decision"), ("vote=yes", "vote"),
    ("year=19", "year"), ("page=0", "page"), ("conflict=2", "conflict"), ("colour=red", "unknown filter"),
])
def test_bad_filters_are_400_naming_the_field(api, query, words):
    _, _, call = api
    answer = call("get", "olivia", f"/api/studies?{query}")
    assert answer.status_code == 400 and words in answer.get_json()["error"]


def test_pages(api, monkeypatch):
    from screener.workspace import study_search

    _, studies, call = api
    monkeypatch.setattr(study_search, "PAGE_SIZE", 4)
    first = call("get", "olivia", "/api/studies").get_json()
    second = call("get", "olivia", "/api/studies?page=2").get_json()
    assert (first["pages"], len(first["studies"]), len(second["studies"])) == (2, 4, 2)
    assert [s["study"] for s in first["studies"] + second["studies"]] == studies


def test_the_index_follows_merges(api):
    ws, studies, call = api
    from screener.workspace.dedupe import decide_pair  # noqa: F401  (merges are study_links rows)

    with ws.transaction() as conn:
        conn.execute("INSERT INTO study_links (at, source_record_id, study_id, kind, actor) VALUES"
                     " ('2026-01-01', (SELECT min(source_record_id) FROM current_links WHERE study_id = ?), ?, 'merge', 't')",
                     (studies[5], studies[4]))
    found = call("get", "olivia", "/api/studies?q=six").get_json()
    assert [s["study"] for s in found["studies"]] == [studies[4]]


# ---- discussion ----------------------------------------------------------------------------

def test_a_conflict_thread_between_two_screeners_and_the_arbiter(api):
    ws, studies, call = api
    s = studies[1]
    cast_vote(ws, "alice", s, TA, "include")
    before = call("post", "alice", f"/api/studies/{s}/comments", json={"stage": TA, "text": "too early?"})
    assert before.status_code == 409                                   # no conflict yet
    assert call("get", "alice", f"/api/studies/{s}/comments?stage={TA}").status_code == 409
    cast_vote(ws, "bob", s, TA, "exclude")
    # blinding: until the arbiter opens the discussion a screener gets the same 409 as before the conflict
    refused = call("post", "alice", f"/api/studies/{s}/comments", json={"stage": TA, "text": "too early?"})
    assert (refused.status_code, refused.get_json()) == (before.status_code, before.get_json())
    assert call("get", "carol", f"/api/studies/{studies[2]}/comments?stage={TA}").status_code == 409
    opened = {"stage": TA, "text": "Why do you differ?"}
    assert call("post", "carol", f"/api/studies/{s}/comments", json=opened).status_code == 201
    said = {"stage": TA, "text": "It interviews adults."}
    assert call("post", "alice", f"/api/studies/{s}/comments", json=said).status_code == 201
    assert call("post", "bob", f"/api/studies/{s}/comments", json={"stage": TA, "text": "It is a trial."}).status_code == 201
    again = {"stage": TA, "text": "Read the methods again"}
    # locked, every vote is in: under blind mode her change is a request to the arbiter (issue 21)
    assert cast_vote(ws, "alice", s, TA, "exclude")["outcome"]["status"] == "undecided"
    assert study_outcome(ws, s, TA).status == "conflict"
    assert call("post", "carol", f"/api/studies/{s}/revote", json=again).status_code == 201
    assert call("post", "alice", f"/api/studies/{s}/revote", json={"stage": TA}).status_code == 403
    # the request is #21's re-vote for each screener: their locked votes can change once
    cast_vote(ws, "alice", s, TA, "exclude")
    assert study_outcome(ws, s, TA).status == "exclude"
    thread = call("get", "bob", f"/api/studies/{s}/comments?stage={TA}").get_json()["comments"]
    assert [(c["reviewer"], c["kind"]) for c in thread] == [("carol", "comment"), ("alice", "comment"),
                                                            ("bob", "comment"), ("carol", "revote_request")]
    written = ws.db.execute("SELECT count(*) FROM events WHERE kind IN ('comment', 'revote_request')")
    assert written.fetchone()[0] == 4
    # decided by the re-vote: the thread stays open to its people
    assert call("post", "carol", f"/api/studies/{s}/comments", json={"stage": TA, "text": "Agreed now."}).status_code == 201


def test_only_the_studys_screeners_and_the_arbiter_take_part(api, review):
    from screener.workspace.reviewers import add_reviewer

    ws, studies, call = api
    s = studies[1]
    cast_vote(ws, "alice", s, TA, "include")
    cast_vote(ws, "bob", s, TA, "exclude")
    call("post", "carol", f"/api/studies/{s}/comments", json={"stage": TA, "text": "Why?"})
    _, token = add_reviewer(ws, "dan", "screener")
    review[2]["dan"] = token
    assert call("get", "dan", f"/api/studies/{s}/comments?stage={TA}").status_code == 403
    assert call("post", "dan", f"/api/studies/{s}/comments", json={"stage": TA, "text": "hi"}).status_code == 403
    assert call("post", "alice", f"/api/studies/{s}/comments", json={"stage": TA, "text": "  "}).status_code == 400
    assert call("post", "alice", f"/api/studies/{s}/comments", json={"stage": "x", "text": "a"}).status_code == 400


# ---- bulk actions --------------------------------------------------------------------------

def test_bulk_is_the_owners(api):
    _, _, call = api
    for who in ("alice", "carol"):
        assert call("post", who, "/api/bulk", json={"filter": {}, "label": "x"}).status_code == 403


def test_an_owner_labels_a_filtered_set(api):
    ws, studies, call = api
    answer = call("post", "olivia", "/api/bulk", json={"filter": {"q": "pain"}, "label": "pain"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["labelled"] == 4
    filters = {r[0] for r in ws.db.execute("SELECT bulk_filter FROM study_labels")}
    assert filters == {'{"q": "pain", "stage": "title_abstract"}'}
    assert call("get", "olivia", "/api/studies?label=pain").get_json()["total"] == 4


def test_an_owner_excludes_a_filtered_set_before_screening_never_as_votes(api):
    from screener.report.prisma import prisma_counts, render_svg
    from screener.workspace.queue import next_study

    ws, studies, call = api
    cast_vote(ws, "alice", studies[4], TA, "include")            # study five already has a vote
    before = counts(ws)
    answer = call("post", "olivia", "/api/bulk", json={"filter": {"year": "2015-2016"}, "decision": "exclude",
                                                       "reason": "out of scope"})
    assert answer.status_code == 200, answer.get_json()
    data = answer.get_json()
    assert (data["selected"], data["excluded"], data["skipped_screened"]) == (2, 1, 1)
    assert counts(ws)["votes"] == before["votes"]
    assert study_outcome(ws, studies[5], TA).status == "exclude"
    rows = ws.db.execute("SELECT study_id, filter FROM team_exclusions").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(studies[5], '{"stage": "title_abstract", "year": "2015-2016"}')]
    prisma = prisma_counts(ws)
    assert (prisma.records_excluded_by_team, prisma.records_screened, prisma.records_excluded) == (1, 5, 0)
    assert "Excluded by the review team before screening (n = 1)" in render_svg(prisma)
    given = set()
    for _ in range(6):
        item = next_study(ws, "bob", TA)
        if item is None:
            break
        given.add(item["study"])
        cast_vote(ws, "bob", item["study"], TA, "include")
    assert studies[5] not in given
    assert call("post", "olivia", "/api/bulk", json={"filter": {}, "decision": "exclude"}).status_code in (409, 422, 400)
    assert call("post", "olivia", "/api/bulk", json={"filter": {}, "decision": "include", "reason": "x"}).status_code == 400


# ---- exports -------------------------------------------------------------------------------

def test_labels_in_the_audit_csv_and_ris_round_trip(api, tmp_path):
    from screener.records import read_file
    from screener.report.exports import export_studies

    ws, studies, call = api
    call("post", "alice", f"/api/studies/{studies[0]}/labels", json={"add": ["adult?", "check"]})
    call("post", "bob", f"/api/studies/{studies[0]}/labels", json={"add": ["adult?"]})
    text, _ = export_studies(ws, "csv")
    rows = {int(r["study"]): r for r in csv.DictReader(io.StringIO(text))}
    assert rows[studies[0]]["labels"] == "adult? [alice, bob]; check [alice]"
    assert rows[studies[1]]["labels"] == ""
    ris, _ = export_studies(ws, "ris")
    path = tmp_path / "out.ris"
    path.write_text(ris, encoding="utf-8")
    records = read_file(path).records
    assert len(records) == 6
    assert records[0].tags["LB"] == ["adult?", "check"]
    assert "LB" not in records[1].tags and records[0].keywords == ["chronic pain", "qualitative research"]


# ---- small defects -------------------------------------------------------------------------

def test_status_counts_current_votes_not_superseded_ones(api):
    ws, studies, _ = api
    cast_vote(ws, "alice", studies[0], TA, "include")
    cast_vote(ws, "alice", studies[0], TA, "exclude")      # a change: one current vote
    cast_vote(ws, "bob", studies[0], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "include")
    cast_vote(ws, "bob", studies[1], TA, "retract")
    assert ws.status()["votes"][TA] == 2


def test_attaching_a_full_text_to_a_study_excluded_at_title_abstract_says_so(api, tmp_path):
    from screener.cli.main import run
    from screener.workspace.fulltext import fulltext_command

    ws, studies, _ = api
    cast_vote(ws, "alice", studies[1], TA, "exclude")
    cast_vote(ws, "bob", studies[1], TA, "exclude")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    answer = fulltext_command(ws, studies[1], str(pdf))
    assert "excluded at title/abstract" in answer["warning"]
    # a study still awaiting its votes is said to be not included yet; an included one has no note
    assert "not included at title/abstract yet" in fulltext_command(ws, studies[0], "https://example.org/a.pdf")["warning"]
    cast_vote(ws, "alice", studies[2], TA, "include")
    cast_vote(ws, "bob", studies[2], TA, "include")
    assert "warning" not in fulltext_command(ws, studies[2], "https://example.org/a.pdf")
    out = io.StringIO()
    from contextlib import redirect_stdout
    with redirect_stdout(out):
        assert run(["fulltext", str(ws.path), str(studies[1]), "https://example.org/b.pdf"]) == 0
    assert "excluded at title/abstract" in out.getvalue()


# ---- charts --------------------------------------------------------------------------------

def test_charts_on_the_dashboard_and_the_screening_page_respect_blinding(app, review):
    import re

    from web_helpers import signed_in

    ws, studies, tokens = review
    for sid in studies[:4]:
        cast_vote(ws, "alice", sid, TA, "include")
        cast_vote(ws, "bob", sid, TA, "include" if sid != studies[1] else "exclude")
    olivia = signed_in(app, tokens["olivia"]).get("/dashboard").get_data(as_text=True)
    recall = re.search(r'<svg[^>]*id="chart-recall-title_abstract".*?</svg>', olivia, re.S).group(0)
    points = re.search(r'points="([^"]+)"', recall).group(1).split()
    assert len(points) == 5 and points[-1].split(",")[1] != points[0].split(",")[1]   # 3 included of 4
    pace = re.search(r'<svg[^>]*id="chart-pace-title_abstract".*?</svg>', olivia, re.S).group(0)
    assert 'data-name="alice"' in pace and 'data-name="bob"' in pace and "<rect class=\"bar\"" in pace
    assert 'id="chart-agreement-title_abstract"' in olivia
    screen = signed_in(app, tokens["alice"]).get(f"/screen?stage={TA}").get_data(as_text=True)
    assert 'id="chart-recall-title_abstract"' in screen
    assert 'data-name="bob"' not in screen and "chart-agreement" not in screen     # blinded


def test_nothing_alice_sees_through_the_new_calls_depends_on_bobs_undecided_vote_or_label(app, review, tmp_path):
    """Two copies of one review: in the second, bob also votes the other way on alice's study and
    labels it. Every new call alice can make answers the same in both (ids and times aside)."""
    import shutil

    from screener.web import create_app

    ws, studies, tokens = review
    s = studies[2]
    cast_vote(ws, "alice", s, TA, "include")
    ws.close()
    twin = tmp_path / "twin"
    shutil.copytree(ws.path, twin)
    other = Workspace.open(twin)
    cast_vote(other, "bob", s, TA, "exclude")                 # a conflict alice must not learn of
    from screener.workspace.study_labels import change_labels
    change_labels(other, "bob", s, add=["trial?"])
    other.close()

    def observe(path):
        client = create_app(path, secret_key=b"k" * 48).test_client()
        headers = {"Authorization": f"Bearer {tokens['alice']}"}
        seen = []
        for url in ("/api/studies", "/api/studies?label=trial%3F", "/api/studies?reviewer=bob",
                    f"/api/studies/{s}/comments?stage={TA}", "/api/studies?conflict=1"):
            answer = client.get(url, headers=headers)
            seen.append((url, answer.status_code, answer.get_json()))
        answer = client.post(f"/api/studies/{s}/labels", headers=headers, json={"add": ["mine"]})
        seen.append(("labels", answer.status_code, answer.get_json()))
        answer = client.post(f"/api/studies/{s}/comments", headers=headers, json={"stage": TA, "text": "x"})
        seen.append(("comment", answer.status_code, answer.get_json()))
        return seen

    assert observe(ws.path) == observe(twin)
