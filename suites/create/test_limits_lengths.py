"""Create: the documented string lengths, both sides of each boundary (LIMIT-*-LENGTH).

merchant_order_id and payment_description (MAX 255; MIN 3), callback_url (MAX 526; MIN 3): each
is sent at min-1, min, max and max+1 characters, one request per case, all else valid. The cases
are data (contracts/cases/sessions.yaml), proven against every documented reading by
tests/catalogue/test_case_verdicts.py; callback_urls are URIs (CALLBACK-URL-FORMAT). A non-ASCII
description of legal length must be accepted like any other string.
"""

from __future__ import annotations

import pytest
from case_support import clause_cases, send_case

from yuno_contracts import BodyCase, Target, YunoClient, bodies, expect


class TestMerchantOrderIdLength:
    """merchant_order_id: The unique identifier of the customer's order (MAX 255; MIN 3).
    (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-MERCHANT-ORDER-ID-LENGTH")
    def test_merchant_order_id_length(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """3 and 255 characters are accepted; 2 and 256 are refused with 400."""
        send_case(client, target, case)


class TestPaymentDescriptionLength:
    """payment_description: The description of the payment (MAX 255; MIN 3).
    (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-PAYMENT-DESCRIPTION-LENGTH")
    def test_payment_description_length(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """3 and 255 characters are accepted; 2 and 256 are refused with 400."""
        send_case(client, target, case)

    @pytest.mark.clause("LIMIT-PAYMENT-DESCRIPTION-LENGTH", "TYPE-STRINGS")
    def test_non_ascii_payment_description_is_accepted(
        self, client: YunoClient, target: Target
    ) -> None:
        """A description with accented letters and a euro sign is answered 200."""
        body = bodies.session_body(target, payment_description="Café com pão em São Paulo, 10 €")
        expect.accepted(client.create_session(body), "LIMIT-PAYMENT-DESCRIPTION-LENGTH")


class TestCallbackUrlLength:
    """callback_url: Required for alternative payment methods with redirection. (MAX 526; MIN 3)
    (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-CALLBACK-URL-LENGTH")
    def test_callback_url_length(self, client: YunoClient, target: Target, case: BodyCase) -> None:
        """3 and 526 characters are accepted; 2 and 527 are refused with 400."""
        send_case(client, target, case)
