"""Known-study recall (`query validate`), `query run`, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from screener.errors import RecordParseError, StrategyParseError, UsageError
from screener.query.evaluate import evaluate, load_records
from screener.query.evaluate.known import concept_blocks, load_known, match_known, validate
from screener.records.model import Record

ROOT = Path(__file__).resolve().parents[2]
SEED_STRATEGY = ROOT / "queries" / "toye2017" / "medline.ovid"
SEED_CSV = ROOT / "fixtures" / "seed" / "toye2017_fulltext_assessed.csv"

STRATEGY = """1 exp Pain/
2 (chronic adj3 pain).ti,ab.
3 or/1-2
4 (qualitative adj3 (study or research)).ti,ab.
5 interview*.ti,ab.
6 4 or 5
7 3 and 6
"""

RIS = """TY  - JOUR
TI  - Chronic pain in nurses: a qualitative study
AB  - We asked nurses.
DO  - 10.1000/one
ER  - 

TY  - JOUR
TI  - Chronic low back pain and work
AB  - A qualitative enquiry, with a long list of words before the study itself.
DO  - 10.1000/two
ER  - 

TY  - JOUR
TI  - Pain and the interviewer
AB  - Chronic conditions were many. Pain was assessed.
AN  - 12345
ER  - 

TY  - JOUR
TI  - Something else entirely
AB  - Nothing to see here.
ER  - 
"""


def app() -> typer.Typer:
    from screener.cli import query, query_eval
    a = typer.Typer()

    @a.callback()
    def main() -> None:
        """test app"""

    query.register(a)
    query_eval.register(a)
    return a


def invoke(*args: str):
    return CliRunner().invoke(app(), list(args))


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "s.ovid").write_text(STRATEGY)
    (tmp_path / "r.ris").write_text(RIS)
    (tmp_path / "known.txt").write_text("# key papers\n10.1000/one\nhttps://doi.org/10.1000/TWO\n"
                                        "99999999\n")
    return tmp_path


def test_concept_blocks_follow_line_references():
    from screener.query import parse
    s = parse(STRATEGY)
    assert [(b.line, b.label) for b in concept_blocks(s)] == [
        (3, "line 3 (or/1-2)"), (6, "line 6 (4 or 5)")]


def test_validate_against_records_with_reasons(files):
    known = load_known(files / "known.txt")
    assert [s.label for s in known.studies] == ["doi:10.1000/one", "doi:10.1000/two", "PMID 99999999"]
    records, _ = load_records([str(files / "r.ris")])
    v = validate(STRATEGY, known, records)
    d = v.to_dict()
    assert (d["found"], d["undetermined"], d["missed"], d["not_in_records"]) == (1, 0, 1, 1)
    assert d["recall"] == 0.5
    missed = [s for s in d["studies"] if s["status"] == "miss"][0]
    assert missed["doi"] == "10.1000/two"
    assert [(b["line"], b["status"]) for b in missed["blocks"]] == [(3, "hit"), (6, "miss")]
    assert missed["nearest"]["line"] == 4
    assert missed["nearest"]["kind"] == "distance"
    assert "9 words lie between them; adj3 allows at most 2" in missed["nearest"]["detail"]


def test_near_miss_untruncated_term_and_other_field():
    records = [Record(title="An ethnographic account of pain", abstract="x"),
               Record(title="pain", abstract="x", keywords=["ethno"])]
    ev_strategy = "1 ethno.ti,ab.\n2 pain.ti,ab.\n3 1 and 2"
    from screener.query.evaluate.known import KnownSet, KnownStudy
    known = KnownSet("k", [KnownStudy("a", title_key="an ethnographic account of pain",
                                      record=records[0]),
                           KnownStudy("b", title_key="", pmid="1", record=records[1])], "records")
    v = validate(ev_strategy, known)
    a, b = v.outcomes
    assert a.status == "miss" and a.nearest.kind == "truncation"
    assert a.nearest.detail == "the record has ethnographic: ethno* would find it"
    assert b.status == "miss" and b.nearest.kind == "field"
    assert b.nearest.detail == "ethno is in the keywords (ethno), which this line does not search"


def test_match_known_by_pmid_doi_then_title():
    records = [Record(title="Alpha beta gamma delta", pmid="1"),
               Record(title="Other", doi="10.5555/x"),
               Record(title="The Quality of Life: in pain!")]
    from screener.query.evaluate.known import KnownSet, KnownStudy
    known = KnownSet("k", [KnownStudy("p", pmid="1"), KnownStudy("d", doi="10.5555/x"),
                           KnownStudy("t", title_key="the quality of life in pain"),
                           KnownStudy("n", pmid="7")], "identifiers")
    assert match_known(known, records) == [(0, "pmid"), (1, "doi"), (2, "title"), (None, "")]


def test_match_known_by_close_title_unless_the_year_disagrees():
    from screener.query.evaluate.known import KnownSet, KnownStudy
    records = [Record(title="Nurses' perceptions of pain management in older adults", year=2010),
               Record(title="Chronic pain and the general practitioner: a qualitative study",
                      year=2001)]
    known = KnownSet("k", [
        KnownStudy("a", title_key="nurses perceptions of pain managment in older adults",
                   record=Record(year=2010)),
        KnownStudy("b", title_key="chronic pain and the general practitioners a qualitative study",
                   record=Record(year=1995)),
        KnownStudy("c", title_key="nurses perceptions of something else entirely")], "records")
    assert match_known(known, records) == [(0, "title ~99%"), (None, ""), (None, "")]


def test_seed_validate_titles_only(shared_dir):
    known = load_known(shared_dir / "seed" / "toye2017_fulltext_assessed.csv",
                       {"fulltext_decision": "include"})
    assert len(known.studies) == 77
    v = validate(SEED_STRATEGY.read_text(), known)
    d = v.to_dict()
    assert d["titles_only"] is True
    assert d["found"] + d["undetermined"] + d["missed"] == 77
    # every study the titles do not find hinges on abstracts or headings the CSV lacks
    assert (d["found"], d["undetermined"], d["missed"]) == (15, 62, 0)
    assert [(b["line"], b["hit"], b["undetermined"], b["miss"]) for b in d["blocks"]] == [
        (48, 30, 47, 0), (49, 39, 38, 0)]


def test_cli_validate_seed_says_titles_only():
    result = invoke("query", "validate", str(SEED_STRATEGY), "--known", str(SEED_CSV),
                    "--where", "fulltext_decision=include")
    assert result.exit_code == 0, result.output
    assert "Titles only:" in result.output
    assert "Recall (line 50): 15/77 found = 19.5%; 62 undetermined, 0 missed" in result.output
    assert "nearest: line 7 " in result.output


def test_cli_run_history_and_json(files):
    result = invoke("query", "run", str(files / "s.ovid"), "--records", str(files / "r.ris"),
                    "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(ln["line"], ln["hits"], ln["undetermined"]) for ln in data["lines"]] == [
        (1, 0, 4), (2, 2, 0), (3, 2, 2), (4, 1, 0), (5, 1, 0), (6, 2, 0), (7, 1, 1)]
    assert [r["doi"] for r in data["matching"]] == ["10.1000/one"]
    text = invoke("query", "run", str(files / "s.ovid"), "--records", str(files / "r.ris"))
    assert "   7  3 and 6" in text.output and "NO_HEADINGS" in text.output


def test_cli_run_negative_limit_is_an_option_error(files):
    # a negative --limit listed all records but the last and announced "-N more"
    result = invoke("query", "run", str(files / "s.ovid"), "--records", str(files / "r.ris"),
                    "--line", "3", "--limit", "-1")
    said = " ".join(result.output.replace("│", " ").split())   # the message may wrap inside the box
    assert result.exit_code == 2 and "'--limit'" in said and "greater than or equal to 0" in said


def test_run_on_a_review_workspace(workspace, files):
    from screener.records import read_file
    with workspace.transaction():
        workspace.add_source_records(read_file(files / "r.ris").records)
    from screener.workspace.strategy_records import review_records
    records, source = review_records(workspace)
    assert len(records) == 4 and "source records" in source
    assert evaluate(STRATEGY, records).final.hits == {0}


# ---- bad input: one clear message, no partial output ---------------------------------------------

def test_known_file_without_identifiers(tmp_path, files):
    """A file whose content is refused exits 1, as import's does (it exited 2, the exit code of a
    wrong command line)."""
    bad = tmp_path / "bad.txt"
    bad.write_text("these are notes\nnot identifiers\n")
    with pytest.raises(RecordParseError, match="no usable identifiers") as info:
        load_known(bad)
    assert info.value.exit_code == 1 and info.value.line == 1
    result = invoke("query", "validate", str(files / "s.ovid"), "--known", str(bad),
                    "--records", str(files / "r.ris"))
    assert result.exit_code != 0 and result.output == ""
    assert "no usable identifiers" in str(result.exception)


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux /proc")
def test_known_file_that_cannot_be_read():
    # /proc/self/mem is a file whose first read fails (EIO)
    with pytest.raises(UsageError, match=r"^known-studies file /proc/self/mem: cannot read it "
                                         r"\(Input/output error\)$"):
        load_known("/proc/self/mem")


def test_known_csv_without_usable_rows(tmp_path):
    bad = tmp_path / "k.csv"
    bad.write_text("title,year\nab,2000\n,2001\n")
    with pytest.raises(RecordParseError, match="none of its 2 records has a PMID, a DOI or a title"):
        load_known(bad)


def test_identifier_list_needs_records(files):
    with pytest.raises(UsageError, match="identifiers only: give --records"):
        validate(STRATEGY, load_known(files / "known.txt"))


def test_where_on_missing_column(files):
    with pytest.raises(UsageError, match="no column 'decision'"):
        load_known(SEED_CSV, {"decision": "include"})


def test_strategy_with_errors_runs_nothing(tmp_path, files):
    bad = tmp_path / "bad.ovid"
    bad.write_text("1 pain.ti.\n2 (chronic or.ti.\n3 1 and 4\n")
    result = invoke("query", "run", str(bad), "--records", str(files / "r.ris"))
    assert result.exit_code != 0 and result.output == ""
    assert isinstance(result.exception, StrategyParseError)
    assert "nothing was run" in str(result.exception)
    assert "BAD_LINE_REFERENCE" in str(result.exception)


def test_run_needs_exactly_one_record_source(files):
    with pytest.raises(UsageError, match="one of the two"):
        load_records()
    from screener.workspace.strategy_records import records_to_search
    with pytest.raises(UsageError, match="one of the two"):
        records_to_search()()
    with pytest.raises(UsageError, match="one of the two"):
        records_to_search([str(files / "r.ris")], review=str(files))()


def test_near_miss_word_order_and_phrase():
    from screener.query.evaluate.known import KnownSet, KnownStudy
    records = [Record(title="notes taken in the field", abstract="x"),
               Record(title="action for research", abstract="x")]
    known = KnownSet("k", [KnownStudy("a", pmid="1", record=records[0]),
                           KnownStudy("b", pmid="2", record=records[1])], "records")
    v = validate('1 (field adj note*).ti.\n2 "action research".ti.\n3 1 or 2', known)
    a, b = v.outcomes
    assert (a.status, a.nearest.line, a.nearest.kind) == ("miss", 1, "distance")
    assert a.nearest.detail == "3 words lie between them; adj allows at most 0"
    assert (b.status, b.nearest.line, b.nearest.kind) == ("miss", 2, "phrase")
    records = [Record(title="notes field", abstract="x")]
    v = validate("1 (field adj note*).ti.", KnownSet("k", [KnownStudy("a", pmid="1",
                                                                    record=records[0])], "records"))
    assert v.outcomes[0].nearest.kind == "order"
