"""The workspace's side of ranking: the queue's order and the stopping estimate.

The workspace derives the labels (``screener.workspace.labels``) and the studies' documents and
hands them to the live ranker (``screener.rank.live``); what a blinded screener may see of the
stopping estimate is decided here, not in the ranker.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from screener.rank import live
from screener.rank.features import Doc
from screener.rank.live import LiveModel, RankedOrder, StageLabels
from screener.workspace.db import utcnow
from screener.workspace.labels import stage_labels
from screener.workspace.queue_state import kept_state
from screener.workspace.stages import check_stage

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def ranker_seed(ws: Workspace) -> int:
    """The review's ranker seed (review.toml's loader refuses one outside 0 … 2**32 − 1)."""
    return int(ws.settings.ranker_seed)


def live_model(ws: Workspace, stage: str) -> LiveModel:
    """The live model of this workspace's ``stage`` under its current preset and seed."""
    return live.model_for(ws.key, ws.path, stage, ws.settings.ranker_preset, ranker_seed(ws))


def rank_studies(ws: Workspace, stage: str, study_ids: list[int], *, background: bool | None = None,
                 book=None, labels: StageLabels | None = None) -> RankedOrder:
    """Order ``study_ids`` for ``stage``, most likely relevant first.

    Cold start (no include or no exclude yet): a shuffle seeded by the review's ranker seed and the
    stage, so that both screeners see the same order. Then the review's preset, trained on the
    stage's labels; the order lags the labels by at most ``MAX_LAG`` votes while no retraining is
    under way (``background=False`` forces an up-to-date model, ``True`` never waits when a model
    exists). ``labels``: the stage's labels if the caller keeps them current (the queue does);
    else ``book``, the owner's ``VoteBook`` if the caller has one (see ``stage_labels``)."""
    seed = ranker_seed(ws)
    if labels is None:
        labels = stage_labels(ws, stage, book)
    n_includes = sum(labels.labels.values())
    if n_includes == 0 or n_includes == len(labels.labels):
        return live.cold_start(seed, stage, study_ids, len(labels.labels), n_includes)
    model = live_model(ws, stage)
    return live.order_studies(model, study_ids, labels, seed=seed,
                              signature=_pool_signature(ws), documents=lambda: _pool_documents(ws),
                              background=background, on_ready=lambda m: _record_config(ws, m),
                              pool_ids=lambda: _pool_ids(ws))


def ready_features(ws: Workspace, stage: str) -> bool:
    """Build (or load from the disk cache) the features of the current studies now."""
    return live_model(ws, stage).ensure_features(_pool_signature(ws), lambda: _pool_documents(ws), wait=True,
                                                 pool_ids=lambda: _pool_ids(ws))


def _record_config(ws: Workspace, model: LiveModel) -> None:
    """Store the model's configuration under its fingerprint, once (m005 ranker_configs)."""
    if model.config_recorded:
        return

    with ws.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO ranker_configs (fingerprint, preset, config, first_used_at)"
                     " VALUES (?, ?, ?, ?)", (model.ranker.fingerprint(), model.preset,
                                              json.dumps(model.ranker.config()), utcnow()))
    model.config_recorded = True


# ---- documents ----------------------------------------------------------------------------------

def _pool_signature(ws: Workspace) -> str:
    """Which studies the features are for: the workspace (its creation time, so that a workspace
    made again at the same path is not taken for the old one) and the newest study_links id
    (append-only: it changes with every membership change; a count would only add a scan)."""
    newest = ws.db.execute("SELECT coalesce(max(id), 0) FROM study_links").fetchone()[0]
    return f"{hashlib.sha1(ws.created_at.encode()).hexdigest()[:8]}-{newest}"


def _pool_ids(ws: Workspace) -> list[int]:
    """The study ids ``_pool_documents`` gives, without reading the records (to check the ranker's
    feature cache)."""
    return [sid for (sid,) in ws.db.execute(
        "SELECT DISTINCT c.study_id FROM current_links c JOIN source_records s"
        " ON s.id = c.source_record_id ORDER BY c.study_id")]


def _pool_documents(ws: Workspace) -> Iterator[tuple[int, Doc]]:
    """(study id, Doc) of every current study in study id order: its source records' longest
    title and abstract, and the union of their keywords and MeSH descriptors. Read as it is
    consumed, through the consuming thread's connection (the ranker builds features in a
    background thread): one SELECT, so one snapshot of the workspace, and never every record in
    memory at once — at 200,000 studies the records and their Docs held together were over a GB."""
    current: int | None = None
    doc = Doc()
    for study_id, record_json in ws.db.execute(
            "SELECT c.study_id, s.record FROM current_links c JOIN source_records s"
            " ON s.id = c.source_record_id ORDER BY c.study_id, s.id"):
        if study_id != current:
            if current is not None:
                yield current, doc
            current, doc = study_id, Doc()
        data = json.loads(record_json)
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
    if current is not None:
        yield current, doc


# ---- stopping -----------------------------------------------------------------------------------

def stage_pool(ws: Workspace, stage: str) -> set[int]:
    """The studies ``stage`` screens: every current study at title/abstract; at full text, those
    decided include at title/abstract (the arbiter's include, or the votes needed agreeing on
    include/maybe) and any that already have a full-text label."""
    with kept_state(ws) as state:
        return _estimate_pool(state, stage, state.labels[stage].snapshot())


def _estimate_pool(state, stage: str, labels: StageLabels) -> set[int]:
    if stage == "title_abstract":
        return state.studies
    passed = {s for s, y in state.labels["title_abstract"].snapshot().outcomes.items() if y == 1}
    return (passed | set(labels.labels)) & state.studies


def stopping_estimate(ws: Workspace, stage: str, viewer=None) -> dict[str, Any] | None:
    """Estimated recall so far with a confidence bound, as ``viewer`` may see it (None: the owner);
    None until the ranker can say anything (no include yet).

    The estimate applies to the studies of the stage that nobody has voted on; studies with one
    vote always get their second (the estimate never stops double screening). It counts every
    current vote, including the first vote on a study still waiting for its second: shown to a
    blinded screener, its counts would move when the other screener votes — a side channel into
    votes they must not see. So a blinded screener gets the same stopper run over decided studies
    only, in the order their screening began. Read from the queue's kept state: cheap enough to
    show after every vote."""
    check_stage(stage)
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
    estimate = dict(live.estimate_recall(tuple(sequence), len(pool), ws.settings.ranker_preset, int(ws.settings.ranker_seed)))
    estimate["stage"] = stage
    estimate["studies"] = len(pool)
    if blind:
        estimate["basis"] = "decided studies only (blind screening)"
    else:
        estimate["awaiting_second_vote"] = len(labels.one_vote & pool)
        estimate["basis"] = "every current vote"
    return estimate


