"""POST /v1/checkout/sessions: the response shape and every field rule at its boundaries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sandbox_helpers import REMOVE, Api, assert_error, is_uuid, raw_json, set_path

from yuno_contracts.sandbox.rules import COUNTRIES, WORKFLOWS

CUSTOMER = "a577ad8f-08f1-4590-9cf1-e7679b15ee84"
CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
RESPONSE_KEYS = [
    "merchant_order_id", "checkout_session", "country", "payment_description", "customer_id",
    "callback_url", "amount", "created_at", "metadata", "workflow", "installments", "used",
]  # fmt: skip


def full_body(api: Api) -> dict[str, Any]:
    """The seed's full-data example, with every optional field the sandbox knows."""
    return api.session_body(
        country="CO",
        customer_id=CUSTOMER,
        callback_url="https://www.example.com",
        return_url="https://www.example.com/return",
        amount={"currency": "COP", "value": 8000},
        alternative_amount={"currency": "USD", "value": 2},
        metadata=[{"key": "ID", "value": "123456"}],
        workflow="SDK_CHECKOUT",
        installments={"plan_id": "plan-1", "plan": [{"installment": 3, "rate": 1.5}]},
        recurring_payment={
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
    )


class TestResponseShape:
    """ "POST /v1/checkout/sessions returns HTTP 200, not 201." (guide) and the seed examples."""

    def test_min_data(self, api: Api) -> None:
        """Min data: nulls and defaults for everything not sent."""
        response = api.create()
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert list(body) == RESPONSE_KEYS
        assert is_uuid(body["checkout_session"])
        assert CREATED_AT.fullmatch(body["created_at"])
        assert body["merchant_order_id"] == "1717681150"
        assert body["payment_description"] == "Test Cards"
        assert body["country"] == "US"
        assert body["amount"] == {"currency": "USD", "value": 100}
        assert body["customer_id"] is None
        assert body["callback_url"] is None
        assert body["metadata"] is None
        assert body["workflow"] == "SDK_CHECKOUT"
        assert body["installments"] == {"plan_id": None, "plan": None}
        assert body["used"] is False

    def test_full_data(self, api: Api) -> None:
        """Full data: everything echoed; account_id and the unshown fields are not in it."""
        body = api.create(full_body(api)).json()
        assert list(body) == RESPONSE_KEYS
        assert body["customer_id"] == CUSTOMER
        assert body["callback_url"] == "https://www.example.com"
        assert body["amount"] == {"currency": "COP", "value": 8000}
        assert body["metadata"] == [{"key": "ID", "value": "123456"}]
        assert body["installments"] == {
            "plan_id": "plan-1",
            "plan": [{"installment": 3, "rate": 1.5}],
        }
        for hidden in ("account_id", "alternative_amount", "recurring_payment", "return_url"):
            assert hidden not in body

    def test_fields_are_stored_even_when_not_shown(self, api: Api) -> None:
        session_id = api.create(full_body(api)).json()["checkout_session"]
        stored = api.sandbox.store.session(session_id)
        assert stored is not None
        assert stored.fields["alternative_amount"] == {"currency": "USD", "value": 2}
        assert stored.fields["return_url"] == "https://www.example.com/return"
        assert stored.fields["recurring_payment"]["regular_billing"]["interval_unit"] == "month"

    def test_installments_missing_keys_are_null(self, api: Api) -> None:
        body = api.create_ok(installments={"plan_id": "p"})
        assert body["installments"] == {"plan_id": "p", "plan": None}

    def test_each_session_is_new(self, api: Api) -> None:
        assert api.create_ok()["checkout_session"] != api.create_ok()["checkout_session"]

    def test_amount_value_digits_echoed(self, api: Api) -> None:
        """A value is answered with the digits it was sent with."""
        body = api.session_body(amount={"currency": "USD", "value": "@v"})
        response = api.create(raw_json(body, v="10.50"))
        assert response.status_code == 200
        assert '"value":10.50' in response.text

    def test_unknown_fields_ignored(self, api: Api) -> None:
        """Unknown top-level fields are not documented as refused: accepted, not echoed."""
        body = api.create_ok(surprise={"a": [1, 2]}, another=None)
        assert "surprise" not in body and "another" not in body

    def test_negative_amount_accepted(self, api: Api) -> None:
        """Negative values are not documented as refused."""
        assert api.create_ok(amount={"currency": "USD", "value": -5})["amount"]["value"] == -5

    def test_get_returns_the_same_session(self, api: Api) -> None:
        created = api.create_ok()
        response = api.get(created["checkout_session"])
        assert response.status_code == 200
        assert response.json() == created


def _case(path: str, value: Any, ok: bool, id: str, named: str | None = None) -> Any:
    return pytest.param(path, value, ok, named or path, id=id)


def _lengths(path: str, low: int, high: int) -> list[Any]:
    return [
        _case(path, "x" * (low - 1), False, f"{path}-len-{low - 1}"),
        _case(path, "x" * low, True, f"{path}-len-{low}"),
        _case(path, "x" * high, True, f"{path}-len-{high}"),
        _case(path, "x" * (high + 1), False, f"{path}-len-{high + 1}"),
    ]


def _items(count: int) -> list[dict[str, str]]:
    return [{"key": f"k{i}", "value": f"v{i}"} for i in range(count)]


def _plan(installment: Any, rate: Any = 1.5) -> dict[str, Any]:
    return {"plan": [{"installment": installment, "rate": rate}]}


def _billing(**changes: Any) -> dict[str, Any]:
    billing = {"label": "Monthly", "amount": "9.99", "interval_unit": "month", "interval_count": 1}
    return {"regular_billing": {**billing, **changes}}


BOUNDARIES = [
    *_lengths("merchant_order_id", 3, 255),
    *_lengths("payment_description", 3, 255),
    *_lengths("callback_url", 3, 526),
    _case("customer_id", CUSTOMER, True, "customer_id-uuid"),
    _case("customer_id", CUSTOMER.upper(), True, "customer_id-uuid-upper"),
    _case("customer_id", CUSTOMER[:-1], False, "customer_id-len-35"),
    _case("customer_id", CUSTOMER + "a", False, "customer_id-len-37"),
    _case("customer_id", "z" + CUSTOMER[1:], False, "customer_id-not-hex"),
    _case("customer_id", "x" * 36, False, "customer_id-36-not-uuid"),
    _case("account_id", "6c4e3f5e-8c9a-4b2d-9f1e-2a3b4c5d6e7f", False, "account_id-other"),
    _case("account_id", "x" * 36, False, "account_id-not-uuid"),
    _case("metadata", [], True, "metadata-empty"),
    _case("metadata", _items(120), True, "metadata-120-items"),
    _case("metadata", _items(121), False, "metadata-121-items"),
    _case("metadata", [{"key": "k" * 48, "value": "v"}], True, "metadata-key-48"),
    _case(
        "metadata", [{"key": "k" * 49, "value": "v"}], False, "metadata-key-49", "metadata[0].key"
    ),
    _case("metadata", [{"key": "k", "value": "v" * 512}], True, "metadata-value-512"),
    _case(
        "metadata",
        [{"key": "k", "value": "v" * 513}],
        False,
        "metadata-value-513",
        "metadata[0].value",
    ),
    _case("metadata", [{"value": "v"}], False, "metadata-key-missing", "metadata[0].key"),
    _case("metadata", [{"key": "k"}], False, "metadata-value-missing", "metadata[0].value"),
    _case("metadata", [{"key": 1, "value": "v"}], False, "metadata-key-number", "metadata[0].key"),
    _case(
        "metadata", [{"key": "k", "value": 1}], False, "metadata-value-number", "metadata[0].value"
    ),
    _case("metadata", ["k=v"], False, "metadata-item-string", "metadata[0]"),
    _case("metadata", {"k": "v"}, False, "metadata-object-in-array-reading"),
    *[_case("country", c, True, f"country-{c}") for c in COUNTRIES],
    *[
        _case("country", c, False, f"country-{c or 'empty'}")
        for c in ("us", "USA", "ZZ", "", "U", "Us", " US")
    ],
    *[_case("workflow", w, True, f"workflow-{w}") for w in WORKFLOWS["openapi"]],
    *[
        _case("workflow", w, False, f"workflow-{w or 'empty'}")
        for w in ("SDK_LITE", "SDK_HEADLESS", "DIRECT", "sdk_checkout", "")
    ],
    *[
        _case(
            "amount", {"currency": c, "value": 1}, ok, f"currency-{c or 'empty'}", "amount.currency"
        )
        for c, ok in [
            ("USD", True),
            ("COP", True),
            ("US", False),
            ("USDD", False),
            ("usd", False),
            ("ZZZ", False),
            ("", False),
        ]
    ],
    _case("amount", {"currency": "USD"}, False, "amount-value-missing", "amount.value"),
    _case("amount", {"value": 1}, False, "amount-currency-missing", "amount.currency"),
    _case("alternative_amount", {"currency": None, "value": 2}, True, "alt-currency-null"),
    _case("alternative_amount", {"currency": "ARS", "value": 2}, True, "alt-currency-ARS"),
    _case(
        "alternative_amount",
        {"currency": "ZZZ", "value": 2},
        False,
        "alt-currency-ZZZ",
        "alternative_amount.currency",
    ),
    _case(
        "alternative_amount",
        {"currency": "ARS"},
        False,
        "alt-value-missing",
        "alternative_amount.value",
    ),
    _case(
        "alternative_amount",
        {"currency": "ARS", "value": "140000"},
        False,
        "alt-value-string-rejected",
        "alternative_amount.value",
    ),
    _case("installments", {}, True, "installments-empty"),
    _case("installments", _plan(2147483647), True, "installment-int32-max"),
    _case(
        "installments",
        _plan(2147483648),
        False,
        "installment-int32-max+1",
        "installments.plan[0].installment",
    ),
    _case("installments", _plan(-2147483648), True, "installment-int32-min"),
    _case(
        "installments",
        _plan(-2147483649),
        False,
        "installment-int32-min-1",
        "installments.plan[0].installment",
    ),
    _case(
        "installments", _plan("3"), False, "installment-string", "installments.plan[0].installment"
    ),
    _case(
        "installments",
        _plan(True),
        False,
        "installment-boolean",
        "installments.plan[0].installment",
    ),
    _case("installments", _plan(3, "1.5"), False, "rate-string", "installments.plan[0].rate"),
    _case(
        "installments",
        {"plan": [{"rate": 1}]},
        False,
        "installment-missing",
        "installments.plan[0].installment",
    ),
    _case(
        "installments",
        {"plan": [{"installment": 1}]},
        False,
        "rate-missing",
        "installments.plan[0].rate",
    ),
    _case("installments", {"plan": {}}, False, "plan-object", "installments.plan"),
    _case("installments", {"plan_id": 7}, False, "plan_id-number", "installments.plan_id"),
    _case("recurring_payment", _billing(), True, "billing-ok"),
    *[
        _case("recurring_payment", _billing(interval_unit=u), True, f"interval-unit-{u}")
        for u in ("year", "month", "day", "hour", "minute")
    ],
    _case(
        "recurring_payment",
        _billing(interval_unit="week"),
        False,
        "interval-unit-week",
        "recurring_payment.regular_billing.interval_unit",
    ),
    _case(
        "recurring_payment",
        _billing(interval_count=2147483648),
        False,
        "interval-count-int32",
        "recurring_payment.regular_billing.interval_count",
    ),
    _case(
        "recurring_payment",
        _billing(amount=9.99),
        False,
        "billing-amount-number",
        "recurring_payment.regular_billing.amount",
    ),
    _case(
        "recurring_payment",
        {"regular_billing": {"label": "x"}},
        False,
        "billing-required",
        "recurring_payment.regular_billing.amount",
    ),
    _case("return_url", "https://example.com/r", True, "return_url"),
]


@pytest.mark.parametrize(("path", "value", "ok", "named"), BOUNDARIES)
def test_field_rule(api: Api, path: str, value: Any, ok: bool, named: str) -> None:
    """Each rule on both sides of its boundary; a refusal names the field."""
    response = api.create(set_path(full_body(api), path, value))
    if ok:
        assert response.status_code == 200, response.text
        body = response.json()
        if path in body and path != "callback_url":
            expected = value
            if path == "installments":
                expected = {"plan_id": value.get("plan_id"), "plan": value.get("plan")}
            assert body[path] == expected
    else:
        assert_error(response, 400, "INVALID_REQUEST", named)


NUMBERS = [
    pytest.param("amount.value", "0.0001", True, id="amount-0.0001"),
    pytest.param("amount.value", "0.00001", False, id="amount-0.00001"),
    pytest.param("amount.value", "1E-5", False, id="amount-1E-5"),
    pytest.param("amount.value", "0.3", True, id="amount-0.3-decimal-reading"),
    pytest.param("amount.value", "19.99", True, id="amount-19.99"),
    pytest.param("amount.value", "10.50000", True, id="amount-trailing-zeros"),
    pytest.param("amount.value", "0", True, id="amount-zero"),
    pytest.param("amount.value", "-0.5", True, id="amount-negative"),
    pytest.param("amount.value", "1e2", True, id="amount-exponent"),
    pytest.param("amount.value", "1e400", False, id="amount-past-double"),
    pytest.param("amount.value", "1" * 400, False, id="amount-400-digits"),
    pytest.param("amount.value", '"100"', False, id="amount-string"),
    pytest.param("amount.value", "true", False, id="amount-boolean"),
    pytest.param("alternative_amount.value", "2.0001", True, id="alt-0.0001"),
    pytest.param("alternative_amount.value", "2.00001", False, id="alt-0.00001"),
    pytest.param("installments.plan[0].installment", "2147483647", True, id="int32-max"),
    pytest.param("installments.plan[0].installment", "2147483648", False, id="int32-max+1"),
    pytest.param("installments.plan[0].installment", "3.0", True, id="integral-number"),
    pytest.param("installments.plan[0].installment", "3.5", False, id="fraction"),
    pytest.param("installments.plan[0].installment", "3e0", True, id="integral-exponent"),
    pytest.param("installments.plan[0].rate", "0.125", True, id="rate-fraction"),
]


@pytest.mark.parametrize(("path", "text", "ok"), NUMBERS)
def test_number_rule(api: Api, path: str, text: str, ok: bool) -> None:
    """Numbers as written in the JSON text (multiple of 0.0001, int32, finite)."""
    response = api.create(raw_json(set_path(full_body(api), path, "@n"), n=text))
    if ok:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, 400, "INVALID_REQUEST", path)


