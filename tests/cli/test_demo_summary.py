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
