"""Create: the documented string lengths, both sides of each boundary (LIMIT-*-LENGTH).

merchant_order_id and payment_description (MAX 255; MIN 3), callback_url (MAX 526; MIN 3): each
is sent at min-1, min, max and max+1 characters, one request per case, all else valid. A
non-ASCII description of legal length must be accepted like any other string.
"""

from __future__ import annotations

from typing import Any

import pytest

from yuno_contracts.catalogue.contract import field_limits
from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

FILLER = "yuno-contracts-boundary-"
URL_PREFIX = "https://www.example.com/"


def text_of(length: int) -> str:
    """A deterministic string of exactly ``length`` characters."""
    return (FILLER * (length // len(FILLER) + 1))[:length]


def url_of(length: int) -> str:
    """A deterministic callback URL of exactly ``length`` characters (a bare string if short)."""
    if length < len(URL_PREFIX) + 1:
        return "a.b.c"[:length] if length <= 5 else text_of(length)
    return URL_PREFIX + text_of(length - len(URL_PREFIX))


def boundary_cases(field: str) -> list[Any]:
    """min-1 and max+1 refused, min and max accepted, as readable pytest params; min and max are
    the contract's minLength and maxLength of ``field``."""
    limits = field_limits(field)
    low, high = limits.min_length or 0, limits.max_length or 0
    return [
        pytest.param(low - 1, False, id=f"{field}-{low - 1}-chars-refused"),
        pytest.param(low, True, id=f"{field}-{low}-chars-accepted"),
        pytest.param(high, True, id=f"{field}-{high}-chars-accepted"),
        pytest.param(high + 1, False, id=f"{field}-{high + 1}-chars-refused"),
    ]


class TestMerchantOrderIdLength:
    """merchant_order_id: The unique identifier of the customer's order (MAX 255; MIN 3).
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(("length", "valid"), boundary_cases("merchant_order_id"))
    @pytest.mark.clause("LIMIT-MERCHANT-ORDER-ID-LENGTH")
    def test_merchant_order_id_length(
        self, client: YunoClient, target: Target, length: int, valid: bool
    ) -> None:
        """3 and 255 characters are accepted; 2 and 256 are refused with 400."""
        body = session_body(target, merchant_order_id=text_of(length))
        expect.accepted_or_rejected(client.create_session(body), valid)


class TestPaymentDescriptionLength:
    """payment_description: The description of the payment (MAX 255; MIN 3).
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(("length", "valid"), boundary_cases("payment_description"))
    @pytest.mark.clause("LIMIT-PAYMENT-DESCRIPTION-LENGTH")
    def test_payment_description_length(
        self, client: YunoClient, target: Target, length: int, valid: bool
    ) -> None:
        """3 and 255 characters are accepted; 2 and 256 are refused with 400."""
        body = session_body(target, payment_description=text_of(length))
        expect.accepted_or_rejected(client.create_session(body), valid)

    @pytest.mark.clause("LIMIT-PAYMENT-DESCRIPTION-LENGTH", "TYPE-STRINGS")
    def test_non_ascii_payment_description_is_accepted(
        self, client: YunoClient, target: Target
    ) -> None:
        """A description with accented letters and a euro sign is answered 200."""
        body = session_body(target, payment_description="Café com pão em São Paulo, 10 €")
        expect.accepted(client.create_session(body), "LIMIT-PAYMENT-DESCRIPTION-LENGTH")


class TestCallbackUrlLength:
    """callback_url: Required for alternative payment methods with redirection. (MAX 526; MIN 3)
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(("length", "valid"), boundary_cases("callback_url"))
    @pytest.mark.clause("LIMIT-CALLBACK-URL-LENGTH")
    def test_callback_url_length(
        self, client: YunoClient, target: Target, length: int, valid: bool
    ) -> None:
        """3 and 526 characters are accepted; 2 and 527 are refused with 400."""
        expect.accepted_or_rejected(
            client.create_session(session_body(target, callback_url=url_of(length))), valid
        )
