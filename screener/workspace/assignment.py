"""Which screeners screen a study, when a blinded review has more screeners than a study needs votes.

With first-come screening, a third screener could tell that two others hold a study (it was never
served to them, or a vote on it was refused with "already has the 2 reviewers it needs"), and a
held study that stays undecided is in conflict (issue 21). So, under blind mode with more screeners
(role ``screener``) than ``votes_needed``, every study is assigned in advance to ``votes_needed``
screeners, chosen by rendezvous hashing: the screeners with the highest hash of (stage, study,
screener id). A screener is given, counted and allowed to vote on their own studies only, and
"not yours" never depends on anyone's vote: the assignment is a function of the roster alone.

A screener whose sign-in the owner revoked leaves the roster: their studies pass to the others,
except those they voted on. A screener who already voted on a study keeps it ("pinned") if a
screener added later would outrank them (or if they were revoked): the only way an assignment
can depend on a vote, and only for a study voted on before the roster changed (see the README's
Blinding section). Adding a screener moves to them about 1/(screeners) of each other screener's
studies (rendezvous hashing moves no others).
Owners are not on the roster: they see everything and may vote on any study as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from screener.workspace.settings import STAGES

if TYPE_CHECKING:
    from screener.workspace.votebook import VoteBook
    from screener.workspace.workspace import Workspace

ROSTER_ROLE = "screener"
# The hash depends on the stage, the study and the screener's id only: a copied or moved workspace
# keeps its assignment. It is not a secret: knowing it tells a screener who shares a study with
# them, never how anyone voted.
SALT = "screener assignment 1"


def roster(ws: Workspace) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(the screeners studies are assigned among — those whose sign-in is not revoked —, every
    screener): ids. A revoked screener's studies pass to the others, except those they voted on."""
    everyone = tuple(row[0] for row in ws.db.execute("SELECT id FROM reviewers WHERE role = ? ORDER BY id",
                                                     (ROSTER_ROLE,)))
    revoked: set[str] = set()
    for kind, subject in ws.db.execute(
            "SELECT kind, subject FROM events WHERE kind IN ('token_mint', 'reviewer_revoke') ORDER BY id"):
        name = subject.split(":", 1)[1] if subject and subject.startswith("reviewer:") else None
        if name is not None:
            (revoked.add if kind == "reviewer_revoke" else revoked.discard)(name)
    if not revoked:
        return everyone, everyone
    names = dict(ws.db.execute("SELECT id, name FROM reviewers").fetchall())
    return tuple(rid for rid in everyone if names[rid] not in revoked), everyone


class Assignment:
    """The assignment of one stage's studies among ``screeners`` (ids), ``needed`` per study.

    ``active`` is False when there are no more screeners than a study needs (every screener is
    then given every study, as before, and nothing here applies)."""

    def __init__(self, salt: str, stage: str, screeners: Iterable[int], needed: int, blind: bool,
                 everyone: Iterable[int] | None = None):
        self.salt, self.stage, self.needed = salt, stage, needed
        self.screeners = tuple(sorted(screeners))
        self.active = blind and len(self.screeners) > needed
        # every screener, revoked ones too: their votes keep their studies, and they may vote on
        # nothing else
        self.everyone = frozenset(self.screeners if everyone is None else everyone)
        self._base: dict[int, frozenset[int]] = {}
        self._by_reviewer: dict[int, set[int]] = {rid: set() for rid in self.screeners}
        self._pinned: set[int] | None = None

    def _ranked(self, study_id: int, among: Iterable[int] | None = None) -> tuple[int, ...]:
        prefix = f"{self.salt}\x1f{self.stage}\x1f{study_id}\x1f".encode()
        return tuple(sorted(self.screeners if among is None else among, key=lambda rid: (
            hashlib.blake2b(prefix + str(rid).encode(), digest_size=8).digest(), rid), reverse=True))

    def base(self, study_id: int) -> frozenset[int]:
        """The ``needed`` screeners with the highest hashes for the study (roster alone)."""
        chosen = self._base.get(study_id)
        if chosen is None:
            chosen = self._base[study_id] = frozenset(self._ranked(study_id)[:self.needed])
            for rid in chosen:
                self._by_reviewer[rid].add(study_id)
        return chosen

    def cover(self, studies: set[int]) -> None:
        """Hash every study of ``studies`` not hashed yet (the server does it before its first
        request: 20,000 studies and three screeners take a few tenths of a second)."""
        for sid in studies.difference(self._base):
            self.base(sid)

    def remaining(self, reviewer_id: int, pool: set[int], closed: set[int], voted: set[int], book: VoteBook) -> int:
        """How many studies of ``pool`` are the reviewer's, not closed and not voted on by them —
        with set operations over their own studies: the work does not walk the others' votes."""
        self.cover(pool)
        candidates = (self._by_reviewer.get(reviewer_id, set()) & pool) - closed - voted
        count = len(candidates)
        # pinned studies (the roster changed after votes were cast): there the assignment is not
        # the base one. Found once per roster: under a roster, every vote row a screener adds is on
        # a study already theirs, so no vote makes a new pin (owners are not on the roster)
        for sid in candidates & self.pinned(book):
            if not self.assigned_to(reviewer_id, sid, book):
                count -= 1
        for sid in book.studies_with_rows_of(reviewer_id, self.stage) - candidates:
            if sid in pool and sid not in closed and sid not in voted and self.assigned_to(reviewer_id, sid, book):
                count += 1
        return count

    def of(self, study_id: int, voters: frozenset[int] = frozenset()) -> frozenset[int]:
        """The screeners the study is assigned to; ``voters``: everyone with a vote row on it at
        the stage (those on the roster keep it)."""
        chosen = self.base(study_id)
        if voters <= chosen or not (voters - chosen) & self.everyone:
            return chosen
        keep = list(self._ranked(study_id, voters & self.everyone))[:self.needed]
        return frozenset(keep + [rid for rid in self._ranked(study_id) if rid not in keep][:self.needed - len(keep)])

    def pinned(self, book: VoteBook) -> set[int]:
        """The studies whose assignment is not the base one (``book``: every study's votes)."""
        if self._pinned is not None:
            return self._pinned
        pinned = {sid for sid in book.studies_with_vote_rows(self.stage)
                  if not (book.voters_on(sid, self.stage) & self.everyone) <= self.base(sid)}
        if book.whole:
            self._pinned = pinned
        return pinned

    def assigned_to(self, reviewer_id: int, study_id: int, book: VoteBook) -> bool:
        return reviewer_id in self.of(study_id, book.voters_on(study_id, self.stage))


def assignment(ws: Workspace, stage: str) -> Assignment:
    """The stage's assignment for the roster as it is now."""
    if stage not in STAGES:
        raise ValueError(stage)
    active, everyone = roster(ws)
    # the workspace's identity (a workspace made again at the same path is another one)
    return _cached(f"{ws.key}\x1f{ws.created_at}", stage, active, everyone, ws.settings.stages[stage].votes_needed,
                   ws.settings.blind)


_CACHE: dict[tuple, Assignment] = {}


def _cached(workspace_key: str, stage: str, screeners: tuple[int, ...], everyone: tuple[int, ...], needed: int,
            blind: bool) -> Assignment:
    key = (workspace_key, stage, screeners, everyone, needed, blind)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        found = _CACHE[key] = Assignment(SALT, stage, screeners, needed, blind, everyone)
    return found


def applies_to(a: Assignment, reviewer_id: int) -> bool:
    """Whether ``reviewer_id`` is screened by assignment (a screener — revoked or not —, with
    assignment active)."""
    return a.active and reviewer_id in a.everyone
