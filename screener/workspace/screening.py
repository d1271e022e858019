"""Screening: casting and retracting votes, resolving conflicts, and the outcome, conflict and
progress views built on the one reader of votes.

The parts live in their own modules and are re-exported here, so ``from screener.workspace.
screening import X`` keeps working: the outcome rules and events (``outcomes``), the studies and
the stage check (``studies``), ``VoteBook``, the only code that reads the ``votes`` table, with
its masking for blind mode (``votebook``), and leases (``leases``). Every read that can reach a
reviewer goes through a ``VoteBook`` with the asking reviewer as ``viewer``: under blind mode a
screener sees their own votes and, once a study is decided, everyone's — never another
screener's vote, reason or note on an undecided study, nor whether that study is in conflict.

Outcome rules (as Covidence), over each reviewer's latest non-retracted vote once a study has the
votes its stage needs: include/maybe only → include; exclude only → exclude (at full text, excludes
with different reasons are a conflict over the reason); a mix → conflict. The first moment the
votes agree decides the study; a later vote (only a lease holder may still cast one) is kept and
counted in agreement statistics but does not reopen it. An arbiter's resolution overrides, and
the newest resolution wins.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from screener.errors import (
    ATTACH_REPORT,
    DECIDE_AGAIN,
    GIVE_REASON,
    NEXT_STUDY,
    OWNER_BLIND,
    RESOLVE_CONFLICTS,
    UNKNOWN_REASON,
    PermissionDenied,
    ScreeningError,
    UsageError,
)
from screener.output import did_you_mean
from screener.workspace import leases
from screener.workspace.assignment import applies_to, assignment
from screener.workspace.db import utcnow
from screener.workspace.decided_meanwhile import check_seen
from screener.workspace.fulltext import fulltext_for
from screener.workspace.outcomes import (  # noqa: F401
    DECISIONS,
    FULL_TEXT,
    SAYS_INCLUDE,
    TITLE_ABSTRACT,
    VOTES,
    Outcome,
    ResolutionEvent,
    VoteEvent,
    combine_votes,
)
from screener.workspace.owner_votes import owner_displaces_screener
from screener.workspace.queue import assigned_remaining
from screener.workspace.queue_state import kept_state
from screener.workspace.reviewers import VOTING_ROLES, Reviewer, as_reviewer, list_reviewers
from screener.workspace.settings import STAGES
from screener.workspace.studies import (  # noqa: F401
    check_stage,
    check_study_number,
    current_studies,
    merged_into,
    require_current_study,
    study_summary,
)
from screener.workspace.vote_open import ASSIGNED_TO_OTHERS, DECIDED, TAKEN, new_vote_refusal
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

# ---- writing: votes and resolutions ---------------------------------------------------------

def _reasons_text(ws: Workspace) -> str:
    reasons = ws.settings.exclusion_reasons
    return "; ".join(f"'{r}'" for r in reasons) if reasons else "(the list is empty)"


def check_reason(ws: Workspace, stage: str, decision: str, reason: str, *, required: bool | None = None) -> str:
    """The canonical exclusion reason for a vote or resolution, or a ScreeningError naming the list."""
    reason = (reason or "").strip()
    if decision != "exclude":
        if reason:
            raise UsageError(f"a reason goes with an exclusion only, not with '{decision}'; "
                             f"put other remarks in the note")
        return ""
    needed = ws.settings.stages[stage].reason_required if required is None else required
    settings_file = ws.path / "review.toml"
    if not reason:
        if needed:
            raise ScreeningError(f"an exclusion at {stage} needs a reason", remedy=GIVE_REASON,
                                 after=f", one of the exclusion_reasons in {settings_file}: {_reasons_text(ws)}")
        return ""
    for known in ws.settings.exclusion_reasons:
        if known.casefold() == reason.casefold():
            return known
    # a slip of the keys ('out of scop') is named; the page offers the list itself, so it never types one
    meant = did_you_mean(reason, ws.settings.exclusion_reasons)
    raise ScreeningError(f"reason '{reason}' is not one of the exclusion_reasons in {settings_file}: "
                         f"{_reasons_text(ws)}{meant}; use one of them, or add it to that list", remedy=UNKNOWN_REASON,
                         about={"reason": reason, "choices": _reasons_text(ws) + meant})


def _check_text(value: str, what: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"{what} must be text")
    if len(value) > 10_000:
        raise UsageError(f"{what} is {len(value)} characters long; keep it under 10,000")
    return value


def _require_at_stage(book: VoteBook, study_id: int, stage: str) -> None:
    """ScreeningError unless the study can be screened or resolved at ``stage`` (votes and
    resolutions refuse the same studies, with the same words)."""
    status = book.outcome(study_id, stage).status
    if status == "not_reached":
        raise ScreeningError(f"study {study_id} has not reached full text: its title/abstract outcome "
                             f"is '{book.outcome(study_id, TITLE_ABSTRACT).status}', not include")
    if status == "not_retrieved":
        raise ScreeningError(f"study {study_id}'s full text is marked not retrieved", remedy=ATTACH_REPORT,
                             about={"study": str(study_id)})


def cast_vote(ws: Workspace, reviewer: Reviewer | str, study_id: int, stage: str, vote: str,
              reason: str = "", note: str = "") -> dict[str, Any]:
    """Record ``reviewer``'s vote (include | exclude | maybe, or 'retract') on a study at a stage.

    Returns ``{"study", "stage", "reviewer", "recorded", "vote", "outcome"}`` as the voter may see
    it: ``recorded`` is False when the same vote was already their current one (a retry writes
    nothing). Refused with one line and nothing written: an unknown reviewer or study, an arbiter,
    a stage the study has not reached, a missing or unknown reason, a retraction without a vote,
    a study that already has its votes, and a decided study — except from a reviewer the queue
    gave the study to, whose first vote is always taken.
    """
    check_stage(stage)
    if vote not in VOTES + ("retract",):
        raise UsageError(f"vote {vote!r} is not a vote; use include, exclude, maybe or retract")
    note = _check_text(note or "", "the note")
    if vote == "retract" and (reason or note):
        raise UsageError("a retraction takes no reason or note")
    with ws.transaction() as conn:
        who = as_reviewer(ws, reviewer)
        if not who.can_vote:
            raise who.cannot_screen(RESOLVE_CONFLICTS, " and do not vote")
        require_current_study(ws, study_id)
        book = VoteBook(ws, who, [study_id])
        _require_at_stage(book, study_id, stage)
        reason = check_reason(ws, stage, vote, reason) if vote != "retract" else ""
        own = book.unmasked_votes(study_id, stage).get(who.id)
        true = book.unmasked_outcome(study_id, stage)
        # what the voter sees as their vote: under blind mode, their pending change request (issue 21)
        requests = book.own_requests()       # read whatever the others voted: the same work either way
        asked = requests.get((study_id, stage)) if own is not None and not true.decided else None
        shown = own if asked is None else (None if asked.vote == "retract" else asked)
        if shown is not None and vote != "retract" and (shown.vote, shown.reason, shown.note) == (vote, reason, note):
            # a retry of the current vote (e.g. after a timeout) is answered, never refused or repeated
            return _vote_answer(book, who, study_id, stage, recorded=False)
        if own is not None and _frozen(ws, book, who, study_id, stage, true):
            if book.sees_everything:
                _refuse_frozen(ws, study_id, stage, true)
            # Blind mode: the answer must not say that the others' votes are in (nor, beside an
            # "undecided", that they disagree). The change is recorded as a request to the
            # arbiter, answered as a change made before the votes were complete would be, and
            # shown to the voter as their vote; the conflict stays until the arbiter acts.
            if vote == "retract" and shown is None:
                raise ScreeningError(f"reviewer '{who.name}' has no vote on study {study_id} at {stage} to retract")
            ws.log_event("vote_request", who.name, f"study:{study_id}",
                         {"stage": stage, "reviewer": who.name, "vote": vote, "reason": reason, "note": note,
                          "of_vote": own.id})
            return _vote_answer(VoteBook(ws, who, [study_id]), who, study_id, stage, recorded=True)
        if own is None and vote != "retract":
            refused = new_vote_refusal(ws, who, book, study_id, stage, true)   # (also what the page says first)
            if refused is not None:
                _refuse_new_vote(refused, study_id, stage, true)
        else:
            holds_lease = own is None and leases.holds_lease(ws, who.id, study_id, stage,
                                                            book.last_vote_at(study_id, stage, who.id))
            if true.decided and not holds_lease:
                _refuse_new_vote((DECIDED, ""), study_id, stage, true)
            if vote == "retract" and own is None:
                raise ScreeningError(f"reviewer '{who.name}' has no vote on study {study_id} at {stage} to retract")
        ranker_state = leases.lease_ranker_state(ws, who.id, study_id, stage) if vote != "retract" else {}
        conn.execute(
            "INSERT INTO votes (at, reviewer_id, study_id, stage, vote, reason, note, ranker_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (utcnow(), who.id, study_id, stage, vote, reason, note, json.dumps(ranker_state)))
        ws.log_event("vote", who.name, f"study:{study_id}", {"stage": stage, "vote": vote, "reason": reason})
        return _vote_answer(VoteBook(ws, who, [study_id]), who, study_id, stage, recorded=True)


def _refuse_new_vote(refused: tuple[str, str], study_id: int, stage: str, true: Outcome) -> None:
    """The refusal of ``vote_open.new_vote_refusal`` in words."""
    code, words = refused
    if code == ASSIGNED_TO_OTHERS:
        # the same words whoever else voted on it or holds it: the roster alone decides
        raise ScreeningError(f"study {study_id} is not one of the studies assigned to you at {stage} (each "
                             f"study goes to {true.votes_needed} of the review's screeners); take your next "
                             f"study", remedy=NEXT_STUDY, about={"stage": stage})
    if code == DECIDED:
        by = "by the arbiter" if true.decided_by == "arbiter" else "by agreement"
        raise ScreeningError(f"study {study_id} is already decided at {stage} ({true.status} {by}); "
                             f"only the arbiter or the review's owner can change it now")
    if code == TAKEN:
        # the same words whether the others have voted or were only handed the study
        raise ScreeningError(f"study {study_id} already has the {true.votes_needed} reviewers it needs "
                             f"at {stage}; take your next study", remedy=NEXT_STUDY, about={"stage": stage})
    raise PermissionDenied(words, remedy=OWNER_BLIND)       # OWNER_NOT_NEEDED: owner_displaces_screener's words


def _frozen(ws: Workspace, book: VoteBook, who: Reviewer, study_id: int, stage: str, true: Outcome) -> bool:
    """Whether ``who``'s vote is locked: every vote the stage needs is in and the study is not
    decided (a change after a conflict would erase it), and no arbiter asked this reviewer for a
    re-vote since their last vote (``request_revote``). A decided study is refused elsewhere, in
    the words every reviewer gets."""
    if true.decided or len(book.unmasked_votes(study_id, stage)) < true.votes_needed:
        return False
    return not _revote_requested_after(ws, study_id, stage, who.name, book.last_vote_at(study_id, stage, who.id))


def _refuse_frozen(ws: Workspace, study_id: int, stage: str, true: Outcome) -> None:
    """A locked vote of a reviewer who sees everyone's votes: ScreeningError naming the arbiters."""
    arbiters = [r.name for r in list_reviewers(ws) if r.role == "arbiter"]
    ask = f"the arbiter ({', '.join(arbiters)})" if arbiters else "the review's owner"
    raise ScreeningError(f"study {study_id} has all {true.votes_needed} votes it needs at {stage}: your vote can no "
                         f"longer be changed or retracted; ask {ask}, who can ask you for a re-vote")


