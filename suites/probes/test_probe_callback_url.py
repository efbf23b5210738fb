"""Probe CALLBACK-URL: the create response's callback_url, as sent or with checkoutSession=<id>."""

from __future__ import annotations

import pytest
from probe_support import conclude, outcome

from yuno_contracts import Target, YunoClient, bodies, expect

SENT = "https://www.example.com/callback?order=yc-order-0001"


@pytest.mark.clause("CREATE-ECHO-CALLBACK-URL")
def test_probe_callback_url(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """A create with a callback_url: the response gives it back as sent, or with the session id."""
    response = client.create_session(bodies.session_body(target, callback_url=SENT))
    body = expect.body(response) if response.status_code == 200 else {}
    returned = body.get("callback_url") if isinstance(body, dict) else None
    reading = None
    if response.status_code == 200 and returned == SENT:
        reading = "echo"
    elif response.status_code == 200 and expect.is_url_plus_session(
        SENT, returned, body.get("checkout_session")
    ):
        reading = "append-session"
    observed = f"create with callback_url {SENT} → {outcome(response)}, callback_url {returned!r}"
    conclude(request, "CALLBACK-URL", reading, observed, response)
