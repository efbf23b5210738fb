"""Create: the required fields of the body and of its nested objects (REQUIRED-* clauses).

Each case sends a create body that is valid except for one missing (or null) required field and
expects the documented refusal, 400 with an error body. Positive controls send the same nested
object complete, so a target that refuses every ``recurring_payment`` (say) cannot pass the
refusal cases by accident. ``amount`` itself is required only under the guide's reading
(AMOUNT-REQUIRED): its case accepts both documented answers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from case_support import clause_param

from yuno_contracts import Target, YunoClient, bodies, expect


def without(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    """A copy of ``mapping`` without ``key``."""
    return {k: v for k, v in mapping.items() if k != key}


def recurring(regular: dict[str, Any], trial: dict[str, Any] | None = None) -> dict[str, Any]:
    """A recurring_payment with these billings."""
    payment: dict[str, Any] = {"description": "Monthly subscription", "regular_billing": regular}
    if trial is not None:
        payment["trial_billing"] = trial
    return payment


class TestRequiredTopLevel:
    """required: - merchant_order_id - payment_description - country - account_id
    (create-checkout-session.openapi.md, requestBody.schema.required)"""

    @pytest.mark.parametrize(
        ("field", "clause"),
        [
            clause_param(
                "merchant_order_id",
                clause="REQUIRED-MERCHANT-ORDER-ID",
                id="merchant_order_id-missing-refused",
            ),
            clause_param(
                "payment_description",
                clause="REQUIRED-PAYMENT-DESCRIPTION",
                id="payment_description-missing-refused",
            ),
            clause_param("country", clause="REQUIRED-COUNTRY", id="country-missing-refused"),
            clause_param(
                "account_id", clause="REQUIRED-ACCOUNT-ID", id="account_id-missing-refused"
            ),
        ],
    )
    def test_missing_required_field_is_refused(
        self, client: YunoClient, target: Target, field: str, clause: str
    ) -> None:
        """A create without one of the four required fields is refused with 400."""
        response = client.create_session(bodies.session_body(target, **{field: ...}))
        expect.rejected(response, clause)

    @pytest.mark.parametrize(
        ("field", "clause"),
        [
            clause_param(
                "merchant_order_id",
                clause="REQUIRED-MERCHANT-ORDER-ID",
                also=("TYPE-STRINGS",),
                id="merchant_order_id-null-refused",
            ),
            clause_param(
                "payment_description",
                clause="REQUIRED-PAYMENT-DESCRIPTION",
                also=("TYPE-STRINGS",),
                id="payment_description-null-refused",
            ),
            clause_param(
                "country",
                clause="REQUIRED-COUNTRY",
                also=("TYPE-STRINGS",),
                id="country-null-refused",
            ),
            clause_param(
                "account_id",
                clause="REQUIRED-ACCOUNT-ID",
                also=("TYPE-STRINGS",),
                id="account_id-null-refused",
            ),
        ],
    )
    def test_null_required_field_is_refused(
        self, client: YunoClient, target: Target, field: str, clause: str
    ) -> None:
        """A required string field sent as null is neither a string nor present: refused."""
        response = client.create_session(bodies.session_body(target, **{field: None}))
        expect.rejected(response, clause)


class TestRequiredAmount:
    """amount.currency | string | ... amount.value | number | Payment amount as a decimal
    (checkout-session-guide.txt, Required fields); amount: required: - currency - value
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("REQUIRED-AMOUNT")
    def test_amount_missing_follows_a_documented_reading(
        self, client: YunoClient, target: Target
    ) -> None:
        """Without amount: refused with 400 (guide) or answered 200 (OpenAPI required list)."""
        response = client.create_session(bodies.session_body(target, amount=...))
        if response.status_code == 200:
            expect.json_object(response)
        else:
            expect.that(
                response.status_code == 400,
                "REQUIRED-AMOUNT",
                "status 400 (amount required, guide) or 200 (amount optional, OpenAPI)",
                f"{response.status_code} {response.text}",
                response,
            )
            expect.rejected(response)

    @pytest.mark.parametrize(
        ("amount", "clause"),
        [
            clause_param(
                {"value": Decimal("100")},
                clause="REQUIRED-AMOUNT-CURRENCY",
                id="amount.currency-missing-refused",
            ),
            clause_param(
                {"currency": None, "value": Decimal("100")},
                clause="REQUIRED-AMOUNT-CURRENCY",
                also=("TYPE-STRINGS",),
                id="amount.currency-null-refused",
            ),
            clause_param(
                {"currency": "USD"},
                clause="REQUIRED-AMOUNT-VALUE",
                id="amount.value-missing-refused",
            ),
            clause_param(
                {"currency": "USD", "value": None},
                clause="REQUIRED-AMOUNT-VALUE",
                also=("TYPE-NUMBERS",),
                id="amount.value-null-refused",
            ),
        ],
    )
    def test_incomplete_amount_is_refused(
        self, client: YunoClient, target: Target, amount: dict[str, Any], clause: str
    ) -> None:
        """An amount without currency or value (or with it null) is refused with 400."""
        expect.rejected(client.create_session(bodies.session_body(target, amount=amount)), clause)


