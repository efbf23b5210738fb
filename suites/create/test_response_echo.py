"""Create responses: what the create response gives back of what was sent.

A checkout session "commits the amount, currency, country, and your merchant order reference";
the response examples give back the merchant_order_id, payment_description, country,
customer_id, amount, metadata, callback_url and workflow that the request examples send. Where
the documents disagree the test reads the target's own answer:

- amount.value: the response schema types it integer, so a whole value may come back as 100 or
  100.0 (compared as numbers); a fractional value comes back as sent, unless the target writes
  it as an integer (the integer reading, under which what it becomes is not documented);
- metadata: echoed in the array form sent; a target that refuses the array (the guide's object
  reading) must accept the same pairs as an object and echo that;
- callback_url: as sent, or with ?checkoutSession=<the new session id> appended.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from response_support import customer_id

from yuno_contracts import HOME_COUNTRY, Target, YunoClient, bodies, expect, steps


def check_echo(client: YunoClient, target: Target, key: str, value: Any) -> dict[str, Any]:
    """Create with ``key`` = ``value``; the response's ``key`` must be ``value`` (the test's
    clause)."""
    response, session = steps.create(client, target, **{key: value})
    expect.equal(session.get(key), value, what=key, response=response)
    return session


class TestEchoMerchantOrderId:
    """It commits the amount, currency, country, and your merchant order reference before any
    payment is created. (checkout-session-guide.txt)"""

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param("1717681150", id="merchant_order_id-seed-example-echoed"),
            pytest.param("yc3", id="merchant_order_id-3-chars-echoed"),
            pytest.param("o" * 254 + "Z", id="merchant_order_id-255-chars-echoed"),
        ],
    )
    @pytest.mark.clause("CREATE-ECHO-MERCHANT-ORDER-ID")
    def test_merchant_order_id_is_echoed(
        self, client: YunoClient, target: Target, value: str
    ) -> None:
        """The response's merchant_order_id is the one sent, character for character."""
        check_echo(client, target, "merchant_order_id", value)


class TestEchoPaymentDescription:
    """payment_description: Test Cards (request and response examples,
    create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param("Test Cards", id="payment_description-seed-example-echoed"),
            pytest.param("abc", id="payment_description-3-chars-echoed"),
            pytest.param("d" * 254 + "Z", id="payment_description-255-chars-echoed"),
        ],
    )
    @pytest.mark.clause("CREATE-ECHO-PAYMENT-DESCRIPTION")
    def test_payment_description_is_echoed(
        self, client: YunoClient, target: Target, value: str
    ) -> None:
        """The response's payment_description is the one sent."""
        check_echo(client, target, "payment_description", value)


class TestEchoCountry:
    """It commits the amount, currency, country, ... (checkout-session-guide.txt)"""

    @pytest.mark.parametrize("value", ["US", "CO", "BR"], ids=lambda c: f"country-{c}-echoed")
    @pytest.mark.clause("CREATE-ECHO-COUNTRY")
    def test_country_is_echoed(self, client: YunoClient, target: Target, value: str) -> None:
        """The response's country is the one sent."""
        check_echo(client, target, "country", value)


class TestEchoCustomerId:
    """customer_id: a577ad8f-08f1-4590-9cf1-e7679b15ee84 (response example,
    create-checkout-session.openapi.md)"""

    @pytest.mark.clause("CREATE-ECHO-CUSTOMER-ID")
    def test_customer_id_is_echoed(self, client: YunoClient, target: Target) -> None:
        """A create that sends customer_id gets the same customer_id back."""
        check_echo(client, target, "customer_id", customer_id(target))


