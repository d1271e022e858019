"""Each stage's labels for the ranker, derived from the screening rules, and the ranker's priors.

Per stage: the stage outcome where decided, taken from the screening rules (``VoteBook``, the one
reader of votes); otherwise include when any screener's current vote is include or maybe
(sensitivity first), exclude when all are exclude. Priors (studies known relevant or irrelevant
before screening) fill in studies nobody has labelled yet. The ranker receives these labels as a
``screener.rank.live.StageLabels`` value and reads nothing of the workspace itself.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from screener.errors import NotFoundError, UsageError
from screener.output import shell_word
from screener.rank.live import StageLabels
from screener.workspace.db import utcnow
from screener.workspace.outcomes import SAYS_INCLUDE
from screener.workspace.studies import check_stage, current_studies
from screener.workspace.votebook import VoteBook

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

_NEVER = 1 << 60


def _study_label(book, study_id: int, stage: str) -> tuple[int, bool, bool, tuple[int, int]] | None:
    """One study's label by the rules of ``stage_labels``: (label, decided, one vote, first event),
    or None when it has none (no current vote and no decision)."""
    resolutions = book.resolutions(study_id, stage)
    votes = book.votes(study_id, stage)
    if not votes and not resolutions and not book.votes(study_id, stage, history=True):
        return None
    outcome = book.outcome(study_id, stage)
    if outcome.decided:
        label, decided = (1 if outcome.decision == "include" else 0), True
    elif votes and not book.settings.blind:
        # Under blind mode an undecided study is no label: the order every screener is given
        # would otherwise move with another screener's pending vote.
        label, decided = (1 if any(v.vote in SAYS_INCLUDE for v in votes) else 0), False
    else:
        return None
    first_vote = next((e.id for e in book.votes(study_id, stage, history=True) if e.vote != "retract"), _NEVER)
    return label, decided, (not decided and len(votes) == 1), (first_vote, resolutions[-1].id if resolutions else 0)


class LabelTracker:
    """One stage's labels, kept study by study: ``update`` re-derives only the studies new votes,
    resolutions or full-text marks touched (the queue's long-lived state, see
    screener.workspace.queue_state); ``stage_labels`` builds one from scratch."""

    def __init__(self, stage: str):
        self.stage = stage
        self.labels: dict[int, int] = {}
        self.outcomes: dict[int, int] = {}
        self.one_vote: set[int] = set()
        self.first_event: dict[int, tuple[int, int]] = {}
        self._snapshot: StageLabels | None = None
        self._priors: dict[int, str] | None = None
        self._epoch = 0
        self._version = 0
        self._log_versions: list[int] = []     # update round of each logged change, ascending
        self._log_studies: list[int] = []      # the study it touched

    def clear(self) -> None:
        """Forget every label (study membership changed); snapshots taken before stay valid."""
        epoch = self._epoch + 1
        LabelTracker.__init__(self, self.stage)
        self._epoch = epoch

    def _log(self, study_ids) -> None:
        self._version += 1
        for sid in study_ids:
            self._log_versions.append(self._version)
            self._log_studies.append(sid)
        self._snapshot = None

    def changed_after(self, version: int) -> set[int]:
        """Studies whose label may have changed after ``version`` (of this epoch)."""
        return set(self._log_studies[bisect.bisect_right(self._log_versions, version):])

    def update(self, book, study_ids) -> None:
        """Re-derive these studies' labels from ``book`` (the owner's VoteBook)."""
        changed = []
        for sid in study_ids:
            before = self.labels.pop(sid, None)
            self.outcomes.pop(sid, None)
            self.one_vote.discard(sid)
            self.first_event.pop(sid, None)
            entry = _study_label(book, sid, self.stage)
            if entry is not None:
                label, decided, one_vote, first = entry
                self.labels[sid] = label
                if decided:
                    self.outcomes[sid] = label
                if one_vote:
                    self.one_vote.add(sid)
                self.first_event[sid] = first
            if self.labels.get(sid) != before:
                changed.append(sid)
        self._log(changed)

    def set_priors(self, priors: dict[int, str]) -> None:
        if priors != self._priors:
            self._log(set(priors) | set(self._priors or {}))
            self._priors = dict(priors)

    def snapshot(self) -> StageLabels:
        """The current labels as a value that later updates do not change."""
        if self._snapshot is None:
            # Priors teach the model until the screeners decide the study; they are not
            # "screened", so the stopping estimate does not count them, and they are never an outcome.
            labels = {sid: 1 if prior == "relevant" else 0 for sid, prior in (self._priors or {}).items()}
            labels.update(self.labels)
            self._snapshot = StageLabels(labels, dict(self.first_event), set(self.one_vote), dict(self.outcomes),
                                         origin=(self, self._epoch, self._version))
        return self._snapshot


def stage_labels(ws: Workspace, stage: str, book=None) -> StageLabels:
    """Current labels of ``stage``, by the screening rules (screener.workspace.screening).

    Per current study: the stage outcome where decided — as ``stage_outcomes(ws, stage)`` gives
    it to the owner (the arbiter's newest resolution, else the first agreement of the votes
    needed, kept after later votes); otherwise include when any current vote is include or maybe
    (sensitivity first), exclude when all are exclude, no label without a current vote. The
    votes come from the same ``VoteBook`` snapshot as the outcomes (the one reader of votes), so
    a rule change there reaches the ranker without a second copy here. Priors fill in studies
    nobody has labelled yet.

    ``book``: a ``VoteBook`` the caller already read (the owner's view, ``viewer=None``, loaded
    with this stage), to save a second read of the votes; by default one is read here."""
    check_stage(stage)
    if book is None:
        book = VoteBook(ws, None, stages=(stage,))     # viewer None: the owner's unmasked view
    elif book.viewer is not None or stage not in book.stages:
        raise ValueError("stage_labels needs the owner's VoteBook (viewer=None) loaded with the stage")
    tracker = LabelTracker(stage)
    tracker.update(book, sorted(book.studies_with_events(stage) & current_studies(ws)))
    tracker.set_priors(current_priors(ws, stage))
    return tracker.snapshot()


def current_priors(ws: Workspace, stage: str) -> dict[int, str]:
    """Study id → 'relevant' / 'irrelevant': the latest prior per study, withdrawn ones left out."""
    rows = ws.db.execute(
        "SELECT p.study_id, p.prior FROM ranker_priors p WHERE p.stage = ? AND p.id ="
        " (SELECT max(q.id) FROM ranker_priors q WHERE q.study_id = p.study_id AND q.stage = p.stage)",
        (stage,)).fetchall()
    return {study_id: prior for study_id, prior in rows if prior != "withdrawn"}


def add_priors(ws: Workspace, study_ids: list[int], *, stage: str = "title_abstract", prior: str = "relevant",
               actor: str = "owner", note: str = "") -> dict[str, Any]:
    """Record studies known to be relevant (or irrelevant) before screening — e.g. the protocol's
    seed references — or withdraw earlier priors (``prior='withdrawn'``). They still go through
    screening; the ranker learns from them meanwhile."""
    check_stage(stage)
    if prior not in ("relevant", "irrelevant", "withdrawn"):
        raise UsageError(f"unknown prior {prior!r}; use relevant, irrelevant or withdrawn")
    study_ids = list(dict.fromkeys(study_ids))           # a study named twice counts once
    current = {row[0] for row in ws.db.execute("SELECT DISTINCT study_id FROM current_links")}
    missing = [s for s in study_ids if s not in current]
    if missing:
        raise NotFoundError(f"no study {', '.join(map(str, missing))} in this workspace "
                            f"(merged away or never imported); `screener export {shell_word(ws.path)} --format csv` "
                            "lists every study by its number")
    if prior == "withdrawn":
        without = [s for s in study_ids if s not in current_priors(ws, stage)]
        if without:
            raise UsageError(f"study {', '.join(map(str, without))} has no prior at {stage} to withdraw; "
                             f"nothing was changed")
    with ws.transaction() as conn:
        for study_id in study_ids:
            conn.execute("INSERT INTO ranker_priors (at, actor, study_id, stage, prior, note)"
                         " VALUES (?, ?, ?, ?, ?, ?)", (utcnow(), actor, study_id, stage, prior, note))
        ws.log_event("ranker_prior", actor, f"stage:{stage}",
                     {"studies": list(study_ids), "prior": prior, "note": note})
    return {"stage": stage, "prior": prior, "studies": list(study_ids),
            "priors": len(current_priors(ws, stage))}


