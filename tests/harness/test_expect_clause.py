"""expect's default clause: the running test's one ``@pytest.mark.clause`` id."""

from __future__ import annotations

import httpx
import pytest

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.harness import expect
from yuno_contracts.harness.violation import ContractViolation, clause_of, using_clauses

REQUEST = httpx.Request("POST", "http://127.0.0.1/v1/checkout/sessions")


def answer(status: int) -> httpx.Response:
    return httpx.Response(status, json={"code": "INVALID_REQUEST", "messages": []}, request=REQUEST)


@pytest.mark.clause("CREATE-200")
def test_a_check_without_clause_names_the_marker_id() -> None:
    with pytest.raises(ContractViolation) as raised:
        expect.accepted(answer(400))
    assert raised.value.clause == "CREATE-200"
    assert str(raised.value).startswith("CREATE-200: expected status 200; observed 400")


@pytest.mark.clause("CREATE-200")
def test_a_given_clause_wins_over_the_marker() -> None:
    with pytest.raises(ContractViolation) as raised:
        expect.status(answer(400), 200, "RESPONSE-JSON")
    assert raised.value.clause == "RESPONSE-JSON"


@pytest.mark.clause("CREATE-200", "RESPONSE-JSON")
def test_several_marker_ids_need_the_clause_given() -> None:
    with pytest.raises(HarnessError, match=r"names 2 clauses \(CREATE-200, RESPONSE-JSON\)"):
        expect.accepted(answer(200))


def test_no_marker_and_no_clause_is_one_line_naming_the_fix() -> None:
    with pytest.raises(HarnessError) as raised:
        expect.rejected(answer(400))
    assert "\n" not in str(raised.value) and "clause=" in str(raised.value)


def test_the_block_sets_and_restores_the_default() -> None:
    with using_clauses(["LIMIT-COUNTRY-ENUM"]):
        assert clause_of(None) == "LIMIT-COUNTRY-ENUM"
        with using_clauses(["CREATE-200"]):
            assert clause_of(None) == "CREATE-200"
        assert clause_of(None) == "LIMIT-COUNTRY-ENUM"


def test_a_refusal_passes_and_an_acceptance_fails_the_outcome_check() -> None:
    with using_clauses(["LIMIT-COUNTRY-ENUM"]):
        expect.accepted_or_rejected(answer(400), valid=False)
        with pytest.raises(ContractViolation, match=r"^LIMIT-COUNTRY-ENUM: expected status 400"):
            expect.accepted_or_rejected(answer(200), valid=False)
