"""Credentials on every endpoint, and the answers for unknown paths and methods."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sandbox_helpers import Api, assert_error

Call = Callable[[Api, dict[str, str], Any], httpx.Response]


def _endpoints() -> dict[str, Call]:
    def create(api: Api, auth: dict[str, str], body: Any) -> httpx.Response:
        return api.create(body if body is not None else api.session_body(), auth=auth)

    def update(api: Api, auth: dict[str, str], body: Any) -> httpx.Response:
        session_id = api.create_ok()["checkout_session"]
        return api.patch(session_id, body if body is not None else {"country": "BR"}, auth=auth)

    def retrieve(api: Api, auth: dict[str, str], body: Any) -> httpx.Response:
        return api.get(api.create_ok()["checkout_session"], auth=auth)

    def token(api: Api, auth: dict[str, str], body: Any) -> httpx.Response:
        return api.token(api.create_ok()["checkout_session"], body, auth=auth)

    def pay(api: Api, auth: dict[str, str], body: Any) -> httpx.Response:
        session_id = api.create_ok()["checkout_session"]
        return api.pay(session_id, str(uuid.uuid4()), body, auth=auth)

    return {"create": create, "update": update, "retrieve": retrieve, "token": token, "pay": pay}


ENDPOINTS = _endpoints()
SUCCESS = {"create": 200, "update": 200, "retrieve": 200, "token": 201, "pay": 201}


def _credentials(api: Api, variant: str) -> dict[str, str]:
    good, restricted = api.auth, api.restricted
    public, private = good["public-api-key"], good["private-secret-key"]
    return {
        "none": {},
        "public-missing": {"private-secret-key": private},
        "private-missing": {"public-api-key": public},
        "public-wrong": {"public-api-key": public + "x", "private-secret-key": private},
        "private-wrong": {"public-api-key": public, "private-secret-key": private + "x"},
        "swapped": {"public-api-key": private, "private-secret-key": public},
        "restricted-public-good-private": {
            "public-api-key": restricted["public-api-key"],
            "private-secret-key": private,
        },
        "empty": {"public-api-key": "", "private-secret-key": ""},
    }[variant]


UNAUTHENTICATED = [
    "none", "public-missing", "private-missing", "public-wrong", "private-wrong", "swapped",
    "restricted-public-good-private", "empty",
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ENDPOINTS)
class TestCredentials:
    def test_provisioned_pair_served(self, api: Api, endpoint: str) -> None:
        assert ENDPOINTS[endpoint](api, api.auth, None).status_code == SUCCESS[endpoint]

    @pytest.mark.parametrize("variant", UNAUTHENTICATED)
    def test_401(self, api: Api, endpoint: str, variant: str) -> None:
        response = ENDPOINTS[endpoint](api, _credentials(api, variant), None)
        assert assert_error(response, 401, "INVALID_CREDENTIALS") == ["Invalid credentials"]

    def test_403_restricted_pair(self, api: Api, endpoint: str) -> None:
        response = ENDPOINTS[endpoint](api, api.restricted, None)
        messages = assert_error(response, 403, "AUTHORIZATION_REQUIRED")
        assert messages == ["The merchant has no authorization to use this API."]

    def test_credentials_before_body(self, api: Api, endpoint: str) -> None:
        """Bad credentials with an invalid body: 401, not 400."""
        response = ENDPOINTS[endpoint](api, {}, {"country": 1})
        assert_error(response, 401, "INVALID_CREDENTIALS")


def test_refused_create_creates_nothing(api: Api) -> None:
    before = len(api.sandbox.store._sessions)
    api.create(api.session_body(), auth={})
    api.create(api.session_body(), auth=api.restricted)
    assert len(api.sandbox.store._sessions) == before


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/checkout/sessions", "POST"),
        ("PUT", "/checkout/sessions", "POST"),
        ("DELETE", "/checkout/sessions/x", "GET, HEAD, PATCH"),
        ("PUT", "/checkout/sessions/x", "GET, HEAD, PATCH"),
        ("POST", "/checkout/sessions/x", "GET, HEAD, PATCH"),
        ("GET", "/checkout/sessions/x/token", "POST"),
        ("GET", "/payments", "POST"),
        ("OPTIONS", "/payments", "POST"),
    ],
)
def test_other_methods_405(api: Api, method: str, path: str, allow: str) -> None:
    response = api.request(method, path)
    assert_error(response, 405, "UNSUPPORTED_METHOD")
    assert response.headers["allow"] == allow


@pytest.mark.parametrize(
    "path", ["/nope", "/checkout", "/checkout/sessions/", "/checkout/sessions/a/b", "/../x"]
)
def test_unknown_path_404(api: Api, path: str) -> None:
    response = api.request("GET", path)
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "NOT_FOUND" and isinstance(body["messages"], list)
