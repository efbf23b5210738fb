"""Readings, settings, fault table and the pure helpers (no HTTP)."""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal

import pytest

from yuno_contracts.catalogue.reference import CURRENCIES
from yuno_contracts.sandbox import FAULTS, Readings, SandboxSettings, create_app
from yuno_contracts.sandbox.responses import error_body, render_json
from yuno_contracts.sandbox.settings import ENV_CONFIG
from yuno_contracts.sandbox.store import Store
from yuno_contracts.sandbox.validation import is_multiple, parse_json

READING_IDS = {
    "workflow": ("openapi", "guide"),
    "metadata": ("array-120", "array-50", "object", "union"),
    "callback_url": ("echo", "append-session"),
    "amount_required": ("required", "optional"),
    "update": ("partial", "required-four", "amount-description", "closed"),
    "used_on_create": ("false", "absent"),
    "amount_value": ("echo", "integer"),
    "alternative_value_string": ("reject", "accept"),
    "unknown_session": ("400", "404", "400-not-found"),
    "used_update": ("400", "409"),
    "multiple_of": ("decimal", "float"),
    "country_list": ("enum-17", "country-reference"),
    "currency_country": ("free", "local-only"),
    "error_body": ("messages", "message-details", "error-envelope"),
    "update_amount": ("merge", "whole"),
    "session_id": ("uuid", "string-36-64"),
    "error_codes": ("generic", "field-specific"),
    "customer_id": ("uuid", "string-36-64"),
    "callback_url_format": ("string-3-526", "uri"),
    "metadata_items": ("required", "optional"),
    "currency_decimals": ("step-4-decimals", "currency-digits"),
    "nullable": ("not-null", "null-allowed"),
    "return_url": ("guide", "undefined"),
}


class TestReadings:
    def test_choices_are_the_documented_ids(self) -> None:
        """One field per ambiguity, each with its ids, the default first."""
        assert Readings.choices() == READING_IDS

    def test_defaults(self) -> None:
        """Each default is the first id."""
        assert Readings().to_dict() == {k: v[0] for k, v in READING_IDS.items()}

    def test_from_pairs(self) -> None:
        readings = Readings.from_pairs(["workflow=guide", " unknown_session = 404 "])
        assert (readings.workflow, readings.unknown_session) == ("guide", "404")
        assert readings.changed() == {"workflow": "guide", "unknown_session": "404"}

    def test_from_pairs_on_a_base(self) -> None:
        base = Readings(metadata="object")
        assert Readings.from_pairs(["workflow=guide"], base=base).metadata == "object"

    @pytest.mark.parametrize(
        ("pair", "words"),
        [
            pytest.param("nope=1", ["'nope'", "workflow", "multiple_of"], id="unknown-key"),
            pytest.param("workflow=sdk", ["workflow", "'sdk'", "openapi, guide"], id="bad-value"),
            pytest.param("workflow", ["key=value"], id="no-equals"),
        ],
    )
    def test_from_pairs_errors_name_the_problem(self, pair: str, words: list[str]) -> None:
        with pytest.raises(ValueError) as info:
            Readings.from_pairs([pair])
        for word in words:
            assert word in str(info.value)

    def test_constructor_checks_values(self) -> None:
        with pytest.raises(ValueError, match="metadata"):
            Readings(metadata="array-10")  # type: ignore[arg-type]

    def test_from_dict_round_trip(self) -> None:
        readings = Readings(workflow="guide", used_update="409")
        assert Readings.from_dict(readings.to_dict()) == readings