def _revote_requested_after(ws: Workspace, study_id: int, stage: str, name: str, after: str | None) -> bool:
    row = ws.db.execute(
        "SELECT max(at) FROM events WHERE kind = 'revote' AND subject = ? AND json_extract(payload, '$.stage') = ?"
        " AND json_extract(payload, '$.reviewer') = ?", (f"study:{study_id}", stage, name)).fetchone()
    return row[0] is not None and (after is None or row[0] > after)


def request_revote(ws: Workspace, arbiter: Reviewer | str, study_id: int, stage: str, reviewer: Reviewer | str,
                   note: str = "") -> dict[str, Any]:
    """An arbiter (or the owner) asks ``reviewer`` to vote again on a study that has all its votes:
    an event; the reviewer may then change or retract their vote once. Returns the conflict view."""
    check_stage(stage)
    note = _check_text(note or "", "the note")
    with ws.transaction() as conn:
        who = as_reviewer(ws, arbiter)
        if not who.can_resolve:
            raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; only an arbiter or the owner "
                                   f"can ask for a re-vote")
        voter = as_reviewer(ws, reviewer)
        require_current_study(ws, study_id)
        book = VoteBook(ws, who, [study_id])
        if voter.id not in book.unmasked_votes(study_id, stage):
            raise ScreeningError(f"reviewer '{voter.name}' has no vote on study {study_id} at {stage} to vote again on")
        true = book.unmasked_outcome(study_id, stage)
        if true.decided:
            # the vote asked for would be refused ('already decided'): the request helps nobody
            by = "by the arbiter" if true.decided_by == "arbiter" else "by agreement"
            raise ScreeningError(f"study {study_id} is already decided at {stage} ({true.status} {by}): a re-vote "
                                 f"would change nothing; to change the outcome, decide it again", remedy=DECIDE_AGAIN)
        ws.log_event("revote", who.name, f"study:{study_id}", {"stage": stage, "reviewer": voter.name, "note": note})
        asked = VoteBook(ws, voter, [study_id]).own_requests().get((study_id, stage))
        if asked is not None:
            # the voter's pending change request (blind mode) is accepted: it becomes their vote,
            # which uses up the re-vote (written after the request for it)
            conn.execute(
                "INSERT INTO votes (at, reviewer_id, study_id, stage, vote, reason, note, ranker_state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (utcnow(), voter.id, study_id, stage, asked.vote, asked.reason, asked.note, "{}"))
            ws.log_event("vote", voter.name, f"study:{study_id}",
                         {"stage": stage, "vote": asked.vote, "reason": asked.reason, "accepted_by": who.name})
        return _conflict_view(ws, VoteBook(ws, who, [study_id]), study_id, stage)


def retract_vote(ws: Workspace, reviewer: Reviewer | str, study_id: int, stage: str) -> dict[str, Any]:
    """Withdraw the reviewer's current vote (the web app's undo); allowed until every vote the stage needs is in."""
    return cast_vote(ws, reviewer, study_id, stage, "retract")


def _vote_answer(book: VoteBook, who: Reviewer, study_id: int, stage: str, *, recorded: bool) -> dict[str, Any]:
    own = book.vote_of(study_id, stage, who.id)
    return {"study": study_id, "stage": stage, "reviewer": who.name, "recorded": recorded,
            "vote": own.to_dict() if own else None, "outcome": book.outcome(study_id, stage).to_dict()}


def resolve(ws: Workspace, arbiter: Reviewer | str, study_id: int, stage: str, decision: str,
            reason: str = "", note: str = "", *, expected: int | None = None) -> dict[str, Any]:
    """An arbiter's (or owner's) decision on a conflict, or a change to a decided outcome.

    Every earlier vote stays on record. An exclusion needs a reason where the stage requires one
    and whenever the conflict is over the reason. ``expected``: the resolution id the sender saw in force
    (0: none); a newer one refuses (``DecidedMeanwhile``, checked in the transaction). Returns the conflict view."""
    check_stage(stage)
    if decision not in DECISIONS:
        raise UsageError(f"decision {decision!r} is not a decision; use include or exclude")
    note = _check_text(note or "", "the note")
    with ws.transaction() as conn:
        who = as_reviewer(ws, arbiter)
        if not who.can_resolve:
            raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; only an arbiter or the owner "
                                   f"can resolve conflicts")
        require_current_study(ws, study_id)
        book = VoteBook(ws, who, [study_id])
        _require_at_stage(book, study_id, stage)
        true = book.unmasked_outcome(study_id, stage)
        if true.status in ("unscreened", "pending"):
            raise ScreeningError(f"study {study_id} is not in conflict at {stage}: it has {true.votes} of the "
                                 f"{true.votes_needed} votes it needs; nothing to resolve yet")
        required = True if true.conflict == "reason" else None
        reason = check_reason(ws, stage, decision, reason, required=required)
        latest = check_seen(book.latest_resolution(study_id, stage), expected, who.name, (decision, reason, note))
        recorded = not (latest and (latest.decision, latest.reason, latest.note) == (decision, reason, note))
        if recorded:   # the same decision again writes nothing (a repeated command or a double click)
            conn.execute("INSERT INTO resolutions (at, arbiter_id, study_id, stage, decision, reason, note)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", (utcnow(), who.id, study_id, stage, decision, reason, note))
            ws.log_event("resolve", who.name, f"study:{study_id}",
                         {"stage": stage, "decision": decision, "reason": reason, "was": true.status})
        after = VoteBook(ws, who, [study_id])
        view = _conflict_view(ws, after, study_id, stage)
        view["recorded"] = recorded
        overturned = recorded and true.decided_by == "votes" and true.status != decision
        if overturned:
            # no conflict was open: a study number mistyped would overturn the screeners silently
            view["warning"] = (f"study {study_id} was not in conflict: the screeners agreed on {true.status}, "
                               f"which this decision overturns")
        if stage == TITLE_ABSTRACT:
            # Overturning a title/abstract include takes the study out of full text: say what that
            # leaves behind there (the votes stay on record; they no longer decide anything).
            full_text_votes = after.votes(study_id, FULL_TEXT)
            if (book.unmasked_outcome(study_id, FULL_TEXT).status != "not_reached"
                    and after.unmasked_outcome(study_id, FULL_TEXT).status == "not_reached" and full_text_votes):
                n = len(full_text_votes)
                votes = "1 full-text vote stays on record but no longer counts" if n == 1 else \
                    f"{n} full-text votes stay on record but no longer count"
                left = f"study {study_id} leaves full text: its {votes}"
                view["warning"] = f"{view['warning']}; {left}" if overturned else left
        return view