REQUIRED = ["merchant_order_id", "payment_description", "country", "account_id", "amount"]


@pytest.mark.parametrize("field", REQUIRED)
def test_required_missing(api: Api, field: str) -> None:
    messages = assert_error(
        api.create(api.session_body(**{field: REMOVE})), 400, "INVALID_REQUEST", field
    )
    assert f"{field}: is required" in messages


@pytest.mark.parametrize(
    "path",
    [
        *REQUIRED, "customer_id", "callback_url", "return_url", "metadata", "workflow",
        "installments", "recurring_payment", "alternative_amount", "amount.currency",
        "amount.value", "alternative_amount.value", "installments.plan",
        "installments.plan_id", "metadata[0].key",
    ],
)  # fmt: skip
def test_null_refused(api: Api, path: str) -> None:
    """Non-nullable fields sent as null are refused."""
    response = api.create(set_path(full_body(api), path, None))
    messages = assert_error(response, 400, "INVALID_REQUEST", path)
    assert f"{path}: must not be null" in messages


WRONG_TYPES = [
    ("merchant_order_id", 1717681150),
    ("payment_description", True),
    ("country", 1),
    ("account_id", []),
    ("customer_id", 1),
    ("callback_url", {"url": "x"}),
    ("return_url", 3),
    ("amount", "100 USD"),
    ("amount", [100]),
    ("amount.value", "100"),
    ("amount.value", False),
    ("amount.currency", 840),
    ("alternative_amount", 2),
    ("metadata", "ID=123456"),
    ("workflow", ["SDK_CHECKOUT"]),
    ("installments", []),
    ("installments.plan", "3x"),
    ("recurring_payment", "monthly"),
    ("recurring_payment.regular_billing", []),
]


