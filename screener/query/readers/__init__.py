"""Readers: a strategy's text in one database's syntax read into the one query tree, every problem
collected with its line and column (``screener.query.parsing.parse`` picks the reader).

    ovid.py, ovid_lines.py, ovid_scanner.py,   Ovid (MEDLINE, Embase, PsycINFO, AMED): the parser;
    ovid_limits.py                             physical lines to statements; tokens; limits
    ovid_patterns.py                           the shapes of suffixes, slips, headings, combinations
                                               (also read by pubmed.py for a pasted Ovid suffix)
    pubmed.py                                  PubMed's search box and numbered histories
    fielded.py, fielded_syntaxes.py            every other target's syntax, each a ``Syntax`` of data
    inline_limits.py                           limits written inside a search line (PubMed's [dp],
                                               Embase.com's /lim): the reader's own, or foreign
    lookalike.py                               "did you mean" for operators and field codes

The shared tokens and problem list are ``screener.query.tokens``; the dialects that write the
tree back out are ``screener.query.dialects``.
"""
