"""The reference sandbox validates with the same readings as the overlays of contracts/readings/.

For each documented reading of each request-side ambiguity (one setting changed), and for the
combined settings ``preset=lenient`` and ``preset=strict``, the sandbox's create validation
(``rules.faithful_rules`` + ``validation.validate``) accepts exactly the case bodies that the
contract under the same readings (``Agreement.document``) accepts.
"""

from __future__ import annotations

import json

import pytest

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.cases import all_cases, operation_base
from yuno_contracts.catalogue.clauses import load_ambiguities
from yuno_contracts.catalogue.proof import ACCOUNT
from yuno_contracts.sandbox.readings import AMBIGUITY_IDS, PRESETS, Readings
from yuno_contracts.sandbox.responses import ApiError
from yuno_contracts.sandbox.rules import faithful_rules
from yuno_contracts.sandbox.validation import local_currency_problem, parse_json, validate

REQUEST_SIDE = {s: a for s, a in AMBIGUITY_IDS.items() if load_ambiguities()[a].request_side}
SETTINGS = [
    *(
        f"{setting}={reading}"
        for setting in REQUEST_SIDE
        for reading in Readings.choices()[setting]
    ),
    "preset=lenient",
    "preset=strict",
]


BASE = operation_base("create", ACCOUNT)
# Bodies one reading accepts and another refuses: where the readings differ.
DEPENDS = [
    {**BASE, "country": "DE", "amount": {"currency": "EUR", "value": 100}},
    {**BASE, "country": "BR"},
    {**BASE, "customer_id": "a577ad8f-08f1-4590-9cf1-e7679b15ee844"},
    {**BASE, "callback_url": "a.b"},
    {**BASE, "customer_id": None},
    {**BASE, "workflow": None, "metadata": None, "installments": None},
    {**BASE, "callback_url": None, "alternative_amount": None},
    {**BASE, "amount": {"currency": "USD", "value": 100.1234}},
    {**BASE, "amount": {"currency": "CLP", "value": 100.5}, "country": "CL"},
    {**BASE, "amount": {"currency": "USD", "value": 0.3}},
    {**BASE, "return_url": {}},
    {**BASE, "workflow": "DIRECT"},
    {**BASE, "workflow": "CHECKOUT"},
    {**BASE, "metadata": [{"key": "k"}]},
    {**BASE, "metadata": {"k": "v"}},
    {**BASE, "metadata": [{"key": "k", "value": "v"}] * 51},
    {**BASE, "alternative_amount": {"currency": "ARS", "value": "140000"}},
    {k: v for k, v in BASE.items() if k != "amount"},
]


def sandbox_accepts(readings: Readings, body: dict) -> bool:
    """The create endpoint's checks, on the body as it arrives (JSON, numbers as written)."""
    sent = parse_json(json.dumps(body, default=lambda number: float(number)).encode())
    try:
        fields = validate(sent, faithful_rules(readings, ACCOUNT).create)
    except ApiError:
        return False
    return local_currency_problem(readings, fields) is None


def test_every_request_side_ambiguity_has_a_setting() -> None:
    request_side = {a.id for a in load_ambiguities().values() if a.request_side}
    assert set(REQUEST_SIDE.values()) == request_side


@pytest.mark.parametrize("pair", SETTINGS)
def test_the_sandbox_judges_every_case_as_the_overlays_do(pair: str) -> None:
    agreement = Agreement.from_files()
    readings = Readings.from_pairs([pair])
    choice = {REQUEST_SIDE[s]: r for s, r in readings.to_dict().items() if s in REQUEST_SIDE}
    document = agreement.document(choice)
    bodies = [case.body(ACCOUNT) for case in all_cases()] + DEPENDS
    disagreements = [
        body
        for body in bodies
        if sandbox_accepts(readings, body) != agreement.is_valid(document, "create", body)
    ]
    assert disagreements == []


def test_the_presets_are_the_widest_and_the_narrowest() -> None:
    """lenient accepts every body some reading accepts; strict only those all readings accept.

    WORKFLOW-VALUES has no widest or narrowest reading (neither list holds the other): lenient
    takes the guide's five values, strict the OpenAPI's three, so a value of one list only
    (CHECKOUT, DIRECT) is left out of this check."""
    agreement = Agreement.from_files()
    lenient, strict = (
        Readings.from_pairs(["preset=lenient"]),
        Readings.from_pairs(["preset=strict"]),
    )
    for body in [case.body(ACCOUNT) for case in all_cases()] + DEPENDS:
        if body.get("workflow") in ("CHECKOUT", "DIRECT"):
            continue
        verdict = agreement.verdict("create", body)
        assert sandbox_accepts(lenient, body) == (not verdict.refused), body
        assert sandbox_accepts(strict, body) == verdict.accepted, body
    assert set(PRESETS["lenient"]) == set(PRESETS["strict"]) == set(REQUEST_SIDE)
