"""The PRISMA 2020 flow diagram (databases only), with every count derived from the workspace.

``prisma_counts`` reads the events; ``render_svg`` draws them. The JSON and the diagram come from
the same ``PrismaCounts`` so they cannot disagree.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from screener.errors import UsageError
from screener.output import write_atomically
from screener.report.out_files import refuse_the_reviews_own_files, refuse_to_replace
from screener.workspace.bulk import team_excluded  # owners' bulk exclusions, counted apart
from screener.workspace.imports import list_imports, records_per_database
from screener.workspace.pubmed_searches import searches_as_imports
from screener.workspace.screening import screening_flow
from screener.workspace.studies import current_studies

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class PrismaCounts:
    records_per_database: dict[str, int] = field(default_factory=dict)
    records_identified: int = 0
    duplicates_removed: int = 0
    records_screened: int = 0
    records_excluded_by_team: int = 0        # an owner's exclusion before screening (never votes)
    records_excluded: int = 0
    records_awaiting_screening: int = 0
    reports_sought: int = 0
    reports_not_retrieved: int = 0
    reports_assessed: int = 0
    reports_excluded: dict[str, int] = field(default_factory=dict)   # reason -> n
    reports_awaiting_assessment: int = 0
    studies_included: int = 0
    notes: list[str] = field(default_factory=list)
    database_details: dict[str, str] = field(default_factory=dict)   # database -> "via Ovid, searched …"

    @property
    def reports_excluded_total(self) -> int:
        return sum(self.reports_excluded.values())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["reports_excluded_total"] = self.reports_excluded_total
        return data


def _current(ws: Workspace) -> set[int]:
    return current_studies(ws)


def _database_details(ws: Workspace) -> dict[str, str]:
    """``{database: "via Ovid, searched 2026-11-30"}``: where and when each database was searched, from
    its imports (and the PubMed searches run from screener). Where one database's searches say
    different things — two Web of Science exports, one with its platform and date, one without — each
    is said with its number of records, so that no search is given another's platform or date."""
    said: dict[str, dict[str, int]] = {}
    for item in list_imports(ws):
        if item["withdrawn"]:
            continue
        text = ", ".join(part for part in (item["platform"] and f"via {item['platform']}",
                                           item["searched_on"] and f"searched {item['searched_on']}") if part)
        per = said.setdefault(item["counted_as"], {})
        per[text] = per.get(text, 0) + item["records"]
    for search in searches_as_imports(ws):
        if search["records"]:
            text = f"via NCBI E-utilities, searched {str(search['at'] or '')[:10]}"
            per = said.setdefault(search["database"], {})
            per[text] = per.get(text, 0) + search["records"]
    details = {}
    for database, per in said.items():
        if list(per) == [""]:
            continue
        if len(per) == 1:
            details[database] = next(iter(per))
            continue
        details[database] = "; ".join(f"{text or 'platform and date not recorded'}: {n}" for text, n in per.items())
    return details


#: a front end's words for what gets the records of the imports given (by number) their database: said after
#: the note that they name none (': say which with `screener imports relabel` (import 3)', the Imports page's
#: button); without them the note ends there (the Python API's)
RelabelWords = Callable[[list[int]], str]


