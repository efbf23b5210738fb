"""Helpers of the sandbox's own tests: an API client, valid bodies, the error-shape check."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Mapping
from typing import Any

import httpx

from yuno_contracts.sandbox import SandboxThread

TEST_CARD = "4111111111111111"
DECLINED_CARD = "4000000000000002"
REMOVE = object()
"""A value for ``Api.session_body(field=REMOVE)``: leave the field out."""


def set_path(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``body`` with ``a.b[0].c`` set to ``value`` (or removed for REMOVE)."""
    result = json.loads(json.dumps(body))
    keys: list[str | int] = []
    for part in path.replace("]", "").split("."):
        name, *indexes = part.split("[")
        keys.append(name)
        keys.extend(int(i) for i in indexes)
    target: Any = result
    for key in keys[:-1]:
        target = target[key]
    if value is REMOVE:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return result


def raw_json(body: Mapping[str, Any], **numbers: str) -> bytes:
    """``body`` as JSON text, with ``"@name"`` string placeholders replaced by raw number text.

    ``raw_json({"amount": {"currency": "USD", "value": "@v"}}, v="10.50")`` keeps ``10.50``.
    """
    text = json.dumps(body)
    for name, number in numbers.items():
        text = text.replace(json.dumps(f"@{name}"), number)
    return text.encode()


def is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


class Api:
    """A small client of one sandbox: a valid body per endpoint and a method per operation."""

    def __init__(self, sandbox: SandboxThread) -> None:
        self.sandbox = sandbox
        self.settings = sandbox.settings
        self.readings = sandbox.settings.readings
        self.auth = {
            "public-api-key": self.settings.public_api_key,
            "private-secret-key": self.settings.private_secret_key,
        }
        self.restricted = {
            "public-api-key": self.settings.restricted_public_api_key,
            "private-secret-key": self.settings.restricted_private_secret_key,
        }
        self.client = client(sandbox.base_url)

    # -- bodies ---------------------------------------------------------------------------------

    def session_body(self, **changes: Any) -> dict[str, Any]:
        """A valid create body (min data of the seed), with top-level ``changes``."""
        body: dict[str, Any] = {
            "account_id": self.settings.account_id,
            "merchant_order_id": "1717681150",
            "payment_description": "Test Cards",
            "country": "US",
            "amount": {"currency": "USD", "value": 100},
        }
        for name, value in changes.items():
            if value is REMOVE:
                body.pop(name, None)
            else:
                body[name] = value
        return body

    def payment_body(self, session_id: str, **changes: Any) -> dict[str, Any]:
        """A complete card payment for the session (test card), with top-level ``changes``."""
        body: dict[str, Any] = {
            "checkout": {"session": session_id},
            "amount": {"currency": "USD", "value": 100},
            "country": "US",
            "merchant_order_id": "1717681150",
            "description": "Test Cards",
            "account_id": self.settings.account_id,
            "customer_payer": {"email": "payer@example.com"},
            "payment_method": {
                "type": "CARD",
                "detail": {
                    "card": {
                        "number": TEST_CARD,
                        "expiration_month": 12,
                        "expiration_year": 2030,
                        "security_code": "123",
                        "holder_name": "JOHN DOE",
                    }
                },
            },
        }
        for name, value in changes.items():
            if value is REMOVE:
                body.pop(name, None)
            else:
                body[name] = value
        return body

    # -- operations -----------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One request; ``auth`` replaces the credentials headers (``{}``: none)."""
        sent = dict(self.auth if auth is None else auth)
        sent.update(headers or {})
        if json_body is not None:
            content = json.dumps(json_body).encode()
            sent.setdefault("content-type", "application/json")
        return self.client.request(method, path, content=content, headers=sent)

    def create(self, body: Any = None, **kw: Any) -> httpx.Response:
        if isinstance(body, bytes):
            return self.request("POST", "/checkout/sessions", content=body, **kw)
        return self.request(
            "POST",
            "/checkout/sessions",
            json_body=self.session_body() if body is None else body,
            **kw,
        )

    def create_ok(self, **changes: Any) -> dict[str, Any]:
        response = self.create(self.session_body(**changes))
        assert response.status_code == 200, response.text
        return response.json()

    def patch(self, session_id: str, body: Any, **kw: Any) -> httpx.Response:
        path = f"/checkout/sessions/{session_id}"
        if isinstance(body, bytes):
            return self.request("PATCH", path, content=body, **kw)
        return self.request("PATCH", path, json_body=body, **kw)

    def get(self, session_id: str, **kw: Any) -> httpx.Response:
        return self.request("GET", f"/checkout/sessions/{session_id}", **kw)

    def token(self, session_id: str, body: Any = None, **kw: Any) -> httpx.Response:
        if body is None:
            body = {"payment_method": {"type": "CARD", "card": {"number": TEST_CARD}}}
        return self.request("POST", f"/checkout/sessions/{session_id}/token", json_body=body, **kw)

    def pay(
        self, session_id: str, key: str | None = None, body: Any = None, **kw: Any
    ) -> httpx.Response:
        headers = {} if key is None else {"X-Idempotency-Key": key}
        body = body if body is not None else self.payment_body(session_id)
        if isinstance(body, bytes):
            return self.request("POST", "/payments", content=body, headers=headers, **kw)
        return self.request("POST", "/payments", json_body=body, headers=headers, **kw)

    def pay_ok(self, session_id: str, **changes: Any) -> dict[str, Any]:
        response = self.pay(session_id, str(uuid.uuid4()), self.payment_body(session_id, **changes))
        assert response.status_code == 201, response.text
        return response.json()


def client(base_url: str) -> httpx.Client:
    """An httpx client with TCP_NODELAY (no 40 ms Nagle / delayed-ACK stall per request)."""
    nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    return httpx.Client(
        base_url=base_url, timeout=30, transport=httpx.HTTPTransport(socket_options=nodelay)
    )


def assert_error(response: httpx.Response, status: int, code: str, *fields: str) -> list[str]:
    """The documented error shape; each of ``fields`` named at the start of some message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "messages"}, body
    assert body["code"] == code, body
    messages = body["messages"]
    assert isinstance(messages, list) and messages, body
    assert all(isinstance(m, str) and m for m in messages), body
    for field in fields:
        assert any(m.startswith(f"{field}:") for m in messages), (field, messages)
    return messages
