"""A local stand-in for NCBI E-utilities: a real HTTP server on 127.0.0.1, for tests and the demo.

It serves ESearch, EPost and EFetch (``db=pubmed``) over a corpus of PubMed records: real ones read
from PubMed XML files (served verbatim, byte for byte as recorded) and generated ones (for result
sets of any size). It behaves like NCBI where a client can fall off an edge:

- ESearch lists at most 10,000 UIDs and EFetch will not go past the 10,000th record of a history
  entry; ``datetype=pdat`` with ``mindate``/``maxdate`` filters by publication date, and a trailing
  ``AND lo:hi[uid]`` by PMID range;
- query problems come back in a 200 response: ``ErrorList`` (PhraseNotFound, FieldNotFound) and
  ``WarningList`` (QuotedPhraseNotFound, PhraseIgnored, OutputMessage), plus ``QueryTranslation``;
- more than 3 requests in any sliding second (10 with ``api_key``) get HTTP 429, as NCBI does;
- faults on demand: ``inject("429"|"500"|"drop"|"reset"|"slow"|"truncate"|"expire", times=n,
  endpoint=..., after=n)``.

Every request is logged with its arrival time (``requests``), so tests can check a client's pace
as the server saw it.

Use::

    with EutilsStandin(records_xml_files=bundled_pubmed_xml()) as url:
        search_pubmed(ws, query="pain", eutils_url=url, email="me@example.org")

``replay={"esearch": path}`` serves a recorded response verbatim for an endpoint instead.
Queries are not evaluated like PubMed would: ``queries`` maps a query to the PMIDs it finds (or
``"all"``); any other query finds ``default`` (all records unless told otherwise).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from screener.records.pubmed_xml import parse_pubmed_xml
from screener.search.entrez import EPOST_DOCTYPE, ESEARCH_DOCTYPE

CAP = 10_000
XML_HEAD = b'<?xml version="1.0" ?>\n'
PUBMED_DOCTYPE = (b'<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
                  b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n')
KNOWN_FIELDS = {
    "all fields", "all", "ti", "title", "ab", "abstract", "tiab", "tw", "text word", "mh", "mesh", "mesh terms",
    "majr", "mh:noexp", "sh", "subheading", "pt", "publication type", "la", "language", "au", "author",
    "1au", "lastau", "ta", "journal", "dp", "pdat", "edat", "mhda", "crdt", "uid", "pmid", "sb", "filter",
    "ad", "affiliation", "ot", "other term", "nm", "kw", "tt", "vi", "ip", "pg", "lid", "aid", "doi",
    "si", "gr", "ir", "fau", "cn", "ps", "rn", "pa", "jour", "is", "mesh:noexp", "majr:noexp",
    "pt:noexp", "subheading:noexp", "sh:noexp", "gene", "book", "ed", "dcom", "lr", "pmc",
}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_UID_RANGE = re.compile(r"^\((.*)\) AND (\d+):(\d+)\[uid\]$", re.S)


@dataclass
class LoggedRequest:
    at: float                       # time.monotonic() when the request arrived
    endpoint: str                   # "esearch", "efetch", "epost", ...
    params: dict[str, str]          # api_key removed
    status: int = 200
    fault: str = ""


@dataclass
class _Fault:
    kind: str
    times: int
    endpoint: str | None
    after: int = 0
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Entry:
    pmid: int
    date: dt.date
    xml: bytes | None = None        # verbatim recorded XML; None for generated records


class EutilsStandin:
    """An E-utilities stand-in on ``http://127.0.0.1:PORT/entrez/eutils/``; see the module docstring."""

    def __init__(self, records_xml_files: Iterable[str | Path] = (), *, generated: int = 0,
                 generated_start_pmid: int = 30_000_000,
                 generated_dates: Callable[[int], dt.date] | None = None,
                 queries: dict[str, Any] | None = None, default: Any = "all",
                 phrase_not_found: Iterable[str] = (), quoted_phrase_not_found: Iterable[str] = (),
                 phrase_ignored: Iterable[str] = (), enforce_rate: bool = True, cap: int = CAP,
                 replay: dict[str, bytes | str | Path] | None = None,
                 host: str = "127.0.0.1", port: int = 0):
        self._entries: dict[int, _Entry] = {}
        for path in records_xml_files:
            self.add_xml(Path(path).read_bytes(), name=str(path))
        if generated:
            self.add_generated(generated, start_pmid=generated_start_pmid, dates=generated_dates)
        self.queries = {self._normal(k): v for k, v in (queries or {}).items()}
        self.default = default
        self.phrase_not_found = [p.lower() for p in phrase_not_found]
        self.quoted_phrase_not_found = [p.lower() for p in quoted_phrase_not_found]
        self.phrase_ignored = [p.lower() for p in phrase_ignored]
        self.enforce_rate = enforce_rate
        self.cap = cap  # NCBI's 10,000; smaller in tests that exercise slicing cheaply
        # endpoint ("esearch", "epost", "efetch") → a recorded response body served verbatim
        self.replay = {k: (v if isinstance(v, bytes) else Path(v).read_bytes()) for k, v in (replay or {}).items()}
        self.requests: list[LoggedRequest] = []
        self._faults: list[_Fault] = []
        self._history: dict[str, list[list[int]]] = {}
        self._arrivals: deque[float] = deque()
        self._lock = threading.Lock()
        self._sorted: list[int] | None = None
        self._host, self._port = host, port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- the corpus ----------------------------------------------------------------------------

    def add_xml(self, data: bytes, name: str = "") -> int:
        """Serve the records of a PubMed XML document verbatim. Returns how many were new."""
        added = 0
        for record in parse_pubmed_xml(data, file=name):
            if not record.pmid.isdigit() or int(record.pmid) in self._entries:
                continue
            self._entries[int(record.pmid)] = _Entry(int(record.pmid), _record_date(record),
                                                     record.raw.encode("utf-8"))
            added += 1
        self._sorted = None
        return added

    def add_generated(self, n: int, *, start_pmid: int = 30_000_000,
                      dates: Callable[[int], dt.date] | None = None) -> None:
        """``n`` synthetic records with PMIDs ``start_pmid..`` and dates from ``dates(i)``."""
        dates = dates or (lambda i: dt.date(2000, 1, 1) + dt.timedelta(days=i % 9000))
        for i in range(n):
            pmid = start_pmid + i
            self._entries[pmid] = _Entry(pmid, dates(i))
        self._sorted = None

    @property
    def pmids(self) -> set[str]:
        return {str(p) for p in self._entries}

    # ---- faults and the log --------------------------------------------------------------------

    def inject(self, kind: str, times: int = 1, endpoint: str | None = None, after: int = 0,
               **options: Any) -> None:
        """Make ``times`` requests (to ``endpoint``, e.g. "efetch"; after letting ``after`` through) fail as ``kind``:
        "429", "500", "drop" (connection closed mid-body), "reset" (closed before any answer),
        "slow" (``seconds=`` before answering), "truncate" (a complete response with half the XML),
        "expire" (the history server forgets every WebEnv first, as NCBI does after some hours)."""
        if kind not in ("429", "500", "drop", "reset", "slow", "truncate", "expire"):
            raise ValueError(f"unknown fault {kind!r}")
        with self._lock:
            self._faults.append(_Fault(kind, times, endpoint, after, options))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def arrivals(self, endpoint: str | None = None) -> list[float]:
        return [r.at for r in self.requests if endpoint is None or r.endpoint == endpoint]

    def max_in_window(self, window: float = 1.0) -> int:
        """The most requests that arrived within any ``window`` seconds (sliding)."""
        times = sorted(self.arrivals())
        best, start = 0, 0
        for end, t in enumerate(times):
            while t - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    # ---- running -------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in is not running; call start() or use it as a context manager")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"  # type: ignore[str-bytes-safe]  # an IPv4/6 str here

    def start(self) -> str:
        standin = self

        class Handler(_Handler):
            owner = standin

        self._server = ThreadingHTTPServer((self._host, self._port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="eutils-standin", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ---- E-utilities ---------------------------------------------------------------------------

    def _all_sorted(self) -> list[int]:
        if self._sorted is None:
            self._sorted = sorted(self._entries, reverse=True)  # PubMed's default: most recent first
        return self._sorted

    @staticmethod
    def _normal(query: str) -> str:
        return re.sub(r"\s+", " ", query.strip())

    def _evaluate(self, term: str) -> list[int]:
        term = self._normal(term)
        lo = hi = None
        match = _UID_RANGE.match(term)
        if match:
            term, lo, hi = self._normal(match.group(1)), int(match.group(2)), int(match.group(3))
        found = self.queries.get(term, self.default)
        if found == "all":
            pmids = self._all_sorted()
        else:
            wanted = {int(p) for p in found}
            pmids = [p for p in self._all_sorted() if p in wanted]
        if lo is not None and hi is not None:
            pmids = [p for p in pmids if lo <= p <= hi]
        return pmids

    def esearch(self, params: dict[str, str]) -> bytes:
        term = params.get("term", "")
        if not term.strip() and not params.get("query_key"):
            return _esearch_error("Empty term and query_key - nothing todo")
        pmids = self._evaluate(term)
        if params.get("datetype") or params.get("mindate") or params.get("maxdate"):
            low = _parse_date(params.get("mindate") or "1000/01/01", end=False)
            high = _parse_date(params.get("maxdate") or "3000/12/31", end=True)
            pmids = [p for p in pmids if low <= self._entries[p].date <= high]
        lower = term.lower()
        errors = [("PhraseNotFound", p) for p in self.phrase_not_found if p in lower]
        for tag in re.findall(r"\[([^\]]+)\]", term):
            if re.sub(r":~\d+$", "", tag.lower()) not in KNOWN_FIELDS:
                errors.append(("FieldNotFound", tag))
        warnings = [("QuotedPhraseNotFound", f'"{p}"') for p in self.quoted_phrase_not_found if p in lower]
        warnings += [("PhraseIgnored", p) for p in self.phrase_ignored if p in lower]
        if errors:
            pmids = []
        if not pmids:
            warnings.append(("OutputMessage", "No items found."))
        retstart, retmax = int(params.get("retstart") or 0), int(params.get("retmax") or 20)
        listed = pmids[:self.cap][retstart:retstart + min(retmax, self.cap)]
        out = [XML_HEAD, ESEARCH_DOCTYPE, b"<eSearchResult>",
               f"<Count>{len(pmids)}</Count><RetMax>{len(listed)}</RetMax><RetStart>{retstart}</RetStart>".encode()]
        if params.get("usehistory") == "y" and not errors:
            webenv, key = self._store(params.get("WebEnv"), pmids)
            out.append(f"<QueryKey>{key}</QueryKey><WebEnv>{webenv}</WebEnv>".encode())
        out.append(b"<IdList>" + b"".join(f"<Id>{p}</Id>".encode() for p in listed) + b"</IdList>")
        out.append(b"<TranslationSet/>")
        out.append(f"<QueryTranslation>{_escape(term)}</QueryTranslation>".encode())
        if errors:
            out.append(b"<ErrorList>" + b"".join(f"<{c}>{_escape(t)}</{c}>".encode() for c, t in errors)
                       + b"</ErrorList>")
        if warnings:
            out.append(b"<WarningList>" + b"".join(f"<{c}>{_escape(t)}</{c}>".encode() for c, t in warnings)
                       + b"</WarningList>")
        out.append(b"</eSearchResult>\n")
        return b"".join(out)

    def epost(self, params: dict[str, str]) -> bytes:
        ids = [int(i) for i in re.split(r"[,\s]+", params.get("id", "").strip()) if i.isdigit()]
        if not ids:
            return (XML_HEAD + EPOST_DOCTYPE + b"<ePostResult><ERROR>Empty ID list; Nothing to store</ERROR>"
                    b"</ePostResult>\n")
        webenv, key = self._store(params.get("WebEnv"), ids)
        return (XML_HEAD + EPOST_DOCTYPE + f"<ePostResult><QueryKey>{key}</QueryKey><WebEnv>{webenv}</WebEnv>"
                           f"</ePostResult>\n".encode())

    def efetch(self, params: dict[str, str]) -> bytes:
        if params.get("id"):
            pmids = [int(i) for i in re.split(r"[,\s]+", params["id"].strip()) if i.isdigit()]
        else:
            entries = self._history.get(params.get("WebEnv", ""))
            key = params.get("query_key", "")
            if entries is None or not key.isdigit() or not 1 <= int(key) <= len(entries):
                return XML_HEAD + b"<eFetchResult><ERROR>Unable to obtain query #" + key.encode() + \
                    b"</ERROR></eFetchResult>\n"
            listing = entries[int(key) - 1]
            retstart, retmax = int(params.get("retstart") or 0), int(params.get("retmax") or 20)
            if retstart >= self.cap:
                return (XML_HEAD + b"<eFetchResult><ERROR>Cannot fetch past the first 10000 records of a "
                                   b"history entry; narrow the search</ERROR></eFetchResult>\n")
            pmids = listing[retstart:min(retstart + retmax, self.cap)]
        parts = [XML_HEAD, PUBMED_DOCTYPE, b"<PubmedArticleSet>\n"]
        for pmid in pmids:
            entry = self._entries.get(pmid)
            if entry is not None:
                parts.append((entry.xml or _generated_xml(entry)) + b"\n")
        parts.append(b"</PubmedArticleSet>\n")
        return b"".join(parts)

    def _store(self, webenv: str | None, pmids: list[int]) -> tuple[str, int]:
        with self._lock:
            if not webenv or webenv not in self._history:
                webenv = "MCID_" + uuid.uuid4().hex[:24]
                self._history[webenv] = []
            self._history[webenv].append(list(pmids))
            return webenv, len(self._history[webenv])

    def _take_fault(self, endpoint: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and (fault.endpoint is None or fault.endpoint == endpoint):
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    fault.times -= 1
                    return fault
        return None

    def _over_rate(self, at: float, keyed: bool) -> bool:
        limit = 10 if keyed else 3
        with self._lock:
            while self._arrivals and at - self._arrivals[0] >= 1.0:
                self._arrivals.popleft()
            self._arrivals.append(at)
            return self.enforce_rate and len(self._arrivals) > limit


class _Handler(BaseHTTPRequestHandler):
    owner: EutilsStandin
    protocol_version = "HTTP/1.1"
    server_version = "EutilsStandin/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self._serve(parse_qs(urlsplit(self.path).query), time.monotonic())

    def do_POST(self) -> None:
        at = time.monotonic()  # as soon as the request line and headers are in
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        params = parse_qs(urlsplit(self.path).query)
        params.update(parse_qs(body, keep_blank_values=True))
        self._serve(params, at)

    def _serve(self, raw_params: dict[str, list[str]], at: float) -> None:
        owner = self.owner
        params = {k: v[-1] for k, v in raw_params.items()}
        endpoint = urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1].replace(".fcgi", "")
        logged = LoggedRequest(at, endpoint, {k: v for k, v in params.items() if k != "api_key"})
        with owner._lock:
            owner.requests.append(logged)
        if owner._over_rate(at, bool(params.get("api_key"))):
            logged.status, logged.fault = 429, "rate"
            return self._send(429, json.dumps({"error": "API rate limit exceeded", "limit": "3"}).encode(),
                              "application/json")
        fault = owner._take_fault(endpoint)
        if fault and fault.kind == "expire":
            logged.fault = "expire"
            with owner._lock:
                owner._history.clear()
            fault = None
        if fault and fault.kind == "slow":
            logged.fault = "slow"
            time.sleep(float(fault.options.get("seconds", 2.0)))
            fault = None
        if fault and fault.kind in ("429", "500"):
            logged.status, logged.fault = int(fault.kind), fault.kind
            body = (json.dumps({"error": "API rate limit exceeded", "count": "4", "limit": "3"}).encode()
                    if fault.kind == "429" else b"<html><body><h1>500 Internal Server Error</h1></body></html>")
            return self._send(logged.status, body, "application/json" if fault.kind == "429" else "text/html")
        if fault and fault.kind == "reset":
            logged.status, logged.fault = 0, "reset"
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        handler = {"esearch": owner.esearch, "efetch": owner.efetch, "epost": owner.epost}.get(endpoint)
        if handler is None:
            logged.status = 404
            return self._send(404, b"<ERROR>unknown E-utility</ERROR>", "text/xml")
        if params.get("db", "pubmed") != "pubmed":
            return self._send(200, XML_HEAD + ESEARCH_DOCTYPE + b"<eSearchResult><ERROR>Invalid db name specified: "
                              + params["db"].encode() + b"</ERROR></eSearchResult>\n", "text/xml")
        body = owner.replay[endpoint] if endpoint in owner.replay else handler(params)
        if fault and fault.kind == "truncate":
            logged.fault = "truncate"
            return self._send(200, body[: max(1, len(body) // 2)], "text/xml")
        if fault and fault.kind == "drop":
            logged.fault = "drop"
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(200, body, "text/xml; charset=UTF-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def bundled_pubmed_xml() -> list[Path]:
    """The real PubMed XML files bundled in the repository (fixtures/records/pubmed-xml, permissively
    licensed; the one deliberately malformed test file left out): 20 distinct PubMed records."""
    folder = Path(__file__).resolve().parents[2] / "fixtures" / "records" / "pubmed-xml"
    return sorted(p for p in folder.glob("*.xml") if "Malformed" not in p.name)


def _esearch_error(message: str) -> bytes:
    return (XML_HEAD + ESEARCH_DOCTYPE + f"<eSearchResult><ERROR>{_escape(message)}</ERROR></eSearchResult>\n"
            .encode())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _parse_date(text: str, end: bool) -> dt.date:
    parts = [int(p) for p in re.findall(r"\d+", text)]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        day = parts[2]
    elif end:
        day = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    else:
        day = 1
    return dt.date(year, month, day)


def _record_date(record) -> dt.date:
    """A record's publication date as PubMed indexes it (missing month/day → January / the 1st)."""
    text = record.extra.get("pub_date", "") or str(record.year or 1900)
    year = record.year or 1900
    month, day = 1, 1
    tokens = text.replace("-", " ").split()
    if len(tokens) > 1:
        token = tokens[1].lower()[:3]
        month = _MONTHS.get(token) or (int(tokens[1]) if tokens[1].isdigit() and 1 <= int(tokens[1]) <= 12 else 1)
    if len(tokens) > 2 and tokens[2].isdigit():
        day = int(tokens[2])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 1)


def _generated_xml(entry: _Entry) -> bytes:
    d = entry.date
    return (f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{entry.pmid}</PMID>'
            f'<Article PubModel="Print"><Journal><ISSN IssnType="Print">0000-0000</ISSN>'
            f'<JournalIssue CitedMedium="Print"><Volume>{d.year % 100}</Volume><Issue>{d.month}</Issue>'
            f'<PubDate><Year>{d.year}</Year><Month>{d.month:02d}</Month><Day>{d.day:02d}</Day></PubDate>'
            f'</JournalIssue><Title>Journal of generated records</Title><ISOAbbreviation>J Gen Rec'
            f'</ISOAbbreviation></Journal><ArticleTitle>Generated record {entry.pmid} on chronic pain '
            f'management.</ArticleTitle><Pagination><MedlinePgn>{entry.pmid % 900 + 1}-{entry.pmid % 900 + 9}'
            f'</MedlinePgn></Pagination><Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">'
            f'A synthetic abstract for record {entry.pmid}, served by the E-utilities stand-in.</AbstractText>'
            f'</Abstract><AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Stand-In</LastName>'
            f'<ForeName>Test</ForeName><Initials>T</Initials></Author></AuthorList><Language>eng</Language>'
            f'<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>'
            f'</PublicationTypeList></Article></MedlineCitation><PubmedData><PublicationStatus>ppublish'
            f'</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">{entry.pmid}</ArticleId>'
            f'<ArticleId IdType="doi">10.5555/standin.{entry.pmid}</ArticleId></ArticleIdList></PubmedData>'
            f'</PubmedArticle>').encode()


__all__ = ["EutilsStandin", "LoggedRequest", "CAP", "bundled_pubmed_xml"]
