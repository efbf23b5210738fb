"""Probe WORKFLOW-VALUES: which workflow list the target follows, the OpenAPI's or the guide's."""

from __future__ import annotations

import pytest
from probe_support import conclude, is_refusal, outcome

from yuno_contracts import Target, YunoClient, bodies


@pytest.mark.clause("LIMIT-WORKFLOW-ENUM")
def test_probe_workflow_values(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """CHECKOUT (OpenAPI only) and SDK_LITE (guide only): exactly one of them is accepted."""
    checkout = client.create_session(bodies.session_body(target, workflow="CHECKOUT"))
    sdk_lite = client.create_session(bodies.session_body(target, workflow="SDK_LITE"))
    observed = f"workflow CHECKOUT → {outcome(checkout)}, SDK_LITE → {outcome(sdk_lite)}"
    reading = None
    if checkout.status_code == 200 and is_refusal(sdk_lite):
        reading = "openapi"
    elif is_refusal(checkout) and sdk_lite.status_code == 200:
        reading = "guide"
    conclude(request, "WORKFLOW-VALUES", reading, observed)
