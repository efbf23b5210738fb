"""Create: JSON types of every field (TYPE-* clauses).

Each case puts one value of the wrong JSON type into an otherwise valid body and expects the
documented refusal, 400 with an error body. A ``null`` is sent only where it is certainly wrong:
required fields (test_required_fields.py) and numbers below; an optional field sent as null is
left alone, as the documents do not say whether null counts as "not sent". Nested values sit
in bodies that are valid without the fault (the positive controls in test_required_fields.py
send the same nested objects complete).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from yuno_contracts import Target, YunoClient, bodies, expect

AMOUNT: dict[str, Any] = {"currency": "USD", "value": Decimal("100")}
ALTERNATIVE: dict[str, Any] = {"currency": "USD", "value": Decimal("2")}
PLAN_ITEM: dict[str, Any] = {"installment": 3, "rate": Decimal("1.5")}


def recurring(
    regular: dict[str, Any] | None = None, trial: dict[str, Any] | None = None, **fields: Any
) -> dict[str, Any]:
    """A valid recurring_payment with ``regular`` / ``trial`` changes and top-level ``fields``."""
    return {
        "description": "Monthly subscription",
        "management_url": "https://example.com/manage",
        "billing_agreement": "BA-123",
        "regular_billing": {**bodies.REGULAR_BILLING, **(regular or {})},
        "trial_billing": {**bodies.TRIAL_BILLING, **(trial or {})},
        **fields,
    }


def case(field: str, kind: str, **overrides: Any) -> Any:
    """A pytest param: top-level ``overrides`` of a valid body, named ``<field>-<kind>-refused``."""
    return pytest.param(overrides, id=f"{field}-{kind}-refused")


STRING_CASES = [
    case("merchant_order_id", "number", merchant_order_id=1717681150),
    case("payment_description", "boolean", payment_description=True),
    case("callback_url", "number", callback_url=12345),
    case("country", "number", country=1),
    case("country", "array", country=["US"]),
    case("account_id", "number", account_id=12345),
    case("customer_id", "object", customer_id={"id": "a577ad8f-08f1-4590-9cf1-e7679b15ee84"}),
    case("amount.currency", "number", amount={**AMOUNT, "currency": 840}),
    case("workflow", "number", workflow=1),
    case("installments.plan_id", "number", installments={"plan_id": 12345}),
    case("recurring_payment.description", "number", recurring_payment=recurring(description=1)),
    case(
        "recurring_payment.management_url",
        "boolean",
        recurring_payment=recurring(management_url=True),
    ),
    case(
        "recurring_payment.billing_agreement",
        "number",
        recurring_payment=recurring(billing_agreement=123),
    ),
    case("regular_billing.label", "number", recurring_payment=recurring({"label": 1})),
    case(
        "regular_billing.amount",
        "number",
        recurring_payment=recurring({"amount": Decimal("9.99")}),
    ),
    case(
        "regular_billing.interval_unit", "number", recurring_payment=recurring({"interval_unit": 1})
    ),
    case("trial_billing.label", "number", recurring_payment=recurring(trial={"label": 1})),
    case(
        "trial_billing.amount",
        "number",
        recurring_payment=recurring(trial={"amount": Decimal("0.00")}),
    ),
    case(
        "trial_billing.interval_unit",
        "number",
        recurring_payment=recurring(trial={"interval_unit": 1}),
    ),
]

NUMBER_CASES = [
    case("amount.value", "numeric-string", amount={**AMOUNT, "value": "100"}),
    case("amount.value", "boolean", amount={**AMOUNT, "value": True}),
    case("plan.rate", "numeric-string", installments={"plan": [{**PLAN_ITEM, "rate": "1.5"}]}),
    case("plan.rate", "null", installments={"plan": [{**PLAN_ITEM, "rate": None}]}),
]

INTEGER_CASES = [
    case(
        "plan.installment",
        "fraction",
        installments={"plan": [{**PLAN_ITEM, "installment": Decimal("1.5")}]},
    ),
    case(
        "plan.installment",
        "numeric-string",
        installments={"plan": [{**PLAN_ITEM, "installment": "3"}]},
    ),
    case(
        "regular_billing.interval_count",
        "fraction",
        recurring_payment=recurring({"interval_count": Decimal("1.5")}),
    ),
    case(
        "regular_billing.interval_count",
        "numeric-string",
        recurring_payment=recurring({"interval_count": "1"}),
    ),
    case(
        "trial_billing.interval_count",
        "fraction",
        recurring_payment=recurring(trial={"interval_count": Decimal("1.5")}),
    ),
    case(
        "trial_billing.interval_count",
        "numeric-string",
        recurring_payment=recurring(trial={"interval_count": "1"}),
    ),
]

OBJECT_CASES = [
    case("amount", "number", amount=Decimal("100")),
    case("amount", "string", amount="100 USD"),
    case("amount", "array", amount=[AMOUNT]),
    case("alternative_amount", "number", alternative_amount=Decimal("2")),
    case("installments", "array", installments=[PLAN_ITEM]),
    case("installments", "string", installments="3"),
    case("recurring_payment", "string", recurring_payment="monthly"),
    case(
        "regular_billing", "array", recurring_payment={"regular_billing": [bodies.REGULAR_BILLING]}
    ),
    case(
        "trial_billing",
        "string",
        recurring_payment={"regular_billing": bodies.REGULAR_BILLING, "trial_billing": "free"},
    ),
]


class TestStringFields:
    """merchant_order_id: type: string, and every other string property of the create body
    (create-checkout-session.openapi.md, requestBody.schema.properties)"""

    @pytest.mark.parametrize("overrides", STRING_CASES)
    @pytest.mark.clause("TYPE-STRINGS")
    def test_non_string_is_refused(
        self, client: YunoClient, target: Target, overrides: dict[str, Any]
    ) -> None:
        """A number, boolean, array or object where a string is documented is refused with 400."""
        response = client.create_session(bodies.session_body(target, **overrides))
        expect.rejected(response, fields=overrides)


class TestNumberFields:
    """amount.value: type: number; installments.plan[].rate: type: number
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize("overrides", NUMBER_CASES)
    @pytest.mark.clause("TYPE-NUMBERS")
    def test_non_number_is_refused(
        self, client: YunoClient, target: Target, overrides: dict[str, Any]
    ) -> None:
        """A string, boolean or null where a number is documented is refused with 400."""
        response = client.create_session(bodies.session_body(target, **overrides))
        expect.rejected(response, fields=overrides)


