"""The fuzz views and budget: what makes the fuzz suite free of false alarms and deterministic."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from yuno_contracts.catalogue.reference import ISO_COUNTRIES, countries
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
    """Positive cases are valid under every documented reading."""

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
        for reading, allowed in WORKFLOWS.items():
            assert set(values) <= set(allowed), reading

    def test_account_id_is_the_placeholder_the_transport_replaces(self) -> None:
        view = schemas(positive_view())
        for name in ("CreateCheckoutSessionRequest", "UpdateCheckoutSessionRequest"):
            assert view[name]["properties"]["account_id"]["enum"] == [ACCOUNT_PLACEHOLDER]

    def test_amount_is_required_and_metadata_left_out(self) -> None:
        create = schemas(positive_view())["CreateCheckoutSessionRequest"]
        assert "amount" in create["required"]
        assert "metadata" not in create["properties"]


class TestNegativeView:
    """Negated cases are invalid under every documented reading."""

    def test_workflow_union_of_both_lists(self) -> None:
        values = set(schemas(negative_view())["Workflow"]["enum"])
        assert values == set().union(*map(set, WORKFLOWS.values()))

    def test_update_requires_nothing(self) -> None:
        """UPDATE-PARTIAL: a body without the four fields is valid under one reading."""
        assert schemas(negative_view())["UpdateCheckoutSessionRequest"]["required"] == []

    def test_amount_precision_is_not_mutated(self) -> None:
        assert "multipleOf" not in schemas(negative_view())["DecimalAmountValue"]

    def test_no_iso_country_is_drawn_as_invalid(self) -> None:
        """COUNTRY-LIST: every ISO 3166-1 alpha-2 code is valid in the view, so never its negation.

        What the view negates (lowercase, another length, not a string) is invalid under
        enum-17 and under country-reference alike.
        """
        country = Draft202012Validator(schemas(negative_view())["Country"])
        assert [code for code in ISO_COUNTRIES if not country.is_valid(code)] == []
        for invalid in ("us", "Us", "USA", "U", "", "U1", 1, None, ["US"]):
            assert not country.is_valid(invalid), invalid

    @pytest.mark.parametrize("code", ["DE", "ZZ", "AA", "AR", "US"])
    def test_a_kept_country_is_one_of_the_17(self, code: str) -> None:
        """A country the case keeps valid is one every reading accepts; the rest stays as drawn."""
        case = kept({"country": code, "merchant_order_id": "x" * 256})
        assert case.body["country"] in countries()
        assert case.body["merchant_order_id"] == "x" * 256
        if code in countries():
            assert case.body["country"] == code

    @pytest.mark.parametrize("value", ["de", "Us", "DEU", "D", "", "D1", 7, None, ["DE"]])
    def test_a_mutated_country_is_left_as_drawn(self, value: Any) -> None:
        assert kept({"country": value}).body == {"country": value}

    @pytest.mark.parametrize("workflow", sorted(set().union(*map(set, WORKFLOWS.values()))))
    def test_a_kept_workflow_is_in_both_lists(self, workflow: str) -> None:
        """WORKFLOW-VALUES: DIRECT kept beside a mutation would be refused by an openapi target."""
        value = kept({"workflow": workflow}).body["workflow"]
        assert all(value in allowed for allowed in WORKFLOWS.values()), value

    @pytest.mark.parametrize("value", ["__not_in_enum__", "sdk_lite", "", 0, None])
    def test_a_mutated_workflow_is_left_as_drawn(self, value: Any) -> None:
        assert kept({"workflow": value}).body == {"workflow": value}

    @pytest.mark.parametrize("body", ["DE", ["DE"], None, 0])
    def test_a_body_that_is_no_object_is_left_as_drawn(self, body: Any) -> None:
        assert kept(body).body == body


def kept(body: Any) -> Any:
    """The negative view's map_case hook applied to a case carrying ``body``."""
    return keep_valid_everywhere(None, SimpleNamespace(body=body))


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
