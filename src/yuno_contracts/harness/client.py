"""The HTTP client the suites use: auth headers from the target, every exchange kept for reports.

    client = YunoClient(target)
    response = client.create_session(body)            # POST /checkout/sessions
    client.update_session(session_id, {"country": "BR"})
    client.request("POST", "/checkout/sessions", json=body, auth="none")   # no credentials

``auth`` picks the security headers of one request: ``"default"`` (the target's pair),
``"none"``, ``"restricted"`` (the pair without API authorization), or an explicit
``Credentials``. ``transport=`` swaps httpx's own transport: tests give an
``httpx.MockTransport``, a replaying cassette its ``recording.replay.ReplayTransport``, whose
``CassetteError`` for a request the cassette does not hold the client passes on as it is
(the exchange noted "not in cassette"). The client knows nothing of the cassettes' library.
"""

from __future__ import annotations

import functools
import shlex
import ssl
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

import httpx

from yuno_contracts.core.errors import CassetteError, TargetUnavailableError
from yuno_contracts.core.jsondata import dumps_exact
from yuno_contracts.harness.retry import (
    RETRYABLE_STATUSES,
    RateLimiter,
    RetryPolicy,
    max_rps_for,
    transport_stats,
)
from yuno_contracts.harness.target import Credentials, Target

__all__ = [
    "DEFAULT_TIMEOUT",
    "Exchange",
    "YunoClient",
    "mask",
    "rate_limiter",
    "session_path",
    "tls_context",
]


def session_path(session_id: str, suffix: str = "") -> str:
    """``checkout/sessions/<id><suffix>``, the id URL-quoted as one path segment: a session id
    is an opaque string (SESSION-ID-FORMAT: a UUID, or any 36 to 64 characters)."""
    return f"checkout/sessions/{quote(session_id, safe='')}{suffix}"


DEFAULT_TIMEOUT = 30.0  # seconds; Yuno documents 60 s per endpoint, a contract test wants less
AuthChoice = Literal["default", "none", "restricted"] | Credentials
SECRET_HEADERS = frozenset({"public-api-key", "private-secret-key", "authorization", "cookie"})


def mask(text: str, secrets: dict[str, str]) -> str:
    """``text`` with every secret value replaced by its placeholder."""
    for placeholder, value in secrets.items():
        if value:
            text = text.replace(value, placeholder)
    return text


@dataclass
class Exchange:
    """One request and its response, secrets already masked, for reports and failure messages."""

    method: str
    url: str
    path: str
    request_headers: dict[str, str]
    request_body: str | None
    status: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: str | None = None
    elapsed_ms: float = 0.0
    error: str | None = None
    attempts: int = 1
    note: str | None = None

    def curl(self) -> str:
        """A curl line that repeats the request (secrets masked)."""
        parts = ["curl", "-sS", "-X", self.method, self.url]
        for name, value in self.request_headers.items():
            if name.lower() in {
                "content-length",
                "host",
                "accept-encoding",
                "connection",
                "user-agent",
            }:
                continue
            parts += ["-H", f"{name}: {value}"]
        if self.request_body is not None:
            parts += ["--data-raw", self.request_body]
        return " ".join(shlex.quote(p) for p in parts)

    def summary(self) -> str:
        """``POST /v1/checkout/sessions → 400`` in one line."""
        outcome = self.status if self.status is not None else self.error
        retried = f" (after {self.attempts} attempts)" if self.attempts > 1 else ""
        return f"{self.method} {self.path} → {outcome}{retried}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "request": {
                "method": self.method,
                "url": self.url,
                "headers": self.request_headers,
                "body": self.request_body,
            },
            "response": {
                "status": self.status,
                "headers": self.response_headers,
                "body": self.response_body,
                "elapsed_ms": round(self.elapsed_ms, 1),
            },
            "error": self.error,
            "attempts": self.attempts,
            "note": self.note,
        }


@functools.cache
def retry_policy() -> RetryPolicy:
    """The process's retry policy (one circuit breaker for every client of the run)."""
    return RetryPolicy.from_env()


