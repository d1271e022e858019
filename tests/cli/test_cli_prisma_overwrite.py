"""`report prisma --out FILE.svg` and a diagram already there (perhaps edited by hand for the paper):
kept, as export keeps its --out, unless --force; as the PRISMA2020 R package's PRISMA_save() keeps an
existing file unless overwrite = TRUE. --png: the PNG beside it too."""

from __future__ import annotations

from pathlib import Path

from screener.cli.main import run

WOS_RIS = Path(__file__).resolve().parents[2] / "fixtures/records/ris/citation-file-formatting___baseline_webofscience.ris"


def _review(tmp_path: Path, capsys) -> Path:
    directory = tmp_path / "review"
    assert run(["init", str(directory)]) == 0
    assert run(["import", str(directory), str(WOS_RIS)]) == 0
    capsys.readouterr()
    return directory


def test_a_diagram_already_there_is_kept_unless_force(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    out = tmp_path / "figure1.svg"
    out.write_text("<svg><!-- edited by hand for the paper --></svg>", encoding="utf-8")
    assert run(["report", "prisma", str(directory), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"error: --out {out}: the file is already there; give --force to replace it, "
                            "or another --out name\n")
    assert "edited by hand" in out.read_text(encoding="utf-8")
    assert run(["report", "prisma", str(directory), "--out", str(out), "--force"]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {out}\n")
    assert "Records identified" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure1.svg", "review"]


def test_a_png_already_there_is_kept_unless_force(tmp_path, capsys):
    directory = _review(tmp_path, capsys)
    out = tmp_path / "figure1.svg"
    png = tmp_path / "figure1.png"
    png.write_bytes(b"an earlier PNG, kept")
    assert run(["report", "prisma", str(directory), "--out", str(out), "--png"]) == 2
    assert capsys.readouterr().err == (f"error: --out {out}: {png} is already there (--png writes it); give "
                                       "--force to replace it, or another --out name\n")
    assert not out.exists() and png.read_bytes() == b"an earlier PNG, kept"
