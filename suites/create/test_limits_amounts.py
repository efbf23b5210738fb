"""Create: numeric limits: amounts as multiples of 0.0001, installment within int32.

A "multiple of 0.0001" has two documented readings (MULTIPLE-OF-READING: judged on the decimal
as written, or with float division as jsonschema does). The values sent here are ones both
readings agree on: 100, 100.5, 100.1234 and 0.0001 are multiples either way; 100.00005 and
100.12345 are not, either way. Amounts go out as ``Decimal`` so they reach the target exactly as
written.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

INT32_MAX = 2**31 - 1
INT32_MIN = -(2**31)

PRECISION_CASES = [
    pytest.param("100", True, id="value-100-integral-accepted"),
    pytest.param("100.5", True, id="value-100.5-one-decimal-accepted"),
    pytest.param("100.1234", True, id="value-100.1234-four-decimals-accepted"),
    pytest.param("0.0001", True, id="value-0.0001-one-step-accepted"),
    pytest.param("100.00005", False, id="value-100.00005-five-decimals-refused"),
    pytest.param("100.12345", False, id="value-100.12345-five-decimals-refused"),
]


class TestAmountPrecision:
    """amount.value: The payment amount (multiple of 0.0001). format: float
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(("value", "valid"), PRECISION_CASES)
    @pytest.mark.clause("LIMIT-AMOUNT-PRECISION")
    def test_amount_value_precision(
        self, client: YunoClient, target: Target, value: str, valid: bool
    ) -> None:
        """Up to four decimal places is accepted; a fifth decimal place is refused with 400."""
        body = session_body(target, amount={"currency": "USD", "value": Decimal(value)})
        expect.accepted_or_rejected(client.create_session(body), valid)


class TestAlternativeAmountPrecision:
    """alternative_amount.value: The alternative amount value (multiple of 0.0001).
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        ("value", "valid"),
        [
            pytest.param("2.1234", True, id="alternative_value-2.1234-four-decimals-accepted"),
            pytest.param("2.00005", False, id="alternative_value-2.00005-five-decimals-refused"),
        ],
    )
    @pytest.mark.clause("LIMIT-ALTERNATIVE-AMOUNT-PRECISION")
    def test_alternative_amount_value_precision(
        self, client: YunoClient, target: Target, value: str, valid: bool
    ) -> None:
        """Four decimal places is accepted; a fifth decimal place is refused with 400."""
        alternative = {"currency": "USD", "value": Decimal(value)}
        body = session_body(target, alternative_amount=alternative)
        expect.accepted_or_rejected(client.create_session(body), valid)


class TestInstallmentInt32:
    """installments.plan[].installment: The number of monthly installments shoppers can choose
    format: int32 (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        ("installment", "valid"),
        [
            pytest.param(INT32_MAX, True, id="installment-2147483647-int32-max-accepted"),
            pytest.param(INT32_MAX + 1, False, id="installment-2147483648-past-int32-refused"),
            pytest.param(INT32_MIN, True, id="installment-minus-2147483648-int32-min-accepted"),
            pytest.param(
                INT32_MIN - 1, False, id="installment-minus-2147483649-past-int32-refused"
            ),
        ],
    )
    @pytest.mark.clause("LIMIT-INSTALLMENT-INT32")
    def test_installment_int32_range(
        self, client: YunoClient, target: Target, installment: int, valid: bool
    ) -> None:
        """The int32 bounds are accepted; one past either bound is refused with 400."""
        plan = [{"installment": installment, "rate": Decimal("0")}]
        body = session_body(target, installments={"plan": plan})
        expect.accepted_or_rejected(client.create_session(body), valid)
