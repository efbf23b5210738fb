"""Create responses: the seed's three request examples, placeholders filled in, are answered 200.

The examples are copied from create-checkout-session.openapi.md (requestBody.examples) with
{{account_id}} and {{customer_id}} replaced by the target's. Two of them touch an ambiguity:

- full data sends metadata as an array; a target that refuses it (the guide's object reading,
  METADATA-SHAPE) must accept the same example with the pairs as an object;
- min data sends alternative_amount.value as the string '140000'; a target that refuses it (the
  schema's number, ALTERNATIVE-VALUE-STRING) must accept the same example with the number 140000.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from case_support import clause_param
from response_support import customer_id

from yuno_contracts import Target, YunoClient, expect, steps

Body = dict[str, Any]


def full_data(target: Target) -> Body:
    """Checkout Session (full data)."""
    return {
        "account_id": target.credentials.account_id,
        "merchant_order_id": "1717681150",
        "payment_description": "Test Cards",
        "country": "CO",
        "customer_id": customer_id(target),
        "callback_url": "https://www.example.com",
        "amount": {"currency": "COP", "value": Decimal("8000")},
        "alternative_amount": {"currency": "USD", "value": Decimal("2")},
        "metadata": [{"key": "ID", "value": "123456"}],
        "recurring_payment": {
            "description": "Monthly subscription",
            "management_url": "https://example.com/manage",
            "billing_agreement": "BA-123",
            "regular_billing": {
                "label": "Monthly",
                "amount": "9.99",
                "interval_unit": "month",
                "interval_count": 1,
            },
            "trial_billing": {
                "label": "Free trial",
                "amount": "0.00",
                "interval_unit": "month",
                "interval_count": 1,
            },
        },
    }


def min_data(target: Target) -> Body:
    """Checkout Session (min data)."""
    return {
        "country": "US",
        "amount": {"currency": "USD", "value": Decimal("100")},
        "alternative_amount": {"currency": "ARS", "value": "140000"},
        "account_id": target.credentials.account_id,
        "merchant_order_id": "1717681150",
        "payment_description": "Test Cards",
        "customer_id": customer_id(target),
    }


def alternative_omitted(target: Target) -> Body:
    """Checkout Session (alternative currency omitted)."""
    return {
        "account_id": target.credentials.account_id,
        "merchant_order_id": "1717681150",
        "payment_description": "Test Cards",
        "country": "CO",
        "customer_id": customer_id(target),
        "amount": {"currency": "COP", "value": Decimal("8000")},
    }


def metadata_as_object(body: Body) -> Body:
    """The guide's reading: the same metadata pairs as one object."""
    changed = copy.deepcopy(body)
    changed["metadata"] = {item["key"]: item["value"] for item in body["metadata"]}
    return changed


def alternative_value_as_number(body: Body) -> Body:
    """The schema's reading: alternative_amount.value as the number it spells."""
    changed = copy.deepcopy(body)
    changed["alternative_amount"]["value"] = Decimal(body["alternative_amount"]["value"])
    return changed


EXAMPLES = [
    clause_param(
        full_data,
        metadata_as_object,
        "metadata as an object (guide)",
        clause="CREATE-EXAMPLE-FULL-DATA",
        id="example-full-data-accepted",
    ),
    clause_param(
        min_data,
        alternative_value_as_number,
        "alternative_amount.value as the number 140000 (schema)",
        clause="CREATE-EXAMPLE-MIN-DATA",
        id="example-min-data-accepted",
    ),
    clause_param(
        alternative_omitted,
        None,
        "",
        clause="CREATE-EXAMPLE-ALTERNATIVE-OMITTED",
        id="example-alternative-currency-omitted-accepted",
    ),
]


class TestSeedExamples:
    """requestBody.examples: Checkout Session (full data), (min data), (alternative currency
    omitted) (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(("example", "other_reading", "other_what", "clause"), EXAMPLES)
    def test_seed_example_is_accepted(
        self,
        client: YunoClient,
        target: Target,
        example: Callable[[Target], Body],
        other_reading: Callable[[Body], Body] | None,
        other_what: str,
        clause: str,
    ) -> None:
        """The example is answered 200, or, where it touches an ambiguity and the target
        refuses it with a documented 400, the example under the other reading is."""
        body = example(target)
        response = client.create_session(body)
        if response.status_code != 400 or other_reading is None:
            steps.created_session(response, clause)
            return
        expect.rejected(response, clause)  # the one documented way to turn an example down
        fallback = client.create_session(other_reading(body))
        expect.that(
            fallback.status_code == 200,
            clause,
            f"the example answered 200, as written or, since that was refused, with {other_what}",
            f"as written {response.status_code}, then {fallback.status_code} {fallback.text}",
            fallback,
        )
        steps.created_session(fallback, clause)
