"""The create-response tests' shared parts: a create that must succeed, and readers of its body.

    response, session = create(client, target, workflow="SDK_SEAMLESS")   # 200, a JSON object
    same_number(session["amount"]["value"], Decimal("100"))              # 100 == 100.0
    is_url_plus_session(sent, returned, session_id)                       # CALLBACK-URL reading

Bodies are parsed with numbers exact (``Decimal`` for fractions, ``int`` for integers), so an
amount is compared as the number written, never through a float. Nothing sent is random: a
replayed test sends the bodies it recorded.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

__all__ = [
    "create",
    "customer_id",
    "session_of",
]


def session_of(response: httpx.Response, clause: str = "CREATE-200") -> dict[str, Any]:
    """A successful create: status 200 (``clause``), served as a JSON object (RESPONSE-JSON)."""
    expect.status(response, 200, clause)
    expect.json_object(response, "RESPONSE-JSON")
    return expect.exact_json(response)


def create(
    client: YunoClient, target: Target, clause: str = "CREATE-200", **overrides: Any
) -> tuple[httpx.Response, dict[str, Any]]:
    """Create a session from ``session_body(target, **overrides)``; it must be answered 200."""
    response = client.create_session(session_body(target, **overrides))
    return response, session_of(response, clause)


def customer_id(target: Target) -> str:
    """The target's customer id; the test is skipped, with the reason, when none is configured."""
    if not target.credentials.customer_id:
        pytest.skip(
            "YUNO_CUSTOMER_ID not set: sending customer_id needs a customer created with "
            "Create Customer; export its id as YUNO_CUSTOMER_ID"
        )
    return target.credentials.customer_id
