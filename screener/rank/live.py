"""The contract between the screening queue and the ranker, and its live implementation.

The queue calls ``rank_studies`` for the order of the studies a reviewer may screen next and stores
the returned ``state`` with each vote (what ordered the queue). Until the ranker has one include
and one exclude to learn from, the order is a seeded shuffle (cold start) — never file order.

Labels, per stage: the stage outcome where decided, taken from the screening rules
(``screener.workspace.screening.VoteBook``, the one reader of votes); otherwise include when any
screener's current vote is include or maybe (sensitivity first), exclude when all are exclude.
Features come from the studies' source records (title + abstract, plus keywords and MeSH when the
preset asks), computed once per set of studies and cached on disk in ``DIR/.ranker-cache/``.

Retraining never blocks a vote: votes are written by the queue without calling the ranker. When
the queue next asks for an order and the labels have changed, a model at most ``MAX_LAG`` labels
behind is used at once while a background thread retrains; a model further behind (or none) is
retrained before answering, which takes well under a second even for 10,000 studies.
"""

from __future__ import annotations

import atexit
import bisect
import functools
import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

MAX_LAG = 3          # votes the order may lag behind the labels while no retraining is under way
MAX_REST_S = 1.0     # the longest rest of the retraining worker between two trainings
SYNC_FEATURES_UP_TO = 3000   # studies: features for smaller reviews are built before answering (a few s)
CACHE_DIR = ".ranker-cache"


@dataclass
class RankedOrder:
    order: list[int]                                  # study ids, most likely relevant first
    state: dict[str, Any] = field(default_factory=dict)  # JSON-able: preset, model version, labels seen


# ---- labels -------------------------------------------------------------------------------------

@dataclass
class StageLabels:
    labels: dict[int, int]          # study id → 1 include / 0 exclude (votes, resolutions, priors)
    first_event: dict[int, tuple[int, int]]   # labelled by screening: (first vote id, last resolution id)
    one_vote: set[int]              # studies with exactly one current vote, undecided
    outcomes: dict[int, int] = field(default_factory=dict)   # decided studies: resolution or agreement

    @cached_property
    def screened_order(self) -> list[int]:
        """Studies labelled by screening in order of their first vote; a study only resolved counts last."""
        return [sid for _, _, sid in sorted((vote, resolution, sid)
                                            for sid, (vote, resolution) in self.first_event.items())]

    # Which tracker state these labels are (LabelTracker.snapshot), so that the labels changed
    # since another snapshot of the same tracker can be listed without comparing every label.
    origin: tuple | None = field(default=None, compare=False, repr=False)

    def changed_since(self, other: "StageLabels") -> int:
        """How many studies' labels differ from ``other``'s (added, changed or withdrawn)."""
        mine, theirs = self.labels, other.labels
        if mine is theirs:
            return 0
        if self.origin is not None and other.origin is not None and self.origin[:2] == other.origin[:2]:
            tracker = self.origin[0]
            since = tracker.changed_after(min(self.origin[2], other.origin[2]))
            return sum(1 for sid in since if mine.get(sid) != theirs.get(sid))
        return len(mine.items() - theirs.items()) + len(theirs.keys() - mine.keys())


_NEVER = 1 << 60


def _study_label(book, study_id: int, stage: str) -> tuple[int, bool, bool, tuple[int, int]] | None:
    """One study's label by the rules of ``stage_labels``: (label, decided, one vote, first event),
    or None when it has none (no current vote and no decision)."""
    from screener.workspace.screening import SAYS_INCLUDE

    resolutions = book.resolutions(study_id, stage)
    votes = book.votes(study_id, stage)
    if not votes and not resolutions and not book.votes(study_id, stage, history=True):
        return None
    outcome = book.outcome(study_id, stage)
    if outcome.decided:
        label, decided = (1 if outcome.decision == "include" else 0), True
    elif votes:
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
        self.__init__(self.stage)
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


def stage_labels(ws, stage: str, book=None) -> StageLabels:
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
    from screener.workspace.screening import VoteBook, check_stage, current_studies

    check_stage(stage)
    if book is None:
        book = VoteBook(ws, None, stages=(stage,))     # viewer None: the owner's unmasked view
    elif book.viewer is not None or stage not in book.stages:
        raise ValueError("stage_labels needs the owner's VoteBook (viewer=None) loaded with the stage")
    tracker = LabelTracker(stage)
    tracker.update(book, sorted(book.studies_with_events(stage) & current_studies(ws)))
    tracker.set_priors(current_priors(ws, stage))
    return tracker.snapshot()