class TestIntegerFields:
    """installment: type: integer; interval_count: type: integer
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize("overrides", INTEGER_CASES)
    @pytest.mark.clause("TYPE-INTEGERS")
    def test_non_integer_is_refused(
        self, client: YunoClient, target: Target, overrides: dict[str, Any]
    ) -> None:
        """A fraction or a string where an integer is documented is refused with 400."""
        response = client.create_session(bodies.session_body(target, **overrides))
        expect.rejected(response, fields=overrides)


class TestObjectFields:
    """schema: type: object; amount: type: object; and the other object properties
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize("overrides", OBJECT_CASES)
    @pytest.mark.clause("TYPE-OBJECTS")
    def test_non_object_member_is_refused(
        self, client: YunoClient, target: Target, overrides: dict[str, Any]
    ) -> None:
        """A number, string or array where an object is documented is refused with 400."""
        response = client.create_session(bodies.session_body(target, **overrides))
        expect.rejected(response, fields=overrides)

    @pytest.mark.parametrize(
        "content",
        [
            pytest.param("[]", id="body-empty-array-refused"),
            pytest.param('"checkout session"', id="body-string-refused"),
            pytest.param("100", id="body-number-refused"),
            pytest.param("null", id="body-null-refused"),
        ],
    )
    @pytest.mark.clause("TYPE-OBJECTS")
    def test_body_that_is_not_an_object_is_refused(self, client: YunoClient, content: str) -> None:
        """A create body that is JSON but not an object is refused with 400."""
        response = client.request(
            "POST",
            "checkout/sessions",
            content=content,
            headers={"content-type": "application/json"},
        )
        expect.rejected(response)

    @pytest.mark.clause("TYPE-OBJECTS")
    def test_body_array_of_a_valid_session_is_refused(
        self, client: YunoClient, target: Target
    ) -> None:
        """A valid create body wrapped in an array is refused with 400."""
        response = client.create_session([bodies.session_body(target)])
        expect.rejected(response)


class TestInstallmentsPlanArray:
    """installments.plan: type: array (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        "plan",
        [
            pytest.param(PLAN_ITEM, id="plan-object-refused"),
            pytest.param("3x", id="plan-string-refused"),
            pytest.param(3, id="plan-number-refused"),
        ],
    )
    @pytest.mark.clause("TYPE-INSTALLMENTS-PLAN-ARRAY")
    def test_plan_that_is_not_an_array_is_refused(
        self, client: YunoClient, target: Target, plan: Any
    ) -> None:
        """An installments.plan that is not an array is refused with 400."""
        response = client.create_session(bodies.session_body(target, installments={"plan": plan}))
        expect.rejected(response)


class TestAlternativeAmountTypes:
    """alternative_amount.value: type: number; alternative_amount.currency: nullable: true
    (create-checkout-session.openapi.md); the min-data example sends value '140000'."""

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param("abc", id="alternative_value-non-numeric-string-refused"),
            pytest.param(True, id="alternative_value-boolean-refused"),
            pytest.param({"amount": 2}, id="alternative_value-object-refused"),
        ],
    )
    @pytest.mark.clause("TYPE-ALTERNATIVE-AMOUNT-VALUE")
    def test_non_numeric_alternative_value_is_refused(
        self, client: YunoClient, target: Target, value: Any
    ) -> None:
        """A non-numeric alternative_amount.value is refused with 400 under both readings."""
        body = bodies.session_body(target, alternative_amount={"currency": "USD", "value": value})
        expect.rejected(client.create_session(body))

    @pytest.mark.clause("TYPE-ALTERNATIVE-AMOUNT-VALUE")
    def test_numeric_string_alternative_value_follows_a_reading(
        self, client: YunoClient, target: Target
    ) -> None:
        """The example's string '140000': refused with 400 (type number) or accepted (example)."""
        alternative = {"currency": "ARS", "value": "140000"}
        response = client.create_session(
            bodies.session_body(target, alternative_amount=alternative)
        )
        check_either(response)

    @pytest.mark.clause("TYPE-ALTERNATIVE-CURRENCY-NULLABLE")
    def test_null_alternative_currency_is_accepted(
        self, client: YunoClient, target: Target
    ) -> None:
        """alternative_amount {currency: null, value: 2} is answered 200."""
        alternative = {"currency": None, "value": Decimal("2")}
        response = client.create_session(
            bodies.session_body(target, alternative_amount=alternative)
        )
        expect.status(response, 200)
        expect.json_object(response)


def check_either(response: httpx.Response, clause: str | None = None) -> None:
    """Either documented answer: 200 with a JSON object, or the documented 400 refusal."""
    if response.status_code == 200:
        expect.json_object(response, clause)
        return
    expect.that(
        response.status_code == 400,
        clause,
        "status 200 (numeric string accepted) or 400 (refused: value is a number)",
        f"{response.status_code} {response.text}",
        response,
    )
    expect.rejected(response, clause)
