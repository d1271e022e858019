"""A polite E-utilities client: one ``requests`` session, the process-wide rate limiter, retries.

Every request is a POST (long queries do not fit in a URL) carrying ``db``, ``tool``, ``email`` and,
when given, ``api_key`` — which is never logged, never put in a URL and never shown in an error.
Transient failures are retried with exponential backoff and jitter: HTTP 429 (honouring
``Retry-After``) and 5xx, timeouts, refused or reset connections, bodies cut short, and responses
that are not the XML they should be (truncated, unparseable, or NCBI's "backend failed" ERROR).
A failure that persists raises ``SearchError`` with one line saying what happened and what to do.
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from screener.errors import RecordParseError, SearchError, UsageError
from screener.records.pubmed_xml import parse_pubmed_xml
from screener.search import entrez
from screener.search.ratelimit import RateLimiter, shared_limiter
from screener.version import __version__

NCBI_EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
TOOL = "screener"
ESEARCH_CAP = 10_000  # ESearch lists at most the first 10,000 UIDs of a result, EFetch fetches no further

T = TypeVar("T")
log = logging.getLogger(__name__)

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_TRANSIENT_ERROR = re.compile(r"backend|temporar|unavailable|timed? ?out|try again|too many|rate limit", re.I)


def valid_email(email: str) -> bool:
    return bool(_EMAIL.match(email or ""))


def eutils_base_url(url: str | None = None) -> str:
    """``--eutils-url``, else ``$SCREENER_EUTILS_URL``, else NCBI's; always ending in a slash."""
    base = url or os.environ.get("SCREENER_EUTILS_URL") or NCBI_EUTILS
    if not (re.match(r"^https?://", base) and _host_and_port_valid(base)):
        raise SearchError(f"--eutils-url {base!r}: not an http(s) URL; give e.g. {NCBI_EUTILS}")
    return base if base.endswith("/") else base + "/"


def _host_and_port_valid(url: str) -> bool:
    """A host and, if given, a port from 0 to 65535 (requests would raise InvalidURL on the first call)."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - reading .port validates it (ValueError when out of range)
    except ValueError:
        return False
    return bool(parts.hostname) and not any(c.isspace() for c in parts.netloc)


class HistoryExpired(SearchError):
    """EFetch could not find the WebEnv/query_key (NCBI keeps history entries for hours, not days)."""


def parse_efetch_pubmed(body: bytes):
    """EFetch's PubMed XML as records; an ERROR about the history entry raises ``HistoryExpired``."""
    head = body[:4000]
    if b"<eFetchResult" in head:
        match = re.search(rb"<ERROR>(.*?)</ERROR>", body[:20000], re.S)
        message = match.group(1).decode("utf-8", "replace").strip() if match else ""
        if re.search(r"query|webenv|history", message, re.I):
            raise HistoryExpired(f"EFetch: {message}")
    return parse_pubmed_xml(body)


class TransientError(Exception):
    """A response worth retrying; ``retry_after`` is the server's hint in seconds, if any."""

    def __init__(self, message: str, retry_after: float | None = None, status: int | None = None):
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


# A host name that does not resolve is retried a little (a DNS hiccup), not over the whole backoff: offline,
# or with a misspelt --eutils-url host, that was about a minute of 'trying again' before the same answer
UNRESOLVED = "host name could not be resolved"
UNRESOLVED_ATTEMPTS = 3


@dataclass
class RetryPolicy:
    """Exponential backoff with jitter: attempt n waits about ``base * 2**(n-1)`` (capped)."""

    attempts: int = 7
    base: float = 1.0
    cap: float = 60.0
    jitter: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        wait = min(self.cap, self.base * 2 ** (attempt - 1))
        wait *= 1 + self.jitter * (2 * self.rng.random() - 1)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return max(0.0, wait)


@dataclass
class Message:
    """An entry of ESearch's ErrorList or WarningList, e.g. ``PhraseNotFound: abcXYZ``."""

    code: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


@dataclass
class ESearchResult:
    count: int
    ret_start: int = 0
    ret_max: int = 0
    ids: list[str] = field(default_factory=list)
    webenv: str = ""
    query_key: str = ""
    query_translation: str = ""
    translation_set: list[tuple[str, str]] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)      # ErrorList entries and top-level ERROR
    warnings: list[Message] = field(default_factory=list)    # WarningList entries


