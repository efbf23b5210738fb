"""Probe SESSION-ID-FORMAT: a UUID session id, or an opaque one of 36 to 64 characters."""

from __future__ import annotations

import pytest
from probe_support import conclude

from yuno_contracts import UUID_FORM, Target, YunoClient, steps


def session_id_reading(value: str) -> str | None:
    """``uuid``, ``string-36-64`` (36 to 64 characters, no UUID), or None (neither)."""
    if UUID_FORM.fullmatch(value):
        return "uuid"
    return "string-36-64" if 36 <= len(value) <= 64 else None


@pytest.mark.clause("CREATE-SESSION-ID")
def test_probe_session_id_format(
    request: pytest.FixtureRequest, client: YunoClient, target: Target
) -> None:
    """A valid create is answered 200; the form of its checkout_session names the reading."""
    response, session = steps.create(client, target)
    value = steps.session_id(response, session)
    observed = f"checkout_session {value!r} ({len(value)} characters)"
    conclude(request, "SESSION-ID-FORMAT", session_id_reading(value), observed, response)
