"""Yuno's own code, replayed: the reference sandbox accepts every shipped body (lenient readings).

contracts/sources/shipped-bodies.yaml holds the create bodies Yuno's published code sends. Over
HTTP on loopback, the sandbox set to the widest documented reading of each ambiguity
(``preset=lenient``) answers each with 200, and the sandbox with the defaults refuses only those
whose verdict depends on a reading (never one every reading accepts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sandbox_helpers import Api

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.cases import filled, shipped_bodies

SHIPPED = shipped_bodies()


@pytest.mark.parametrize("entry", SHIPPED, ids=[entry["id"] for entry in SHIPPED])
def test_the_lenient_sandbox_accepts_the_shipped_body(
    api_for: Callable[..., Api], entry: dict[str, Any]
) -> None:
    api = api_for(readings={"preset": "lenient"})
    body = filled(entry["body"], api.settings.account_id)
    response = api.client.post("/checkout/sessions", json=body, headers=api.auth)
    assert response.status_code == 200, (entry["id"], response.text[:300])


@pytest.mark.parametrize("entry", SHIPPED, ids=[entry["id"] for entry in SHIPPED])
def test_the_default_sandbox_refuses_a_shipped_body_only_by_a_reading(
    api: Api, entry: dict[str, Any]
) -> None:
    body = filled(entry["body"], api.settings.account_id)
    response = api.client.post("/checkout/sessions", json=body, headers=api.auth)
    if response.status_code != 200:
        verdict = Agreement.from_files().verdict("create", body)
        assert verdict.kind == "depends", (entry["id"], response.text[:300])
