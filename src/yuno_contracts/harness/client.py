"""The HTTP client the suites use: auth headers from the target, every exchange kept for reports.

    client = YunoClient(target)
    response = client.create_session(body)            # POST /checkout/sessions
    client.update_session(session_id, {"country": "BR"})
    client.request("POST", "/checkout/sessions", json=body, auth="none")   # no credentials

``auth`` picks the security headers of one request: ``"default"`` (the target's pair),
``"none"``, ``"restricted"`` (the pair without API authorization), or an explicit
``Credentials``. ``transport=`` swaps the network for tests (``httpx.MockTransport``).
"""

from __future__ import annotations

import functools
import shlex
import ssl
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
from vcr.errors import CannotOverwriteExistingCassetteException

from yuno_contracts.core.errors import (
    MissingCassetteError,
    ReplayMismatchError,
    TargetUnavailableError,
)
from yuno_contracts.core.jsondata import dumps_exact
from yuno_contracts.harness.retry import RETRYABLE_STATUSES, RetryPolicy
from yuno_contracts.harness.target import Credentials, Target

__all__ = ["DEFAULT_TIMEOUT", "Exchange", "YunoClient", "mask"]

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
def _tls_context() -> ssl.SSLContext:
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
        cassette_path: str | None = None,
        rerecord_hint: str = "make record TARGET=local",
    ) -> None:
        self.target = target
        self.retry = retry or retry_policy()
        self.exchanges: list[Exchange] = []
        self._cassette_path = cassette_path
        self._rerecord_hint = rerecord_hint
        self._http = httpx.Client(
            base_url=target.base_url + "/",
            transport=transport,
            timeout=timeout if timeout is not None else self.retry.timeout,
            headers={"accept": "application/json", "user-agent": "yuno-contracts"},
            verify=_tls_context(),
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
        return self.request("PATCH", f"checkout/sessions/{session_id}", json=body, **kwargs)

    def retrieve_session(self, session_id: str, **kwargs: Any) -> httpx.Response:
        """GET /checkout/sessions/{checkout_session}."""
        return self.request("GET", f"checkout/sessions/{session_id}", **kwargs)

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
        exchange = self._record_request(request)
        policy = self.retry
        what = f"{method} /{path.lstrip('/')}"
        policy.check_circuit(what)
        safe = policy.safe_to_repeat(request)
        started = time.perf_counter()
        try:
            while True:
                response, failure = self._send_once(request, exchange)
                retryable = failure is not None or response.status_code in RETRYABLE_STATUSES
                if not retryable:
                    break
                if safe and exchange.attempts <= policy.retries:
                    self._pause(policy.wait_before(exchange.attempts, response))
                    exchange.attempts += 1
                    if method == "POST" and path.strip("/").endswith("checkout/sessions"):
                        exchange.note = "retried create: an earlier attempt may have made a session"
                    continue
                policy.record(available=False)
                seen = failure or f"HTTP {response.status_code}"
                raise TargetUnavailableError(
                    f"target unavailable: {seen} on {what} after {exchange.attempts} attempt(s); "
                    "not a contract verdict: check the target and run again"
                )
        finally:
            exchange.elapsed_ms = (time.perf_counter() - started) * 1000
        policy.record(available=True)
        exchange.status = response.status_code
        exchange.response_headers = {k: self._mask(v) for k, v in response.headers.items()}
        exchange.response_body = self._mask(response.text)
        return response

    def _send_once(
        self, request: httpx.Request, exchange: Exchange
    ) -> tuple[httpx.Response, None] | tuple[None, str]:
        """One attempt: the response, or the transport failure as text."""
        try:
            return self._http.send(request), None
        except CannotOverwriteExistingCassetteException as exc:
            exchange.error = "not in cassette"
            raise self._replay_error(exc, exchange) from None
        except httpx.TransportError as exc:
            exchange.error = f"{type(exc).__name__}: {exc}"
            return None, f"{type(exc).__name__} ({exc or 'no detail'})"

    def _pause(self, seconds: float) -> None:
        if self.target.kind != "replay":  # a replay has nothing to wait for
            time.sleep(seconds)

    def _mask(self, text: str) -> str:
        return mask(text, self.target.secrets())

    def _record_request(self, request: httpx.Request) -> Exchange:
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
        self.exchanges.append(exchange)
        return exchange

    def _replay_error(
        self, exc: CannotOverwriteExistingCassetteException, exchange: Exchange
    ) -> Exception:
        where = self._cassette_path or str(getattr(exc.cassette, "path", "?"))
        if getattr(exc, "reason", "") == "cassette_not_found":
            return MissingCassetteError(
                f"no cassette {where} to replay {exchange.summary().rsplit(' →', 1)[0]}: "
                f"record it with `{self._rerecord_hint}`"
            )
        detail = ""
        similar = getattr(exc, "similar_requests", None) or []
        if similar:
            _request, _ok, failed = similar[0]
            detail = "; closest recorded request differs in " + ", ".join(
                name for name, _message in failed
            )
        request_line = exchange.summary().rsplit(" →", 1)[0]
        return ReplayMismatchError(
            f"stale cassette {where}: it holds no recorded response for {request_line}{detail}; "
            f"the suite or the contract changed since it was recorded: re-record with "
            f"`{self._rerecord_hint}`"
        )


def _placeholder(name: str, value: str, client: YunoClient) -> str:
    masked = client._mask(value)
    return masked if masked != value else "<masked>"


def _dump_json(body: Any) -> str:
    """JSON text of a body, ``Decimal`` values exactly as their text (``0.0001``), UTF-8 as typed."""
    return dumps_exact(body, ensure_ascii=False)
