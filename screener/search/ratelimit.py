"""One sliding-window rate limiter for the whole process.

NCBI allows 3 requests per second per client (10 with an API key) and answers 429 above that. It
counts requests as they *arrive*, so pacing by send time alone is not enough: two requests sent
0.34 s apart can arrive 0.2 s apart when the first was slowed down on the way. We therefore keep at
most ``rate`` requests in any window of ``1 s + margin`` measured at send time; the margin absorbs
network jitter up to its size.

Every E-utilities client in the process shares ``shared_limiter(rate)``; tests inject their own
(``RateLimiter(rate=1000)``) to stay fast, and one test keeps the real 3/s.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

DEFAULT_MARGIN = 0.15


class RateLimiter:
    """At most ``rate`` acquisitions in any sliding window of ``window + margin`` seconds."""

    def __init__(self, rate: float = 3, window: float = 1.0, margin: float = DEFAULT_MARGIN,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(1, int(rate))
        self.span = window * (self.capacity / rate) + margin
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()
        self.acquired = 0
        self.waited = 0.0

    def acquire(self) -> float:
        """Block until a request may be sent; returns the seconds waited."""
        waited = 0.0
        with self._lock:  # one waiter at a time keeps the order fair and the arithmetic simple
            now = self._clock()
            while self._sent and now - self._sent[0] >= self.span:
                self._sent.popleft()
            if len(self._sent) >= self.capacity:
                delay = self.span - (now - self._sent[0])
                if delay > 0:
                    self._sleep(delay)
                    waited = delay
                # never trust float arithmetic to land exactly on the window's edge
                now = max(self._clock(), self._sent[0] + self.span)
                while self._sent and now - self._sent[0] >= self.span - 1e-9:
                    self._sent.popleft()
            self._sent.append(now)
            self.acquired += 1
            self.waited += waited
            return waited

    def penalize(self, seconds: float) -> None:
        """After a 429, push the window forward so that nothing is sent for ``seconds``."""
        with self._lock:
            until = self._clock() + seconds - self.span
            self._sent = deque([until] * self.capacity)


_shared: dict[float, RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(rate: float) -> RateLimiter:
    """The process-wide limiter for ``rate`` requests/second (3 without an API key, 10 with one).

    One per rate, because NCBI counts keyed requests per key and unkeyed ones per address.
    """
    with _shared_lock:
        if rate not in _shared:
            _shared[rate] = RateLimiter(rate)
        return _shared[rate]
