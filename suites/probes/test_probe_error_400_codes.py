"""Probe ERROR-400-CODES: a refused field gets a generic 400 code, or its own (the catalogue's)."""

from __future__ import annotations

import pytest
from probe_support import conclude, outcome

from yuno_contracts import Target, YunoClient, bodies, error_codes


def code_reading(status: int, code: str | None) -> str | None:
    """``generic`` or ``field-specific`` for a 400 refusing a country; None for anything else."""
    if status != 400:
        return None
    if code in error_codes.GENERIC_400_CODES:
        return "generic"
    return "field-specific" if code == "COUNTRY_NOT_SUPPORTED" else None


@pytest.mark.clause("ERROR-400-INVALID-REQUEST")
def test_probe_error_400_codes(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """A create for country ZZ (no ISO 3166-1 code: refused under both COUNTRY-LIST readings),
    everything else valid, is refused with 400; its code names the reading."""
    response = client.create_session(bodies.session_body(target, country="ZZ"))
    reading = code_reading(response.status_code, error_codes.error_code_of(response))
    conclude(request, "ERROR-400-CODES", reading, f"country ZZ → {outcome(response)}", response)