def current_priors(ws, stage: str) -> dict[int, str]:
    """Study id → 'relevant' / 'irrelevant': the latest prior per study, withdrawn ones left out."""
    rows = ws.db.execute(
        "SELECT p.study_id, p.prior FROM ranker_priors p WHERE p.stage = ? AND p.id ="
        " (SELECT max(q.id) FROM ranker_priors q WHERE q.study_id = p.study_id AND q.stage = p.stage)",
        (stage,)).fetchall()
    return {study_id: prior for study_id, prior in rows if prior != "withdrawn"}


def add_priors(ws, study_ids: list[int], *, stage: str = "title_abstract", prior: str = "relevant",
               actor: str = "owner", note: str = "") -> dict[str, Any]:
    """Record studies known to be relevant (or irrelevant) before screening — e.g. the protocol's
    seed references — or withdraw earlier priors (``prior='withdrawn'``). They still go through
    screening; the ranker learns from them meanwhile."""
    from screener.errors import NotFoundError, UsageError
    from screener.workspace.db import utcnow

    if stage not in ("title_abstract", "full_text"):
        raise UsageError(f"unknown stage {stage!r}; use title_abstract or full_text")
    if prior not in ("relevant", "irrelevant", "withdrawn"):
        raise UsageError(f"unknown prior {prior!r}; use relevant, irrelevant or withdrawn")
    study_ids = list(dict.fromkeys(study_ids))           # a study named twice counts once
    current = {row[0] for row in ws.db.execute("SELECT DISTINCT study_id FROM current_links")}
    missing = [s for s in study_ids if s not in current]
    if missing:
        raise NotFoundError(f"no study {', '.join(map(str, missing))} in this workspace "
                            f"(merged away or never imported); see `screener status`")
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


# ---- documents ----------------------------------------------------------------------------------

def _pool_signature(ws) -> str:
    """Which studies the features are for: the workspace (its creation time, so that a workspace
    made again at the same path is not taken for the old one) and the newest study_links id
    (append-only: it changes with every membership change; a count would only add a scan)."""
    newest = ws.db.execute("SELECT coalesce(max(id), 0) FROM study_links").fetchone()[0]
    return f"{hashlib.sha1(ws.created_at.encode()).hexdigest()[:8]}-{newest}"


def _pool_docs(ws):
    """(study ids, Docs) of every current study: its source records' longest title and abstract,
    and the union of their keywords and MeSH descriptors."""
    from screener.rank.features import Doc

    rows = ws.db.execute(
        "SELECT c.study_id, s.record FROM current_links c JOIN source_records s"
        " ON s.id = c.source_record_id ORDER BY c.study_id, s.id").fetchall()
    docs: dict[int, Doc] = {}
    for study_id, record_json in rows:
        data = json.loads(record_json)
        doc = docs.setdefault(study_id, Doc())
        title = data.get("title") or ""
        abstract = data.get("abstract") or ""
        if len(title) > len(doc.title):
            doc.title = title
        if len(abstract) > len(doc.abstract):
            doc.abstract = abstract
        for keyword in data.get("keywords") or []:
            if keyword not in doc.keywords:
                doc.keywords.append(keyword)
        for heading in data.get("mesh") or []:
            descriptor = heading.get("descriptor") if isinstance(heading, dict) else str(heading)
            if descriptor and descriptor not in doc.mesh:
                doc.mesh.append(descriptor)
    ids = sorted(docs)
    return ids, [docs[i] for i in ids]


# ---- the live model -----------------------------------------------------------------------------

