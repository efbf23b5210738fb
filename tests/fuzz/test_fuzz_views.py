"""The fuzz views and budget: what makes the fuzz suite free of false alarms and deterministic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yuno_contracts.fuzz.views import (
    ACCOUNT_PLACEHOLDER,
    BUDGETS,
    DEFAULT_EXAMPLES,
    SAFE_AMOUNTS,
    FuzzBudgetError,
    fuzz_budget,
    is_safe_amount,
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