class TestRequiredAlternativeAmount:
    """alternative_amount: Alternative currency representation of the transaction amount.
    required: - currency - value (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("REQUIRED-ALTERNATIVE-AMOUNT-CURRENCY", "REQUIRED-ALTERNATIVE-AMOUNT-VALUE")
    def test_complete_alternative_amount_is_accepted(
        self, client: YunoClient, target: Target
    ) -> None:
        """An alternative_amount with currency and value (as in the full-data example) is 200."""
        body = bodies.session_body(
            target, alternative_amount={"currency": "USD", "value": Decimal("2")}
        )
        expect.accepted(client.create_session(body), "REQUIRED-ALTERNATIVE-AMOUNT-VALUE")

    @pytest.mark.parametrize(
        ("alternative", "clause"),
        [
            clause_param(
                {"value": Decimal("2")},
                clause="REQUIRED-ALTERNATIVE-AMOUNT-CURRENCY",
                id="alternative_amount.currency-missing-refused",
            ),
            clause_param(
                {"currency": "USD"},
                clause="REQUIRED-ALTERNATIVE-AMOUNT-VALUE",
                id="alternative_amount.value-missing-refused",
            ),
            clause_param(
                {"currency": "USD", "value": None},
                clause="REQUIRED-ALTERNATIVE-AMOUNT-VALUE",
                id="alternative_amount.value-null-refused",
            ),
        ],
    )
    def test_incomplete_alternative_amount_is_refused(
        self, client: YunoClient, target: Target, alternative: dict[str, Any], clause: str
    ) -> None:
        """An alternative_amount without its currency key or its value is refused with 400."""
        body = bodies.session_body(target, alternative_amount=alternative)
        expect.rejected(client.create_session(body), clause)


class TestRequiredMetadataItem:
    """metadata.items: required: - key - value type: object (create-checkout-session.openapi.md)

    The sandbox-tested spec's metadata items require neither member (METADATA-ITEM-FIELDS
    optional), so an item without one may be accepted; a refusal must be the documented one.
    """

    @pytest.mark.parametrize(
        "item",
        [
            pytest.param({"value": "123456"}, id="metadata-item-without-key"),
            pytest.param({"key": "ID"}, id="metadata-item-without-value"),
        ],
    )
    @pytest.mark.clause("REQUIRED-METADATA-KEY-VALUE")
    def test_metadata_item_missing_a_member_is_refused_as_documented(
        self, client: YunoClient, target: Target, item: dict[str, str]
    ) -> None:
        """A metadata item lacking key or value is refused with the documented 400, or accepted
        (METADATA-ITEM-FIELDS optional); never answered otherwise."""
        response = client.create_session(bodies.session_body(target, metadata=[item]))
        if response.status_code == 200:
            expect.accepted(response, "REQUIRED-METADATA-KEY-VALUE")  # a session answer
        else:
            expect.rejected(response)


class TestRequiredInstallmentPlanItem:
    """installments.plan.items: required: - installment - rate
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("REQUIRED-INSTALLMENT-NUMBER", "REQUIRED-INSTALLMENT-RATE")
    def test_complete_plan_item_is_accepted(self, client: YunoClient, target: Target) -> None:
        """A plan item with installment and rate is answered 200."""
        body = bodies.session_body(
            target, installments={"plan": [{"installment": 3, "rate": Decimal("1.5")}]}
        )
        expect.accepted(client.create_session(body), "REQUIRED-INSTALLMENT-NUMBER")

    @pytest.mark.parametrize(
        ("item", "clause"),
        [
            clause_param(
                {"rate": Decimal("1.5")},
                clause="REQUIRED-INSTALLMENT-NUMBER",
                id="plan-item-without-installment-refused",
            ),
            clause_param(
                {"installment": 3},
                clause="REQUIRED-INSTALLMENT-RATE",
                id="plan-item-without-rate-refused",
            ),
        ],
    )
    def test_plan_item_missing_a_member_is_refused(
        self, client: YunoClient, target: Target, item: dict[str, Any], clause: str
    ) -> None:
        """A plan item lacking installment or rate is refused with 400."""
        body = bodies.session_body(target, installments={"plan": [item]})
        expect.rejected(client.create_session(body), clause)


BILLING_MEMBERS = ("label", "amount", "interval_unit", "interval_count")


class TestRequiredBilling:
    """regular_billing / trial_billing: required: - label - amount - interval_unit -
    interval_count (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("REQUIRED-REGULAR-BILLING", "REQUIRED-TRIAL-BILLING")
    def test_complete_billings_are_accepted(self, client: YunoClient, target: Target) -> None:
        """A recurring_payment with complete regular and trial billings is answered 200."""
        body = bodies.session_body(
            target, recurring_payment=recurring(bodies.REGULAR_BILLING, bodies.TRIAL_BILLING)
        )
        expect.accepted(client.create_session(body), "REQUIRED-REGULAR-BILLING")

    @pytest.mark.parametrize(
        "member",
        [pytest.param(m, id=f"regular_billing-without-{m}-refused") for m in BILLING_MEMBERS],
    )
    @pytest.mark.clause("REQUIRED-REGULAR-BILLING")
    def test_regular_billing_missing_a_member_is_refused(
        self, client: YunoClient, target: Target, member: str
    ) -> None:
        """A regular_billing lacking one of its four required members is refused with 400."""
        body = bodies.session_body(
            target, recurring_payment=recurring(without(bodies.REGULAR_BILLING, member))
        )
        expect.rejected(client.create_session(body))

    @pytest.mark.parametrize(
        "member",
        [pytest.param(m, id=f"trial_billing-without-{m}-refused") for m in BILLING_MEMBERS],
    )
    @pytest.mark.clause("REQUIRED-TRIAL-BILLING")
    def test_trial_billing_missing_a_member_is_refused(
        self, client: YunoClient, target: Target, member: str
    ) -> None:
        """A trial_billing lacking one of its four required members is refused with 400."""
        payment = recurring(bodies.REGULAR_BILLING, without(bodies.TRIAL_BILLING, member))
        expect.rejected(
            client.create_session(bodies.session_body(target, recurring_payment=payment))
        )
