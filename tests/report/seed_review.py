"""A scripted review whose decisions follow the seed (Toye, Seers & Barker 2017), built through the
real import, dedupe and screening code. Shared by the PRISMA, export and browser tests.

The 184 full texts the review assessed come from fixtures/seed (CC BY 4.0); the 770 records that
were excluded at title/abstract are not published, so they are generated here (clearly synthetic
titles, each with its own DOI). 954 studies are split over two databases, 100 found in both.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from screener import Workspace
from screener.workspace.dedupe import dedupe_workspace
from screener.workspace.importer import import_files
from screener.workspace.reviewers import add_reviewer
from screener.workspace.screening import cast_vote, resolve

ROOT = Path(__file__).resolve().parents[2]
SEED_CSV = ROOT / "fixtures" / "seed" / "toye2017_fulltext_assessed.csv"

OTHER_RECORDS = 770
IN_BOTH = 100
FIELDS = ["id", "title", "authors", "year", "journal", "volume", "pages", "doi"]

_WORDS = ("acupuncture asthma ankle biomarkers cataract cohort dental dialysis eczema glaucoma gout "
          "haemophilia hernia influenza insulin kidney lupus malaria migraine myopia obesity otitis "
          "psoriasis rhinitis scabies sepsis stroke tinnitus tonsillitis ulcer vaccine vertigo warfarin "
          "zinc statin smoking sleep scoliosis rosacea rickets pertussis measles leprosy").split()
_DESIGNS = ["a randomised controlled trial", "a cohort study", "a cross-sectional survey",
            "a cost-effectiveness analysis", "a case series", "a registry analysis"]
_SURNAMES = ("Okafor Lindqvist Nakamura Haddad Ferreira Kowalski Novak Dubois Rossi Jensen Murphy "
             "Tanaka Oliveira Schmidt Costa Petrov Andersen Moreau Silva Bauer").split()


def seed_rows() -> list[dict]:
    with open(SEED_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _synthetic(i: int, rng: random.Random) -> dict:
    a, b = rng.sample(_WORDS, 2)
    return {"id": f"other-{i:03d}",
            "title": f"Synthetic record {i}: {a} and {b} outcomes in {rng.choice(_DESIGNS)}",
            "authors": f"{rng.choice(_SURNAMES)} {chr(65 + i % 26)}; {rng.choice(_SURNAMES)} {chr(65 + (i * 7) % 26)}",
            "year": str(1990 + i % 27), "journal": "Synthetic Journal of Examples",
            "volume": str(1 + i % 40), "pages": f"{100 + i}-{110 + i}", "doi": f"10.5555/synthetic.{i}"}


def build(directory: Path) -> tuple[Workspace, dict]:
    """Returns the workspace and the expected figures."""
    rng = random.Random(2017)
    studies = []
    for row in seed_rows():
        studies.append({"id": f"ref-{row['ref']}", "title": row["title"], "authors": row["authors"],
                        "year": row["year"], "journal": row["journal"], "volume": row["volume"],
                        "pages": row["pages"], "doi": "",
                        "_decision": row["fulltext_decision"], "_reason": row["exclusion_reason"]})
    studies += [dict(_synthetic(i, rng), _decision="ta_exclude", _reason="") for i in range(OTHER_RECORDS)]
    rng.shuffle(studies)
    # MEDLINE holds the first 600, Embase the last 454: the 100 in the middle are in both.
    medline, embase = studies[:600], studies[600 - IN_BOTH:]
    directory.mkdir(parents=True)
    for name, rows in (("medline.csv", medline), ("embase.csv", embase)):
        with open(directory / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)

    ws = Workspace.init(directory / "review", title="Toye 2017 (scripted from the seed)")
    import_files(ws, [directory / "medline.csv"], database="MEDLINE")
    import_files(ws, [directory / "embase.csv"], database="Embase")
    dedupe_workspace(ws)

    add_reviewer(ws, "FT", "screener")
    add_reviewer(ws, "KLB", "screener")
    add_reviewer(ws, "KS", "arbiter")
    by_id = {row["id"]: row for row in studies}
    study_of = {}
    for sid, in ws.db.execute("SELECT DISTINCT study_id FROM current_links"):
        members = ws.study_records(sid)
        study_of[sid] = by_id[members[0][1].record_id]

    reasons = ws.settings.exclusion_reasons
    for n, (sid, row) in enumerate(sorted(study_of.items())):
        if row["_decision"] == "ta_exclude":
            if n % 10 == 0:   # a conflict the arbiter settles as exclude
                cast_vote(ws, "FT", sid, "title_abstract", "include")
                cast_vote(ws, "KLB", sid, "title_abstract", "exclude")
                resolve(ws, "KS", sid, "title_abstract", "exclude")
            else:
                cast_vote(ws, "FT", sid, "title_abstract", "exclude")
                cast_vote(ws, "KLB", sid, "title_abstract", "exclude")
            continue
        # title/abstract include: agreement, include+maybe, or a conflict resolved as include
        if n % 7 == 0:
            cast_vote(ws, "FT", sid, "title_abstract", "include")
            cast_vote(ws, "KLB", sid, "title_abstract", "exclude")
            resolve(ws, "KS", sid, "title_abstract", "include")
        else:
            cast_vote(ws, "FT", sid, "title_abstract", "include")
            cast_vote(ws, "KLB", sid, "title_abstract", "maybe" if n % 11 == 0 else "include")
        # full text, as the paper decided
        if row["_decision"] == "include":
            if n % 13 == 0:
                cast_vote(ws, "FT", sid, "full_text", "include")
                cast_vote(ws, "KLB", sid, "full_text", "exclude", reason="out of scope")
                resolve(ws, "KS", sid, "full_text", "include")
            else:
                cast_vote(ws, "FT", sid, "full_text", "include")
                cast_vote(ws, "KLB", sid, "full_text", "include")
        else:
            reason = row["_reason"]
            if n % 9 == 0:    # a conflict over the reason
                other = next(r for r in reasons if r != reason)
                cast_vote(ws, "FT", sid, "full_text", "exclude", reason=reason)
                cast_vote(ws, "KLB", sid, "full_text", "exclude", reason=other)
                resolve(ws, "KS", sid, "full_text", "exclude", reason=reason)
            else:
                cast_vote(ws, "FT", sid, "full_text", "exclude", reason=reason)
                cast_vote(ws, "KLB", sid, "full_text", "exclude", reason=reason)

    expected = {"MEDLINE": 600, "Embase": 454, "identified": 1054, "duplicates": IN_BOTH,
                "screened": 954, "ta_excluded": 770, "sought": 184, "not_retrieved": 0, "assessed": 184,
                "not qualitative or limited qualitative data": 16, "out of scope": 85,
                "methodological report": 6, "ft_excluded": 107, "included": 77}
    return ws, expected
