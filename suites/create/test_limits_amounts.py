"""Create: numeric limits: amounts as multiples of 0.0001, installment within int32.

A "multiple of 0.0001" has three documented readings (MULTIPLE-OF-READING: judged on the
decimal as written, or with float division as jsonschema does; CURRENCY-DECIMALS: no more
decimals than the currency's digits). The cases (contracts/cases/sessions.yaml) are values every
reading agrees on, proven by tests/catalogue/test_case_verdicts.py: 100, 100.5 and 100.25 USD
are accepted; 100.00005 and 100.12345 are refused. Amounts go out as ``Decimal`` so they reach
the target exactly as written.
"""

from __future__ import annotations

from case_support import clause_cases, send_case

from yuno_contracts import BodyCase, Target, YunoClient


class TestAmountPrecision:
    """amount.value: The payment amount (multiple of 0.0001). format: float
    (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-AMOUNT-PRECISION")
    def test_amount_value_precision(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """Whole and two-decimal USD amounts are accepted; a fifth decimal place is refused."""
        send_case(client, target, case)


class TestAlternativeAmountPrecision:
    """alternative_amount.value: The alternative amount value (multiple of 0.0001).
    (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-ALTERNATIVE-AMOUNT-PRECISION")
    def test_alternative_amount_value_precision(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """One decimal place is accepted; a fifth decimal place is refused with 400."""
        send_case(client, target, case)


class TestInstallmentInt32:
    """installments.plan[].installment: The number of monthly installments shoppers can choose
    format: int32 (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-INSTALLMENT-INT32")
    def test_installment_int32_range(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """The int32 bounds are accepted; one past either bound is refused with 400."""
        send_case(client, target, case)