# ---- reading: outcomes, conflicts, progress -------------------------------------------------

def _viewer(ws: Workspace, viewer: Reviewer | str | None) -> Reviewer | None:
    return None if viewer is None else as_reviewer(ws, viewer)


def study_outcome(ws: Workspace, study_id: int, stage: str, viewer: Reviewer | str | None = None) -> Outcome:
    """A study's outcome at a stage, as ``viewer`` may see it (None: the owner, unmasked)."""
    check_stage(stage)
    require_current_study(ws, study_id)
    return VoteBook(ws, _viewer(ws, viewer), [study_id]).outcome(study_id, stage)


def all_outcomes(ws: Workspace, viewer: Reviewer | str | None = None) -> dict[str, dict[int, Outcome]]:
    """``{stage: {study_id: Outcome}}`` for every current study (full text: ``not_reached`` too)."""
    book = VoteBook(ws, _viewer(ws, viewer))
    studies = sorted(current_studies(ws))
    return {stage: {sid: book.outcome(sid, stage) for sid in studies} for stage in STAGES}


def stage_outcomes(ws: Workspace, stage: str, viewer: Reviewer | str | None = None) -> dict[int, Outcome]:
    """``{study_id: Outcome}`` at one stage for every current study (``.decision`` is None until decided)."""
    check_stage(stage)
    book = VoteBook(ws, _viewer(ws, viewer))
    return {sid: book.outcome(sid, stage) for sid in sorted(current_studies(ws))}


