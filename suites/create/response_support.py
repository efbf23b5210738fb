"""The create-response tests' shared parts beyond the harness's steps: the target's customer id.

A create that must succeed is ``steps.create`` (the response and its session, numbers exact)::

    response, session = steps.create(client, target, workflow="SDK_SEAMLESS")
    expect.same_number(session["amount"]["value"], Decimal("100"))      # 100 == 100.0
    expect.is_url_plus_session(sent, returned, session_id)              # CALLBACK-URL reading
"""

from __future__ import annotations

import pytest

from yuno_contracts import Target

__all__ = ["customer_id"]


def customer_id(target: Target) -> str:
    """The target's customer id; the test is skipped, with the reason, when none is configured."""
    if not target.credentials.customer_id:
        pytest.skip(
            "YUNO_CUSTOMER_ID not set: sending customer_id needs a customer created with "
            "Create Customer; export its id as YUNO_CUSTOMER_ID"
        )
    return target.credentials.customer_id
