"""The demo's one-line summary per target counts what `screener query translate` counts: a user who
reads "43 warnings" in the demo and then sees "41 warnings for pubmed" from the command has no way
to know which is right (notes, severity info, are not warnings)."""

from __future__ import annotations

import re

from screener.cli.main import run
from screener.demo import STRATEGY, translation_summary
from screener.query import translate


def test_demo_counts_warnings_as_query_translate_does(capsys):
    for target in ("pubmed", "scopus", "google-scholar"):
        result = translate(STRATEGY.read_text(encoding="utf-8"), read="ovid", write=target)
        line = translation_summary(target, result)
        shown = int(re.search(r"(\d+) warnings", line).group(1))
        assert run(["query", "translate", str(STRATEGY), "--to", target]) == 0
        err = capsys.readouterr().err
        cli = int(re.search(r"(\d+) warnings for " + re.escape(target), err).group(1))
        assert shown == cli, (target, line, err.splitlines()[-1])
        assert any(w.severity == "info" for w in result.warnings) or target != "pubmed"   # the case that differed


def test_demo_dedupe_line_says_one_as_one():
    """The demo printed '1 errata joined to their articles, 1 uncertain pairs' on its bundled data."""
    from screener.demo import dedupe_summary

    one = dedupe_summary({"records": 69, "studies_after": 67, "records_moved": 2, "errata_joined": [(5, 7)],
                          "queued_pairs": 1})
    assert one == ("5. Deduplicated 69 source records into 67 studies (2 records merged, 1 erratum notice joined "
                   "to its article, 1 uncertain pair for a person to decide); nothing deleted")
    many = dedupe_summary({"records": 1, "studies_after": 1, "records_moved": 0, "errata_joined": [1, 2],
                           "queued_pairs": 0})
    assert "1 source record into 1 study (0 records merged, 2 erratum notices joined to their articles, " \
           "0 uncertain pairs" in many
