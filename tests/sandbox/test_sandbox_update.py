"""PATCH /v1/checkout/sessions/{checkout_session}: "Only fields you send will be updated."."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sandbox_helpers import Api, assert_error, raw_json

FULL = {
    "customer_id": "a577ad8f-08f1-4590-9cf1-e7679b15ee84",
    "callback_url": "https://www.example.com",
    "metadata": [{"key": "ID", "value": "123456"}],
    "installments": {"plan_id": "p1", "plan": [{"installment": 3, "rate": 1.5}]},
    "alternative_amount": {"currency": "USD", "value": 2},
}


@pytest.fixture
def created(api: Api) -> dict[str, Any]:
    return api.create_ok(**FULL)


def _patched(api: Api, session_id: str, body: Any) -> dict[str, Any]:
    response = api.patch(session_id, body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


CHANGES = [
    pytest.param({"merchant_order_id": "007"}, id="merchant_order_id"),
    pytest.param({"payment_description": "Payment Test"}, id="payment_description"),
    pytest.param({"country": "BR"}, id="country"),
    pytest.param({"customer_id": "55006822-7c79-490b-bea1-81798b9afc74"}, id="customer_id"),
    pytest.param({"callback_url": "https://example.org/cb"}, id="callback_url"),
    pytest.param({"metadata": [{"key": "a", "value": "b"}]}, id="metadata"),
    pytest.param({"workflow": "SDK_SEAMLESS"}, id="workflow"),
    pytest.param({"installments": {"plan_id": "p2"}}, id="installments"),
]


class TestPartialUpdate:
    @pytest.mark.parametrize("change", CHANGES)
    def test_one_field(self, api: Api, created: dict[str, Any], change: dict[str, Any]) -> None:
        """The field sent changes; every other field keeps its value."""
        body = _patched(api, created["checkout_session"], change)
        ((name, value),) = change.items()
        expected = {**created, name: value, "used": False}
        if name == "installments":
            expected[name] = {"plan_id": "p2", "plan": None}
        assert body == expected

    def test_seed_example(self, api: Api, created: dict[str, Any]) -> None:
        """The update page's example: the four fields plus amount/alternative currency."""
        body = _patched(
            api,
            created["checkout_session"],
            {
                "country": "BR",
                "amount": {"currency": "ARS"},
                "alternative_amount": {"currency": "ARS"},
                "merchant_order_id": "007",
                "payment_description": "Payment Test",
                "account_id": api.settings.account_id,
            },
        )
        assert body["amount"] == {"currency": "ARS", "value": 100}
        assert (body["merchant_order_id"], body["country"]) == ("007", "BR")
        assert body["metadata"] == created["metadata"]
        assert body["used"] is False
        stored = api.sandbox.store.session(created["checkout_session"])
        assert stored is not None
        assert stored.fields["alternative_amount"] == {"currency": "ARS", "value": 2}

    def test_amount_value_only(self, api: Api, created: dict[str, Any]) -> None:
        body = _patched(api, created["checkout_session"], {"amount": {"value": 55.5}})
        assert body["amount"] == {"currency": "USD", "value": 55.5}

    def test_empty_body_changes_nothing(self, api: Api, created: dict[str, Any]) -> None:
        assert _patched(api, created["checkout_session"], {}) == created

    def test_id_and_created_at_never_change(self, api: Api, created: dict[str, Any]) -> None:
        session_id = created["checkout_session"]
        for change in ({"country": "MX"}, {"checkout_session": "x", "created_at": "then"}):
            body = _patched(api, session_id, change)
            assert body["checkout_session"] == session_id
            assert body["created_at"] == created["created_at"]

    def test_get_shows_the_update(self, api: Api, created: dict[str, Any]) -> None:
        patched = _patched(api, created["checkout_session"], {"country": "PE"})
        assert api.get(created["checkout_session"]).json() == patched

    def test_decimal_digits_kept(self, api: Api, created: dict[str, Any]) -> None:
        response = api.patch(
            created["checkout_session"], raw_json({"amount": {"value": "@v"}}, v="12.3400")
        )
        assert response.status_code == 200
        assert '"value":12.3400' in response.text


