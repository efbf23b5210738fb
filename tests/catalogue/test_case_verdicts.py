"""Every request case of the suites is proven against every documented reading, statically.

``contracts/cases/*.yaml`` declares each boundary, limit, type and required-field case as data:
a body and ``valid`` (every reading accepts it) or not (every reading refuses it). Here each is
checked against the two computed verdict documents (catalogue.agreement), and the failure names
the reading that breaks it. The bite test adds a fixture reading that contradicts one case.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from yuno_contracts.catalogue.agreement import Agreement, RequestReading
from yuno_contracts.catalogue.cases import UPDATE_CLOSED, BodyCase, all_cases
from yuno_contracts.catalogue.clauses import load_ambiguities, load_clauses
from yuno_contracts.catalogue.proof import ACCOUNT, prove, unproven

CASES = all_cases()
CLOSED_FORMS = [form for case in CASES if (form := case.closed_form())]


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    return Agreement.from_files()


def test_the_report_says_how_many_cases_against_how_many_readings(agreement: Agreement) -> None:
    report = prove(agreement, CASES)
    text = report.render()
    total = len(CASES) + len(CLOSED_FORMS)
    assert report.failures == [] and report.proved == total
    assert f"proved {total} of {total} request cases" in text
    assert f"({len(CLOSED_FORMS)} of the cases are the forms sent to a target" in text
    assert f"against {report.readings} readings of {len(agreement.readings)} request-side" in text


def test_the_cases_cover_the_boundary_clauses() -> None:
    """Every case names a clause of the catalogue, and there are both kinds of verdict."""
    clauses = load_clauses()
    assert all(case.clause in clauses for case in CASES)
    assert {case.valid for case in CASES} == {True, False}
    assert len(CASES) >= 80


@pytest.mark.parametrize(
    "case", [*CASES, *CLOSED_FORMS], ids=[case.id for case in [*CASES, *CLOSED_FORMS]]
)
def test_case_holds_under_every_reading(agreement: Agreement, case: BodyCase) -> None:
    """An accepted case is valid under every reading, a refused one under none."""
    assert unproven(agreement, case) is None


def test_the_verdicts_agree_with_sampled_combinations(agreement: Agreement) -> None:
    """The computed documents are sound: under 24 combinations of readings drawn at random (a
    fixed seed) and every combination that changes one reading, each accepted case is valid
    and each refused case invalid."""
    options = list(agreement.readings.values())
    combos: list[dict[str, str]] = [{}]
    for readings in options:
        combos += [{r.ambiguity: r.reading} for r in readings[1:]]
    draw = random.Random(20261206)
    combos += [{rs[0].ambiguity: draw.choice(rs).reading for rs in options} for _ in range(24)]
    for choice in combos:
        document = agreement.document(choice)
        reads = {a: choice.get(a, rs[0].reading) for a, rs in agreement.readings.items()}
        for case in [*CASES, *CLOSED_FORMS]:
            if any(reads[label.split("=")[0]] == label.split("=")[1] for label in case.unless):
                continue
            if any(reads[label.split("=")[0]] != label.split("=")[1] for label in case.only):
                continue
            valid = agreement.is_valid(document, case.operation, case.body(ACCOUNT))  # type: ignore[arg-type]
            assert valid == case.valid, f"{case.id} under {choice}"


def payment_description_of_one_character() -> list[RequestReading]:
    overlay: dict[str, Any] = {
        "overlay": "1.0.0",
        "info": {"title": "fixture: payment_description of 1 character allowed", "version": "1"},
        "actions": [
            {
                "target": "$.components.schemas.CreateCheckoutSessionRequest.properties.payment_description",
                "update": {"minLength": 1},
            }
        ],
    }
    return [
        RequestReading("FIXTURE-DESCRIPTION-MIN", "as-written", None),
        RequestReading("FIXTURE-DESCRIPTION-MIN", "one-character", overlay),
    ]


def test_a_contradicting_reading_fails_the_proof_on_the_case_it_contradicts() -> None:
    """The bite: add a reading where payment_description may have 1 character, and exactly the
    case asserting 2 characters refused is unproven, naming that reading."""
    ambiguities = list(load_ambiguities().values())
    from yuno_contracts.catalogue.agreement import request_readings
    from yuno_contracts.catalogue.contract import load_contract

    readings = [*request_readings(ambiguities), payment_description_of_one_character()]
    widened = Agreement(load_contract(), readings)
    report = prove(widened, CASES)
    assert report.proved == len(CASES) + len(CLOSED_FORMS) - 1
    assert report.failures == [
        "payment_description-2-chars-refused: asserted refused, but accepted under "
        "FIXTURE-DESCRIPTION-MIN=one-character"
    ]


def test_no_patch_body_is_valid_under_both_required_four_and_closed(agreement: Agreement) -> None:
    """Why the update suites ask which form a target takes: the accepted update cases hold
    unless UPDATE-PARTIAL reads closed, and under closed their four-field body is refused; the
    change alone (amount or payment_description) is accepted there and refused under
    required-four."""
    accepted = [case for case in CASES if case.operation == "update" and case.valid]
    assert accepted and all(UPDATE_CLOSED in case.unless for case in accepted)
    closed = agreement.only(UPDATE_CLOSED)
    four = agreement.only("UPDATE-PARTIAL=required-four")
    for case in accepted:
        assert closed.verdict("update", case.body(ACCOUNT)).refused, case.id
    alone = [form for form in CLOSED_FORMS if form.valid]
    assert {form.id for form in alone} >= {"patch-payment_description-3-chars-accepted-sent-alone"}
    for form in alone:
        assert closed.verdict("update", form.body(ACCOUNT)).accepted, form.id
        assert four.verdict("update", form.body(ACCOUNT)).refused, form.id
