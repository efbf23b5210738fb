"""Live-run robustness: bounded retries with backoff and jitter, a circuit breaker, a rate limit.

A live run meets rate limits (429), gateways that hiccup (502/503/504) and dropped connections.
None of these is a contract verdict, so the client retries them (``tenacity``), a bounded number
of times, waiting ``Retry-After`` when the target sends it (at most ``max_wait``) and exponential
backoff with full jitter otherwise.

A 429 is repeated for every method: it says the request was not processed, so sending it again
is safe whatever it does (``POST …/token``, a payment, a fuzz case with any method). A 502, 503
or 504 and a dropped connection may come after the target did the work, so only requests whose
repetition is safe are repeated then:

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
cap of one wait, default 8), ``YUNO_MAX_RPS`` (requests per second of the whole run, default
``SANDBOX_MAX_RPS`` against Yuno's sandbox and no limit elsewhere; ``0`` turns it off), one
budget for all the xdist workers of a run (``RateLimiter.for_run``).
"""

from __future__ import annotations

import contextlib
import email.utils
import fcntl
import functools
import os
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tenacity

from yuno_contracts.core.errors import HarnessError, TargetUnavailableError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "RATE_LIMITED",
    "RETRYABLE_STATUSES",
    "SANDBOX_MAX_RPS",
    "RateLimiter",
    "RetryPolicy",
    "TransportStats",
    "max_rps_for",
    "transport_stats",
]

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
RATE_LIMITED = 429  # not processed: repeated for every method
# Yuno does not publish its sandbox's limit; 10 requests/s for the whole run stays well clear of
# the usual per-account gateway limits and keeps a nightly run at a few minutes.
SANDBOX_MAX_RPS = 10.0


def _env_float(name: str, default: float, env: Any = None) -> float:
    raw = (os.environ if env is None else env).get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise HarnessError(
            f"{name}={raw!r} is not a number: set it to seconds or a count"
        ) from None
    if value < 0 or value != value:
        raise HarnessError(f"{name}={raw!r} is negative: set it to 0 or more")
    return value


def max_rps_for(target_kind: str, env: Any = None) -> float | None:
    """The run's rate limit: ``YUNO_MAX_RPS``, else the sandbox default; None for loopback runs."""
    if target_kind in ("replay", "local"):
        return None
    value = _env_float("YUNO_MAX_RPS", SANDBOX_MAX_RPS if target_kind == "sandbox" else 0, env)
    return value or None


@dataclass
class TransportStats:
    """What the transport did: sent, retried, broken, seconds spent waiting (one process's, or
    the run's when the report sums the tests' parts)."""

    requests: int = 0
    retried: int = 0
    broken: int = 0
    waited: float = 0.0
    sent_at: list[float] = field(default_factory=list)

    def snapshot(self) -> tuple[int, int, int, float, int]:
        return self.requests, self.retried, self.broken, self.waited, len(self.sent_at)

    def add(self, part: dict[str, Any]) -> None:
        self.requests += part["requests"]
        self.retried += part["retried"]
        self.broken += part["broken"]
        self.waited += part["waited"]
        self.sent_at += part["sent_at"]

    def peak_rps(self) -> int:
        """The most requests sent within any one second of the run."""
        times, peak, start = sorted(self.sent_at), 0, 0
        for end, moment in enumerate(times):
            while moment - times[start] >= 1.0:
                start += 1
            peak = max(peak, end - start + 1)
        return peak

    def mean_rps(self) -> float:
        """Requests per second from the run's first send to its last (0 under two sends)."""
        if len(self.sent_at) < 2:
            return 0.0
        span = max(self.sent_at) - min(self.sent_at)
        return (len(self.sent_at) - 1) / span if span > 0 else 0.0

    def as_dict(self, max_rps: float | None) -> dict[str, Any]:
        peak = self.peak_rps()
        return {
            "max_rps": max_rps,
            "peak_rps": peak,
            "mean_rps": round(self.mean_rps(), 2),
            "rate_held": max_rps is None or peak <= max_rps,
            "requests": self.requests,
            "retried": self.retried,
            "broken": self.broken,
            "waited_seconds": round(self.waited, 2),
        }

    def line(self, max_rps: float | None) -> str:
        figures = self.as_dict(max_rps)
        mean = f"mean {figures['mean_rps']:g}/s"
        if max_rps is None:
            rate = f"no rate limit (peak {figures['peak_rps']}/s, {mean})"
        else:
            held = "held" if figures["rate_held"] else "NOT held"
            rate = (
                f"rate limit {max_rps:g}/s for the whole run {held} "
                f"(peak {figures['peak_rps']} in 1 s, {mean})"
            )
        return (
            f"transport: {self.requests} requests, {self.retried} retried, {self.broken} broken "
            f"(no answer after the retries), {self.waited:.1f} s waiting (rate limit, "
            f"Retry-After, backoff); {rate}"
        )


@functools.cache
def transport_stats() -> TransportStats:
    """What this process's transport did (requests, retries, broken, waits), for the report."""
    return TransportStats()