INVALID = [
    pytest.param({"country": "ZZ"}, "country", id="country-ZZ"),
    pytest.param({"country": None}, "country", id="country-null"),
    pytest.param({"merchant_order_id": "ab"}, "merchant_order_id", id="merchant_order_id-2"),
    pytest.param({"payment_description": "x" * 256}, "payment_description", id="description-256"),
    pytest.param({"amount": {"currency": "US"}}, "amount.currency", id="currency-US"),
    pytest.param({"amount": {"value": 0.00001}}, "amount.value", id="value-0.00001"),
    pytest.param({"amount": None}, "amount", id="amount-null"),
    pytest.param({"workflow": "DIRECT"}, "workflow", id="workflow-guide-only"),
    pytest.param({"metadata": [{"key": "k"}]}, "metadata[0].value", id="metadata-item"),
    pytest.param({"account_id": str(uuid.uuid4())}, "account_id", id="account-other"),
    pytest.param({"customer_id": "nope"}, "customer_id", id="customer-not-uuid"),
]


class TestValidation:
    @pytest.mark.parametrize(("body", "field"), INVALID)
    def test_sent_fields_are_validated(
        self, api: Api, created: dict[str, Any], body: dict[str, Any], field: str
    ) -> None:
        """Fields sent follow the create rules; a refused PATCH changes nothing."""
        assert_error(api.patch(created["checkout_session"], body), 400, "INVALID_REQUEST", field)
        assert api.get(created["checkout_session"]).json() == created

    @pytest.mark.parametrize("body", [b"", b"{", b"[]", b"\xff"])
    def test_malformed_body(self, api: Api, created: dict[str, Any], body: bytes) -> None:
        assert_error(api.patch(created["checkout_session"], body), 400, "INVALID_REQUEST", "body")


class TestUnknownAndUsed:
    def test_unknown_id(self, api: Api) -> None:
        response = api.patch(str(uuid.uuid4()), {"country": "BR"})
        assert_error(response, 400, "CHECKOUT_SESSION_NOT_FOUND", "checkout_session")

    def test_not_a_uuid(self, api: Api) -> None:
        response = api.patch("not-a-session", {"country": "BR"})
        assert_error(response, 400, "CHECKOUT_SESSION_NOT_FOUND", "checkout_session")

    def test_used_session_refused(self, api: Api, created: dict[str, Any]) -> None:
        session_id = created["checkout_session"]
        api.pay_ok(session_id)
        response = api.patch(session_id, {"country": "BR"})
        assert_error(response, 400, "INVALID_STATUS", "checkout_session")
        body = api.get(session_id).json()
        assert body["country"] == created["country"] and body["used"] is True


class TestRequiredFourReading:
    """Reading ``update=required-four``: the four fields marked required must be sent."""

    FOUR = ("merchant_order_id", "payment_description", "country", "account_id")

    @pytest.mark.parametrize("missing", FOUR)
    def test_each_of_the_four(self, api_for: Any, missing: str) -> None:
        api = api_for(readings={"update": "required-four"})
        created = api.create_ok(**FULL)
        body = {
            "merchant_order_id": created["merchant_order_id"],
            "payment_description": "changed",
            "country": created["country"],
            "account_id": api.settings.account_id,
        }
        del body[missing]
        response = api.patch(created["checkout_session"], body)
        assert missing + ": is required" in assert_error(response, 400, "INVALID_REQUEST", missing)

    def test_four_sent_others_kept(self, api_for: Any) -> None:
        api = api_for(readings={"update": "required-four"})
        created = api.create_ok(**FULL)
        body = _patched(
            api,
            created["checkout_session"],
            {
                "merchant_order_id": created["merchant_order_id"],
                "payment_description": "changed",
                "country": created["country"],
                "account_id": api.settings.account_id,
            },
        )
        assert body == {**created, "payment_description": "changed"}


def test_null_for_an_optional_field_is_taken_as_not_sent(api_for: Callable[..., Api]) -> None:
    """NULLABLE-OPTIONALS null-allowed: null is accepted as if the field were not sent; it is
    never stored (a PATCH null keeps the stored value, a create null gets the default)."""
    api = api_for(readings={"nullable": "null-allowed"})
    alternative = {"currency": "ARS", "value": 140000}
    created = api.create_ok(
        alternative_amount=alternative, callback_url="https://x.com/cb", workflow=None
    )
    assert created["workflow"] == "SDK_CHECKOUT"
    session_id = created["checkout_session"]
    body = {"alternative_amount": None, "callback_url": None, "payment_description": "new one"}
    patched = api.patch(session_id, body)  # a null alternative_amount once answered 500
    assert patched.status_code == 200, patched.text
    stored = api.get(session_id).json()
    assert stored["callback_url"] == "https://x.com/cb"
    assert stored["payment_description"] == "new one"
