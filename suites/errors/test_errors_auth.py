"""Authentication: both key headers on every endpoint, 401 INVALID_CREDENTIALS, 403 for the
restricted pair (create-checkout-session.openapi.md: security, responses 401 and 403)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

import pytest
from errors_support import (
    ENDPOINTS,
    WRONG_PRIVATE_SECRET_KEY,
    WRONG_PUBLIC_API_KEY,
    Endpoint,
    send,
    valid_call,
)

from yuno_contracts import AuthChoice, Credentials, Target, YunoClient, bodies, error_codes, expect

INVALID_CREDENTIALS = frozenset({"INVALID_CREDENTIALS"})
AUTHORIZATION_REQUIRED = frozenset({"AUTHORIZATION_REQUIRED"})

# How a request's credentials are broken: (auth pair, extra headers) for the target.
Breakage = Callable[[Target], tuple[AuthChoice, dict[str, str]]]
ONE_HEADER: dict[str, Breakage] = {
    "only-public-api-key": lambda t: ("none", {"public-api-key": t.credentials.public_api_key}),
    "only-private-secret-key": lambda t: (
        "none",
        {"private-secret-key": t.credentials.private_secret_key},
    ),
}
BAD_KEYS: dict[str, Breakage] = {
    "no-key-headers": lambda t: ("none", {}),
    "wrong-public-api-key": lambda t: (
        Credentials(WRONG_PUBLIC_API_KEY, t.credentials.private_secret_key),
        {},
    ),
    "wrong-private-secret-key": lambda t: (
        Credentials(t.credentials.public_api_key, WRONG_PRIVATE_SECRET_KEY),
        {},
    ),
    "unknown-key-pair": lambda t: (Credentials(WRONG_PUBLIC_API_KEY, WRONG_PRIVATE_SECRET_KEY), {}),
}


def _restricted(target: Target) -> Credentials:
    assert target.restricted is not None  # the plugin skips needs_restricted_keys otherwise
    return target.restricted


class TestBothHeadersRequired:
    """security: - sec0: [] sec1: [] (public-api-key and private-secret-key, both headers).
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("AUTH-BOTH-HEADERS", "ERROR-401-INVALID-CREDENTIALS", "ERROR-BODY-SHAPE")
    @pytest.mark.parametrize(
        ("endpoint", "breakage"),
        [pytest.param(e, b, id=f"{e}-{b}") for e, b in product(ENDPOINTS, ONE_HEADER)],
    )
    def test_one_key_header_alone_is_401(
        self, client: YunoClient, target: Target, endpoint: Endpoint, breakage: str
    ) -> None:
        """A request carrying only one of the two key headers is refused 401 INVALID_CREDENTIALS."""
        auth, headers = ONE_HEADER[breakage](target)
        response = send(client, valid_call(client, target, endpoint), auth=auth, headers=headers)
        expect.documented_error(response, 401, INVALID_CREDENTIALS, clause="AUTH-BOTH-HEADERS")


class TestInvalidCredentials:
    """Unauthorized: code: INVALID_CREDENTIALS messages: - Invalid credentials.
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("ERROR-401-INVALID-CREDENTIALS", "ERROR-BODY-SHAPE", "RESPONSE-JSON")
    @pytest.mark.parametrize(
        ("endpoint", "breakage"),
        [pytest.param(e, b, id=f"{e}-{b}") for e, b in product(ENDPOINTS, BAD_KEYS)],
    )
    def test_missing_or_wrong_keys_are_401(
        self, client: YunoClient, target: Target, endpoint: Endpoint, breakage: str
    ) -> None:
        """Missing or unknown keys are refused 401 INVALID_CREDENTIALS, the error body as JSON."""
        auth, headers = BAD_KEYS[breakage](target)
        response = send(client, valid_call(client, target, endpoint), auth=auth, headers=headers)
        expect.documented_error(
            response, 401, INVALID_CREDENTIALS, clause="ERROR-401-INVALID-CREDENTIALS"
        )

    @pytest.mark.needs_restricted_keys
    @pytest.mark.clause("ERROR-401-INVALID-CREDENTIALS", "ERROR-BODY-SHAPE")
    @pytest.mark.parametrize("endpoint", ["create", "retrieve"])
    def test_keys_of_two_different_pairs_are_401(
        self, client: YunoClient, target: Target, endpoint: Endpoint
    ) -> None:
        """The public key of one pair with the private key of another is not a pair: 401."""
        mixed = Credentials(
            target.credentials.public_api_key, _restricted(target).private_secret_key
        )
        response = send(client, valid_call(client, target, endpoint), auth=mixed)
        expect.documented_error(
            response, 401, INVALID_CREDENTIALS, clause="ERROR-401-INVALID-CREDENTIALS"
        )

    @pytest.mark.clause(
        "ERROR-401-INVALID-CREDENTIALS", "ERROR-400-INVALID-REQUEST", "ERROR-BODY-SHAPE"
    )
    @pytest.mark.parametrize(
        "breakage", ["no-key-headers", "wrong-private-secret-key"], ids=lambda b: f"create-{b}"
    )
    def test_bad_keys_with_an_invalid_body_are_refused(
        self, client: YunoClient, target: Target, breakage: str
    ) -> None:
        """Bad keys and a body without country are refused with 401 or 400, never served.

        Which check comes first is not documented, so either documented refusal passes.
        """
        auth, headers = BAD_KEYS[breakage](target)
        body = bodies.session_body(target, country=...)
        response = client.request(
            "POST", "checkout/sessions", json=body, auth=auth, headers=headers
        )
        expect.status(response, (400, 401), "ERROR-401-INVALID-CREDENTIALS")
        if response.status_code == 401:
            expect.documented_error(
                response, 401, INVALID_CREDENTIALS, clause="ERROR-401-INVALID-CREDENTIALS"
            )
        else:
            expect.documented_error(
                response, 400, error_codes.CATALOGUE_400_CODES, clause="ERROR-400-INVALID-REQUEST"
            )


class TestAuthorizationRequired:
    """Forbidden: code: AUTHORIZATION_REQUIRED messages: - The merchant has no authorization to
    use this API. (create-checkout-session.openapi.md)"""

    @pytest.mark.needs_restricted_keys
    @pytest.mark.clause("ERROR-403-AUTHORIZATION-REQUIRED", "ERROR-BODY-SHAPE", "RESPONSE-JSON")
    @pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e}-restricted-key-pair")
    def test_restricted_key_pair_is_403(
        self, client: YunoClient, target: Target, endpoint: Endpoint
    ) -> None:
        """A valid key pair without API authorization is refused 403 AUTHORIZATION_REQUIRED."""
        response = send(client, valid_call(client, target, endpoint), auth="restricted")
        expect.documented_error(
            response, 403, AUTHORIZATION_REQUIRED, clause="ERROR-403-AUTHORIZATION-REQUIRED"
        )