def parse_esearch(body: bytes) -> ESearchResult:
    """An ESearch XML response (read by Bio.Entrez against esearch.dtd, see ``search.entrez``);
    raises ``TransientError`` when it is not one (to be retried)."""
    try:
        root = entrez.read(body, "eSearchResult", entrez.ESEARCH_DOCTYPE)
    except entrez.EntrezXMLError as exc:
        raise TransientError(f"unparseable ESearch response ({exc})") from None
    error = str(root.get("ERROR", "")).strip()
    errors = [Message("ERROR", error)] if error else []
    count_text = str(root.get("Count", "")).strip()
    if not count_text.isdigit():
        if errors and not any(_TRANSIENT_ERROR.search(e.text) for e in errors):
            return ESearchResult(count=0, errors=errors)
        raise TransientError("ESearch response without a Count"
                             + (f" ({errors[0].text})" if errors else ""))
    result = ESearchResult(
        count=int(count_text),
        ret_start=int(root.get("RetStart") or 0),
        ret_max=int(root.get("RetMax") or 0),
        ids=[str(i).strip() for i in root.get("IdList", [])],
        webenv=str(root.get("WebEnv", "")).strip(),
        query_key=str(root.get("QueryKey", "")).strip(),
        query_translation=str(root.get("QueryTranslation", "")).strip(),
        translation_set=[(str(t.get("From", "")).strip(), str(t.get("To", "")).strip())
                         for t in root.get("TranslationSet", []) if isinstance(t, dict)],
        errors=errors,
    )
    result.errors += [Message(code, text) for code, text in entrez.coded(root.get("ErrorList"), entrez.ESEARCH_ERRORS)]
    result.warnings += [Message(code, text)
                        for code, text in entrez.coded(root.get("WarningList"), entrez.ESEARCH_WARNINGS)]
    return result


def parse_epost(body: bytes) -> tuple[str, str]:
    """An EPost XML response (read by Bio.Entrez against epost.dtd) as ``(WebEnv, query_key)``."""
    try:
        root = entrez.read(body, "ePostResult", entrez.EPOST_DOCTYPE)
    except entrez.EntrezXMLError as exc:
        raise TransientError(f"unparseable EPost response ({exc})") from None
    webenv, query_key = str(root.get("WebEnv", "")).strip(), str(root.get("QueryKey", "")).strip()
    if not webenv or not query_key:
        errors = str(root.get("ERROR", "")).strip() or "<ePostResult> without a WebEnv"
        if _TRANSIENT_ERROR.search(errors):
            raise TransientError(f"EPost failed: {errors}")
        raise SearchError(f"EPost failed: {errors}")
    return webenv, query_key


