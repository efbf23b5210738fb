"""Probe METADATA-SHAPE: metadata as an array of at most 120 or 50 {key, value} items, an object,
or both shapes."""

from __future__ import annotations

from typing import Any

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


def items(count: int) -> list[dict[str, str]]:
    """``count`` well-formed metadata items with distinct keys."""
    return [{"key": f"key-{index:03d}", "value": f"value {index}"} for index in range(count)]


def create_with(client: YunoClient, target: Target, metadata: Any) -> tuple[bool, str]:
    """(answered 200?, what was seen): "400" for a documented refusal, else ``outcome``."""
    response = client.create_session(bodies.session_body(target, metadata=metadata))
    return response.status_code == 200, "400" if is_refusal(response) else outcome(response)


@pytest.mark.clause("LIMIT-METADATA-ITEMS", "TYPE-METADATA-ARRAY")
def test_probe_metadata_shape(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """Arrays of 50 and 51 items and an object; past 50 items, 121 items too."""
    seen: dict[str, str] = {}
    accepted: dict[str, bool] = {}
    cases: list[tuple[str, Any]] = [
        ("array of 50", items(50)),
        ("array of 51", items(51)),
        ("object", {"order_ref": "yc-order-0001", "channel": "web"}),
    ]
    for name, metadata in cases:
        accepted[name], seen[name] = create_with(client, target, metadata)
    if accepted["array of 51"]:
        accepted["array of 121"], seen["array of 121"] = create_with(client, target, items(121))
    observed = ", ".join(f"{name} → {outcome}" for name, outcome in seen.items())
    refused = {name for name, text in seen.items() if text == "400"}
    reading = None
    if accepted["array of 51"] and {"object", "array of 121"} <= refused:
        reading = "array-120"
    elif accepted["array of 50"] and {"array of 51", "object"} <= refused:
        reading = "array-50"
    elif accepted["object"] and {"array of 50", "array of 51"} <= refused:
        reading = "object"
    elif accepted["array of 51"] and accepted["object"] and "array of 121" in refused:
        reading = "union"  # both documented shapes: a reading in itself, not a failure
    conclude(request, "METADATA-SHAPE", reading, observed)