def decision_counts(ws: Workspace) -> dict[str, dict[str, int]]:
    """Per stage: studies decided include / exclude, and those in an open conflict."""
    book = VoteBook(ws)
    counts = {stage: {"include": 0, "exclude": 0, "conflict": 0} for stage in STAGES}
    for sid in current_studies(ws):
        for stage in STAGES:
            status = book.unmasked_outcome(sid, stage).status
            if status in counts[stage]:
                counts[stage][status] += 1
    return counts


def _conflict_view(ws: Workspace | None, book: VoteBook, study_id: int, stage: str) -> dict[str, Any]:
    """A study's conflict as ``book``'s viewer sees it; ``ws`` None leaves the title to the caller."""
    title = study_summary(ws, study_id, hide_authors=False)["title"] if ws is not None else None
    return {
        "study": study_id, "stage": stage, "title": title,
        "outcome": book.outcome(study_id, stage).to_dict(),
        "votes": [e.to_dict() for e in book.votes(study_id, stage)],
        "history": [e.to_dict() for e in book.votes(study_id, stage, history=True)],
        "resolutions": [r.to_dict() for r in book.resolutions(study_id, stage)],
        "change_requests": change_requests(book, study_id, stage) if book.sees_everything else [],
    }


def change_requests(book: VoteBook, study_id: int, stage: str) -> list[dict[str, Any]]:
    """The pending vote change requests on a study at a stage (blind mode: a screener's change or
    retraction once every vote was in), for the arbiter: who asked for what; a re-vote request to
    that screener accepts it. Unmasked: for arbiters and owners only."""
    found: dict[str, dict[str, Any]] = {}
    for at, payload in book.ws.db.execute(
            "SELECT at, payload FROM events WHERE kind = 'vote_request' AND subject = ? ORDER BY id",
            (f"study:{study_id}",)):
        data = json.loads(payload)
        if data["stage"] != stage:
            continue
        rows = [e for e in book._events.get((study_id, stage), []) if e.reviewer == data["reviewer"]]
        if rows and rows[-1].id == data["of_vote"]:
            found[data["reviewer"]] = {"reviewer": data["reviewer"], "at": at, "vote": data["vote"],
                                       "reason": data["reason"], "note": data["note"]}
        else:
            found.pop(data["reviewer"], None)
    return list(found.values())