class LiveModel:
    """One review stage's ranker: cached features, the latest trained scores, a retraining thread."""

    def __init__(self, path: Path, stage: str, preset: str, seed: int):
        from screener.rank.ranker import Ranker

        self.path, self.stage, self.preset, self.seed = path, stage, preset, seed
        self.ranker = Ranker(preset, seed=seed)
        self.lock = threading.Lock()
        self.signature: str | None = None
        self.study_ids: list[int] = []
        self.index: dict[int, int] = {}
        self.scores = None               # fused scores of the latest model
        self.scored: StageLabels | None = None     # the labels the current scores were trained on
        self.tickets = 0                           # training requests, in order
        self.installed_ticket = 0
        self.thread: threading.Thread | None = None
        self.working = False                       # the background worker is running
        self.wanted: StageLabels | None = None     # labels waiting for the worker
        self.feature_thread: threading.Thread | None = None
        self.train_ms: float | None = None
        self.order_cache: tuple | None = None      # ((model ticket, pool), order): one sort per model
        self.last_order: tuple | None = None       # (pool signature, trained labels, order, trained on)

    # features ---------------------------------------------------------------------------------
    def ensure_features(self, ws, wait: bool = True) -> bool:
        """Features for the current studies: True when ready. From memory, else from the disk
        cache, else computed — at once with ``wait``, otherwise in a background thread (the
        caller serves the cold-start order meanwhile)."""
        signature = _pool_signature(ws)
        with self.lock:
            if signature == self.signature:
                return True
            building = self.feature_thread is not None and self.feature_thread.is_alive()
        if building:
            if not wait:
                return self.signature is not None   # serve the previous studies' model meanwhile
            self.feature_thread.join()
            return self.ensure_features(ws, wait)
        ids, docs = _pool_docs(ws)
        matrices = self._load_cache(signature, ids)
        if matrices is not None:
            self._install(signature, ids, matrices)
            return True
        if wait or len(ids) <= SYNC_FEATURES_UP_TO:
            self._build(signature, ids, docs)
            return True
        # Not a daemon: a short-lived process (one CLI command) finishes the features and writes
        # the cache before exiting, so the next command ranks at once.
        self.feature_thread = threading.Thread(target=self._build, args=(signature, ids, docs),
                                               daemon=False, name=f"ranker-features-{self.stage}")
        self.feature_thread.start()
        # New studies (an import during screening) go last until their features are ready.
        return self.signature is not None

    def _build(self, signature: str, ids: list[int], docs) -> None:
        from screener.rank.ranker import Ranker

        builder = Ranker(self.preset, seed=self.seed)
        builder.prepare(docs)
        self._save_cache(signature, ids, builder.matrices)
        self._install(signature, ids, builder.matrices)

    def _install(self, signature: str, ids: list[int], matrices) -> None:
        with self.lock:
            self.ranker.set_matrices(matrices)
            self.signature, self.study_ids = signature, ids
            self.index = {s: i for i, s in enumerate(ids)}
            self.scores, self.scored = None, None
            self.order_cache = None

    def _cache_file(self, signature: str, k: int) -> Path:
        return self.path / CACHE_DIR / f"features-{self.ranker.fingerprint()}-{signature}-{k}.npz"

    def _load_cache(self, signature: str, ids: list[int]):
        import numpy as np
        import scipy.sparse as sp

        matrices = []
        for k in range(len(self.ranker.members)):
            file = self._cache_file(signature, k)
            ids_file = file.with_suffix(".ids.npy")
            if not file.exists() or not ids_file.exists():
                return None
            try:
                if np.load(ids_file).tolist() != ids:
                    return None
                matrices.append(sp.load_npz(file).tocsr())
            except (OSError, ValueError):
                return None
        return matrices

    def _save_cache(self, signature: str, ids: list[int], matrices) -> None:
        import numpy as np
        import scipy.sparse as sp

        try:
            (self.path / CACHE_DIR).mkdir(exist_ok=True)
            for old in (self.path / CACHE_DIR).glob(f"features-{self.ranker.fingerprint()}-*"):
                old.unlink(missing_ok=True)
            for k, matrix in enumerate(matrices):
                file = self._cache_file(signature, k)
                sp.save_npz(file, matrix, compressed=False)
                np.save(file.with_suffix(".ids.npy"), np.asarray(ids, dtype=np.int64))
        except OSError:
            pass   # a read-only workspace still ranks; it only recomputes features next time

    # training ---------------------------------------------------------------------------------
    def _train(self, labels: StageLabels) -> None:
        import numpy as np

        from screener.rank.ranker import Ranker

        started = time.perf_counter()
        with self.lock:
            self.tickets += 1
            ticket = self.tickets
            signature, index, matrices = self.signature, self.index, self.ranker.matrices
        screened = set(labels.screened_order)
        in_order = [s for s in labels.labels if s not in screened] + labels.screened_order  # priors first
        pairs = [(index[s], labels.labels[s]) for s in in_order if s in index]
        idx = np.array([i for i, _ in pairs], dtype=np.int64)
        y = np.array([y for _, y in pairs], dtype=np.int64)
        ranker = Ranker(self.preset, seed=self.seed)   # a fresh model: the old one keeps serving
        ranker.set_matrices(matrices)
        if not ranker.train(idx, y):
            return
        scores = ranker.scores(np.arange(len(index)))
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            # A slower, older training never replaces a newer one; features may have changed.
            if ticket > self.installed_ticket and signature == self.signature:
                self.scores, self.scored = scores, labels
                self.installed_ticket = ticket
                self.train_ms = round(elapsed, 1)

    def lag(self, labels: StageLabels) -> int | None:
        """Labels the current scores have not seen (added, changed or withdrawn); None: no model."""
        with self.lock:
            if self.scores is None:
                return None
            seen = self.scored
        return labels.changed_since(seen)

    def _retrain_newest(self) -> None:
        """The background worker: train on the newest labels handed over, until none are waiting.
        Votes arriving while it trains are picked up by the next round, so under a stream of votes
        the model trails by about two training times and catches up as soon as the votes pause.

        After each training it rests as long as the training took: a stream of votes then keeps
        the ranker busy half the time at most, leaving the other half of a core to the requests
        themselves (on a two-core server, retraining back to back after every vote of three fast
        screeners used one core of the two and doubled the time a vote waited)."""
        while True:
            with self.lock:
                labels, self.wanted = self.wanted, None
                if labels is None:
                    self.working = False
                    return
            started = time.perf_counter()
            self._train(labels)
            time.sleep(min(time.perf_counter() - started, MAX_REST_S))

    def refresh(self, labels: StageLabels, *, background: bool | None = None) -> None:
        """Bring the model up to ``labels``. By default in the background worker; at once (the
        caller waits) when there is no model yet, or when it lags more than MAX_LAG labels and no
        retraining is under way to catch up. ``background`` True never waits when a model exists;
        False always brings it up to date before returning."""
        lag = self.lag(labels)
        if lag == 0:
            return
        with self.lock:
            working = self.working
        if background is None:
            background = lag is not None and (lag <= MAX_LAG or working)
        if not background:
            if self.thread is not None:
                self.thread.join()
            if self.lag(labels) != 0:
                self._train(labels)
            return
        with self.lock:
            self.wanted = labels
            if self.working:
                return              # the worker takes these labels when its training ends
            self.working = True
        self.thread = threading.Thread(target=self._retrain_newest, daemon=True, name=f"ranker-{self.stage}")
        self.thread.start()

    # the order a process leaves for the next ------------------------------------------------
    def _order_file(self, signature: str) -> Path:
        return self.path / CACHE_DIR / f"order-{self.stage}-{self.ranker.fingerprint()}-{signature}.json"

    def save_order(self) -> None:
        """Leave the latest order, and the labels its model was trained on, for the next process:
        a command-line `screener next` then answers without importing scikit-learn and
        retraining (3–4 s here) while its labels are within MAX_LAG of those (run at exit)."""
        with self.lock:
            latest = self.last_order
        if latest is None:
            return
        signature, labels, order, trained_on = latest
        try:
            folder = self.path / CACHE_DIR
            folder.mkdir(exist_ok=True)
            for old in folder.glob(f"order-{self.stage}-*.json"):
                old.unlink(missing_ok=True)
            target = self._order_file(signature)
            tmp = target.with_suffix(".tmp")
            tmp.write_text(json.dumps({"labels": labels, "order": order, "trained_on": trained_on}))
            tmp.replace(target)
        except OSError:
            pass    # a read-only workspace still ranks; the next process only trains again

    def saved_order(self, signature: str) -> tuple[dict[int, int], list[int], int] | None:
        try:
            data = json.loads(self._order_file(signature).read_text())
            return ({int(k): int(v) for k, v in data["labels"].items()}, [int(x) for x in data["order"]],
                    int(data["trained_on"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def record_config(self, ws) -> None:
        """Store this model's configuration under its fingerprint, once (m005 ranker_configs)."""
        if getattr(self, "_recorded", False):
            return
        from screener.workspace.db import utcnow

        with ws.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO ranker_configs (fingerprint, preset, config, first_used_at)"
                         " VALUES (?, ?, ?, ?)", (self.ranker.fingerprint(), self.preset,
                                                  json.dumps(self.ranker.config()), utcnow()))
        self._recorded = True

    def wait(self) -> None:
        for thread in (self.feature_thread, self.thread):
            if thread is not None:
                thread.join()


_MODELS: dict[tuple[str, str, str, int], LiveModel] = {}
_MODELS_LOCK = threading.Lock()


def live_model(ws, stage: str) -> LiveModel:
    key = (ws.key, stage, ws.settings.ranker_preset, int(ws.settings.ranker_seed))
    with _MODELS_LOCK:
        model = _MODELS.get(key)
        if model is None:
            model = _MODELS[key] = LiveModel(Path(ws.path), stage, ws.settings.ranker_preset,
                                             int(ws.settings.ranker_seed))
            atexit.register(model.save_order)
    return model


def _cold_start(ws, stage: str, study_ids: list[int], n_labels: int, n_includes: int) -> RankedOrder:
    seed = f"{ws.settings.ranker_seed}:{stage}"
    order = sorted(study_ids)
    random.Random(seed).shuffle(order)
    return RankedOrder(order, {"ranker": "cold-start", "seed": ws.settings.ranker_seed,
                               "labels": n_labels, "includes": n_includes})


def rank_studies(ws, stage: str, study_ids: list[int], *, background: bool | None = None,
                 book=None, labels: StageLabels | None = None) -> RankedOrder:
    """Order ``study_ids`` for ``stage``, most likely relevant first.

    Cold start (no include or no exclude yet): a shuffle seeded by the review's ranker seed and the
    stage, so that both screeners see the same order. Then the review's preset, trained on the
    stage's labels; the order lags the labels by at most ``MAX_LAG`` votes while no retraining is
    under way (``background=False`` forces an up-to-date model, ``True`` never waits when a model
    exists). ``labels``: the stage's labels if the caller keeps them current (the queue does);
    else ``book``, the owner's ``VoteBook`` if the caller has one (see ``stage_labels``)."""
    import numpy as np

    if labels is None:
        labels = stage_labels(ws, stage, book)
    n_includes = sum(labels.labels.values())
    if n_includes == 0 or n_includes == len(labels.labels):
        return _cold_start(ws, stage, study_ids, len(labels.labels), n_includes)
    model = live_model(ws, stage)
    if background is not False and model.signature is None:
        saved = _order_left_by_last_process(ws, model, stage, study_ids, labels, n_includes)
        if saved is not None:
            return saved
    if not model.ensure_features(ws, wait=background is False):
        cold = _cold_start(ws, stage, study_ids, len(labels.labels), n_includes)
        cold.state["warming_up"] = True     # features are being computed in the background
        return cold
    model.refresh(labels, background=background)
    model.record_config(ws)
    lag = model.lag(labels)
    with model.lock:
        scores, index, trained_on = model.scores, model.index, len(model.scored.labels) if model.scored else 0
        fingerprint, train_ms, ticket = model.ranker.fingerprint(), model.train_ms, model.installed_ticket
        cached = model.order_cache
    if scores is None:
        return _cold_start(ws, stage, study_ids, len(labels.labels), n_includes)
    pool_token = (len(study_ids), hash(tuple(study_ids)))
    if cached is not None and cached[0] == (ticket, pool_token):
        order = cached[1]
    else:
        known = [s for s in study_ids if s in index]
        unknown = sorted(s for s in study_ids if s not in index)   # imported after the features
        random.Random(f"{ws.settings.ranker_seed}:{stage}:new").shuffle(unknown)
        positions = np.array([index[s] for s in known], dtype=np.int64)
        # Ties and exploration resolved by a seed that depends on the model (the labels it was
        # trained on), so that screeners asking of the same model see the same order — and the
        # order, a 20,000-study sort, is computed once per model and pool, not once per request.
        rng = np.random.default_rng([int(ws.settings.ranker_seed), trained_on])
        ranked = model.ranker.querier.order(scores, positions, rng) if len(positions) else positions
        study_of = model.study_ids
        order = [study_of[i] for i in ranked.tolist()] + unknown
        with model.lock:
            if model.installed_ticket == ticket:
                model.order_cache = ((ticket, pool_token), order)
                model.last_order = (model.signature, {str(k): v for k, v in model.scored.labels.items()},
                                    order, trained_on)
    return RankedOrder(order, {"ranker": model.preset, "model": fingerprint,
                               "seed": int(ws.settings.ranker_seed), "labels": len(labels.labels),
                               "includes": n_includes, "trained_on": trained_on,
                               "lag": lag, "train_ms": train_ms})


def _order_left_by_last_process(ws, model: LiveModel, stage: str, study_ids: list[int], labels: StageLabels,
                                n_includes: int) -> RankedOrder | None:
    """The order an earlier process saved (``LiveModel.save_order``), if it is for these studies
    and its model's labels are within MAX_LAG of ``labels``; None otherwise."""
    saved = model.saved_order(_pool_signature(ws))
    if saved is None:
        return None
    trained, order, trained_on = saved
    lag = labels.changed_since(StageLabels(trained, {}, set()))
    if lag > MAX_LAG:
        return None
    wanted = set(study_ids)
    known = [s for s in order if s in wanted]
    listed = set(order)
    unknown = sorted(s for s in study_ids if s not in listed)
    random.Random(f"{ws.settings.ranker_seed}:{stage}:new").shuffle(unknown)
    return RankedOrder(known + unknown, {"ranker": model.preset, "model": model.ranker.fingerprint(),
                                         "seed": int(ws.settings.ranker_seed), "labels": len(labels.labels),
                                         "includes": n_includes, "trained_on": trained_on, "lag": lag,
                                         "train_ms": None, "order": "left by the previous process"})


# ---- stopping -----------------------------------------------------------------------------------

def stage_pool(ws, stage: str) -> set[int]:
    """The studies ``stage`` screens: every current study at title/abstract; at full text, those
    decided include at title/abstract (the arbiter's include, or the votes needed agreeing on
    include/maybe) and any that already have a full-text label."""
    from screener.workspace.queue_state import kept_state

    with kept_state(ws) as state:
        return _estimate_pool(state, stage, state.labels[stage].snapshot())


def _estimate_pool(state, stage: str, labels: StageLabels) -> set[int]:
    if stage == "title_abstract":
        return state.studies
    passed = {s for s, y in state.labels["title_abstract"].snapshot().outcomes.items() if y == 1}
    return (passed | set(labels.labels)) & state.studies


def stopping_estimate(ws, stage: str, viewer=None) -> dict[str, Any] | None:
    """Estimated recall so far with a confidence bound, as ``viewer`` may see it (None: the owner);
    None until the ranker can say anything (no include yet).

    The estimate applies to the studies of the stage that nobody has voted on; studies with one
    vote always get their second (the estimate never stops double screening). It counts every
    current vote, including the first vote on a study still waiting for its second: shown to a
    blinded screener, its counts would move when the other screener votes — a side channel into
    votes they must not see. So a blinded screener gets the same stopper run over decided studies
    only, in the order their screening began. Read from the queue's kept state: cheap enough to
    show after every vote."""
    from screener.workspace.queue_state import kept_state

    if stage not in ("title_abstract", "full_text"):
        from screener.errors import UsageError
        raise UsageError(f"unknown stage {stage!r}; use title_abstract or full_text")
    blind = viewer is not None and viewer.role == "screener" and ws.settings.blind
    with kept_state(ws) as state:
        labels = state.labels[stage].snapshot()
        _, at_stage = state.pool(stage)
        if blind:
            pool = at_stage
            sequence = [labels.outcomes[s] for s in labels.screened_order if s in labels.outcomes and s in pool]
        else:
            pool = _estimate_pool(state, stage, labels)
            sequence = [labels.labels[s] for s in labels.screened_order if s in pool]
    if not sequence or sum(sequence) == 0:
        return None
    estimate = dict(_estimate(tuple(sequence), len(pool), ws.settings.ranker_preset, int(ws.settings.ranker_seed)))
    estimate["stage"] = stage
    estimate["studies"] = len(pool)
    if blind:
        estimate["basis"] = "decided studies only (blind screening)"
    else:
        estimate["awaiting_second_vote"] = len(labels.one_vote & pool)
        estimate["basis"] = "every current vote"
    return estimate


@functools.lru_cache(maxsize=64)
def _estimate(sequence: tuple[int, ...], n_total: int, preset: str, seed: int) -> tuple:
    """The preset's stopper on a label sequence (buscar when the preset has none). Cached by the
    sequence itself: its hypergeometric bound costs ~90 ms at thousands of labels, and every
    blinded screener's page asks for the same one until another study is decided."""
    from screener.rank.ranker import Ranker, _spec
    from screener.rank.registry import build

    config = Ranker(preset, seed=seed).config()
    stopper = build("stopper", *_spec(config["stopper"], "stopper"))
    if stopper.name == "none":
        stopper = build("stopper", "buscar")
    return tuple(stopper.estimate(list(sequence), n_total).to_json().items())
