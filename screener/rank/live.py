"""The live ranker of one review stage: cached features, the latest model, a retraining thread.

The workspace (``screener.workspace.ranking``) derives each stage's labels from the screening rules
and hands them over with the studies' documents; this module knows nothing of votes, leases or
blinding. Until the labels hold one include and one exclude the order is a seeded shuffle (cold
start) — never file order. Features are computed once per set of studies and cached on disk in
``DIR/.ranker-cache/``.

Retraining never blocks a vote: votes are written by the queue without calling the ranker. When
the queue next asks for an order and the labels have changed, a model at most ``MAX_LAG`` labels
behind is used at once while a background thread retrains; a model further behind (or none) is
retrained before answering, which takes well under a second even for 10,000 studies.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from screener.rank.features import Doc, feature_key
from screener.rank.ranker import Ranker, component_spec
from screener.rank.registry import build

MAX_LAG = 3          # votes the order may lag behind the labels while no retraining is under way
MAX_REST_S = 1.0     # the longest rest of the retraining worker between two trainings
MAX_RETRAIN_ATTEMPTS = 3   # a failing retraining is retried this often, then again at the next vote
RETRY_PAUSE_S = 0.5        # pause after a failed retraining (doubled after each further failure)

log = logging.getLogger("screener.rank")
SYNC_FEATURES_UP_TO = 3000   # studies: features for smaller reviews are built before answering (a few s)
CACHE_DIR = ".ranker-cache"


@dataclass
class RankedOrder:
    order: list[int]                                  # study ids, most likely relevant first
    state: dict[str, Any] = field(default_factory=dict)  # JSON-able: preset, model version, labels seen


# ---- labels, as the workspace hands them over --------------------------------------------------

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

    def changed_since(self, other: StageLabels) -> int:
        """How many studies' labels differ from ``other``'s (added, changed or withdrawn)."""
        mine, theirs = self.labels, other.labels
        if mine is theirs:
            return 0
        if self.origin is not None and other.origin is not None and self.origin[:2] == other.origin[:2]:
            tracker = self.origin[0]
            since = tracker.changed_after(min(self.origin[2], other.origin[2]))
            return sum(1 for sid in since if mine.get(sid) != theirs.get(sid))
        return len(mine.items() - theirs.items()) + len(theirs.keys() - mine.keys())


# ---- the live model -----------------------------------------------------------------------------

class LiveModel:
    """One review stage's ranker: cached features, the latest trained scores, a retraining thread."""

    def __init__(self, path: Path, stage: str, preset: str, seed: int):
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
        self.id_arrays: tuple = ()                 # (study id of each row, the same sorted, their rows)
        self.last_order: tuple | None = None       # (pool signature, trained labels, order, trained on)
        self.config_recorded = False               # the workspace stored config() under fingerprint()

    # features ---------------------------------------------------------------------------------
    def ensure_features(self, signature: str, documents: Callable[[], Iterable[tuple[int, Doc]]],
                        wait: bool = True, pool_ids: Callable[[], list[int]] | None = None) -> bool:
        """Features for the studies ``signature`` names: True when ready. From memory, else from
        the disk cache, else computed from ``documents()`` ((study id, Doc) pairs in study id
        order, which may be read lazily: they are consumed once, by the thread that builds) — at
        once with ``wait``, otherwise in a background thread (the caller serves the cold-start
        order meanwhile). ``pool_ids`` gives the study ids alone, to check the disk cache (and
        choose between building now and in the background) before any document is read."""
        with self.lock:
            if signature == self.signature:
                return True
            building = self.feature_thread is not None and self.feature_thread.is_alive()
        if building:
            if not wait:
                return self.signature is not None   # serve the previous studies' model meanwhile
            if self.feature_thread is not None:
                self.feature_thread.join()
            return self.ensure_features(signature, documents, wait, pool_ids)
        if pool_ids is not None:
            # the study ids alone (cheap) to check the disk cache; the documents only on a miss
            # (reading 200,000 studies' records to throw them away was ~1 GB of peak memory)
            ids = pool_ids()
            read = documents
        else:
            pairs = list(documents())
            ids = [study_id for study_id, _ in pairs]
            read = functools.partial(iter, pairs)
        matrices = self._load_cache(signature, ids)
        if matrices is not None:
            self._install(signature, ids, matrices)
            return True
        if wait or len(ids) <= SYNC_FEATURES_UP_TO:
            self._build(signature, read)
            return True
        # Not a daemon: a short-lived process (one CLI command) finishes the features and writes
        # the cache before exiting, so the next command ranks at once.
        # New studies (an import during screening) go last until their features are ready. Decided
        # before the thread starts: a small review's features can be ready before this returns,
        # and the caller must not then use a model it was told is warming up.
        serving = self.signature is not None
        self.feature_thread = threading.Thread(target=self._build, args=(signature, read),
                                               daemon=False, name=f"ranker-features-{self.stage}")
        self.feature_thread.start()
        return serving

    def _build(self, signature: str, documents: Callable[[], Iterable[tuple[int, Doc]]]) -> None:
        """Features of the studies ``documents()`` gives, read in this thread and tokenised as
        they come; the study ids are those read (the pool may have changed since ``pool_ids``)."""
        ids: list[int] = []

        def docs() -> Iterator[Doc]:
            for study_id, doc in documents():
                ids.append(study_id)
                yield doc

        builder = Ranker(self.preset, seed=self.seed)
        builder.prepare(docs())
        self._save_cache(signature, ids, builder.base_matrices())
        self._install(signature, ids, builder.matrices)

    def _install(self, signature: str, ids: list[int], matrices) -> None:
        import numpy as np  # lazy: numpy takes 0.06 s to load, and the queue loads this module for every command and page

        id_array = np.asarray(ids, dtype=np.int64)
        by_id = np.argsort(id_array, kind="stable")
        with self.lock:
            self.ranker.set_matrices(matrices)
            self.signature, self.study_ids = signature, ids
            self.index = {s: i for i, s in enumerate(ids)}
            # the rows' study ids as arrays, to place a pool of 200,000 studies without a dict lookup each
            self.id_arrays = (id_array, id_array[by_id], by_id)
            self.scores, self.scored = None, None
            self.order_cache = None

    def _cache_file(self, signature: str, key: str) -> Path:
        """One feature component's matrix, named by its settings (``feature_key``), so presets
        that share a view (ensemble-lite and ensemble: word and prefix n-grams) share the file."""
        return self.path / CACHE_DIR / f"features-{hashlib.sha1(key.encode()).hexdigest()[:12]}-{signature}.npz"

    def _load_cache(self, signature: str, ids: list[int]):
        """The members' matrices from the disk cache (one file per feature component, in the
        order of their ``feature_key``; views members are assembled from those), or None."""
        # lazy: numpy and scipy.sparse take 0.3 s to load, and the queue loads this module for every command and page
        import numpy as np
        import scipy.sparse as sp

        built = {}
        for key in self._cache_keys():
            file = self._cache_file(signature, key)
            ids_file = file.with_suffix(".ids.npy")
            if not file.exists() or not ids_file.exists():
                return None
            try:
                if np.load(ids_file).tolist() != ids:
                    return None
                built[key] = sp.load_npz(file).tocsr()
            except Exception as exc:   # truncated or damaged (BadZipFile, EOFError, ...): rebuilt
                log.warning("the ranker's feature cache %s is damaged (%s: %s); rebuilding it",
                            file.name, type(exc).__name__, exc)
                return None
        return self.ranker.assemble(built)

    def _cache_keys(self) -> list[str]:
        keys: set[str] = set()
        for features, _ in self.ranker.members:
            if hasattr(features, "views"):
                keys.update(feature_key(c) for w, c in zip(features.weights, features._components) if w)
            else:
                keys.add(feature_key(features))
        return sorted(keys)

    def _save_cache(self, signature: str, ids: list[int], built: dict) -> None:
        # lazy: numpy and scipy.sparse take 0.3 s to load, and the queue loads this module for every command and page
        import numpy as np
        import scipy.sparse as sp

        try:
            (self.path / CACHE_DIR).mkdir(exist_ok=True)
            for key in self._cache_keys():
                file = self._cache_file(signature, key)
                for old in file.parent.glob(file.name.replace(f"-{signature}.npz", "-*")):
                    old.unlink(missing_ok=True)      # this view's matrices for earlier studies
                sp.save_npz(file, built[key], compressed=False)
                np.save(file.with_suffix(".ids.npy"), np.asarray(ids, dtype=np.int64))
        except OSError:
            pass   # a read-only workspace still ranks; it only recomputes features next time

    # training ---------------------------------------------------------------------------------
    def _train(self, labels: StageLabels) -> None:
        import numpy as np  # lazy: numpy takes 0.06 s to load, and the queue loads this module for every command and page

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
        failures = 0
        try:
            while True:
                with self.lock:
                    labels, self.wanted = self.wanted, None
                    if labels is None:
                        self.working = False
                        return
                started = time.perf_counter()
                try:
                    self._train(labels)
                    failures = 0
                except Exception:
                    # Logged and retried with the newest labels (issue 21: one exception left
                    # `working` set and retraining stopped silently for the server's lifetime).
                    failures += 1
                    log.exception("ranker retraining (%s, %d labels) failed, attempt %d of %d",
                                  self.stage, len(labels.labels), failures, MAX_RETRAIN_ATTEMPTS)
                    with self.lock:
                        if self.wanted is None and failures < MAX_RETRAIN_ATTEMPTS:
                            self.wanted = labels
                    time.sleep(min(RETRY_PAUSE_S * 2 ** (failures - 1), MAX_REST_S * 10))
                    continue
                time.sleep(min(time.perf_counter() - started, MAX_REST_S))
        finally:
            with self.lock:
                # however the worker ends, the next refresh can start another
                if self.working and threading.current_thread() is self.thread:
                    self.working = False

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

    def wait(self) -> None:
        for thread in (self.feature_thread, self.thread):
            if thread is not None:
                thread.join()