def list_conflicts(ws: Workspace, viewer: Reviewer | str | None = None, stage: str | None = None) -> list[dict[str, Any]]:
    """Open conflicts with every vote (current and history) — the arbiter's and owner's view.
    Read from the queue's kept state: only studies with votes can be in conflict."""
    who = _viewer(ws, viewer)
    if who is not None and not who.can_resolve:
        raise PermissionDenied(f"reviewer '{who.name}' is {who.role_phrase}; conflicts are shown to arbiters "
                               f"and the owner only")
    stages = STAGES if stage is None else (check_stage(stage),)
    found = []
    with kept_state(ws) as state:
        book = state.view(who)
        for st in stages:
            for sid in sorted(state.stages[st].active):
                if book.outcome(sid, st).status == "conflict":
                    view = _conflict_view(None, book, sid, st)
                    view["conflict"] = view["outcome"]["conflict"]
                    found.append(view)
    titles: dict[int, str] = {}
    for view in found:            # records are read outside the lock the queue needs
        if view["study"] not in titles:
            titles[view["study"]] = study_summary(ws, view["study"], hide_authors=False)["title"]
        view["title"] = titles[view["study"]]
    return found


def conflict_counts(ws: Workspace) -> dict[str, int]:
    """Open conflicts per stage (the owner's dashboard), without building their views."""
    with kept_state(ws) as state:
        book = state.view(None)
        return {st: sum(1 for sid in state.stages[st].active if book.unmasked_outcome(sid, st).status == "conflict")
                for st in STAGES}