def prisma_counts(ws: Workspace, relabel: RelabelWords | None = None) -> PrismaCounts:
    """Identification from the source records; the screening half from the screening rules."""
    counts = PrismaCounts()

    # withdrawn imports left out, relabelled ones under the database the owner gave
    counts.records_per_database = records_per_database(ws)
    counts.database_details = _database_details(ws)
    counts.records_identified = sum(counts.records_per_database.values())
    flow = screening_flow(ws)
    counts.records_screened = flow["records_screened"]
    counts.duplicates_removed = counts.records_identified - counts.records_screened
    counts.records_excluded = flow["records_excluded"]
    team = len(team_excluded(ws) & _current(ws))
    counts.records_excluded_by_team = team
    counts.records_screened -= team
    counts.records_excluded -= team
    counts.records_awaiting_screening = flow["records_undecided"]
    counts.reports_sought = flow["reports_sought"]
    counts.reports_not_retrieved = flow["reports_not_retrieved"]
    counts.reports_assessed = flow["reports_assessed"]
    # Every reason the review allows is listed, in its order, even at zero; then any others.
    counts.reports_excluded = {reason: 0 for reason in ws.settings.exclusion_reasons}
    counts.reports_excluded.update(flow["reports_excluded_by_reason"])
    counts.reports_awaiting_assessment = flow["reports_undecided"]
    counts.studies_included = flow["studies_included"]

    if counts.records_identified == 0:
        counts.notes.append("No records yet: import exports or run a search, then screen.")
    if counts.records_per_database.get("unknown"):
        # (imported again, a file is refused as already imported: an import's database is relabelled)
        ids = [item["id"] for item in list_imports(ws)
               if item["counted_as"] == "unknown" and item["records"] and not item["withdrawn"]]
        counts.notes.append(f"{counts.records_per_database['unknown']} records do not say which database they "
                            f"came from (shown as 'unknown')" + (relabel(ids) if relabel else ""))
    if counts.records_awaiting_screening:
        n = counts.records_awaiting_screening
        counts.notes.append(f"{n} {'record still awaits' if n == 1 else 'records still await'} a title/abstract decision.")
    if counts.reports_awaiting_assessment:
        n = counts.reports_awaiting_assessment
        counts.notes.append(f"{n} {'report still awaits' if n == 1 else 'reports still await'} a full-text decision.")
    return counts


# ---- drawing ---------------------------------------------------------------------------------

_WIDTH, _BOX_W, _SIDE_W = 900, 340, 390
_LEFT_X, _RIGHT_X = 60, 490
_LINE_H, _PAD = 17, 10
_CHARS_PER_LINE = 44        # ~ what fits in 340 px at 13 px Helvetica
_SIDE_CHARS_PER_LINE = 58        # ~ what fits in 390 px
_TITLE_CHARS_PER_LINE = 88       # ~ what fits in 900 px at 16 px bold
_MIN_BAND_H = 96            # the rotated phase label must fit


def _wrap(text: str, width: int = _CHARS_PER_LINE) -> list[str]:
    """Greedy word wrap that never separates a count from its label's "(n = X)"."""
    text = text.replace(" (n = ", "\u00a0(n\u00a0=\u00a0")
    words, lines, current = text.split(" "), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return [line.replace("\u00a0", " ") for line in lines] or [""]


def _lines(items: list[tuple[str, bool]], width: int = _CHARS_PER_LINE) -> list[tuple[str, bool, bool]]:
    """(text, bold) items → wrapped lines (text, bold, indented)."""
    out = []
    for text, bold in items:
        indent = text.startswith("  ")
        for part in _wrap(text.strip(), width - (3 if indent else 0)):
            out.append((part, bold, indent))
    return out


def _box_height(lines: list) -> int:
    return 2 * _PAD + _LINE_H * len(lines)


