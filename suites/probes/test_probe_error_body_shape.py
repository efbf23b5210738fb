"""Probe ERROR-BODY-SHAPE: {code, messages}, {code, message, details} or {error: {code, ...}}."""

from __future__ import annotations

import pytest
from probe_support import conclude, outcome

from yuno_contracts import YunoClient, error_codes, expect


@pytest.mark.clause("ERROR-BODY-SHAPE")
def test_probe_error_body_shape(request: pytest.FixtureRequest, client: YunoClient) -> None:
    """A create with an empty JSON object (every reading requires fields) is refused with 400;
    the shape of its error body names the reading."""
    response = client.create_session({})
    expect.status(response, 400, clause="ERROR-BODY-SHAPE")
    shape = error_codes.error_shape(expect.body(response))
    observed = f"create with {{}} → {outcome(response)}, body {response.text[:80]!r}"
    conclude(request, "ERROR-BODY-SHAPE", shape, observed, response)
