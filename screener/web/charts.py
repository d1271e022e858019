"""Pictures drawn on the server as SVG (no JavaScript charting library): the recall curve with the
stopping estimate's bound, each reviewer's pace (votes per day) and agreement over time.

The numbers come from the queue's kept book as the viewer may see it (a blinded screener's recall
curve counts decided studies only and their pace is their own; agreement is not drawn for them).
SVG presentation attributes only: the pages' Content-Security-Policy refuses inline styles.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from screener.workspace.queue_state import kept_state
from screener.workspace.reviewers import Reviewer, display_names

W, H = 360, 190
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 34
COLOURS = ("#2457a6", "#b3261e", "#1f7a3a", "#9a6700", "#6a3fa0", "#00838f")
SAYS_INCLUDE = ("include", "maybe")


def _ticks(high: float, n: int = 4) -> list[float]:
    if high <= 0:
        return [0.0]
    raw = high / n
    step = next(s * 10 ** e for e in range(0, 9) for s in (1, 2, 5) if s * 10 ** e >= raw)
    return [i * step for i in range(int(high // step) + 1)]


def line_chart(title: str, series: list[tuple[str, list[tuple[float, float]]]], *, x_label: str, y_label: str,
               x_max: float | None = None, y_max: float | None = None,
               guides: Sequence[tuple[str, float]] = (), y_percent: bool = False, chart_id: str = "") -> str:
    """An SVG line chart: ``series`` [(name, [(x, y)])], ``guides`` dashed horizontal lines [(label, y)]."""
    guides = list(guides)
    xs = [x for _, points in series for x, _ in points] or [1]
    ys = [y for _, points in series for _, y in points] + [y for _, y in guides] or [1]
    x_hi = max(x_max or 0, max(xs), 1)
    y_hi = y_max if y_max is not None else max(max(ys) * (1.15 if guides else 1.0), 1)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + pw * x / x_hi

    def py(y: float) -> float:
        return TOP + ph * (1 - y / y_hi)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" class="chart"'
           f'{f" id={chr(34)}{chart_id}{chr(34)}" if chart_id else ""} aria-label="{html.escape(title)}">',
           f'<title>{html.escape(title)}</title>',
           f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="#fbfcfd" stroke="#d9dee5"/>']
    for t in _ticks(y_hi):
        label = f"{t * 100:.0f}%" if y_percent else f"{t:g}"
        out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{py(t):.1f}" y2="{py(t):.1f}" stroke="#eef1f5"/>'
                   f'<text x="{LEFT - 4}" y="{py(t) + 3:.1f}" font-size="9" text-anchor="end" fill="#5b6472">{label}</text>')
    for t in _ticks(x_hi):
        out.append(f'<text x="{px(t):.1f}" y="{TOP + ph + 11}" font-size="9" text-anchor="middle" fill="#5b6472">{t:g}</text>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 4}" font-size="10" text-anchor="middle" fill="#5b6472">'
               f'{html.escape(x_label)}</text>')
    out.append(f'<text x="10" y="{TOP + ph / 2}" font-size="10" text-anchor="middle" fill="#5b6472"'
               f' transform="rotate(-90 10 {TOP + ph / 2})">{html.escape(y_label)}</text>')
    for i, (label, y) in enumerate(sorted(guides, key=lambda g: -g[1])):
        # the higher line's label above it (right), the lower one's below it (left): never on each other
        ty, anchor, tx = (py(y) - 3, "end", LEFT + pw - 2) if i == 0 else (py(y) + 10, "start", LEFT + 60)
        out.append(f'<line class="guide" x1="{LEFT}" x2="{LEFT + pw}" y1="{py(y):.1f}" y2="{py(y):.1f}"'
                   f' stroke="#9a6700" stroke-dasharray="4 3"/><text x="{tx}" y="{ty:.1f}"'
                   f' font-size="9" text-anchor="{anchor}" fill="#9a6700">{html.escape(label)}</text>')
    for i, (name, points) in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        if points:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
            out.append(f'<polyline class="series" data-name="{html.escape(name)}" points="{path}" fill="none"'
                       f' stroke="{colour}" stroke-width="1.8"/>')
            if len(points) <= 40:         # few points (a few days of pace): mark each one
                out.extend(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.2" fill="{colour}"/>' for x, y in points)
        out.append(f'<text x="{LEFT + 6}" y="{TOP + 12 + 11 * i}" font-size="9" fill="{colour}">{html.escape(name)}</text>')
    if not any(points for _, points in series):
        out.append(f'<text x="{LEFT + pw / 2}" y="{TOP + ph / 2}" font-size="11" text-anchor="middle"'
                   f' fill="#5b6472">nothing to draw yet</text>')
    out.append("</svg>")
    return "".join(out)


def bar_chart(title: str, categories: list[str], series: list[tuple[str, list[float]]], *, x_label: str,
              y_label: str, chart_id: str = "") -> str:
    """Grouped bars: one group per category (a day), one bar per series (a reviewer)."""
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    y_hi = max([max(values, default=0) for _, values in series] + [1])
    shown = categories[-14:]                     # the last two weeks
    offset = len(categories) - len(shown)
    group = pw / max(len(shown), 1)
    bar = max(min(group * 0.8 / max(len(series), 1), 18), 1.5)

    def py(y: float) -> float:
        return TOP + ph * (1 - y / y_hi)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" class="chart"'
           f'{f" id={chr(34)}{chart_id}{chr(34)}" if chart_id else ""} aria-label="{html.escape(title)}">',
           f'<title>{html.escape(title)}</title>',
           f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="#fbfcfd" stroke="#d9dee5"/>']
    for t in _ticks(y_hi):
        out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{py(t):.1f}" y2="{py(t):.1f}" stroke="#eef1f5"/>'
                   f'<text x="{LEFT - 4}" y="{py(t) + 3:.1f}" font-size="9" text-anchor="end" fill="#5b6472">{t:g}</text>')
    for i, day in enumerate(shown):
        centre = LEFT + group * (i + 0.5)
        if len(shown) <= 7 or i % 2 == 0:
            out.append(f'<text x="{centre:.1f}" y="{TOP + ph + 11}" font-size="9" text-anchor="middle"'
                       f' fill="#5b6472">{html.escape(day[5:])}</text>')
        for j, (name, values) in enumerate(series):
            value = values[offset + i]
            if value:
                x = centre - bar * len(series) / 2 + bar * j
                out.append(f'<rect class="bar" data-name="{html.escape(name)}" x="{x:.1f}" y="{py(value):.1f}"'
                           f' width="{bar - 1:.1f}" height="{TOP + ph - py(value):.1f}" fill="{COLOURS[j % len(COLOURS)]}">'
                           f'<title>{html.escape(name)}, {html.escape(day)}: {value:g}</title></rect>')
    for j, (name, _) in enumerate(series):
        out.append(f'<text x="{LEFT + 6}" y="{TOP + 12 + 11 * j}" font-size="9" fill="{COLOURS[j % len(COLOURS)]}">'
                   f'{html.escape(name)}</text>')
    if not series:
        out.append(f'<text x="{LEFT + pw / 2}" y="{TOP + ph / 2}" font-size="11" text-anchor="middle"'
                   f' fill="#5b6472">nothing to draw yet</text>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 4}" font-size="10" text-anchor="middle" fill="#5b6472">'
               f'{html.escape(x_label)}</text>')
    out.append(f'<text x="10" y="{TOP + ph / 2}" font-size="10" text-anchor="middle" fill="#5b6472"'
               f' transform="rotate(-90 10 {TOP + ph / 2})">{html.escape(y_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def chart_data(ws, viewer: Reviewer | None, stage: str) -> dict[str, Any]:
    """The numbers behind the three charts, as ``viewer`` may see them."""
    blind = viewer is not None and viewer.role == "screener" and ws.settings.blind
    with kept_state(ws) as state:
        book = state.view(viewer)
        pool_size = len(state.pool(stage)[1])
        firsts: list[tuple[str, bool]] = []
        per_day: dict[str, Counter] = defaultdict(Counter)
        pairs: list[tuple[str, bool]] = []
        for sid in sorted(book.studies_with_events(stage)):
            history = [e for e in book.votes(sid, stage, history=True)]
            if not history:
                continue
            outcome = book.outcome(sid, stage)
            firsts.append((min(e.at for e in history), outcome.status == "include"))
            for e in history:
                if e.vote != "retract" and (not blind or (viewer is not None and e.reviewer_id == viewer.id)):
                    per_day[e.reviewer][e.at[:10]] += 1
            if not blind:
                current = sorted(book.votes(sid, stage), key=lambda e: e.id)
                if len(current) >= 2:
                    a, b = current[0], current[1]
                    pairs.append((b.at, (a.vote in SAYS_INCLUDE) == (b.vote in SAYS_INCLUDE)))
    firsts.sort()
    recall, found = ([(0.0, 0.0)] if firsts else []), 0        # no vote yet: nothing to draw, not a dot at 0,0
    for i, (_, relevant) in enumerate(firsts, start=1):
        found += relevant
        recall.append((float(i), float(found)))
    agreement, agreed = [], 0
    for i, (_, same) in enumerate(sorted(pairs), start=1):
        agreed += same
        agreement.append((float(i), agreed / i))
    return {"pool": pool_size, "recall": recall, "pace": {name: sorted(days.items()) for name, days in per_day.items()},
            "agreement": agreement, "blind": blind}


def charts(ws, viewer: Reviewer | None, stage: str, estimate: dict | None) -> dict[str, str]:
    """SVG of the recall curve, the pace and (not for a blinded screener) agreement at ``stage``."""
    data = chart_data(ws, viewer, stage)
    guides = []
    if estimate and estimate.get("relevant_found") and estimate.get("recall_lower_bound"):
        bound = estimate["relevant_found"] / max(estimate["recall_lower_bound"], 1e-9)
        guides.append((f"at most {bound:.0f} relevant (stopping estimate's bound)", bound))
    if estimate and estimate.get("relevant_found") and estimate.get("recall_estimate"):
        expected = estimate["relevant_found"] / max(estimate["recall_estimate"], 1e-9)
        guides.append((f"about {expected:.0f} relevant expected", expected))
    out = {"recall": line_chart("Recall curve: relevant found as studies are screened", [("included", data["recall"])],
                                x_label=f"studies screened (of {data['pool']})" if data["pool"] else "studies screened",
                                y_label="relevant found",
                                x_max=data["pool"], guides=guides, chart_id=f"chart-recall-{stage}")}
    days = sorted({day for points in data["pace"].values() for day, _ in points})
    shown_as = display_names(ws)          # the legend names people as every page does, not by sign-in name
    pace = [(shown_as.get(name, name), [float(dict(points).get(day, 0)) for day in days])
            for name, points in sorted(data["pace"].items())]
    span = f"{days[0]} to {days[-1]}" if len(days) > 1 else (days[0] if days else "")
    out["pace"] = bar_chart("Votes per day, per reviewer", days, pace, x_label=f"day, UTC ({span})".replace(" ()", ""),
                            y_label="votes", chart_id=f"chart-pace-{stage}")
    if not data["blind"]:
        out["agreement"] = line_chart("Agreement over time: share of double-screened studies where the two "
                                      "votes agree", [("observed agreement", data["agreement"])],
                                      x_label="studies with two votes, in order", y_label="agreement",
                                      y_max=1.0, y_percent=True, chart_id=f"chart-agreement-{stage}")
    return out

