"""The fuzz views and budget: what makes the fuzz suite free of false alarms and deterministic."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.cases import operation_base
from yuno_contracts.catalogue.proof import ACCOUNT
from yuno_contracts.catalogue.reference import ISO_COUNTRIES
from yuno_contracts.fuzz.views import (
    ACCOUNT_PLACEHOLDER,
    BUDGETS,
    DEFAULT_EXAMPLES,
    SAFE_AMOUNTS,
    FuzzBudgetError,
    fuzz_budget,
    is_safe_amount,
    keep_valid_everywhere,
    negative_view,
    positive_view,
)
from yuno_contracts.sandbox.rules import WORKFLOWS
from yuno_contracts.sandbox.validation import is_multiple


def schemas(document: dict) -> dict:
    return document["components"]["schemas"]


class TestPositiveView:
    """Positive cases are valid under every documented reading: the view is the strict document
    of catalogue.agreement, narrowed for generation only."""

    @pytest.mark.parametrize("value", SAFE_AMOUNTS, ids=str)
    def test_safe_amounts_are_multiples_under_both_readings(self, value: float) -> None:
        """Each amount the positive view sends is a multiple of 0.0001 as decimal and as float."""
        assert is_safe_amount(value)

    def test_point_three_is_not_safe_under_the_float_reading(self) -> None:
        """Why amounts are a list: 0.3 / 0.0001 is 2999.9999999999995 (float reading refuses)."""
        assert is_multiple(Decimal("0.3"), Decimal("0.0001"), "decimal")
        assert not is_multiple(Decimal("0.3"), Decimal("0.0001"), "float")
        assert not is_safe_amount(0.3)

    def test_workflows_are_in_every_reading(self) -> None:
        """The positive workflow values are accepted by both documented lists."""
        values = schemas(positive_view())["Workflow"]["enum"]
        assert values == ["SDK_CHECKOUT", "SDK_SEAMLESS"]
        for reading, allowed in WORKFLOWS.items():
            assert set(values) <= set(allowed), reading

    def test_account_id_is_the_placeholder_the_transport_replaces(self) -> None:
        view = schemas(positive_view())
        for name in ("CreateCheckoutSessionRequest", "UpdateCheckoutSessionRequest"):
            assert view[name]["properties"]["account_id"]["enum"] == [ACCOUNT_PLACEHOLDER]

    def test_values_the_target_must_hold_are_left_out(self) -> None:
        """R4: a made-up customer_id may be refused as CUSTOMER_NOT_FOUND; a made-up plan too."""
        view = schemas(positive_view())
        for name in ("CreateCheckoutSessionRequest", "UpdateCheckoutSessionRequest"):
            assert "customer_id" not in view[name]["properties"]
            assert "metadata" not in view[name]["properties"]
        assert "plan_id" not in view["Installments"]["properties"]

    def test_amount_is_required_through_the_strict_reading(self) -> None:
        """AMOUNT-REQUIRED required is one reading: the strict document requires amount."""
        agreement = Agreement.from_files()
        base = operation_base("create", ACCOUNT)
        body = {key: value for key, value in base.items() if key != "amount"}
        assert not agreement.is_valid(positive_view(ACCOUNT), "create", body)


class TestNegativeView:
    """Negated cases are invalid under every documented reading: the view is the lenient
    document of catalogue.agreement."""

    def test_no_workflow_of_either_list_is_negated(self) -> None:
        workflow = Draft202012Validator(
            {"$ref": "#/components/schemas/Workflow", **negative_view()}
        )
        for value in set().union(*map(set, WORKFLOWS.values())):
            assert workflow.is_valid(value), value
        assert not workflow.is_valid("NOT_A_WORKFLOW")

    def test_a_patch_without_the_four_fields_is_not_negated(self) -> None:
        """UPDATE-PARTIAL: a body without the four fields is valid under one reading."""
        agreement = Agreement.from_files()
        body = {"amount": {"currency": "USD", "value": 5}}
        assert agreement.is_valid(negative_view(), "update", body)

    def test_fields_one_document_defines_are_never_negated(self) -> None:
        """return_url: only the guide defines it; any value is valid under RETURN-URL-FIELD
        undefined, so the lenient document accepts {} and null."""
        agreement = Agreement.from_files()
        base = {
            "merchant_order_id": "abc",
            "payment_description": "abc",
            "country": "US",
            "account_id": ACCOUNT_PLACEHOLDER,
        }
        for value in ({}, None, 5):
            assert agreement.is_valid(negative_view(), "create", {**base, "return_url": value})

    def test_no_iso_country_is_drawn_as_invalid(self) -> None:
        """COUNTRY-LIST: every ISO 3166-1 alpha-2 code is valid in the view, so never its negation."""
        country = Draft202012Validator({"$ref": "#/components/schemas/Country", **negative_view()})
        assert [code for code in ISO_COUNTRIES if not country.is_valid(code)] == []
        for invalid in ("us", "Us", "USA", "U", "", "U1", 1, None, ["US"]):
            assert not country.is_valid(invalid), invalid

    @pytest.mark.parametrize(
        ("kept_value", "field"),
        [
            ("DE", "country"),  # COUNTRY-LIST: valid under country-reference only
            ("DIRECT", "workflow"),  # WORKFLOW-VALUES: the guide's list only
            (None, "return_url"),  # RETURN-URL-FIELD: valid under undefined only
            ("a.b", "callback_url"),  # CALLBACK-URL-FORMAT: valid under string-3-526 only
            (None, "customer_id"),  # NULLABLE-OPTIONALS: valid under null-allowed only
        ],
    )
    def test_a_value_valid_under_one_reading_only_is_made_valid_everywhere(
        self, kept_value: Any, field: str
    ) -> None:
        """Beside a mutation (merchant_order_id of 256 characters), a value one reading refuses
        would mask it: it is replaced by the base body's or left out; the mutation stays."""
        body = {**BASE, "merchant_order_id": "x" * 256, field: kept_value}
        result = kept(body).body
        assert result["merchant_order_id"] == "x" * 256
        assert result.get(field) == BASE.get(field)
        verdict = Agreement.from_files().verdict("create", {**result, "account_id": ACCOUNT})
        assert verdict.refused

    def test_a_body_some_reading_accepts_is_left_as_drawn(self) -> None:
        """Not refused under every reading: the runner does not judge it, the hook leaves it."""
        body = {**BASE, "country": "DE", "amount": {"currency": "EUR", "value": 100}}
        assert kept(body).body == body

    def test_a_nested_member_valid_under_one_reading_is_replaced(self) -> None:
        """amount.value 0.3 is valid under MULTIPLE-OF-READING decimal only: beside a bad
        currency it goes back to the base value; the bad currency stays."""
        body = {**BASE, "amount": {"currency": "ZZZ", "value": 0.3}}
        assert kept(body).body["amount"] == {"currency": "ZZZ", "value": 100}

    @pytest.mark.parametrize("body", ["DE", ["DE"], None, 0])
    def test_a_body_that_is_no_object_is_left_as_drawn(self, body: Any) -> None:
        assert kept(body).body == body


# The body every reading accepts (contracts/cases/), as the negative view generates it.
BASE: dict[str, Any] = operation_base("create", ACCOUNT_PLACEHOLDER)


def kept(body: Any, operation_id: str = "createCheckoutSession") -> Any:
    """The negative view's map_case hook applied to a case carrying ``body``."""
    operation = SimpleNamespace(definition=SimpleNamespace(raw={"operationId": operation_id}))
    return keep_valid_everywhere(None, SimpleNamespace(body=body, operation=operation))


class TestBudget:
    def test_default(self) -> None:
        assert fuzz_budget({}) == DEFAULT_EXAMPLES

    @pytest.mark.parametrize(("raw", "expected"), [("25", 25), ("nightly", BUDGETS["nightly"])])
    def test_values(self, raw: str, expected: int) -> None:
        assert fuzz_budget({"FUZZ_EXAMPLES": raw}) == expected

    @pytest.mark.parametrize("raw", ["0", "-3", "many", "1.5"])
    def test_bad_value_names_the_variable_and_the_fix(self, raw: str) -> None:
        with pytest.raises(FuzzBudgetError, match=r"FUZZ_EXAMPLES=.* positive whole number"):
            fuzz_budget({"FUZZ_EXAMPLES": raw})
