"""Failed sign-ins and bearer tokens, throttled per client address (README: Security and
reliability): after ``MAX_FAILURES`` wrong tokens within ``WINDOW_SECONDS`` from one address,
every further attempt from it — right or wrong — is answered 429 until the oldest of those
failures is a window old. Kept in memory, per server process."""

from __future__ import annotations

import threading
import time
from collections import deque

from screener.errors import ScreenerError

MAX_FAILURES = 20
WINDOW_SECONDS = 60.0


class TooManyAttempts(ScreenerError):
    """Too many wrong tokens from one address (HTTP 429)."""

    http_status = 429

    def __init__(self, retry_after: int):
        super().__init__(f"too many wrong tokens from this address ({MAX_FAILURES} within "
                         f"{WINDOW_SECONDS:g} s); try again in {retry_after} s")
        self.retry_after = retry_after


class Throttle:
    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS):
        self.max_failures, self.window = max_failures, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def check(self, key: str) -> None:
        """TooManyAttempts while ``key`` has had too many failures within the window."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(key, now)
            if len(times) >= self.max_failures:
                raise TooManyAttempts(max(1, int(times[0] + self.window - now + 0.999)))
            if not times:
                self._failures.pop(key, None)      # forget quiet addresses

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())
            if len(self._failures) > 100_000:      # bounded: drop the quietest addresses
                for quiet in [k for k, v in self._failures.items() if len(v) <= 1][:50_000]:
                    del self._failures[quiet]
