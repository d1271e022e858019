"""An EBSCOhost RIS export (round 20's QoL-cardiac-arrest CINAHL search) names one of its databases
'CAB Abstracts' followed by seven zero-width spaces, then ' with Full Text': imported, its records
counted in PRISMA under a name that looks exactly like 'CAB Abstracts with Full Text' and is not
it, so the same database could stand twice in the diagram. Invisible format characters are now
dropped from the database a record names."""

from __future__ import annotations

import json

from screener.cli.main import run
from screener.records.base import canonical_database

RIS = ("TY  - JOUR\nTI  - Quality of life after cardiac arrest\nDB  - CAB Abstracts\u200b\u200b\u200b with Full Text\n"
       "DP  - EBSCOhost\nER  - \n\n"
       "TY  - JOUR\nTI  - Survivors of cardiac arrest\nDB  - CAB Abstracts with\u00ad Full Text\ufeff\nDP  - EBSCOhost\nER  - \n")


def test_invisible_characters_leave_the_database_name():
    assert canonical_database("CAB Abstracts\u200b\u200b with Full Text") == "CAB Abstracts with Full Text"
    assert canonical_database("\u200bCINAHL Ultimate") == "CINAHL"


def test_the_import_counts_both_records_under_one_name(workspace, tmp_path, capsys):
    export = tmp_path / "cinahl.ris"
    export.write_text(RIS, encoding="utf-8")
    assert run(["import", str(workspace.path), str(export), "--dry-run", "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)["files"]
    assert item["database"] == "CAB Abstracts with Full Text", item["database"]
