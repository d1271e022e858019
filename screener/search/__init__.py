"""Database searches run from the tool: PubMed through NCBI E-utilities.

``search_pubmed(ws, query=... | strategy_text=..., email=..., eutils_url=...) -> SearchReport`` is the
entry point (see ``screener.search.pubmed``); ``screener.search.standin.EutilsStandin`` is a local
E-utilities server for tests and offline demos.
"""

from screener.search.pubmed import SearchReport, compile_query, search_pubmed

__all__ = ["search_pubmed", "compile_query", "SearchReport"]
