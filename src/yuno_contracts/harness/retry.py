"""Live-run robustness: bounded retries with backoff and jitter, and a circuit breaker.

A live run meets rate limits (429), gateways that hiccup (502/503/504) and dropped connections.
None of these is a contract verdict, so the client retries them, a bounded number of times,
waiting ``Retry-After`` when the target sends it and exponential backoff with full jitter
otherwise. Only requests whose repetition is safe are retried:

- GET and PATCH (the same partial update twice leaves the same session);
- POST /payments with an ``X-Idempotency-Key`` (the key makes the repetition one payment);
- POST /checkout/sessions: a repeated create makes at most an extra, unused session; the
  exchange is marked ``retried`` so that a report shows it.

When the retries run out the request raises ``TargetUnavailableError`` ("target unavailable:
…"), which the reports show as *broken*, not as a contract failure. After ``breaker``
consecutive unavailable requests the circuit opens: later requests in the same process fail at
once, so a run against a target that is down ends in bounded time.

Settings (environment): ``YUNO_TIMEOUT`` (seconds per request, default 30, below the 60 s Yuno
documents), ``YUNO_RETRIES`` (extra attempts, default 3), ``YUNO_RETRY_MAX_WAIT`` (seconds,
cap of one wait, default 8).
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from dataclasses import dataclass, field

import httpx

from yuno_contracts.core.errors import HarnessError, TargetUnavailableError

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy"]

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise HarnessError(
            f"{name}={raw!r} is not a number: set it to seconds or a count"
        ) from None
    if value < 0:
        raise HarnessError(f"{name}={raw!r} is negative: set it to 0 or more")
    return value


@dataclass
class RetryPolicy:
    """How often and how long to retry; one instance per client process (shared breaker)."""

    retries: int = 3
    base_wait: float = 0.25
    max_wait: float = 8.0
    breaker: int = 5
    timeout: float = 30.0
    _consecutive_unavailable: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_env(cls) -> RetryPolicy:
        return cls(
            retries=int(_env_float("YUNO_RETRIES", 3)),
            max_wait=_env_float("YUNO_RETRY_MAX_WAIT", 8.0),
            timeout=_env_float("YUNO_TIMEOUT", 30.0) or 30.0,
        )

    # -- what may be retried ------------------------------------------------------------------
    @staticmethod
    def safe_to_repeat(request: httpx.Request) -> bool:
        if request.method in ("GET", "PATCH", "HEAD", "OPTIONS"):
            return True
        path = request.url.path.rstrip("/")
        if request.method == "POST" and path.endswith("/payments"):
            return "x-idempotency-key" in request.headers
        return request.method == "POST" and path.endswith("/checkout/sessions")

    def wait_before(self, attempt: int, response: httpx.Response | None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if response is not None:
            after = _retry_after(response.headers.get("retry-after"))
            if after is not None:
                return min(after, self.max_wait)
        return random.uniform(0, min(self.max_wait, self.base_wait * 2 ** (attempt - 1)))

    # -- the breaker ----------------------------------------------------------------------------
    def check_circuit(self, what: str) -> None:
        with self._lock:
            if self.breaker and self._consecutive_unavailable >= self.breaker:
                raise TargetUnavailableError(
                    f"target unavailable: {self._consecutive_unavailable} requests in a row got "
                    f"no usable answer, so {what} was not sent; check the target and run again"
                )

    def record(self, *, available: bool) -> None:
        with self._lock:
            self._consecutive_unavailable = 0 if available else self._consecutive_unavailable + 1


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