def progress(ws: Workspace, viewer: Reviewer | str | None = None) -> dict[str, Any]:
    """Per stage: studies at the stage, counts by outcome, and per reviewer voted / remaining /
    awaiting decision (and conflicts, for the owner's and arbiter's view). A blinded screener gets
    their own row only and no conflict counts (a conflict would reveal the other's vote).

    Read from the queue's kept state (screener.workspace.queue_state): only studies with votes or
    resolutions are looked at one by one, the rest are counted — the screening page shows this
    after every vote, so it must not cost a pass over every study of a large review."""
    who = _viewer(ws, viewer)
    with kept_state(ws) as state:
        book = state.view(who)
        full = book.sees_everything
        if full:
            voters = book.voter_ids()
            people = [r for r in list_reviewers(ws) if r.role in VOTING_ROLES or r.id in voters]
        else:
            people = [who] if who is not None else []    # not seeing everything: a blinded screener
        result: dict[str, Any] = {"viewer": who.name if who else None, "stages": {}}
        for stage in STAGES:
            queue = state.stages[stage]
            _, at_stage = state.pool(stage)
            needed = ws.settings.stages[stage].votes_needed
            plan = assignment(ws, stage)
            status = queue.status                      # the owner's statuses, kept per study
            entry: dict[str, Any]
            if not full:
                # A blinded screener: from counts kept as votes arrive and their own votes only —
                # the work, and so the time, must not grow with the others' votes (issue 21)
                assert who is not None
                entry = _blinded_progress(who, queue, at_stage, needed, book.pending_retractions(stage))
                if applies_to(plan, who.id):
                    entry["reviewers"][0]["remaining"] = assigned_remaining(plan, who.id, queue, at_stage, book,
                                                                            book.pending_retractions(stage))
                if stage == FULL_TEXT:
                    entry["not_retrieved"] = _not_retrieved(book, state)
                    entry["reviewers"] = entry.pop("reviewers")
                result["stages"][stage] = entry
                continue
            with_events = [sid for sid in queue.active if sid in at_stage]
            counts = Counter(status[sid] for sid in with_events)
            counts["unscreened"] += len(at_stage) - len(with_events)
            rows = []
            for person in people:
                voted = [sid for sid in with_events if person.id in queue.active[sid]]
                decided_or_mine = sum(1 for sid in with_events if status[sid] in DECISIONS or person.id in queue.active[sid]
                                      or len(queue.active[sid]) >= needed)
                row = {"name": person.name, "role": person.role, "voted": len(voted),
                       "remaining": len(at_stage) - decided_or_mine,
                       "awaiting_decision": sum(1 for sid in voted if status[sid] not in DECISIONS)}
                if applies_to(plan, person.id):
                    # their own studies only (more screeners than votes needed): "not yours" and
                    # "taken by others" are one and the same
                    row["remaining"] = assigned_remaining(plan, person.id, queue, at_stage, book)
                # an owner whose vote would take a screener's place is given no study (queue.next)
                row["screens"] = owner_displaces_screener(ws, person, stage) is None
                if not row["screens"]:
                    row["remaining"] = 0
                row["conflicts"] = sum(1 for sid in voted if status[sid] == "conflict")
                rows.append(row)
            entry = {"studies": len(at_stage), "votes_needed": needed}
            for name in ("include", "exclude", "conflict", "pending", "unscreened"):
                entry[name] = counts.get(name, 0)
            if stage == FULL_TEXT:
                entry["not_retrieved"] = _not_retrieved(book, state)
            entry["reviewers"] = rows
            result["stages"][stage] = entry
        gone = sorted(book.voted_studies() - state.studies) if full else []
    if full:
        # Votes on studies dedupe merged away stay on record (and in agreement statistics); the
        # owner sees where those studies went, to check the surviving study's outcome.
        result["merged_away_with_votes"] = [{"study": sid, "merged_into": merged_into(ws, sid)} for sid in gone]
    return result