class TestSettings:
    def test_generate(self) -> None:
        settings = SandboxSettings.generate()
        assert re.fullmatch(r"local_pk_[0-9a-f]+", settings.public_api_key)
        assert re.fullmatch(r"local_sk_[0-9a-f]+", settings.private_secret_key)
        assert re.fullmatch(r"local_rpk_[0-9a-f]+", settings.restricted_public_api_key)
        assert re.fullmatch(r"local_rsk_[0-9a-f]+", settings.restricted_private_secret_key)
        assert uuid.UUID(settings.account_id).version == 4
        assert settings.faults == frozenset()
        assert settings.readings == Readings()
        assert SandboxSettings.generate().public_api_key != settings.public_api_key

    def test_json_round_trip(self) -> None:
        settings = SandboxSettings.generate(
            readings=Readings(workflow="guide"), faults={"create-201", "auth-401-code"}
        )
        assert SandboxSettings.from_json(settings.to_json()) == settings

    def test_from_env(self) -> None:
        settings = SandboxSettings.generate(faults={"create-201"})
        assert SandboxSettings.from_env({ENV_CONFIG: settings.to_json()}) == settings

    def test_from_env_unset(self) -> None:
        with pytest.raises(KeyError, match=ENV_CONFIG):
            SandboxSettings.from_env({})

    @pytest.mark.parametrize(
        "text",
        ["{", "[]", '{"public_api_key": "x"}', None],
        ids=["not-json", "not-object", "missing-keys", "bad-fault"],
    )
    def test_from_env_invalid(self, text: str | None) -> None:
        if text is None:
            data = SandboxSettings.generate().to_dict()
            data["faults"] = ["nope"]
            text = json.dumps(data)
        with pytest.raises(ValueError, match=ENV_CONFIG):
            SandboxSettings.from_env({ENV_CONFIG: text})

    def test_unknown_fault_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown fault 'nope'"):
            SandboxSettings.generate(faults={"nope"})

    def test_with_changes(self) -> None:
        settings = SandboxSettings.generate().with_changes(["workflow=guide"], ["create-201"])
        assert settings.readings.workflow == "guide"
        assert settings.faults == {"create-201"}

    def test_create_app_keeps_the_given_store(self) -> None:
        store = Store()
        app = create_app(SandboxSettings.generate(), store)
        assert app.state.sandbox.store is store


class TestFaultTable:
    def test_names_and_descriptions(self) -> None:
        """Kebab-case names; each description is one sentence."""
        for name, description in FAULTS.items():
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
            assert description.endswith("."), name
            sentence = description.replace("e.g. ", "")
            assert ". " not in sentence and "\n" not in sentence, name

    def test_every_kind_of_break_the_mutation_issue_names_has_a_switch(self) -> None:
        # a status code, a missing / renamed field, each limit off by one, an update that resets
        # or ignores fields, used never flipping or starting wrong, a second payment, another
        # error body shape, a wrong content type, a 5xx on some input.
        kinds = {
            "create-201", "create-no-created-at", "create-renamed-id",
            "merchant-order-id-max-256", "merchant-order-id-min-2", "payment-description-max-256",
            "payment-description-min-2", "callback-url-max-527", "callback-url-min-2",
            "metadata-121-items", "metadata-key-49", "metadata-value-513",
            "update-resets-unsent", "update-ignores-sent", "used-never-flips", "used-starts-true",
            "second-payment-accepted", "second-payment-accepted-at-payments",
            "error-body-shape", "content-type-text",
            "server-error-on-unicode", "server-error-on-malformed-json",
        }  # fmt: skip
        assert kinds <= set(FAULTS), sorted(kinds - set(FAULTS))


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "decimal", "float_"),
        [
            ("0.0001", True, True),
            ("0.00001", False, False),
            ("0.3", True, False),
            ("19.99", True, False),
            ("10.5", True, True),
            ("10.50000", True, True),
            ("0.00030000000000000003", False, True),  # a generator's 3 * 0.0001
            ("100", True, True),
            ("1e2", True, True),
            ("1E-5", False, False),
            ("-0.0001", True, True),
            ("0E-10", True, True),
            ("1.7976931348623157e308", True, False),  # jsonschema's Fraction fallback
        ],
    )
    def test_is_multiple(self, text: str, decimal: bool, float_: bool) -> None:
        value = parse_json(text.encode())
        assert is_multiple(value, Decimal("0.0001"), "decimal") is decimal
        assert is_multiple(value, Decimal("0.0001"), "float") is float_

    def test_render_keeps_digits(self) -> None:
        value = parse_json(b'{"a": 10.50, "b": 0.0001, "c": 100, "d": "\\ud800", "e": [1e2]}')
        assert render_json(value) == b'{"a":10.50,"b":0.0001,"c":100,"d":"\\ud800","e":[1E+2]}'

    def test_currency_list(self) -> None:
        assert {"USD", "COP", "ARS", "BRL", "MXN", "EUR"} <= CURRENCIES
        assert not {"ZZZ", "US", "USDD", "usd", "HRK"} & CURRENCIES
        assert all(len(code) == 3 and code.isupper() for code in CURRENCIES)


def test_error_body_shape() -> None:
    assert error_body("INVALID_REQUEST", ["x: bad"]) == {
        "code": "INVALID_REQUEST",
        "messages": ["x: bad"],
    }
