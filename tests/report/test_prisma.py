"""The PRISMA 2020 diagram shows exactly the seed review's numbers, each beside its label."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import seed_review  # noqa: E402

from screener.cli.main import run  # noqa: E402
from screener.report.prisma import prisma_counts, render_svg, write_prisma  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed_workspace(tmp_path_factory):
    ws, expected = seed_review.build(tmp_path_factory.mktemp("seed") / "data")
    yield ws, expected
    ws.close()


def svg_texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_counts_follow_the_seed(seed_workspace):
    ws, e = seed_workspace
    c = prisma_counts(ws)
    assert c.records_per_database == {"MEDLINE": e["MEDLINE"], "Embase": e["Embase"]}
    assert c.records_identified == e["identified"]
    assert c.duplicates_removed == e["duplicates"]
    assert c.records_screened == e["screened"]
    assert c.records_excluded == e["ta_excluded"]
    assert c.reports_sought == e["sought"]
    assert c.reports_not_retrieved == e["not_retrieved"]
    assert c.reports_assessed == e["assessed"]
    assert c.reports_excluded == {r: e[r] for r in ws.settings.exclusion_reasons}
    assert c.reports_excluded_total == e["ft_excluded"]
    assert c.studies_included == e["included"]
    assert c.notes == []


def test_svg_shows_every_number_beside_its_label(seed_workspace, tmp_path):
    ws, e = seed_workspace
    out = tmp_path / "prisma.svg"
    write_prisma(ws, out)
    texts = svg_texts(out.read_text())
    expected_lines = [
        f"Records identified from databases (n = {e['identified']})",
        f"MEDLINE (n = {e['MEDLINE']})",
        f"Embase (n = {e['Embase']})",
        f"Duplicate records removed (n = {e['duplicates']})",
        f"Records screened (n = {e['screened']})",
        f"Records excluded (n = {e['ta_excluded']})",
        f"Reports sought for retrieval (n = {e['sought']})",
        f"Reports not retrieved (n = {e['not_retrieved']})",
        f"Reports assessed for eligibility (n = {e['assessed']})",
        f"Reports excluded (n = {e['ft_excluded']}):",
        f"not qualitative or limited qualitative data (n = {e['not qualitative or limited qualitative data']})",
        f"out of scope (n = {e['out of scope']})",
        f"methodological report (n = {e['methodological report']})",
        f"Studies included in review (n = {e['included']})",
    ]
    joined = " ".join(texts)
    for line in expected_lines:
        assert line in joined, f"{line!r} not in the diagram"
    # every box is drawn and the three PRISMA phases are labelled
    root = ElementTree.fromstring(out.read_text())
    boxes = [r for r in root.iter(f"{SVG}rect") if "box" in (r.get("class") or "")]
    assert len(boxes) == 9
    assert {"Identification", "Screening", "Included"} <= set(texts)


def test_json_gives_the_same_numbers(seed_workspace, tmp_path, capsys):
    ws, e = seed_workspace
    assert run(["report", "prisma", str(ws.path), "--out", str(tmp_path / "p.svg"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["records_identified"] == e["identified"]
    assert data["duplicates_removed"] == e["duplicates"]
    assert data["studies_included"] == e["included"]
    assert data["reports_excluded"]["out of scope"] == e["out of scope"]


def test_empty_workspace_gives_zeros_and_a_note(workspace, tmp_path):
    counts = write_prisma(workspace, tmp_path / "empty.svg")
    assert counts.records_identified == 0 and counts.studies_included == 0
    texts = " ".join(svg_texts((tmp_path / "empty.svg").read_text()))
    assert "Records screened (n = 0)" in texts
    assert "No records yet" in texts


def test_titles_with_markup_are_escaped(workspace):
    workspace.settings.title = "Pain <script>alert(1)</script> & more"
    svg = render_svg(prisma_counts(workspace), workspace.settings.title)
    ElementTree.fromstring(svg)  # well-formed
    assert "<script>" not in svg


@pytest.mark.parametrize("args, message", [
    (["--out", "x.png"], "ending in .svg"),
    (["--out", "no/such/dir/p.svg"], "does not exist"),
])
def test_bad_output_path(workspace, args, message, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert run(["report", "prisma", str(workspace.path)] + args) == 2  # an option error
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.svg"))


@pytest.mark.browser
def test_svg_renders_in_headless_chromium(seed_workspace):
    """Rasterised by real Chromium; the screenshot is kept for a person to look at."""
    import shutil
    import struct

    if not shutil.which("chromium"):
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    ws, _ = seed_workspace
    artifacts = Path(__file__).resolve().parents[1] / "artifacts"
    artifacts.mkdir(exist_ok=True)
    out = artifacts / "prisma_seed.svg"
    write_prisma(ws, out, png=True, overwrite=True)    # (tests/artifacts is kept between runs)
    png = out.with_suffix(".png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    svg_size = re.search(r'width="(\d+)" height="(\d+)"', out.read_text())
    assert (width, height) == (int(svg_size.group(1)), int(svg_size.group(2)))
    assert len(png) > 20_000  # text and boxes drawn, not a blank page


def test_out_that_cannot_be_written_is_one_error_line_and_leaves_no_temporary_file(workspace, capsys, tmp_path):
    out = tmp_path / "flow.svg"
    out.mkdir()                                   # --out names a directory: the final rename fails
    assert run(["report", "prisma", str(workspace.path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: --out {out}: cannot write it (") and "Traceback" not in err
    assert list(tmp_path.glob("*.tmp")) == [] and list(out.iterdir()) == []


def test_chromium_that_hangs_is_one_error_line(workspace, capsys, tmp_path, monkeypatch):
    import subprocess

    def hangs(cmd, **kwargs):
        raise subprocess.TimeoutExpired(cmd, kwargs.get("timeout"))

    monkeypatch.setattr("screener.report.prisma.shutil.which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr("screener.report.prisma.subprocess.run", hangs)
    out = tmp_path / "flow.svg"
    assert run(["report", "prisma", str(workspace.path), "--out", str(out), "--png"]) == 2
    assert capsys.readouterr().err == (f"error: Chromium did not rasterise {out} within 60 s; the SVG was "
                                       "written and prints as is\n")
    assert out.exists() and not out.with_suffix(".png").exists()


def test_png_from_an_earlier_run_is_not_taken_for_a_new_one(workspace, capsys, tmp_path, monkeypatch):
    import subprocess

    def writes_nothing(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr("screener.report.prisma.shutil.which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr("screener.report.prisma.subprocess.run", writes_nothing)
    out = tmp_path / "flow.svg"
    out.with_suffix(".png").write_bytes(b"an old diagram")
    assert run(["report", "prisma", str(workspace.path), "--out", str(out), "--png", "--force"]) == 2
    assert capsys.readouterr().err.startswith(f"error: Chromium could not rasterise {out}")
    assert not out.with_suffix(".png").exists()


def test_notes_on_undecided_records_agree_in_number(workspace):
    """One undecided record is 'one record still awaits', not '1 records still await'."""
    from screener.records.model import Record
    from screener.report.prisma import prisma_counts

    with workspace.transaction():
        workspace.add_source_records([Record(title="Only study", database="MEDLINE")])
    assert "1 record still awaits a title/abstract decision." in prisma_counts(workspace).notes
    with workspace.transaction():
        workspace.add_source_records([Record(title="Second study", database="MEDLINE")])
    assert "2 records still await a title/abstract decision." in prisma_counts(workspace).notes