def _not_retrieved(book: VoteBook, state) -> int:
    return sum(1 for sid, kind in book.fulltext_marks().items()
               if kind == "not_retrieved" and sid in state.studies
               and book.unmasked_outcome(sid, FULL_TEXT).status == "not_retrieved")


def _blinded_progress(who: Reviewer, queue, at_stage: set[int], needed: int, retracted: set[int]) -> dict[str, Any]:
    """A blinded screener's progress at one stage: studies, decided counts and their own row
    (a vote whose pending change request retracts it does not count: it is not theirs as they see it)."""
    status, counts = queue.status, queue.status_counts
    voted = [sid for sid in queue.voted_by.get(who.id, ()) if sid in at_stage and sid not in retracted]
    awaiting = sum(1 for sid in voted if status[sid] not in DECISIONS)
    include, exclude = counts["include"], counts["exclude"]
    return {"studies": len(at_stage), "votes_needed": needed, "include": include, "exclude": exclude,
            "undecided": len(at_stage) - include - exclude,
            "reviewers": [{"name": who.name, "role": who.role, "voted": len(voted),
                           "remaining": len(at_stage) - include - exclude - awaiting, "awaiting_decision": awaiting,
                           "screens": who.role in VOTING_ROLES}]}


def study_view(ws: Workspace, viewer: Reviewer | str | None, study_id: int, stage: str) -> dict[str, Any]:
    """Everything about one study at one stage that ``viewer`` may see (the web app's study page)."""
    check_stage(stage)
    who = _viewer(ws, viewer)
    require_current_study(ws, study_id)
    book = VoteBook(ws, who, [study_id])
    view = study_summary(ws, study_id) if who is not None and who.role == "screener" else \
        study_summary(ws, study_id, hide_authors=False)
    attached = fulltext_for(ws, study_id)
    view.update({
        "stage": stage,
        "outcome": book.outcome(study_id, stage).to_dict(),
        "votes": [e.to_dict() for e in book.votes(study_id, stage)],
        "resolutions": [r.to_dict() for r in book.resolutions(study_id, stage)],
        "fulltext": attached.to_dict() if attached else None,
    })
    return view