class EutilsClient:
    """Talks to one E-utilities base URL. Cheap to create; shares the process-wide rate limiter."""

    def __init__(self, base_url: str | None = None, *, email: str | None = None, api_key: str | None = None,
                 tool: str = TOOL, limiter: RateLimiter | None = None, retry: RetryPolicy | None = None,
                 timeout: tuple[float, float] = (10.0, 120.0), session: Any = None):
        # lazy: requests takes 0.06 s to load (122 modules), and the web app loads this module at start;
        # only a PubMed search sends requests
        import requests

        self.base_url = eutils_base_url(base_url)
        if email is not None and email != "" and not valid_email(email):
            raise UsageError(f"--email {email!r}: not a valid email address; NCBI uses it to contact "
                             f"you about problems, give one you read")
        self.email = email or ""
        self.api_key = api_key if api_key is not None else os.environ.get("NCBI_API_KEY", "")
        self.tool = tool
        self.limiter = limiter or shared_limiter(10 if self.api_key else 3)
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = f"screener/{__version__} (systematic review search)"
        self.requests_made = 0        # every HTTP request sent, retries included
        self.retries = 0
        self.failures: list[str] = []  # one line per retried failure, for the log
        # told of each retry as it starts (the CLI's progress lines): backing off over 7 attempts
        # takes about a minute, which looked like a hang when nothing was said
        self.on_retry: Callable[[str], None] | None = None

    # ---- the one place that sends requests ------------------------------------------------------

    def call(self, endpoint: str, params: dict[str, Any], parse: Callable[[bytes], T]) -> T:
        """POST ``endpoint`` and ``parse`` the body, retrying transient failures."""
        import requests  # lazy: requests takes 0.06 s to load (see __init__)

        data = {"db": "pubmed", "tool": self.tool, **params}
        if self.email:
            data["email"] = self.email
        if self.api_key:
            data["api_key"] = self.api_key
        url = self.base_url + endpoint
        last = ""
        for attempt in range(1, self.retry.attempts + 1):
            self.limiter.acquire()
            self.requests_made += 1
            log.debug("POST %s%s (attempt %d)", self.base_url, endpoint, attempt)  # never the form: it holds api_key
            retry_after = None
            try:
                response = self.session.post(url, data=data, timeout=self.timeout)
                status = response.status_code
                if status == 429 or status >= 500:
                    retry_after = _retry_after(response.headers.get("Retry-After"))
                    raise TransientError(f"HTTP {status}", retry_after=retry_after, status=status)
                if status >= 400:
                    raise SearchError(f"{endpoint} answered HTTP {status} ({_snippet(response.content)}); "
                                      f"check --eutils-url {self.base_url}")
                return parse(response.content)
            except TransientError as exc:
                last = str(exc)
                retry_after = exc.retry_after
                if exc.status == 429:
                    self.limiter.penalize(self.retry.delay(attempt, retry_after))
            except RecordParseError as exc:
                last = f"bad XML ({str(exc).split(': ', 1)[-1].split(';')[0]})"
            except requests.exceptions.Timeout:
                last = f"no answer within {self.timeout[1]:g} s"
            except requests.exceptions.ConnectionError as exc:
                last = _connection_reason(exc)
            except requests.exceptions.ChunkedEncodingError:
                last = "connection dropped in the middle of the response"
            except requests.exceptions.ContentDecodingError:
                last = "response body could not be decoded"
            self.failures.append(f"{endpoint} attempt {attempt}: {last}")
            if last == UNRESOLVED and attempt >= UNRESOLVED_ATTEMPTS:
                # no network at all, or a misspelt host: the full backoff was a minute of 'trying again'
                log.info("%s attempt %d failed: %s; giving up", endpoint, attempt, last)
                raise SearchError(f"E-utilities at {self.base_url}: the host name could not be resolved ({endpoint}, "
                                  f"{attempt} attempts): this computer seems to be offline, or the host in --eutils-url "
                                  f"is misspelt; connect and run the same command again to resume")
            if attempt == self.retry.attempts:
                log.info("%s attempt %d of %d failed: %s; giving up", endpoint, attempt, self.retry.attempts, last)
                break
            self.retries += 1
            wait = self.retry.delay(attempt, retry_after)
            log.info("%s attempt %d of %d failed: %s; retrying in %.1f s", endpoint, attempt, self.retry.attempts,
                     last, wait)
            if self.on_retry is not None:
                most = UNRESOLVED_ATTEMPTS if last == UNRESOLVED else self.retry.attempts
                self.on_retry(f"E-utilities: {endpoint} failed ({last}); trying again in {wait:.1f} s "
                              f"(attempt {attempt + 1} of {most})")
            self.retry.sleep(wait)
        raise SearchError(f"E-utilities at {self.base_url} kept failing ({endpoint}: {last}) after "
                          f"{self.retry.attempts} attempts; check the network or --eutils-url and run the "
                          f"same command again to resume")

    # ---- the three calls a search needs ----------------------------------------------------------

    def esearch(self, term: str, *, retmax: int = 0, retstart: int = 0, usehistory: bool = True,
                mindate: str | None = None, maxdate: str | None = None, datetype: str = "pdat",
                webenv: str | None = None) -> ESearchResult:
        params: dict[str, Any] = {"term": term, "retmax": retmax, "retstart": retstart}
        if usehistory:
            params["usehistory"] = "y"
        if webenv:
            params["WebEnv"] = webenv
        if mindate or maxdate:
            params.update(datetype=datetype, mindate=mindate or "1000/01/01", maxdate=maxdate or "3000/12/31")
        return self.call("esearch.fcgi", params, parse_esearch)

    def epost(self, ids: Iterable[str], webenv: str | None = None) -> tuple[str, str]:
        params: dict[str, Any] = {"id": ",".join(ids)}
        if webenv:
            params["WebEnv"] = webenv
        return self.call("epost.fcgi", params, parse_epost)

    def efetch(self, *, webenv: str, query_key: str, retstart: int, retmax: int,
               parse: Callable[[bytes], T]) -> T:
        params = {"WebEnv": webenv, "query_key": query_key, "retstart": retstart, "retmax": retmax,
                  "retmode": "xml", "rettype": "abstract"}
        return self.call("efetch.fcgi", params, parse)


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _snippet(body: bytes) -> str:
    text = re.sub(r"<[^>]+>", " ", body[:300].decode("utf-8", "replace"))
    return re.sub(r"\s+", " ", text).strip()[:120] or "empty body"


def _connection_reason(exc: Exception) -> str:
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    if "reset" in text.lower():
        return "connection reset"
    if "Name or service not known" in text or "getaddrinfo" in text or "resolve" in text.lower():
        return UNRESOLVED
    if "RemoteDisconnected" in text or "closed connection" in text.lower():
        return "server closed the connection without answering"
    return "connection failed"
