"""Every reading of contracts/ambiguities.yaml changes what the sandbox answers, and only as documented.

Each probe sends the same requests to sandboxes that differ in one reading and returns what it
observed; the table gives the observation expected under each reading id.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sandbox_helpers import REMOVE, Api, is_uuid, raw_json

from yuno_contracts.sandbox import Readings


@dataclass(frozen=True)
class Probe:
    """Requests that tell the readings of one ambiguity apart."""

    run: Callable[[Api], Any]
    expected: dict[str, Any]


def _status(response: Any) -> int:
    return response.status_code


def _workflow(api: Api) -> Any:
    return {
        w: _status(api.create(api.session_body(workflow=w)))
        for w in ("CHECKOUT", "SDK_LITE", "DIRECT")
    }


def _metadata(api: Api) -> Any:
    items = [{"key": f"k{i}", "value": "v"} for i in range(51)]
    as_object = api.create(api.session_body(metadata={"ID": "123456"}))
    return {
        "51-items": _status(api.create(api.session_body(metadata=items))),
        "object": as_object.json().get("metadata") if as_object.status_code == 200 else 400,
        "121-pairs": _status(
            api.create(api.session_body(metadata={f"k{i}": "v" for i in range(121)}))
        ),
    }


def _country_list(api: Api) -> Any:
    body = api.session_body(country="DE", amount={"currency": "EUR", "value": 100})
    return _status(api.create(body))


def _currency_country(api: Api) -> Any:
    usd = _status(
        api.create(api.session_body(country="BR", amount={"currency": "USD", "value": 1}))
    )
    brl = _status(
        api.create(api.session_body(country="BR", amount={"currency": "BRL", "value": 1}))
    )
    # PATCH too: a US session moved to BR keeps USD (the amount is merged, so BR with USD)
    session = api.create_ok()
    moved = api.session_body(country="BR")
    del moved["amount"]
    patch_usd = _status(api.patch(session["checkout_session"], moved))
    kept = api.get(session["checkout_session"]).json()["country"]
    return (brl, usd, patch_usd, kept)


def _error_body(api: Api) -> Any:
    body = api.create({}).json()
    inner = body.get("error")
    return (sorted(body), sorted(inner) if isinstance(inner, dict) else None)


def _callback(api: Api) -> Any:
    out = []
    for url in ("https://www.example.com/", "https://x.com/cb?a=1", "https://x.com/#top"):
        body = api.create_ok(callback_url=url)
        out.append(body["callback_url"].replace(body["checkout_session"], "ID"))
    return out


def _amount_required(api: Api) -> Any:
    response = api.create(api.session_body(amount=REMOVE))
    return response.status_code, response.json().get("amount", "error")


def _update(api: Api) -> Any:
    session_id = api.create_ok()["checkout_session"]
    response = api.patch(session_id, {"merchant_order_id": "changed-alone"})
    if response.status_code != 200:  # refused alone: is payment_description alone taken?
        described = api.patch(session_id, {"payment_description": "changed alone"})
        return response.status_code, described.status_code
    return response.status_code, response.json()["merchant_order_id"]


def _update_amount(api: Api) -> Any:
    session_id = api.create_ok()["checkout_session"]
    response = api.patch(session_id, {"amount": {"value": 250}})
    return _status(response), api.get(session_id).json()["amount"]


def _used_on_create(api: Api) -> Any:
    created = api.create_ok()
    return created.get("used", "absent"), api.get(created["checkout_session"]).json()["used"]


def _amount_value(api: Api) -> Any:
    out = []
    for text in ("100.0", "10.5", "100"):
        body = raw_json(api.session_body(amount={"currency": "USD", "value": "@v"}), v=text)
        response = api.create(body)
        out.append(response.text.split('"value":')[1].split("}")[0])
    return out


def _alternative_value_string(api: Api) -> Any:
    body = api.session_body(alternative_amount={"currency": "ARS", "value": "140000"})
    bad = api.session_body(alternative_amount={"currency": "ARS", "value": "14x"})
    return _status(api.create(body)), _status(api.create(bad))


def _unknown_session(api: Api) -> Any:
    unknown = str(uuid.uuid4())
    responses = [api.get(unknown), api.patch(unknown, {"country": "BR"}), api.token(unknown)]
    return [(r.status_code, r.json()["code"]) for r in responses]


def _used_update(api: Api) -> Any:
    session_id = api.create_ok()["checkout_session"]
    api.pay_ok(session_id)
    response = api.patch(session_id, {"country": "BR"})
    return response.status_code, response.json()["code"]


def _multiple_of(api: Api) -> Any:
    out = {}
    for text in ("0.3", "19.99", "10.5", "0.00001"):
        body = raw_json(api.session_body(amount={"currency": "USD", "value": "@v"}), v=text)
        out[text] = _status(api.create(body))
    return out


def _session_id(api: Api) -> Any:
    session_id = api.create_ok()["checkout_session"]
    # the id works as an opaque path segment: GET, PATCH and a payment find the session
    got = _status(api.get(session_id))
    patched = _status(api.patch(session_id, {"payment_description": "renamed"}))
    paid = _status(api.pay(session_id, str(uuid.uuid4())))
    return len(session_id), is_uuid(session_id), got, patched, paid


def _error_codes(api: Api) -> Any:
    bad = {
        "country": {"country": "ZZ"},
        "currency": {"amount": {"currency": "ZZZ", "value": 1}},
        "amount": {"amount": {"currency": "USD", "value": "1"}},
        "account": {"account_id": "not-a-uuid"},
        "customer": {"customer_id": "not-a-uuid"},
        "missing-country": {"country": REMOVE},
        "two-fields": {"country": "ZZ", "account_id": "not-a-uuid"},
        "other-field": {"workflow": "NOT_A_WORKFLOW"},
    }
    out = {name: api.create(api.session_body(**body)).json()["code"] for name, body in bad.items()}
    session_id = api.create_ok()["checkout_session"]
    out["patch-country"] = api.patch(session_id, {"country": "ZZ"}).json()["code"]
    return out


GENERIC = "INVALID_REQUEST"


def _statuses(api: Api, **cases: dict[str, Any]) -> dict[str, int]:
    """Each named create body (top-level changes to the valid one) and the status it got."""
    return {
        name: _status(api.create(api.session_body(**changes))) for name, changes in cases.items()
    }


def _customer_id(api: Api) -> Any:
    return _statuses(
        api,
        uuid={"customer_id": str(uuid.UUID(int=7))},
        chars_37={"customer_id": "a577ad8f-08f1-4590-9cf1-e7679b15ee844"},
        chars_65={"customer_id": "c" * 65},
    )


def _callback_url_format(api: Api) -> Any:
    return _statuses(api, uri={"callback_url": "a:b"}, not_uri={"callback_url": "a.b"})


def _metadata_items(api: Api) -> Any:
    return _statuses(
        api, key_only={"metadata": [{"key": "k"}]}, both={"metadata": [{"key": "k", "value": "v"}]}
    )


def _currency_decimals(api: Api) -> Any:
    return _statuses(
        api,
        usd_2={"amount": {"currency": "USD", "value": 100.25}},
        usd_4={"amount": {"currency": "USD", "value": 100.1234}},
        clp_1={"country": "CL", "amount": {"currency": "CLP", "value": 100.5}},
        usd_5={"amount": {"currency": "USD", "value": 100.00005}},
    )


def _nullable(api: Api) -> Any:
    return _statuses(
        api,
        customer_id={"customer_id": None},
        workflow={"workflow": None},
        metadata={"metadata": None},
        country={"country": None},
    )


def _return_url(api: Api) -> Any:
    return _statuses(api, string={"return_url": "https://x.com/r"}, object={"return_url": {}})


PROBES: dict[str, Probe] = {
    "customer_id": Probe(
        _customer_id,
        {
            "uuid": {"uuid": 200, "chars_37": 400, "chars_65": 400},
            "string-36-64": {"uuid": 200, "chars_37": 200, "chars_65": 400},
        },
    ),
    "callback_url_format": Probe(
        _callback_url_format,
        {"string-3-526": {"uri": 200, "not_uri": 200}, "uri": {"uri": 200, "not_uri": 400}},
    ),
    "metadata_items": Probe(
        _metadata_items,
        {"required": {"key_only": 400, "both": 200}, "optional": {"key_only": 200, "both": 200}},
    ),
    "currency_decimals": Probe(
        _currency_decimals,
        {
            "step-4-decimals": {"usd_2": 200, "usd_4": 200, "clp_1": 200, "usd_5": 400},
            "currency-digits": {"usd_2": 200, "usd_4": 400, "clp_1": 400, "usd_5": 400},
        },
    ),
    "nullable": Probe(
        _nullable,
        {
            "not-null": {"customer_id": 400, "workflow": 400, "metadata": 400, "country": 400},
            "null-allowed": {"customer_id": 200, "workflow": 200, "metadata": 200, "country": 400},
        },
    ),
    "return_url": Probe(
        _return_url,
        {"guide": {"string": 200, "object": 400}, "undefined": {"string": 200, "object": 200}},
    ),
    "workflow": Probe(
        _workflow,
        {
            "openapi": {"CHECKOUT": 200, "SDK_LITE": 400, "DIRECT": 400},
            "guide": {"CHECKOUT": 400, "SDK_LITE": 200, "DIRECT": 200},
        },
    ),
    "metadata": Probe(
        _metadata,
        {
            "array-120": {"51-items": 200, "object": 400, "121-pairs": 400},
            "array-50": {"51-items": 400, "object": 400, "121-pairs": 400},
            "object": {"51-items": 400, "object": {"ID": "123456"}, "121-pairs": 400},
            "union": {"51-items": 200, "object": {"ID": "123456"}, "121-pairs": 400},
        },
    ),
    "callback_url": Probe(
        _callback,
        {
            "echo": ["https://www.example.com/", "https://x.com/cb?a=1", "https://x.com/#top"],
            "append-session": [
                "https://www.example.com/?checkoutSession=ID",
                "https://x.com/cb?a=1&checkoutSession=ID",
                "https://x.com/?checkoutSession=ID#top",
            ],
        },
    ),
    "amount_required": Probe(
        _amount_required, {"required": (400, "error"), "optional": (200, None)}
    ),
    "update": Probe(
        _update,
        {
            "partial": (200, "changed-alone"),
            "required-four": (400, 400),
            "amount-description": (200, "1717681150"),
            "closed": (400, 200),
        },
    ),
    "update_amount": Probe(
        _update_amount,
        {
            "merge": (200, {"currency": "USD", "value": 250}),
            "whole": (400, {"currency": "USD", "value": 100}),
        },
    ),
    "used_on_create": Probe(
        _used_on_create, {"false": (False, False), "absent": ("absent", False)}
    ),
    "amount_value": Probe(
        _amount_value, {"echo": ["100.0", "10.5", "100"], "integer": ["100", "10.5", "100"]}
    ),
    "alternative_value_string": Probe(
        _alternative_value_string, {"reject": (400, 400), "accept": (200, 400)}
    ),
    "unknown_session": Probe(
        _unknown_session,
        {
            "400": [(400, "CHECKOUT_SESSION_NOT_FOUND")] * 3,
            "404": [(404, "CHECKOUT_SESSION_NOT_FOUND")] * 3,
            "400-not-found": [(400, "NOT_FOUND")] * 3,
        },
    ),
    "used_update": Probe(
        _used_update, {"400": (400, "INVALID_STATUS"), "409": (409, "INVALID_STATUS")}
    ),
    "country_list": Probe(_country_list, {"enum-17": 400, "country-reference": 200}),
    "currency_country": Probe(
        _currency_country,
        {"free": (200, 200, 200, "BR"), "local-only": (200, 400, 400, "US")},
    ),
    "error_body": Probe(
        _error_body,
        {
            "messages": (["code", "messages"], None),
            "message-details": (["code", "details", "message"], None),
            "error-envelope": (["error"], ["code", "details", "message"]),
        },
    ),
    "session_id": Probe(
        _session_id,
        {"uuid": (36, True, 200, 200, 201), "string-36-64": (51, False, 200, 200, 201)},
    ),
    "error_codes": Probe(
        _error_codes,
        {
            "generic": dict.fromkeys(
                (
                    "country",
                    "currency",
                    "amount",
                    "account",
                    "customer",
                    "missing-country",
                    "two-fields",
                    "other-field",
                    "patch-country",
                ),
                GENERIC,
            ),
            "field-specific": {
                "country": "COUNTRY_NOT_SUPPORTED",
                "currency": "CURRENCY_NOT_ALLOWED",
                "amount": "INVALID_AMOUNT",
                "account": "INVALID_ACCOUNT_ID",
                "customer": "CUSTOMER_NOT_FOUND",
                "missing-country": GENERIC,
                "two-fields": GENERIC,
                "other-field": GENERIC,
                "patch-country": "COUNTRY_NOT_SUPPORTED",
            },
        },
    ),
    "multiple_of": Probe(
        _multiple_of,
        {
            "decimal": {"0.3": 200, "19.99": 200, "10.5": 200, "0.00001": 400},
            "float": {"0.3": 400, "19.99": 400, "10.5": 200, "0.00001": 400},
        },
    ),
}

CASES = [
    pytest.param(field, reading, id=f"{field}={reading}")
    for field, readings in Readings.choices().items()
    for reading in readings
]


@pytest.mark.parametrize(("field", "reading"), CASES)
def test_reading(api_for: Callable[..., Api], field: str, reading: str) -> None:
    """The probe observes what this reading documents."""
    probe = PROBES[field]
    assert probe.run(api_for(readings={field: reading})) == probe.expected[reading]


def test_every_reading_is_probed_and_tells_apart() -> None:
    """A reading without a probe, or a probe that cannot tell two readings apart, fails."""
    choices = Readings.choices()
    assert set(PROBES) == set(choices)
    for field, probe in PROBES.items():
        assert set(probe.expected) == set(choices[field]), field
        observed = [repr(value) for value in probe.expected.values()]
        assert len(set(observed)) == len(observed), field


def test_default_sandbox_follows_the_defaults(api: Api) -> None:
    for field, probe in PROBES.items():
        assert probe.run(api) == probe.expected[Readings.choices()[field][0]], field
