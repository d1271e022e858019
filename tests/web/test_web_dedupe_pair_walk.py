"""The owner's decision on an uncertain duplicate pair, walked in Chromium for the first time (two
exports of one search's records: MEDLINE's full, Embase's with abbreviated journals, initials, no
pages). Before:
- 'differs: Authors, Journal, Volume, Issue, Pages' above records whose authors were 'Smith, Jane'
  and 'Smith, J.', journals 'Journal of Advanced Nursing' and 'J Adv Nurs', and whose volume and
  pages were missing on one side: everything looked like a conflict, nothing told the owner what did
  conflict (pair 2: only the journal; the matcher said 'authors identical' beside 'differs: Authors');
- after deciding, 'Pair 2: same; 1 record moved.', saying neither which studies nor how to undo it.
Now a field differs only when both records give it and they disagree (an abbreviation, initials or a
short page range agree); a field only one record gives is marked apart ('only one record gives'); the
answer says which study joined which and where to undo it; the undo is one more decision (nothing
deleted). A real server on 127.0.0.1 and headless Chromium at 1280 and 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import serving, signed_in_page

from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.importer import import_files

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "web" / "dedupe-pairs"

MEDLINE = """TY  - JOUR
AU  - Smith, Jane
AU  - Doe, John
TI  - Getting through the day with low back pain: interviews with older adults at home
JO  - Journal of Pain Research
PY  - 2019
VL  - 12
IS  - 3
SP  - 201
EP  - 210
ER  -

TY  - JOUR
AU  - Brown, Alice
TI  - Nurses' experiences of caring for patients with persistent pain: a focus group study
JO  - Journal of Advanced Nursing
PY  - 2020
VL  - 76
SP  - 1100
EP  - 1109
ER  -

TY  - JOUR
AU  - Olsen, Kari
TI  - A meta-ethnography of chronic pain and identity
JO  - Pain
PY  - 2021
VL  - 162
SP  - 33
EP  - 45
DO  - 10.1097/j.pain.0000000000002001
ER  -
"""
EMBASE = """TY  - JOUR
AU  - Smith, J.
AU  - Doe, J.
TI  - Getting through the day with low back pain: interviews with older adults at home
JO  - Qual Health Res
PY  - 2019
ER  -

TY  - JOUR
TI  - Nurses experiences of caring for patients with persistent pain - a focus group study
JO  - J Adv Nurs
PY  - 2020
ER  -

TY  - JOUR
AU  - Olsen, Kari
TI  - A meta-ethnography of chronic pain and identity
JO  - Pain
PY  - 2021
VL  - 162
SP  - 33
EP  - 45
DO  - 10.1097/j.pain.0000000000002001
ER  -
"""


def _pairs_waiting(ws, tmp_path) -> dict[str, int]:
    """{first title word of the MEDLINE record: pair id} of the pairs dedupe left to the owner."""
    for name, text in (("medline.ris", MEDLINE), ("embase.ris", EMBASE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        import_files(ws, [tmp_path / name], database=name.split(".")[0].capitalize())
    result = dedupe_workspace(ws, actor="olivia")
    assert result["queued_pairs"] == 2, result
    rows = ws.db.execute("SELECT p.id, s.title FROM dedupe_pairs p JOIN source_records s ON s.id = p.record_a"
                         " ORDER BY p.id").fetchall()
    return {title.split()[0]: pair for pair, title in rows if not title.startswith("A meta")}


def _meta(page, pair: int) -> str:
    return " ".join(page.locator(f"#pair-{pair} > .meta").inner_text().split())


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_owner_decides_an_uncertain_pair_and_undoes_it(browser, review, tmp_path, width):
    ws, _, tokens = review
    pairs = _pairs_waiting(ws, tmp_path)
    living, nurses = pairs["Getting"], pairs["Nurses'"]
    sources = ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0]
    with serving(ws.path) as base:
        page = signed_in_page(browser, base, tokens["olivia"], width)
        page.goto(f"{base}/owner/dedupe")
        said = _meta(page, living)
        assert "differs: Journal" in said and "Authors" not in said.split("differs:")[1].split("·")[0], said
        assert "only one record gives: Volume, Issue, Pages" in said, said
        said = _meta(page, nurses)
        # 'J Adv Nurs' abbreviates the journal: nothing both records give disagrees
        assert "differs" not in said.replace("no field both records give differs", ""), said
        assert "only one record gives: Authors, Volume, Pages" in said, said
        assert page.locator(f"#pair-{living} dd.differs").count() == 2          # the journal, in each record
        assert page.locator(f"#pair-{living} dd.lacking").count() == 6          # volume, issue, pages
        page.locator(f"#pair-{living}").screenshot(path=str(SHOTS / f"pair-{width}.png"))
        page.locator(f"#pair-{living} button[value=same]").click()
        page.wait_for_load_state()
        flash = " ".join(page.locator(".flash").inner_text().split())
        study_a, study_b = (r[0] for r in ws.db.execute(
            "SELECT c.study_id FROM dedupe_pairs p JOIN current_links c ON c.source_record_id IN (p.record_a, p.record_b)"
            " WHERE p.id = ? ORDER BY c.source_record_id", (living,)))
        assert study_a == study_b
        assert flash.startswith(f"Pair {living}: same study. Study ") and f"joined study {study_a}" in flash, flash
        assert "Split: different studies" in flash and "nothing was deleted" in flash.lower(), flash
        page.screenshot(path=str(SHOTS / f"after-same-{width}.png"))
        decided = page.locator(f"#decided #pair-{living}")
        assert decided.count() == 1
        decided.locator("button[value=different]").click()                     # the owner changes their mind
        page.wait_for_load_state()
        flash = " ".join(page.locator(".flash").inner_text().split())
        assert flash.startswith(f"Pair {living}: different studies."), flash
        page.locator("#decided").screenshot(path=str(SHOTS / f"after-split-{width}.png"))
        page.close()
    decisions = [r[0] for r in ws.db.execute("SELECT decision FROM pair_decisions WHERE pair_id = ? ORDER BY id",
                                             (living,))]
    assert decisions == ["same", "different"]            # both decisions kept, the newer one counts
    assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == sources
    apart = {r[0] for r in ws.db.execute(
        "SELECT c.study_id FROM dedupe_pairs p JOIN current_links c ON c.source_record_id IN (p.record_a, p.record_b)"
        " WHERE p.id = ?", (living,))}
    assert len(apart) == 2