class TestEchoAmount:
    """It commits the amount, currency, ... (checkout-session-guide.txt); response amount.value:
    type: integer (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        ("currency", "value"),
        [
            pytest.param("USD", "100", id="amount-USD-100-echoed"),
            pytest.param("COP", "8000", id="amount-COP-8000-seed-example-echoed"),
            pytest.param("BRL", "1", id="amount-BRL-1-echoed"),
        ],
    )
    @pytest.mark.clause("CREATE-ECHO-AMOUNT")
    def test_whole_amount_is_echoed(
        self, client: YunoClient, target: Target, currency: str, value: str
    ) -> None:
        """amount.currency comes back as sent and amount.value as the same number."""
        sent = {"currency": currency, "value": Decimal(value)}
        response, session = steps.create(
            client, target, country=HOME_COUNTRY[currency], amount=sent
        )
        amount = session.get("amount")
        returned = amount if isinstance(amount, dict) else {}
        expect.equal(returned.get("currency"), currency, what="amount.currency", response=response)
        expect.that(
            expect.is_number(returned.get("value"))
            and Decimal(returned["value"]) == Decimal(value),
            "CREATE-ECHO-AMOUNT",
            f"amount.value the number {value}",
            amount,
            response,
        )

    @pytest.mark.parametrize("value", ["10.5", "8000.25"], ids=lambda v: f"amount-{v}-echoed")
    @pytest.mark.clause("CREATE-ECHO-AMOUNT")
    def test_fractional_amount_is_echoed_unless_written_as_integer(
        self, client: YunoClient, target: Target, value: str
    ) -> None:
        """A fractional amount.value comes back as sent; written as an integer it follows the
        response schema's integer reading (AMOUNT-VALUE-TYPE), which says no more."""
        response, session = steps.create(
            client, target, amount={"currency": "USD", "value": Decimal(value)}
        )
        amount = session.get("amount")
        returned = amount.get("value") if isinstance(amount, dict) else None
        expect.that(
            expect.is_number(returned),
            "CREATE-ECHO-AMOUNT",
            "amount.value a number",
            amount,
            response,
        )
        if isinstance(returned, int):
            return  # the integer reading: a fractional value cannot come back as sent
        expect.that(
            Decimal(returned) == Decimal(value),
            "CREATE-ECHO-AMOUNT",
            f"amount.value {value} as sent (a non-integer answer is the echo reading)",
            returned,
            response,
        )


METADATA = [{"key": "ID", "value": "123456"}, {"key": "channel", "value": "web"}]


def _sorted_items(metadata: Any) -> Any:
    """Array metadata as a list sorted by key (the order of items is not documented)."""
    if isinstance(metadata, list) and all(isinstance(item, dict) for item in metadata):
        return sorted(metadata, key=lambda item: (str(item.get("key")), str(item.get("value"))))
    return metadata


class TestEchoMetadata:
    """metadata: - key: ID value: '123456' (request and response examples,
    create-checkout-session.openapi.md); metadata | object (checkout-session-guide.txt)"""

    @pytest.mark.clause("CREATE-ECHO-METADATA")
    def test_metadata_is_echoed(self, client: YunoClient, target: Target) -> None:
        """The array sent comes back with the same items; a target that refuses the array (the
        guide's object reading) echoes the same pairs sent as an object."""
        clause = "CREATE-ECHO-METADATA"
        response = client.create_session(bodies.session_body(target, metadata=METADATA))
        if response.status_code != 400:  # 400 is the object reading; anything else must be 200
            session = steps.created_session(response)
            expect.equal(
                _sorted_items(session.get("metadata")),
                _sorted_items(METADATA),
                clause,
                "metadata",
                response,
            )
            return
        expect.rejected(response, clause)  # the object reading refuses the array form
        as_object = {item["key"]: item["value"] for item in METADATA}
        fallback, session = steps.create(client, target, clause, metadata=as_object)
        expect.equal(session.get("metadata"), as_object, clause, "metadata", fallback)


class TestEchoCallbackUrl:
    """callback_url: https://www.example.com sent; https://www.example.com/?checkoutSession=<id>
    and https://www.example.com/callback answered (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        "url",
        [
            pytest.param("https://www.example.com", id="callback_url-seed-example-echoed"),
            pytest.param(
                "https://www.example.com/callback?order=yc-order-0001",
                id="callback_url-with-path-and-query-echoed",
            ),
        ],
    )
    @pytest.mark.clause("CREATE-ECHO-CALLBACK-URL")
    def test_callback_url_is_echoed(self, client: YunoClient, target: Target, url: str) -> None:
        """callback_url comes back as sent, or with ?checkoutSession=<the new session id>."""
        response, session = steps.create(client, target, callback_url=url)
        returned = session.get("callback_url")
        expect.that(
            returned == url
            or expect.is_url_plus_session(url, returned, session.get("checkout_session")),
            "CREATE-ECHO-CALLBACK-URL",
            f"callback_url {url}, as sent or with checkoutSession=<checkout_session> added",
            returned,
            response,
        )


class TestEchoWorkflow:
    """workflow: Checkout workflow type. (create-checkout-session.openapi.md); SDK_CHECKOUT and
    SDK_SEAMLESS are the values both documented lists share."""

    @pytest.mark.parametrize(
        "value", ["SDK_CHECKOUT", "SDK_SEAMLESS"], ids=lambda w: f"workflow-{w}-echoed"
    )
    @pytest.mark.clause("CREATE-ECHO-WORKFLOW")
    def test_workflow_is_echoed(self, client: YunoClient, target: Target, value: str) -> None:
        """A create that sends a workflow gets the same workflow back."""
        check_echo(client, target, "workflow", value)