@functools.cache
def rate_limiter(target_kind: str) -> RateLimiter:
    """The process's one rate limiter (``YUNO_MAX_RPS``, one budget for all xdist workers)."""
    return RateLimiter.for_run(max_rps_for(target_kind))


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every client: building one costs ~60 ms, once per test otherwise."""
    return ssl.create_default_context()


class YunoClient:
    """Talks to one target; keeps every exchange in ``exchanges``."""

    def __init__(
        self,
        target: Target,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float | None = None,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.target = target
        self.retry = retry or retry_policy()
        self._limiter = limiter or rate_limiter(target.kind)
        self.exchanges: list[Exchange] = []
        self._http = httpx.Client(
            base_url=target.base_url + "/",
            transport=transport,
            timeout=timeout if timeout is not None else self.retry.timeout,
            headers={"accept": "application/json", "user-agent": "yuno-contracts"},
            verify=tls_context(),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> YunoClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the API, one method per operation ---------------------------------------------------
    def create_session(self, body: Any, **kwargs: Any) -> httpx.Response:
        """POST /checkout/sessions."""
        return self.request("POST", "checkout/sessions", json=body, **kwargs)

    def update_session(self, session_id: str, body: Any, **kwargs: Any) -> httpx.Response:
        """PATCH /checkout/sessions/{checkout_session}."""
        return self.request("PATCH", session_path(session_id), json=body, **kwargs)

    def retrieve_session(self, session_id: str, **kwargs: Any) -> httpx.Response:
        """GET /checkout/sessions/{checkout_session}."""
        return self.request("GET", session_path(session_id), **kwargs)

    def create_token(self, session_id: str, body: Any, **kwargs: Any) -> httpx.Response:
        """POST /checkout/sessions/{checkout_session}/token: a one-time token for the session."""
        return self.request("POST", session_path(session_id, "/token"), json=body, **kwargs)

    def create_payment(
        self, body: Any, *, idempotency_key: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        """POST /payments with an ``X-Idempotency-Key`` (a fresh UUID unless given)."""
        headers = dict(kwargs.pop("headers", None) or {})
        headers.setdefault("X-Idempotency-Key", idempotency_key or str(uuid.uuid4()))
        return self.request("POST", "payments", json=body, headers=headers, **kwargs)

    # -- the transport -----------------------------------------------------------------------
    def auth_headers(self, auth: AuthChoice) -> dict[str, str]:
        if isinstance(auth, Credentials):
            return auth.headers()
        if auth == "none":
            return {}
        if auth == "restricted":
            if self.target.restricted is None:
                raise ValueError("this target has no restricted key pair")
            return self.target.restricted.headers()
        return self.target.credentials.headers()

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        auth: AuthChoice = "default",
    ) -> httpx.Response:
        """Send one request; ``path`` is relative to the base URL (``checkout/sessions``)."""
        all_headers = self.auth_headers(auth)
        if json is not None:
            content = _dump_json(json)
            all_headers["content-type"] = "application/json"
        all_headers.update(headers or {})
        request = self._http.build_request(
            method, path.lstrip("/"), content=content, headers=all_headers
        )
        return self.send(request)

    def send(self, request: httpx.Request, *, keep: bool = True) -> httpx.Response:
        """Send a built request through the run's one transport: the rate limit, the retries
        (a 429 for every request, other failures for safe requests only), the circuit breaker, the test's cassette. ``keep=False`` leaves the
        exchange out of ``exchanges`` (the fuzz suite's hundreds of requests)."""
        exchange = self._record_request(request, keep=keep)
        policy, stats = self.retry, transport_stats()
        what = f"{request.method} {exchange.path}"
        policy.check_circuit(what)
        creates = request.method == "POST" and request.url.path.rstrip("/").endswith(
            "/checkout/sessions"
        )

        def on_retry(attempt: int, rate_limited: bool) -> None:
            stats.retried += 1
            if creates and not rate_limited:  # a 429 made nothing
                exchange.note = "retried create: an earlier attempt may have made a session"

        started = time.perf_counter()
        try:
            response, failure, exchange.attempts = policy.attempts(
                lambda: self._send_once(request, exchange),
                safe=policy.safe_to_repeat(request),
                sleep=self._pause,
                on_retry=on_retry,
            )
        finally:
            exchange.elapsed_ms = (time.perf_counter() - started) * 1000
        if response is None or response.status_code in RETRYABLE_STATUSES:
            stats.broken += 1
            seen = failure or f"HTTP {response.status_code if response else '?'}"
            raise TargetUnavailableError(
                f"target unavailable: {seen} on {what} after {exchange.attempts} attempt(s); "
                "not a contract verdict: check the target and run again"
            )
        exchange.status = response.status_code
        exchange.response_headers = {k: self._mask(v) for k, v in response.headers.items()}
        exchange.response_body = self._mask(response.text)
        return response

    def _send_once(
        self, request: httpx.Request, exchange: Exchange
    ) -> tuple[httpx.Response, None] | tuple[None, str]:
        """One attempt, after the rate limit's wait: the response, or the failure as text."""
        stats = transport_stats()
        if self.target.is_live:
            waited, sent = self._limiter.take()
            stats.waited += waited
            stats.sent_at.append(sent)
        stats.requests += 1
        try:
            response = self._http.send(request)
            response.read()
            return response, None
        except CassetteError:  # the replaying cassette's transport: its one-line message
            exchange.error = "not in cassette"
            raise
        except httpx.TransportError as exc:
            exchange.error = f"{type(exc).__name__}: {exc}"
            return None, f"{type(exc).__name__} ({exc or 'no detail'})"

    def _pause(self, seconds: float) -> None:
        if self.target.is_live:  # a replay has nothing to wait for
            transport_stats().waited += seconds
            time.sleep(seconds)

    def _mask(self, text: str) -> str:
        return mask(text, self.target.secrets())

    def _record_request(self, request: httpx.Request, *, keep: bool = True) -> Exchange:
        body = request.content.decode("utf-8", "replace") if request.content else None
        exchange = Exchange(
            method=request.method,
            url=self._mask(str(request.url)),
            path=self._mask(request.url.raw_path.decode("ascii", "replace")),
            request_headers={
                k: self._mask(v) if k.lower() not in SECRET_HEADERS else _placeholder(k, v, self)
                for k, v in request.headers.items()
            },
            request_body=self._mask(body) if body is not None else None,
        )
        if keep:
            self.exchanges.append(exchange)
        return exchange


def _placeholder(name: str, value: str, client: YunoClient) -> str:
    masked = client._mask(value)
    return masked if masked != value else "<masked>"


def _dump_json(body: Any) -> str:
    """JSON text of a body, ``Decimal`` values exactly as their text (``0.0001``), UTF-8 as typed."""
    return dumps_exact(body, ensure_ascii=False)
