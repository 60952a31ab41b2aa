"""Failed API keys per client: after a few in a minute, that client's writes get 429 for a while.

Guessing a key then costs a minute per handful of tries. While a client is
held back, its attempts are refused before the key is compared, whatever it
sends, so the 429 says nothing about whether a key was right; clients that
never failed (the ones holding the key) are not slowed at all. The client is
the peer address uvicorn reports (behind a proxy, run it with
`--proxy-headers --forwarded-allow-ips` so that it is the real one).
"""
from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW_S = 60.0
MAX_CLIENTS = 10_000  # remembered at once; the least recently failed are forgotten first


class FailedKeys:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int | None:
        """Seconds until `client` may try a key again, or None if it may now."""
        with self._lock:
            now = self._clock()
            failures = self._recent(client, now)
            if failures is None or len(failures) < self.per_minute:
                return None
            return max(1, math.ceil(failures[0] + WINDOW_S - now))

    def failed(self, client: str) -> None:
        with self._lock:
            now = self._clock()
            failures = self._recent(client, now)
            if failures is None:
                failures = self._failures[client] = deque(maxlen=self.per_minute)
                while len(self._failures) > MAX_CLIENTS:
                    self._failures.popitem(last=False)
            failures.append(now)
            self._failures.move_to_end(client)

    def _recent(self, client: str, now: float) -> deque[float] | None:
        failures = self._failures.get(client)
        if failures is None:
            return None
        while failures and failures[0] <= now - WINDOW_S:
            failures.popleft()
        if not failures:
            del self._failures[client]
            return None
        return failures