class RateLimiter:
    """At most ``rate`` requests within any one second from this run: sends spaced evenly,
    ``1/rate`` apart (a hair more), the gap measured between the real sends (the lock is held
    while waiting, so a late wake-up never lets two requests through close).

    ``shared`` names a file holding the time of the run's last send: every process that names
    the same file (the xdist workers of one run, ``for_run``) draws from the one budget, taking
    turns under an exclusive ``fcntl`` lock on it. A busy worker may use the whole rate while
    the others are idle; the workers together never exceed it. Without a file the budget is this
    process's (thread-safe).
    """

    def __init__(self, rate: float | None, shared: Path | None = None) -> None:
        self.rate = rate
        # a hair over the exact gap: clocks and rounding never fit one more in a second
        self.interval = 1.002 / rate if rate else 0.0
        self.shared = shared
        self._last = -float("inf")
        self._lock = threading.Lock()
        self._fd: int | None = None

    @classmethod
    def for_run(cls, rate: float | None, env: Any = None) -> RateLimiter:
        """The limiter of this process: under xdist one budget shared by the run's workers (a
        file named after xdist's run id, in the temporary folder), else the process's own."""
        run = (os.environ if env is None else env).get("PYTEST_XDIST_TESTRUNUID", "")
        if not rate or not run.isalnum():
            return cls(rate)
        return cls(rate, Path(tempfile.gettempdir()) / f"yuno-contracts-rate-{run}")

    def acquire(self) -> float:
        """Wait for the next slot; the seconds waited."""
        return self.take()[0]

    def take(self) -> tuple[float, float]:
        """Wait for the next slot: the seconds waited (other workers' turns included) and the
        wall-clock time of the send it allows."""
        if not self.interval:
            return 0.0, time.time()
        started = time.monotonic()
        with self._lock, self._turn() as last:
            wait = last[0] + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            last[0] = time.monotonic()
            sent = time.time()
        return max(last[0] - started, 0.0), sent

    @contextlib.contextmanager
    def _turn(self) -> Iterator[list[float]]:
        """The last send's time (``CLOCK_MONOTONIC``, the same in every process of the
        machine), to read and replace: this process's, or the shared file's under its lock."""
        if self.shared is None:
            last = [self._last]
            yield last
            self._last = last[0]
            return
        if self._fd is None:
            self._fd = os.open(self.shared, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            raw = os.pread(self._fd, _STAMP.size, 0)
            last = [_STAMP.unpack(raw)[0] if len(raw) == _STAMP.size else -float("inf")]
            yield last
            os.pwrite(self._fd, _STAMP.pack(last[0]), 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)


_STAMP = struct.Struct("<d")


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
        jitter = tenacity.wait_random_exponential(multiplier=self.base_wait, max=self.max_wait)
        return jitter(_AttemptState(attempt))

    def attempts(
        self,
        send: Callable[[], tuple[httpx.Response | None, str | None]],
        *,
        safe: bool,
        sleep: Callable[[float], None],
        on_retry: Callable[[int, bool], None],
    ) -> tuple[httpx.Response | None, str | None, int]:
        """Call ``send`` until its answer is usable or the retries run out: after a 429 always,
        after another unusable answer (502/503/504, no answer) only if ``safe``.

        ``send`` returns ``(response, None)`` or ``(None, failure text)``; the result is the
        last of them and the number of attempts made.
        """

        def retryable(outcome: tuple[httpx.Response | None, str | None]) -> bool:
            response, failure = outcome
            return failure is not None or (
                response is not None and response.status_code in RETRYABLE_STATUSES
            )

        def repeat(outcome: tuple[httpx.Response | None, str | None]) -> bool:
            response = outcome[0]
            rate_limited = response is not None and response.status_code == RATE_LIMITED
            return retryable(outcome) and (safe or rate_limited)

        def wait(state: tenacity.RetryCallState) -> float:
            response = state.outcome.result()[0] if state.outcome else None
            return self.wait_before(state.attempt_number, response)

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1),
            wait=wait,
            retry=tenacity.retry_if_result(repeat),
            sleep=sleep,
            before_sleep=lambda state: on_retry(state.attempt_number, _rate_limited(state)),
            retry_error_callback=lambda state: state.outcome.result(),  # type: ignore[union-attr]
            reraise=True,
        )
        state_holder: dict[str, int] = {"attempts": 0}

        def counted() -> tuple[httpx.Response | None, str | None]:
            state_holder["attempts"] += 1
            return send()

        response, failure = retrying(counted)
        if retryable((response, failure)):
            self.record(available=False)
        else:
            self.record(available=True)
        return response, failure, state_holder["attempts"]

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


def _rate_limited(state: tenacity.RetryCallState) -> bool:
    """Whether the attempt about to be repeated was answered 429 (so it was not processed)."""
    response = state.outcome.result()[0] if state.outcome else None
    return response is not None and response.status_code == RATE_LIMITED


@dataclass
class _AttemptState:
    """The one field of tenacity's retry state that its wait strategies read."""

    attempt_number: int


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
