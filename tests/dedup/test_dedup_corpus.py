"""The labelled benchmark sets in ../shared (skipped when absent): no wrong merge, and recall floors."""

import json

import pytest

from screener.dedup import find_duplicates
from screener.dedup.files import dedupe_files
from screener.dedup.scorer import read_groups, score
from screener.records import read_file
from screener.records.model import Record


@pytest.mark.parametrize("name, floor", [("stroke", 0.993), ("special_cases", 1.0), ("haematology", 0.90),
                                         ("cytology_screening", 0.997), ("respiratory", 0.988),
                                         ("digital_work", 0.99)])
def test_labelled_set_without_wrong_merges(shared_dir, tmp_path, name, floor):
    base = shared_dir / "benchmarks" / "dedup" / "bib-dedupe" / name
    out = tmp_path / "groups.csv"
    report = dedupe_files([base / "records_pre_merged.csv"], out)
    result = score(read_groups(out), read_groups(base / "merged_record_ids.csv"))
    assert result["removed_wrongly"] == 0
    assert result["false_pairs"] == 0
    assert result["sensitivity_removable"] >= floor
    assert report["groups"] == len(read_groups(out))


def test_matches_the_curators_non_duplicates(shared_dir):
    """matches_FN_list_ignored.csv: pairs bib-dedupe's author judged NOT duplicates (digital_work)."""
    base = shared_dir / "benchmarks" / "dedup" / "bib-dedupe" / "special_cases"
    records = read_file(base / "records_pre_merged.csv").records
    ids = [r.record_id for r in records]
    groups = [{ids[i] for i in g} for g in find_duplicates(records, join_errata=False).groups]
    # HICSS 2021 vs 2022 introductions, and the AMCIS 2003 paper vs its 2004 journal version
    assert not any({"id_0000003", "id_0000004"} <= g for g in groups)
    assert not any({"id_0000007", "id_0000012"} <= g for g in groups)


def _reflib(path):
    out = []
    for r in json.loads(path.read_text()):
        authors = r["authors"] if isinstance(r["authors"], list) else r["authors"].split(",")
        authors = [a.strip() for a in authors if a.strip()]
        out.append(Record(title=r.get("title", ""), authors=authors, year=int(r["year"]) if r.get("year") else None,
                          journal=r.get("journal", ""), volume=r.get("volume", ""), issue=r.get("number", ""),
                          pages=r.get("pages", ""), issn=[r["isbn"]] if r.get("isbn") else []))
    return out


def test_sra_fixtures(shared_dir):
    base = shared_dir / "benchmarks" / "dedup" / "sra-dedupe-fixtures"
    assert find_duplicates(_reflib(base / "isbn-false-dupe.json")).groups == []      # same ISSN and pages
    assert find_duplicates(_reflib(base / "nodupes.json")).groups == []
    assert find_duplicates(_reflib(base / "dupeissues.json")).groups == [[0, 1]]   # 2S5-9 = 2S5-2S9


@pytest.mark.parametrize("name, records, captioned", [("tafenoquine", 179, 114), ("copper", 505, 281)])
def test_sra_endnote_sets_every_captioned_record_and_no_other_is_grouped(shared_dir, name, records, captioned):
    """IEBH dedupe-sweep test data: <caption>Duplicate</caption> marks every member of a duplicate set."""
    recs = read_file(shared_dir / "benchmarks" / "dedup" / "sra-dedupe-sweep" / f"{name}.xml").records
    assert len(recs) == records
    flagged = {i for i, r in enumerate(recs)
               if any("Duplicate" in v for k, vs in r.tags.items() if "caption" in k.lower() for v in vs)}
    assert len(flagged) == captioned
    grouped = {i for g in find_duplicates(recs, join_errata=False).groups for i in g}
    assert grouped == flagged


def test_mckeown_hard_positives_without_wrong_merges(shared_dir):
    """The McKeown groups ASySD (2022) failed to merge (no licence: read from ../shared only)."""
    import csv
    from collections import defaultdict

    path = shared_dir / "benchmarks" / "dedup" / "mckeown-asysd-benchmark" / "asysd_false_negatives_labelled.csv"
    records = read_file(path).records
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(records) == len(rows) == 327
    groups = defaultdict(list)
    for record, row in zip(records, rows):
        groups[row["Dup_Group"]].append(record.record_id)
    found = [[records[i].record_id for i in g] for g in find_duplicates(records, join_errata=False).groups]
    result = score(found, [g for g in groups.values() if len(g) > 1])
    assert result["removed_wrongly"] == 0
    assert result["sensitivity_removable"] >= 0.89


def test_diabetes_with_bib_dedupes_groups(shared_dir, tmp_path):
    """ASySD's Diabetes set (record_id N) with bib-dedupe's groups (id_000000N)."""
    base = shared_dir / "benchmarks" / "dedup"
    out = tmp_path / "groups.csv"
    dedupe_files([base / "asysd" / "diabetes_labelled_with_groups.csv"], out)
    truth = [[str(int(x[3:])) for x in g] for g in read_groups(base / "bib-dedupe" / "diabetes" / "merged_record_ids.csv")]
    result = score(read_groups(out), truth)
    assert result["removed_wrongly"] == 0
    assert result["sensitivity_removable"] >= 0.999