def reviewer_votes(ws: Workspace, reviewer: Reviewer | str, stage: str | None = None) -> list[dict[str, Any]]:
    """A reviewer's own current votes, newest first, each with the study's title and the outcome as
    they may see it (the web app's "my screening" list, from which a vote can be changed or undone)."""
    who = as_reviewer(ws, reviewer)
    book = VoteBook(ws, who)
    current = current_studies(ws)
    stages = STAGES if stage is None else (check_stage(stage),)
    found = []
    titles: dict[int, str] = {}   # a study voted on at both stages is read once
    for st in stages:
        for sid in sorted(book.voted_studies() & current):
            own = book.vote_of(sid, st, who.id)
            if own is not None:
                if sid not in titles:
                    titles[sid] = study_summary(ws, sid)["title"]
                found.append((own.at, {"study": sid, "stage": st, "title": titles[sid],
                                       "vote": own.to_dict(), "outcome": book.outcome(sid, st).to_dict()}))
    return [item for _, item in sorted(found, key=lambda pair: pair[0], reverse=True)]


def screening_flow(ws: Workspace) -> dict[str, Any]:
    """The screening half of the PRISMA 2020 flow: studies screened and excluded at title/abstract,
    reports sought, not retrieved, assessed, excluded with reasons, included, and what is undecided.
    Read from the queue's kept state: a study without votes or resolutions is undecided."""
    with kept_state(ws) as state:
        book = state.view(None)
        studies = state.studies
        ta = {sid: book.unmasked_outcome(sid, TITLE_ABSTRACT) for sid in state.stages[TITLE_ABSTRACT].active}
        sought = sorted(sid for sid, outcome in ta.items() if outcome.status == "include")
        ft = {sid: book.unmasked_outcome(sid, FULL_TEXT) for sid in sought}
    not_retrieved = [sid for sid in sought if ft[sid].status == "not_retrieved"]
    reasons = Counter(ft[sid].reason or "(no reason given)" for sid in sought if ft[sid].status == "exclude")
    return {
        "records_screened": len(studies),
        "records_excluded": sum(1 for o in ta.values() if o.status == "exclude"),
        "records_undecided": len(studies) - sum(1 for o in ta.values() if o.decided),
        "reports_sought": len(sought),
        "reports_not_retrieved": len(not_retrieved),
        "reports_assessed": len(sought) - len(not_retrieved),
        "reports_excluded": sum(reasons.values()),
        "reports_excluded_by_reason": dict(sorted(reasons.items())),
        "reports_undecided": sum(1 for sid in sought if ft[sid].status in ("unscreened", "pending", "conflict")),
        "studies_included": sum(1 for sid in sought if ft[sid].status == "include"),
        "not_retrieved_studies": not_retrieved,
    }