class _Canvas:
    def __init__(self):
        self.parts: list[str] = []

    def box(self, x: int, y: int, w: int, lines: list[tuple[str, bool, bool]], css: str,
            height: int | None = None) -> int:
        h = max(height or 0, _box_height(lines))
        self.parts.append(f'<rect class="{css}" x="{x}" y="{y}" width="{w}" height="{h}" rx="4"/>')
        for i, (text, bold, indent) in enumerate(lines):
            ty = y + _PAD + _LINE_H * (i + 1) - 4
            tx = x + _PAD + (14 if indent else 0)
            weight = ' font-weight="bold"' if bold else ""
            self.parts.append(f'<text x="{tx}" y="{ty}"{weight}>{html.escape(text)}</text>')
        return h

    def arrow(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self.parts.append(f'<line class="arrow" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" marker-end="url(#head)"/>')

    def band(self, y: int, h: int, label: str) -> None:
        self.parts.append(f'<rect class="band" x="10" y="{y}" width="34" height="{h}" rx="4"/>')
        cx, cy = 27, y + h / 2
        self.parts.append(f'<text class="band-label" x="{cx}" y="{cy}" transform="rotate(-90 {cx} {cy})"'
                          f' text-anchor="middle" dominant-baseline="middle">{html.escape(label)}</text>')


def render_svg(counts: PrismaCounts, title: str = "") -> str:
    c = _Canvas()
    title_lines = _wrap(title, _TITLE_CHARS_PER_LINE) if title else []
    y = 30 + 20 * len(title_lines) if title else 20
    gap = 34

    # Identification
    ident_items = [(f"Records identified from databases (n = {counts.records_identified})", True)]
    ident_items += [(f"  {db}" + (f" {counts.database_details[db]}" if counts.database_details.get(db) else "")
                     + f" (n = {n})", False) for db, n in counts.records_per_database.items()]
    removed_items = [("Records removed before screening:", True),
                     (f"  Duplicate records removed (n = {counts.duplicates_removed})", False)]
    if counts.records_excluded_by_team:
        removed_items.append((f"  Excluded by the review team before screening "
                              f"(n = {counts.records_excluded_by_team})", False))
    ident_lines, removed_lines = _lines(ident_items), _lines(removed_items, _SIDE_CHARS_PER_LINE)
    row_h = max(_box_height(ident_lines), _box_height(removed_lines), _MIN_BAND_H)
    band_top = y
    c.box(_LEFT_X, y, _BOX_W, ident_lines, "box", row_h)
    c.box(_RIGHT_X, y, _SIDE_W, removed_lines, "box side", row_h)
    c.arrow(_LEFT_X + _BOX_W, y + row_h // 2, _RIGHT_X, y + row_h // 2)
    y += row_h
    c.band(band_top, row_h, "Identification")
    c.arrow(_LEFT_X + _BOX_W // 2, y, _LEFT_X + _BOX_W // 2, y + gap)
    y += gap

    # Screening: three rows
    band_top = y
    reasons = [(f"  {reason} (n = {n})", False) for reason, n in counts.reports_excluded.items()]
    rows = [
        ([(f"Records screened (n = {counts.records_screened})", True)],
         [(f"Records excluded (n = {counts.records_excluded})", True)]),
        ([(f"Reports sought for retrieval (n = {counts.reports_sought})", True)],
         [(f"Reports not retrieved (n = {counts.reports_not_retrieved})", True)]),
        ([(f"Reports assessed for eligibility (n = {counts.reports_assessed})", True)],
         [(f"Reports excluded (n = {counts.reports_excluded_total}):", True)] + reasons),
    ]
    for i, (left, right) in enumerate(rows):
        left_lines, right_lines = _lines(left), _lines(right, _SIDE_CHARS_PER_LINE)
        h = max(_box_height(left_lines), _box_height(right_lines))
        c.box(_LEFT_X, y, _BOX_W, left_lines, "box", h)
        c.box(_RIGHT_X, y, _SIDE_W, right_lines, "box side", h)
        c.arrow(_LEFT_X + _BOX_W, y + h // 2, _RIGHT_X, y + h // 2)
        y += h
        c.arrow(_LEFT_X + _BOX_W // 2, y, _LEFT_X + _BOX_W // 2, y + gap)
        if i < len(rows) - 1:
            y += gap
    c.band(band_top, y - band_top, "Screening")
    y += gap

    # Included
    band_top = y
    included = _lines([(f"Studies included in review (n = {counts.studies_included})", True)])
    h = c.box(_LEFT_X, y, _BOX_W, included, "box included", _MIN_BAND_H)
    c.band(band_top, h, "Included")
    y += h + 16
    for note in counts.notes:
        for part in _wrap(note, 110):
            c.parts.append(f'<text class="note" x="{_LEFT_X}" y="{y + 12}">{html.escape(part)}</text>')
            y += 16
    height = y + 20

    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}"'
        f' viewBox="0 0 {_WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">',
        "<title>PRISMA 2020 flow diagram</title>",
        "<defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\">"
        "<path d=\"M0,0 L10,4 L0,8 z\" fill=\"#333\"/></marker></defs>",
        "<style>.box{fill:#fff;stroke:#333;stroke-width:1.2}.side{fill:#f7f7f7}"
        ".included{fill:#eef6ee}.band{fill:#cfe0f3;stroke:#5b84b1}.band-label{font-weight:bold;fill:#1f3b5a}"
        ".arrow{stroke:#333;stroke-width:1.2}.note{fill:#555;font-style:italic}"
        "text{fill:#111}</style>",
        f'<rect x="0" y="0" width="{_WIDTH}" height="{height}" fill="#fff"/>',
    ]
    for i, line in enumerate(title_lines):     # a long title wraps instead of running off both edges
        head.append(f'<text x="{_WIDTH // 2}" y="{30 + 20 * i}" text-anchor="middle" font-size="16" '
                    f'font-weight="bold">{html.escape(line)}</text>')
    return "\n".join(head + c.parts + ["</svg>"]) + "\n"


_CHROMIUM_SECONDS = 60


def svg_to_png(svg_path: Path, png_path: Path) -> None:
    """Rasterise with headless Chromium (Debian's chromium); a clear error when it is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        raise UsageError("--png needs Chromium to rasterise the SVG (apt-get install chromium); "
                         "the SVG was written and prints as is")
    text = svg_path.read_text(encoding="utf-8")

    m = re.search(r'width="(\d+)" height="(\d+)"', text)
    width, height = (int(m.group(1)), int(m.group(2))) if m else (_WIDTH, 1000)
    png_path.unlink(missing_ok=True)   # so an earlier run's PNG is never taken for this one's
    with tempfile.TemporaryDirectory() as profile:
        try:
            result = subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={png_path.resolve()}",
                 svg_path.resolve().as_uri()],
                capture_output=True, text=True, timeout=_CHROMIUM_SECONDS)
        except subprocess.TimeoutExpired:
            raise UsageError(f"Chromium did not rasterise {svg_path} within {_CHROMIUM_SECONDS} s; the SVG "
                             "was written and prints as is") from None
    if result.returncode != 0 or not png_path.exists():
        raise UsageError(f"Chromium could not rasterise {svg_path}: {result.stderr.strip()[-200:]}")


def write_prisma(ws: Workspace, out: Path, png: bool = False, overwrite: bool = False,
                 relabel: RelabelWords | None = None) -> PrismaCounts:
    """The diagram as SVG at ``out`` (and a PNG beside it with ``png``); a file already there is
    refused unless ``overwrite`` (a diagram edited by hand for the paper). ``relabel``: prisma_counts'."""
    out = Path(out)
    if out.suffix.lower() != ".svg":
        raise UsageError(f"--out {out}: give a file name ending in .svg (add --png for a PNG beside it)")
    refuse_the_reviews_own_files(ws, out, "diagram")      # --force or not
    if png:         # (a new diagram beside an attached full text figure.png)
        refuse_the_reviews_own_files(ws, out.with_suffix(".png"), "diagram", option="--png")
    if not overwrite:
        refuse_to_replace(out)
        beside = out.with_suffix(".png")
        if png and (beside.is_file() or beside.is_symlink()):
            raise UsageError(f"--out {out}: {beside} is already there (--png writes it); give --force to "
                             "replace it, or another --out name")
    counts = prisma_counts(ws, relabel)
    write_atomically(out, render_svg(counts, ws.settings.title))
    if png:
        svg_to_png(out, out.with_suffix(".png"))
    log.info("PRISMA flow diagram written to %s%s", out, " (and .png)" if png else "")
    return counts
