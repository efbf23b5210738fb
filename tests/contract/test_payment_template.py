"""contracts/payment-template.json and the contract module's loaders."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest

from yuno_contracts.catalogue.contract import (
    CONTRACT_PATH,
    PAYMENT_TEMPLATE_PATH,
    PLACEHOLDERS,
    ContractError,
    contract_hash,
    load_contract,
    load_payment_template,
    request_schema,
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


def raw_template() -> dict:
    return json.loads(PAYMENT_TEMPLATE_PATH.read_text(encoding="utf-8"))


def test_template_has_a_comment_for_the_person_who_edits_it():
    comment = " ".join(raw_template()["_comment"])
    assert "not the code" in comment
    assert "providers" in comment


def test_template_uses_every_placeholder():
    text = json.dumps({k: v for k, v in raw_template().items() if k != "_comment"})
    assert set(re.findall(r"\{\{(\w+)\}\}", text)) == set(PLACEHOLDERS)


def test_template_pays_with_the_sandbox_test_card():
    template = raw_template()
    method = template["payment_method"]
    assert method["type"] == "CARD"
    card = method["detail"]["card"]["card_data"]
    assert card["number"] == "4507990000000002"  # the Testing Gateway's Visa (SUCCEEDED)
    assert card["security_code"] == "123"
    assert card["holder_name"]
    today = dt.date.today()
    assert (card["expiration_year"], card["expiration_month"]) > (today.year, today.month)
    assert template["checkout"] == {"session": "{{checkout_session}}"}
    payer = template["customer_payer"]
    assert payer["email"] and payer["first_name"] and payer["document"]


def test_substitution_keeps_types_and_drops_notes():
    body = load_payment_template(**VALUES)
    assert "_comment" not in body
    assert "{{" not in json.dumps(body)
    assert body["checkout"] == {"session": VALUES["checkout_session"]}
    assert body["amount"] == {"currency": "USD", "value": 100}
    assert body["account_id"] == VALUES["account_id"]
    assert body["merchant_order_id"] == "order-0001"
    assert body["country"] == "US"


@pytest.mark.parametrize("amount", [100, 8000.5, 0.3, 12.3456])
def test_amount_value_stays_a_number(amount):
    value = load_payment_template(**{**VALUES, "amount_value": amount})["amount"]["value"]
    assert value == amount
    assert type(value) is type(amount)


def test_substituted_template_is_a_valid_create_payment_body(validator_for):
    validator = validator_for(request_schema("createPayment"))
    body = load_payment_template(**VALUES)
    assert not [error.message for error in validator.iter_errors(body)]


def test_placeholder_inside_a_longer_string_becomes_text(tmp_path):
    path = tmp_path / "template.json"
    path.write_text('{"description": "order {{merchant_order_id}} ({{amount_value}})"}')
    body = load_payment_template(template_path=path, merchant_order_id="m-1", amount_value=5)
    assert body == {"description": "order m-1 (5)"}


def test_a_missing_value_is_named():
    values = {k: v for k, v in VALUES.items() if k != "amount_value"}
    with pytest.raises(ContractError, match=r"\{\{amount_value\}\}"):
        load_payment_template(**values)


def test_a_missing_template_is_one_sentence(tmp_path):
    with pytest.raises(ContractError) as raised:
        load_payment_template(template_path=tmp_path / "absent.json", **VALUES)
    assert isinstance(raised.value, HarnessError)
    message = str(raised.value)
    assert "absent.json" in message and "missing" in message
    assert "\n" not in message and message.endswith(".")


@pytest.mark.parametrize("text", ['{"amount": ', "[1, 2]", ""])
def test_an_invalid_template_is_one_sentence(tmp_path, text):
    path = tmp_path / "template.json"
    path.write_text(text)
    with pytest.raises(ContractError) as raised:
        load_payment_template(template_path=path, **VALUES)
    message = str(raised.value)
    assert "template.json" in message and "\n" not in message and message.endswith(".")


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
