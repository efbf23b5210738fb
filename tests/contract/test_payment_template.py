"""contracts/payment-template.json (the one-time token request and the payment) and the
contract module's loaders."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest

from yuno_contracts.catalogue.contract import (
    CONTRACT_PATH,
    ContractError,
    contract_hash,
    load_contract,
    request_schema,
)
from yuno_contracts.catalogue.payment_template import (
    PAYMENT_TEMPLATE_PATH,
    PLACEHOLDERS,
    TOKEN_PLACEHOLDER,
    load_payment_template,
)
from yuno_contracts.core.errors import HarnessError

VALUES = {
    "checkout_session": "c67ce158-6053-4661-a1de-aed5c945b935",
    "account_id": "00000000-0000-4000-8000-000000000001",
    "amount_currency": "USD",
    "amount_value": 100,
    "country": "US",
    "merchant_order_id": "order-0001",
}
TOKEN = "dab106a6-9067-4418-ae43-6045663531dc"
PAYMENT_VALUES = {**VALUES, TOKEN_PLACEHOLDER: TOKEN}
TEST_CARD = {
    "number": "4507990000000002",  # the Testing Gateway's Visa (SUCCEEDED)
    "expiration_month": 11,
    "expiration_year": 2028,
    "security_code": "123",
    "holder_name": "John Doe",
}


def raw_template() -> dict:
    return json.loads(PAYMENT_TEMPLATE_PATH.read_text(encoding="utf-8"))


def write(tmp_path, document) -> object:
    path = tmp_path / "template.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def test_template_has_a_comment_for_the_person_who_edits_it():
    comment = " ".join(raw_template()["_comment"])
    assert "not the code" in comment
    assert "providers" in comment
    assert "SDK_CHECKOUT" in comment and "DIRECT" in comment  # the default and how to switch


def test_template_uses_every_placeholder():
    text = json.dumps({k: v for k, v in raw_template().items() if k != "_comment"})
    assert set(re.findall(r"\{\{(\w+)\}\}", text)) == set(PLACEHOLDERS)


def test_default_path_is_sdk_checkout_with_a_one_time_token():
    """create-payment's placeholders example and the headless SDK's payment: no card data, the
    session's one-time token in payment_method.token, workflow SDK_CHECKOUT (the default)."""
    template = load_payment_template()
    assert template.pays_with_token
    payment = template.payment_body(**PAYMENT_VALUES)
    assert payment["payment_method"] == {"type": "CARD", "token": TOKEN}
    assert payment.get("workflow", "SDK_CHECKOUT") == "SDK_CHECKOUT"
    assert payment["checkout"] == {"session": VALUES["checkout_session"]}
    assert "card_data" not in json.dumps(payment)
    payer = payment["customer_payer"]
    assert payer["email"] and payer["first_name"] and payer["document"]


def test_token_request_is_the_token_page_example_with_the_sandbox_test_card():
    """The token page's example: the card in payment_method.card and in card_data."""
    token = load_payment_template().token_body(**VALUES)
    assert token["account_id"] == VALUES["account_id"]
    assert token["payment_method"] == {"type": "CARD", "card": TEST_CARD}
    assert token["card_data"] == TEST_CARD
    today = dt.date.today()
    assert (TEST_CARD["expiration_year"], TEST_CARD["expiration_month"]) > (today.year, today.month)
    assert "{{" not in json.dumps(token)


def test_substitution_keeps_types_and_drops_notes():
    body = load_payment_template().payment_body(**PAYMENT_VALUES)
    assert "_comment" not in body
    assert "{{" not in json.dumps(body)
    assert body["checkout"] == {"session": VALUES["checkout_session"]}
    assert body["amount"] == {"currency": "USD", "value": 100}
    assert body["account_id"] == VALUES["account_id"]
    assert body["merchant_order_id"] == "order-0001"
    assert body["country"] == "US"


@pytest.mark.parametrize("amount", [100, 8000.5, 0.3, 12.3456])
def test_amount_value_stays_a_number(amount):
    values = {**PAYMENT_VALUES, "amount_value": amount}
    value = load_payment_template().payment_body(**values)["amount"]["value"]
    assert value == amount
    assert type(value) is type(amount)


