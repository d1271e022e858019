"""`screener search pubmed` on a computer with no network (or a misspelt --eutils-url host): the host
name cannot be resolved, and the client backed off over 7 attempts — about 66 s of 'trying again'
lines — before saying 'check the network'. A name that does not resolve now stops after 3 attempts
(about 3 s), saying the computer seems offline or the host is misspelt; other failures keep the
full backoff."""

from __future__ import annotations

import pytest
import requests

from screener.errors import SearchError
from screener.search.eutils import EutilsClient, RateLimiter, RetryPolicy


class _Session:
    def __init__(self, error: Exception):
        self.error, self.posts, self.headers = error, 0, {}

    def post(self, *args, **kwargs):
        self.posts += 1
        raise self.error


def _client(error: Exception):
    waits: list[float] = []
    session = _Session(error)
    client = EutilsClient("http://eutils.example.invalid/entrez/eutils/", email="you@example.org", session=session,
                          retry=RetryPolicy(sleep=waits.append), limiter=RateLimiter(1000, 1.0))
    return client, session, waits


def test_a_host_that_does_not_resolve_stops_after_three_attempts():
    client, session, waits = _client(requests.exceptions.ConnectionError(
        "HTTPSConnectionPool(host='eutils.example.invalid', port=443): Max retries exceeded (Caused by "
        "NameResolutionError(\"Failed to resolve 'eutils.example.invalid' ([Errno -3] Temporary failure in name resolution)\"))"))
    said: list[str] = []
    client.on_retry = said.append
    with pytest.raises(SearchError) as caught:
        client.esearch("pain")
    assert session.posts == 3 and len(waits) == 2 and sum(waits) < 5, (session.posts, waits)
    assert said == ["E-utilities: esearch.fcgi failed (host name could not be resolved); trying again in "
                    f"{waits[0]:.1f} s (attempt 2 of 3)", "E-utilities: esearch.fcgi failed (host name could not be "
                    f"resolved); trying again in {waits[1]:.1f} s (attempt 3 of 3)"], said
    assert str(caught.value) == (
        "E-utilities at http://eutils.example.invalid/entrez/eutils/: the host name could not be resolved (esearch.fcgi, "
        "3 attempts): this computer seems to be offline, or the host in --eutils-url is misspelt; connect and run the "
        "same command again to resume"), str(caught.value)


def test_a_refused_connection_still_backs_off_over_seven_attempts():
    client, session, waits = _client(requests.exceptions.ConnectionError("[Errno 111] Connection refused"))
    with pytest.raises(SearchError, match="kept failing"):
        client.esearch("pain")
    assert session.posts == 7
