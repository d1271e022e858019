"""The text `report prisma` prints: no empty parentheses for a workspace without records."""

from __future__ import annotations

from screener.cli.main import run
from screener.cli.remedies import relabel_imports


def test_empty_workspace_text(workspace, tmp_path, capsys):
    out = tmp_path / "p.svg"
    assert run(["report", "prisma", str(workspace.path), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Wrote {out}"
    assert lines[1] == "  identified 0"
    assert lines[-1] == "  note: No records yet: import exports or run a search, then screen."


def test_long_title_is_wrapped_not_cut_off():
    import re

    from screener.report.prisma import PrismaCounts, render_svg
    title = ("Healthcare professionals' experience of treating chronic non-malignant pain: a qualitative "
             "evidence synthesis and meta-ethnography of studies published between 1990 and 2017")
    svg = render_svg(PrismaCounts(), title)
    heads = re.findall(r'<text x="450" y="(\d+)" text-anchor="middle" font-size="16" font-weight="bold">([^<]*)</text>', svg)
    assert [y for y, _ in heads] == ["30", "50", "70"]
    assert " ".join(t for _, t in heads) == title.replace("'", "&#x27;")
    assert all(len(t) <= 88 for _, t in heads)
    assert 'class="box" x="60" y="90"' in svg            # the first box starts below the title
    short = render_svg(PrismaCounts(), "Short title")
    assert 'class="box" x="60" y="50"' in short          # one line: layout as before


def test_records_without_a_database_are_pointed_out(workspace, tmp_path):
    from screener.report.prisma import prisma_counts
    from screener.workspace.importer import import_files
    path = tmp_path / "export.ris"
    path.write_text("TY  - JOUR\nTI  - A study of pain\nER  - \n\nTY  - JOUR\nTI  - Another\nER  - \n")
    import_files(workspace, [path])
    counts = prisma_counts(workspace)
    assert counts.records_per_database == {"unknown": 2}
    # it said 'import such files with --database NAME': imported again, the file is refused as already
    # imported; the database of an import is corrected by relabelling it
    # (how to say which is each front end's: tests/web/test_web_command_words.py)
    assert counts.notes[0] == "2 records do not say which database they came from (shown as 'unknown')"
    import_files(workspace, [path], allow_reimport=True)
    assert prisma_counts(workspace, relabel_imports).notes[0] == (
        "4 records do not say which database they came from (shown as 'unknown'): say which with `screener imports "
        "relabel` (imports 1, 2) or Correct on the web app's Imports page")