@pytest.mark.parametrize(
    ("path", "value"), WRONG_TYPES, ids=[f"{p}-{type(v).__name__}" for p, v in WRONG_TYPES]
)
def test_wrong_type_refused(api: Api, path: str, value: Any) -> None:
    response = api.create(set_path(full_body(api), path, value))
    messages = assert_error(response, 400, "INVALID_REQUEST", path)
    assert any("must be a" in m for m in messages)


@pytest.mark.parametrize("body", [b"[]", b'"x"', b"1", b"null", b"true"])
def test_body_not_an_object(api: Api, body: bytes) -> None:
    assert_error(api.create(body), 400, "INVALID_REQUEST", "body")


def test_all_problems_listed(api: Api) -> None:
    """Each problem gets its own message."""
    body = api.session_body(country="us", amount={"currency": "US", "value": 1})
    del body["merchant_order_id"]
    assert_error(
        api.create(body), 400, "INVALID_REQUEST", "merchant_order_id", "country", "amount.currency"
    )


METADATA_READINGS = [
    pytest.param("array-50", _items(50), True, "metadata", id="array-50-50-items"),
    pytest.param("array-50", _items(51), False, "metadata", id="array-50-51-items"),
    pytest.param(
        "array-50",
        [{"key": "k" * 49, "value": "v"}],
        False,
        "metadata[0].key",
        id="array-50-key-49",
    ),
    pytest.param("object", {f"k{i}": "v" for i in range(120)}, True, "metadata", id="object-120"),
    pytest.param("object", {f"k{i}": "v" for i in range(121)}, False, "metadata", id="object-121"),
    pytest.param("object", {"k" * 48: "v"}, True, "metadata", id="object-key-48"),
    pytest.param("object", {"k" * 49: "v"}, False, "metadata", id="object-key-49"),
    pytest.param("object", {"k": "v" * 512}, True, "metadata", id="object-value-512"),
    pytest.param("object", {"k": "v" * 513}, False, "metadata['k']", id="object-value-513"),
    pytest.param("object", {"k": 1}, False, "metadata['k']", id="object-value-number"),
    pytest.param("object", {}, True, "metadata", id="object-empty"),
    pytest.param("object", [{"key": "k", "value": "v"}], False, "metadata", id="object-array"),
]


@pytest.mark.parametrize(("reading", "metadata", "ok", "named"), METADATA_READINGS)
def test_metadata_readings(api_for: Any, reading: str, metadata: Any, ok: bool, named: str) -> None:
    """The limits of each metadata reading, both sides; accepted metadata is echoed as sent."""
    api = api_for(readings={"metadata": reading})
    response = api.create(api.session_body(metadata=metadata))
    if ok:
        assert response.status_code == 200, response.text
        assert response.json()["metadata"] == metadata
    else:
        assert_error(response, 400, "INVALID_REQUEST", named)


@pytest.mark.parametrize("workflow", WORKFLOWS["guide"])
def test_guide_workflows(api_for: Any, workflow: str) -> None:
    """Reading ``workflow=guide``: each of its five values is accepted and echoed."""
    api = api_for(readings={"workflow": "guide"})
    assert api.create_ok(workflow=workflow)["workflow"] == workflow
