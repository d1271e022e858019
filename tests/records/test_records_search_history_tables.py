"""A search history saved as a table — a number, the search, its count, in columns named as each
interface names them ('Query', 'Search Terms', 'Searches'; 'Results', 'Hits', an 'Actions' cell of
'View Results (12)') — is named as a search history. Before, only a header beginning '#,Searches'
or 'ID,Search' was: one beginning 'Search number,Query' was offered a column choice ('a table whose
column names screener does not know …; say which column holds what'), which would have imported
each search line as a record, and one whose queries hold unquoted commas got 'not a known export
format'. (Headers and lines shaped as histories are, written here; not copied from any export.)"""

from __future__ import annotations

import pytest

from screener.errors import COLUMNS, RecordParseError
from screener.records import read_file

HISTORIES = {
    "number_query.csv": ('"Search number","Query","Filters","Search details","Results","Time"\n'
                         '"2","#1 AND back","","pain[All Fields] AND back[All Fields]","1234","05:12:33"\n'
                         '"1","pain","","pain[All Fields]","9999","05:10:01"\n'),
    "no_query.csv": "No.,Query,Results,Date\n#2,pain:ti,ab,4567,2026-12-01\n#1,back:ti,ab,8910,2026-12-01\n",
    "terms_actions.csv": ("Search ID#,Search Terms,Search Options,Actions\n"
                          "S2,S1 AND back,Expanders - Apply equivalent subjects,View Results (12)\n"
                          "S1,pain,Expanders - Apply equivalent subjects,View Results (345)\n"),
}


@pytest.mark.parametrize("name", sorted(HISTORIES))
def test_a_search_history_table_is_named_as_such(tmp_path, name):
    path = tmp_path / name
    path.write_text(HISTORIES[name], encoding="utf-8")
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert str(caught.value).startswith(f"{path}:1: this is a search history (the strategy's lines and their "
                                        "counts), not records"), str(caught.value)
    assert caught.value.remedy != COLUMNS


def test_a_table_of_records_with_a_query_column_is_still_a_table(tmp_path):
    # a team's sheet noting the query each record came from: its column names are asked about
    path = tmp_path / "team.csv"
    path.write_text("Heading,Writers,Query\nLiving with pain,Smith J,pain\nBack pain,Doe A,back\n", encoding="utf-8")
    with pytest.raises(RecordParseError) as caught:
        read_file(path)
    assert caught.value.remedy == COLUMNS
