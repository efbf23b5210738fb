"""GET a session, one-time tokens and payments: how a session becomes ``used``."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sandbox_helpers import DECLINED_CARD, REMOVE, Api, assert_error, is_uuid


class TestRetrieve:
    def test_unknown(self, api: Api) -> None:
        assert_error(
            api.get(str(uuid.uuid4())), 400, "CHECKOUT_SESSION_NOT_FOUND", "checkout_session"
        )

    def test_carries_used(self, api: Api) -> None:
        created = api.create_ok()
        body = api.get(created["checkout_session"]).json()
        assert body["used"] is False
        assert body == created


class TestToken:
    def test_created(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        response = api.token(session_id)
        assert response.status_code == 201
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert set(body) == {"token", "checkout_session", "type"}
        assert is_uuid(body["token"])
        assert (body["checkout_session"], body["type"]) == (session_id, "CARD")

    def test_yuno_card_shape(self, api: Api) -> None:
        """Yuno's shape: the card data under ``card.detail``, options beside it."""
        session_id = api.create_ok()["checkout_session"]
        card = {
            "save": False,
            "installments": 1,
            "detail": {
                "number": "4111111111111111",
                "expiration_month": 11,
                "expiration_year": 2030,
                "security_code": "123",
                "holder_name": "ANDREA B",
                "type": "DEBIT",
            },
        }
        body = {
            "account_id": api.settings.account_id,
            "payment_method": {"type": "CARD", "card": card},
        }
        response = api.token(session_id, body)
        assert response.status_code == 201, response.text
        paid = api.pay_ok(
            session_id, payment_method={"type": "CARD", "token": response.json()["token"]}
        )
        assert paid["status"] == "SUCCEEDED"

    def test_yuno_card_shape_checked(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        card = {"save": "no", "detail": {"number": "41"}}
        response = api.token(session_id, {"payment_method": {"type": "CARD", "card": card}})
        assert_error(
            response,
            400,
            "INVALID_REQUEST",
            "payment_method.card.save",
            "payment_method.card.detail.number",
        )

    def test_unknown_session(self, api: Api) -> None:
        response = api.token(str(uuid.uuid4()))
        assert_error(response, 400, "CHECKOUT_SESSION_NOT_FOUND", "checkout_session")

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({}, "payment_method"),
            ({"payment_method": {"type": "CARD"}}, "payment_method.card"),
            (
                {"payment_method": {"type": "PIX", "card": {"number": "4111111111111111"}}},
                "payment_method.type",
            ),
            (
                {"payment_method": {"type": "CARD", "card": {"number": "4111x"}}},
                "payment_method.card.number",
            ),
        ],
        ids=["no-method", "no-card", "type-not-card", "number-not-digits"],
    )
    def test_invalid(self, api: Api, body: dict[str, Any], field: str) -> None:
        session_id = api.create_ok()["checkout_session"]
        assert_error(api.token(session_id, body), 400, "INVALID_REQUEST", field)

    def test_paid_session_refused(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        api.pay_ok(session_id)
        assert_error(api.token(session_id), 400, "INVALID_STATUS", "checkout_session")


class TestPayment:
    """ "Only one payment is supported per each checkout session." A payment needs an
    X-Idempotency-Key; success is 201."""

    def test_card_payment(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        response = api.pay(session_id, "key-" + session_id)
        assert response.status_code == 201, response.text
        body = response.json()
        assert set(body) == {
            "id",
            "status",
            "checkout",
            "amount",
            "merchant_order_id",
            "created_at",
        }
        assert is_uuid(body["id"])
        assert body["status"] == "SUCCEEDED"
        assert body["checkout"] == {"session": session_id}
        assert body["amount"] == {"currency": "USD", "value": 100}

    def test_yuno_card_shape(self, api: Api) -> None:
        """Yuno's shape: the card data under ``detail.card.card_data`` (the `used` template's)."""
        session_id = api.create_ok()["checkout_session"]
        method = {
            "type": "CARD",
            "detail": {
                "card": {
                    "capture": True,
                    "installments": 1,
                    "card_data": {
                        "number": DECLINED_CARD,
                        "expiration_month": 12,
                        "expiration_year": 2030,
                        "security_code": "123",
                        "holder_name": "JOHN DOE",
                    },
                }
            },
        }
        assert api.pay_ok(session_id, payment_method=method)["status"] == "DECLINED"
        assert api.get(session_id).json()["used"] is True

    def test_yuno_card_shape_checked(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        card = {"capture": 1, "card_data": {"number": "4111111111111111", "expiration_month": 13}}
        body = api.payment_body(
            session_id, payment_method={"type": "CARD", "detail": {"card": card}}
        )
        assert_error(
            api.pay(session_id, str(uuid.uuid4()), body),
            400,
            "INVALID_REQUEST",
            "payment_method.detail.card.capture",
            "payment_method.detail.card.card_data.expiration_month",
        )

    def test_used_flips_after_the_payment(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        assert api.get(session_id).json()["used"] is False
        api.pay_ok(session_id)
        assert api.get(session_id).json()["used"] is True

    def test_declined_is_terminal_too(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        method = api.payment_body(session_id)["payment_method"]
        method["detail"]["card"]["number"] = DECLINED_CARD
        assert api.pay_ok(session_id, payment_method=method)["status"] == "DECLINED"
        assert api.get(session_id).json()["used"] is True

    def test_token_payment(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        token = api.token(session_id).json()["token"]
        body = api.pay_ok(session_id, payment_method={"token": token})
        assert body["status"] == "SUCCEEDED"
        assert api.get(session_id).json()["used"] is True

    def test_token_of_another_session_refused(self, api: Api) -> None:
        """A one-time token is "scoped to a single checkout session": 401 INVALID_TOKEN, the
        catalogue's row (its 401 block)."""
        first, second = api.create_ok()["checkout_session"], api.create_ok()["checkout_session"]
        token = api.token(first).json()["token"]
        body = api.payment_body(second, payment_method={"token": token})
        assert_error(
            api.pay(second, "k-" + second, body), 401, "INVALID_TOKEN", "payment_method.token"
        )
        assert api.get(second).json()["used"] is False
        assert api.pay_ok(first, payment_method={"token": token})["status"] == "SUCCEEDED"

    def test_unknown_token_refused(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        body = api.payment_body(session_id, payment_method={"token": str(uuid.uuid4())})
        response = api.pay(session_id, str(uuid.uuid4()), body)
        assert_error(response, 401, "INVALID_TOKEN", "payment_method.token")
        assert api.get(session_id).json()["used"] is False

    def test_spent_token_refused_on_another_session(self, api: Api) -> None:
        """A one-time token "is used once when creating the payment and cannot be reused"."""
        first, second = api.create_ok()["checkout_session"], api.create_ok()["checkout_session"]
        token = api.token(first).json()["token"]
        api.pay_ok(first, payment_method={"token": token})
        body = api.payment_body(second, payment_method={"token": token})
        response = api.pay(second, str(uuid.uuid4()), body)
        assert_error(response, 401, "INVALID_TOKEN", "payment_method.token")

    def test_refused_payment_leaves_the_token_unspent(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        token = api.token(session_id).json()["token"]
        body = api.payment_body(session_id, payment_method={"token": token}, country="ZZ")
        assert api.pay(session_id, str(uuid.uuid4()), body).status_code == 400
        assert api.pay_ok(session_id, payment_method={"token": token})["status"] == "SUCCEEDED"

    def test_token_keeps_its_card_declined(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        card = {"payment_method": {"type": "CARD", "card": {"number": DECLINED_CARD}}}
        token = api.token(session_id, card).json()["token"]
        assert api.pay_ok(session_id, payment_method={"token": token})["status"] == "DECLINED"
        assert api.get(session_id).json()["used"] is True

    def test_the_templates_sdk_checkout_payment(self, api: Api) -> None:
        """The token page's example body, then the headless SDK's payment: workflow
        SDK_CHECKOUT, payment_method {type CARD, token}."""
        session_id = api.create_ok()["checkout_session"]
        card = {
            "number": "4507990000000002",
            "expiration_month": 11,
            "expiration_year": 2028,
            "security_code": "123",
            "holder_name": "John Doe",
        }
        minted = api.token(
            session_id,
            {
                "account_id": api.settings.account_id,
                "card_data": card,
                "payment_method": {"type": "CARD", "card": card},
            },
        )
        assert minted.status_code == 201, minted.text
        method = {"type": "CARD", "token": minted.json()["token"]}
        paid = api.pay_ok(session_id, workflow="SDK_CHECKOUT", payment_method=method)
        assert paid["status"] == "SUCCEEDED"
        assert paid["checkout"] == {"session": session_id}
        assert api.get(session_id).json()["used"] is True

    def test_second_payment_refused(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        api.pay_ok(session_id)
        response = api.pay(session_id, str(uuid.uuid4()))
        messages = assert_error(response, 400, "INVALID_STATUS")
        assert messages == ["Only one payment is supported per each checkout session"]

    def test_second_payment_with_the_spent_token_refused(self, api: Api) -> None:
        """The first payment's body again (its spent one-time token) under a new key reaches
        the payments endpoint: refused for the session's one payment."""
        session_id = api.create_ok()["checkout_session"]
        token = api.token(session_id).json()["token"]
        body = api.payment_body(session_id, payment_method={"token": token})
        assert api.pay(session_id, str(uuid.uuid4()), body).status_code == 201
        messages = assert_error(api.pay(session_id, str(uuid.uuid4()), body), 400, "INVALID_STATUS")
        assert messages == ["Only one payment is supported per each checkout session"]

    def test_same_idempotency_key_same_payment(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        key = str(uuid.uuid4())
        first = api.pay(session_id, key)
        again = api.pay(session_id, key)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()

    def test_idempotency_key_required(self, api: Api) -> None:
        session_id = api.create_ok()["checkout_session"]
        assert_error(api.pay(session_id, None), 400, "INVALID_REQUEST", "X-Idempotency-Key")
        assert_error(api.pay(session_id, ""), 400, "INVALID_REQUEST", "X-Idempotency-Key")
        assert api.get(session_id).json()["used"] is False

    def test_unknown_session(self, api: Api) -> None:
        unknown = str(uuid.uuid4())
        response = api.pay(unknown, "k-" + unknown)
        assert_error(response, 400, "CHECKOUT_SESSION_NOT_FOUND", "checkout.session")

    @pytest.mark.parametrize(
        "field",
        [
            "checkout",
            "amount",
            "country",
            "merchant_order_id",
            "description",
            "account_id",
            "payment_method",
        ],
    )
    def test_required_fields(self, api: Api, field: str) -> None:
        session_id = api.create_ok()["checkout_session"]
        body = api.payment_body(session_id, **{field: REMOVE})
        assert_error(api.pay(session_id, str(uuid.uuid4()), body), 400, "INVALID_REQUEST", field)
        assert api.get(session_id).json()["used"] is False

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"amount": {"currency": "ZZZ", "value": 1}}, "amount.currency"),
            ({"country": "ZZ"}, "country"),
            ({"checkout": {}}, "checkout.session"),
            ({"payment_method": {"type": "CARD", "detail": {}}}, "payment_method.detail.card"),
            (
                {"payment_method": {"type": "CARD", "detail": {"card": {"number": "12"}}}},
                "payment_method.detail.card.number",
            ),
            ({"payment_method": {"token": 5}}, "payment_method.token"),
        ],
        ids=[
            "currency",
            "country",
            "session-missing",
            "card-missing",
            "number-short",
            "token-number",
        ],
    )
    def test_invalid_fields(self, api: Api, change: dict[str, Any], field: str) -> None:
        session_id = api.create_ok()["checkout_session"]
        body = api.payment_body(session_id, **change)
        assert_error(api.pay(session_id, str(uuid.uuid4()), body), 400, "INVALID_REQUEST", field)


class TestUsedOnCreateReading:
    def test_absent_on_create_present_after(self, api_for: Any) -> None:
        api = api_for(readings={"used_on_create": "absent"})
        created = api.create_ok()
        assert "used" not in created
        session_id = created["checkout_session"]
        assert api.get(session_id).json()["used"] is False
        assert api.patch(session_id, {"country": "BR"}).json()["used"] is False