_MODELS: dict[tuple[str, str, str, int], LiveModel] = {}
_MODELS_LOCK = threading.Lock()


def model_for(key: str, path: Path, stage: str, preset: str, seed: int) -> LiveModel:
    """The one live model of (workspace ``key``, stage, preset, seed) in this process."""
    with _MODELS_LOCK:
        model = _MODELS.get((key, stage, preset, seed))
        if model is None:
            model = _MODELS[(key, stage, preset, seed)] = LiveModel(Path(path), stage, preset, seed)
            atexit.register(model.save_order)
    return model


def cold_start(seed: int, stage: str, study_ids: list[int], n_labels: int, n_includes: int) -> RankedOrder:
    """A shuffle seeded by the review's ranker seed and the stage: both screeners see the same order."""
    order = sorted(study_ids)
    random.Random(f"{seed}:{stage}").shuffle(order)
    return RankedOrder(order, {"ranker": "cold-start", "seed": seed,
                               "labels": n_labels, "includes": n_includes})


def order_studies(model: LiveModel, study_ids: list[int], labels: StageLabels, *, seed: int, signature: str,
                  documents: Callable[[], Iterable[tuple[int, Doc]]], background: bool | None = None,
                  on_ready: Callable[[LiveModel], None] | None = None,
                  pool_ids: Callable[[], list[int]] | None = None) -> RankedOrder:
    """Order ``study_ids`` by ``model`` trained on ``labels`` (which hold an include and an exclude).

    ``signature`` names the studies whose features the model needs and ``documents`` reads them
    (only when the features are not cached). The order lags the labels by at most ``MAX_LAG``
    votes while no retraining is under way (``background=False`` forces an up-to-date model,
    ``True`` never waits when a model exists). ``on_ready`` is called once the model has features."""
    import numpy as np  # lazy: numpy takes 0.06 s to load, and the queue loads this module for every command and page

    stage = model.stage
    n_includes = sum(labels.labels.values())
    if background is not False and model.signature is None:
        saved = order_left_by_last_process(model, signature, seed, study_ids, labels, n_includes)
        if saved is not None:
            return saved
    if not model.ensure_features(signature, documents, wait=background is False, pool_ids=pool_ids):
        cold = cold_start(seed, stage, study_ids, len(labels.labels), n_includes)
        cold.state["warming_up"] = True     # features are being computed in the background
        return cold
    model.refresh(labels, background=background)
    if on_ready is not None:
        on_ready(model)
    lag = model.lag(labels)
    with model.lock:
        scores, id_arrays, trained_on = model.scores, model.id_arrays, len(model.scored.labels) if model.scored else 0
        fingerprint, train_ms, ticket = model.ranker.fingerprint(), model.train_ms, model.installed_ticket
        cached = model.order_cache
    if scores is None:
        return cold_start(seed, stage, study_ids, len(labels.labels), n_includes)
    pool_token = (len(study_ids), hash(tuple(study_ids)))
    if cached is not None and cached[0] == (ticket, pool_token):
        order = cached[1]
    else:
        # each study's row (``model.index``), for the whole pool at once
        row_study, sorted_ids, row_of_sorted = id_arrays
        wanted = np.fromiter(study_ids, dtype=np.int64, count=len(study_ids))
        at = np.minimum(np.searchsorted(sorted_ids, wanted), max(len(sorted_ids) - 1, 0))
        known = sorted_ids[at] == wanted if len(sorted_ids) else np.zeros(len(wanted), dtype=bool)
        positions = row_of_sorted[at[known]]          # in the order of ``study_ids``
        unknown = sorted(wanted[~known].tolist())     # imported after the features
        random.Random(f"{seed}:{stage}:new").shuffle(unknown)
        # Ties and exploration resolved by a seed that depends on the model (the labels it was
        # trained on), so that screeners asking of the same model see the same order — and the
        # order, a 20,000-study sort, is computed once per model and pool, not once per request.
        rng = np.random.default_rng([seed, trained_on])
        ranked = model.ranker.querier.order(scores, positions, rng) if len(positions) else positions
        order = row_study[ranked].tolist() + unknown
        with model.lock:
            # not when features were installed meanwhile (studies imported): the ticket stays, the
            # scores and their labels are gone until the next training, and the order is of old rows
            if model.installed_ticket == ticket and model.scores is scores:
                model.order_cache = ((ticket, pool_token), order)
                model.last_order = (model.signature, {str(k): v for k, v in model.scored.labels.items()},
                                    order, trained_on)
    return RankedOrder(order, {"ranker": model.preset, "model": fingerprint,
                               "seed": seed, "labels": len(labels.labels),
                               "includes": n_includes, "trained_on": trained_on,
                               "lag": lag, "train_ms": train_ms})


