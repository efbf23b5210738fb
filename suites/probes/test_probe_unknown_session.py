"""Probe UNKNOWN-SESSION: a session id that does not exist, 400 CHECKOUT_SESSION_NOT_FOUND, 404,
or 400 NOT_FOUND."""

from __future__ import annotations

import httpx
import pytest
from probe_support import conclude, outcome

from yuno_contracts import Target, YunoClient, bodies, error_codes

# A well-formed UUID no target issued: fixed, so the recorded request replays.
UNKNOWN_ID = "00000000-0000-4000-8000-0000000e4040"


def reading_of(response: httpx.Response) -> str | None:
    """'400' (with code CHECKOUT_SESSION_NOT_FOUND), '404' (with an error body), '400-not-found'
    (400 with the generic NOT_FOUND), else None."""
    code = error_codes.error_code_of(response)
    if response.status_code == 400 and code == "CHECKOUT_SESSION_NOT_FOUND":
        return "400"
    if response.status_code == 400 and code == "NOT_FOUND":
        return "400-not-found"
    if response.status_code == 404 and code is not None:
        return "404"
    return None


@pytest.mark.clause("UPDATE-UNKNOWN-SESSION", "RETRIEVE-UNKNOWN-SESSION")
def test_probe_unknown_session(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """GET and a valid PATCH of an unknown id: both answer with the same documented reading."""
    retrieved = client.retrieve_session(UNKNOWN_ID)
    body = bodies.session_body(target)
    patched = client.update_session(UNKNOWN_ID, bodies.update_body(target, body))
    if reading_of(patched) is None and patched.status_code == 400:
        # UPDATE-PARTIAL closed may refuse the four-field form before the id is looked up
        patched = client.update_session(
            UNKNOWN_ID, {"payment_description": body["payment_description"]}
        )
    observed = f"GET → {outcome(retrieved)}, PATCH → {outcome(patched)} for an unknown id"
    readings = {reading_of(retrieved), reading_of(patched)}
    reading = readings.pop() if len(readings) == 1 else None
    conclude(request, "UNKNOWN-SESSION", reading, observed, retrieved)