def test_substituted_bodies_are_valid_request_bodies(validator_for):
    template = load_payment_template()
    payment = validator_for(request_schema("createPayment"))
    assert not [e.message for e in payment.iter_errors(template.payment_body(**PAYMENT_VALUES))]
    token = validator_for(request_schema("createCheckoutSessionToken"))
    assert not [e.message for e in token.iter_errors(template.token_body(**VALUES))]


def test_a_payment_without_the_token_placeholder_creates_no_token(tmp_path):
    """The DIRECT path the comment describes: raw card data, no {{one_time_token}}."""
    document = raw_template()
    direct = {"type": "CARD", "detail": {"card": {"capture": True, "card_data": TEST_CARD}}}
    document["payment"] = {**document["payment"], "workflow": "DIRECT", "payment_method": direct}
    template = load_payment_template(write(tmp_path, document))
    assert not template.pays_with_token
    assert template.payment_body(**VALUES)["payment_method"] == direct  # no token value needed
    assert template.token_body(**VALUES)["card_data"] == TEST_CARD  # still there for its test


def test_placeholder_inside_a_longer_string_becomes_text(tmp_path):
    document = {"payment": {"description": "order {{merchant_order_id}} ({{amount_value}})"}}
    template = load_payment_template(write(tmp_path, document))
    assert template.payment_body(merchant_order_id="m-1", amount_value=5) == {
        "description": "order m-1 (5)"
    }


def test_a_missing_value_is_named():
    values = {k: v for k, v in PAYMENT_VALUES.items() if k != "amount_value"}
    with pytest.raises(ContractError, match=r"\{\{amount_value\}\}"):
        load_payment_template().payment_body(**values)
    with pytest.raises(ContractError, match=r"\{\{one_time_token\}\} in \"payment\""):
        load_payment_template().payment_body(**VALUES)


def test_a_missing_template_is_one_sentence(tmp_path):
    with pytest.raises(ContractError) as raised:
        load_payment_template(tmp_path / "absent.json")
    assert isinstance(raised.value, HarnessError)
    message = str(raised.value)
    assert "absent.json" in message and "missing" in message
    assert "\n" not in message and message.endswith(".")


@pytest.mark.parametrize(
    "text",
    [
        '{"amount": ',
        "[1, 2]",
        "",
        "{}",
        '{"payment": [1]}',
        '{"payment": {}, "card": {}}',
        '{"payment": {"payment_method": {"token": "{{one_time_token}}"}}}',
    ],
    ids=["truncated", "array", "empty", "no-payment", "payment-not-object", "unknown-key",
         "token-without-token-request"],
)  # fmt: skip
def test_an_invalid_template_is_one_sentence(tmp_path, text):
    with pytest.raises(ContractError) as raised:
        load_payment_template(write(tmp_path, text))
    message = str(raised.value)
    assert "template.json" in message and "\n" not in message and message.endswith(".")


def test_a_template_without_a_token_request_says_so_when_one_is_needed(tmp_path):
    template = load_payment_template(write(tmp_path, {"payment": {"account_id": "x"}}))
    with pytest.raises(ContractError, match='no "token" object'):
        template.token_body(**VALUES)


def test_contract_hash_is_the_sha256_prefix_of_the_file():
    digest = hashlib.sha256(CONTRACT_PATH.read_bytes()).hexdigest()
    assert contract_hash() == digest[:16]
    assert re.fullmatch(r"[0-9a-f]{16}", contract_hash())


def test_load_contract_returns_a_fresh_copy():
    first = load_contract()
    first["paths"].clear()
    assert load_contract()["paths"]


def test_request_schema_inlines_refs_and_names_unknown_operations():
    schema = request_schema("createCheckoutSession")
    assert "$ref" not in json.dumps(schema)
    with pytest.raises(ContractError, match="createCheckoutSession"):
        request_schema("noSuchOperation")
    with pytest.raises(ContractError, match="no JSON request body"):
        request_schema("retrieveCheckoutSession")
