"""The probes' shared parts: how a probe concludes, and small readers of what a target answered.

A probe observes which documented reading of one ambiguity (contracts/ambiguities.yaml) the
target follows, then calls ``conclude``:

    conclude(request, "AMOUNT-REQUIRED", "optional", observed="create without amount → 200")

- an accepted reading is recorded (reports/readings.json, an Allure parameter) and passes;
- a reading the register lists with ``accepted: false`` is recorded and fails;
- ``None`` (the observation fits no reading) fails, naming the ambiguity, its readings and what
  was observed, in one line.
"""

from __future__ import annotations

import httpx
import pytest

from yuno_contracts import (
    Ambiguity,
    ContractViolation,
    error_codes,
    load_ambiguities,
    record_reading,
)

__all__ = ["ambiguity", "conclude", "is_refusal", "outcome"]


def ambiguity(ambiguity_id: str) -> Ambiguity:
    """The register's entry (a KeyError naming the id if the register lost it)."""
    return load_ambiguities()[ambiguity_id]


def conclude(
    request: pytest.FixtureRequest,
    ambiguity_id: str,
    reading: str | None,
    observed: str,
    response: httpx.Response | None = None,
) -> None:
    """Record ``reading`` of ``ambiguity_id`` and pass, or fail when it is None or not accepted."""
    entry = ambiguity(ambiguity_id)
    accepted = ", ".join(entry.accepted_readings)
    where = ""
    if response is not None:
        where = f"{response.request.method} {response.request.url.raw_path.decode('ascii')}"
    if reading is None:
        raise ContractViolation(
            ambiguity_id,
            f"one of the documented readings ({', '.join(entry.reading_ids)})",
            f"{observed}, which follows none of them",
            where,
        )
    entry.reading(reading)  # a probe that names a reading the register lacks is a bug: KeyError
    record_reading(request, ambiguity_id, reading)
    if reading not in entry.accepted_readings:
        raise ContractViolation(
            ambiguity_id,
            f"an accepted reading ({accepted})",
            f"{observed}: reading {reading!r}, documented but not accepted",
            where,
        )


def is_refusal(response: httpx.Response) -> bool:
    """400 with a code of Yuno's 400 catalogue in a documented error body."""
    return (
        response.status_code == 400
        and error_codes.error_code_of(response) in error_codes.CATALOGUE_400_CODES
    )


def outcome(response: httpx.Response) -> str:
    """``200``, ``400 INVALID_REQUEST`` or ``500 <body…>``: what a response was, in a few words."""
    code = error_codes.error_code_of(response)
    if code is not None:
        return f"{response.status_code} {code}"
    if 200 <= response.status_code < 300:
        return str(response.status_code)
    text = response.text if len(response.text) <= 60 else response.text[:59] + "…"
    return f"{response.status_code} {text}"
