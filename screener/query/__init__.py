"""Query builder: parse a search strategy (Ovid MEDLINE or PubMed syntax) into one tree and compile
it to every target in ``TARGETS``, with a typed warning wherever meaning changes.

    parse(text, read="ovid") -> Strategy   (read: any of READERS — ovid, pubmed, and every
        target's own syntax except google-scholar: embase-com, cochrane, scopus, wos,
        ebsco-cinahl, ebsco-psycinfo, proquest, europepmc; ovid-medline… are names for ovid)
        ``Strategy.lines``: list of ``Line(number, node, line, col, text)``; ``Strategy.problems``:
        every problem found, each a ``Problem(code, message, line, col, severity)``
        (severity "error", "warning" or "info"; ``line``/``col`` are the 1-based physical line
        and column of the source text, not the strategy's line numbers). Parsing never raises
        for bad input: problems are collected. ``parse_or_raise`` raises ``StrategyParseError``
        carrying them instead. ``Strategy.line(number)``, ``.final`` (the statement a database
        runs), ``.resolve(node)`` (line references replaced by their lines' nodes).

    translate(text, read="ovid", write="pubmed") -> Translation
        ``.target``; ``.query``: the compiled query (str) or ``None`` when none can be produced;
        ``.warnings`` and ``.errors``: lists of ``Problem`` (each has ``.code``, ``.message``,
        ``.line``, ``.col`` and ``to_dict()`` → {"code", "message", "line", "col"}); errors include
        the strategy's own errors and every part the target dropped;
        ``.lines``: list of ``(strategy line number, compiled query of that line)`` and
        ``.query_for_line(number)`` (for single-string targets each line is compiled on its own,
        references inlined — what a per-line PubMed count needs);
        ``.segments``: list of ``Segment(start, end, line)`` — character offsets ``[start, end)``
        into ``.query`` and the strategy line number that produced that text (innermost line
        wins: text inlined from line 3 into line 5 maps to 3); ``.line_for(fragment)`` → the
        strategy line number of the first occurrence of ``fragment`` (case-insensitive, quotes
        and a trailing field tag optional) in ``.query``, or ``None`` (a fragment that occurs
        in several lines names the first); ``to_dict()`` → {"target", "query",
        "warnings", "errors"} (the CLI's JSON).

    translate_strategy(strategy, write="pubmed") -> Translation
        the same for a ``Strategy`` already parsed (parse once, compile for several targets).

    TARGETS: the target names, in this order: pubmed, ovid-medline, ovid-embase, ovid-psycinfo,
    ovid-amed, ebsco-cinahl, scopus, wos, embase-com, cochrane, proquest, ebsco-psycinfo,
    europepmc, google-scholar (new targets are appended, never inserted).
"""

from __future__ import annotations

from screener.query.codes import CODES, Problem
from screener.query.nodes import Strategy
from screener.query.parsing import READERS, parse, parse_or_raise, raise_for_errors
from screener.query.translate import TARGETS, Segment, Translation, translate, translate_strategy

__all__ = ["parse", "parse_or_raise", "raise_for_errors", "translate", "translate_strategy", "TARGETS", "Translation", "Segment",
           "Strategy", "Problem", "CODES", "READERS"]