def order_left_by_last_process(model: LiveModel, signature: str, seed: int, study_ids: list[int],
                               labels: StageLabels, n_includes: int) -> RankedOrder | None:
    """The order an earlier process saved (``LiveModel.save_order``), if it is for these studies
    and its model's labels are within MAX_LAG of ``labels``; None otherwise."""
    saved = model.saved_order(signature)
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
    random.Random(f"{seed}:{model.stage}:new").shuffle(unknown)
    return RankedOrder(known + unknown, {"ranker": model.preset, "model": model.ranker.fingerprint(),
                                         "seed": seed, "labels": len(labels.labels),
                                         "includes": n_includes, "trained_on": trained_on, "lag": lag,
                                         "train_ms": None, "order": "left by the previous process"})


# ---- stopping -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def estimate_recall(sequence: tuple[int, ...], n_total: int, preset: str, seed: int) -> tuple:
    """The preset's stopper on a label sequence (buscar when the preset has none). Cached by the
    sequence itself: its hypergeometric bound costs ~90 ms at thousands of labels, and every
    blinded screener's page asks for the same one until another study is decided."""
    config = Ranker(preset, seed=seed).config()
    stopper = build("stopper", *component_spec(config["stopper"], "stopper"))
    if stopper.name == "none":
        stopper = build("stopper", "buscar")
    return tuple(stopper.estimate(list(sequence), n_total).to_json().items())
