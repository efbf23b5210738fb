"""The catalogue and the register point at each other consistently, and hold the agreed ids."""

from __future__ import annotations

from typing import Any

import pytest

from yuno_contracts.catalogue.clauses import Ambiguity, Clause, load_ambiguities, load_clauses

# The reading ids of each ambiguity are the values of the reference sandbox's settings.
READING_IDS = {
    "WORKFLOW-VALUES": ("openapi", "guide"),
    "METADATA-SHAPE": ("array-120", "array-50", "object", "union"),
    "COUNTRY-LIST": ("enum-17", "country-reference"),
    "CURRENCY-COUNTRY": ("free", "local-only"),
    "ERROR-BODY-SHAPE": ("messages", "message-details", "error-envelope"),
    "CALLBACK-URL": ("echo", "append-session"),
    "AMOUNT-REQUIRED": ("required", "optional"),
    "UPDATE-PARTIAL": ("partial", "required-four", "amount-description", "closed"),
    "UPDATE-AMOUNT-PARTIAL": ("merge", "whole"),
    "USED-DEFAULT": ("false", "absent", "true-default"),
    "AMOUNT-VALUE-TYPE": ("echo", "integer"),
    "UNKNOWN-SESSION": ("400", "404", "400-not-found"),
    "USED-UPDATE": ("400", "409"),
    "SESSION-EXPIRY": ("5h", "3h", "150min", "60min"),
    "MULTIPLE-OF-READING": ("decimal", "float"),
    "ALTERNATIVE-VALUE-STRING": ("reject", "accept"),
    "SESSION-ID-FORMAT": ("uuid", "string-36-64"),
    "ERROR-400-CODES": ("generic", "field-specific"),
    "CUSTOMER-ID-FORMAT": ("uuid", "string-36-64"),
    "CALLBACK-URL-FORMAT": ("string-3-526", "uri"),
    "METADATA-ITEM-FIELDS": ("required", "optional"),
    "CURRENCY-DECIMALS": ("step-4-decimals", "currency-digits"),
    "NULLABLE-OPTIONALS": ("not-null", "null-allowed"),
    "RETURN-URL-FIELD": ("guide", "undefined"),
}

# Clauses other parts of the project rely on by id (the suites, docs/, the brief).
EXPECTED_CLAUSES = {
    "CREATE-200": None,
    "CREATE-SESSION-ID": "SESSION-ID-FORMAT",
    "CREATE-CREATED-AT": None,
    "CREATE-ECHO-MERCHANT-ORDER-ID": None,
    "CREATE-ECHO-PAYMENT-DESCRIPTION": None,
    "CREATE-ECHO-COUNTRY": None,
    "CREATE-ECHO-CUSTOMER-ID": None,
    "CREATE-ECHO-AMOUNT": "AMOUNT-VALUE-TYPE",
    "CREATE-ECHO-METADATA": "METADATA-SHAPE",
    "CREATE-ECHO-CALLBACK-URL": "CALLBACK-URL",
    "CREATE-WORKFLOW-DEFAULT": None,
    "CREATE-INSTALLMENTS-DEFAULT": None,
    "REQUIRED-MERCHANT-ORDER-ID": None,
    "REQUIRED-PAYMENT-DESCRIPTION": None,
    "REQUIRED-COUNTRY": None,
    "REQUIRED-ACCOUNT-ID": None,
    "REQUIRED-AMOUNT": "AMOUNT-REQUIRED",
    "REQUIRED-AMOUNT-CURRENCY": None,
    "REQUIRED-AMOUNT-VALUE": None,
    "REQUIRED-METADATA-KEY-VALUE": "METADATA-SHAPE",
    "REQUIRED-INSTALLMENT-RATE": None,
    "LIMIT-MERCHANT-ORDER-ID-LENGTH": None,
    "LIMIT-PAYMENT-DESCRIPTION-LENGTH": None,
    "LIMIT-CALLBACK-URL-LENGTH": None,
    "LIMIT-COUNTRY-ENUM": "COUNTRY-LIST",
    "LIMIT-CURRENCY-ISO4217": "CURRENCY-COUNTRY",
    "LIMIT-AMOUNT-PRECISION": "MULTIPLE-OF-READING",
    "LIMIT-METADATA-ITEMS": "METADATA-SHAPE",
    "LIMIT-METADATA-KEY-LENGTH": "METADATA-SHAPE",
    "LIMIT-METADATA-VALUE-LENGTH": "METADATA-SHAPE",
    "LIMIT-WORKFLOW-ENUM": "WORKFLOW-VALUES",
    "LIMIT-ACCOUNT-ID-UUID": None,
    "LIMIT-CUSTOMER-ID-UUID": None,
    "LIMIT-INSTALLMENT-INT32": None,
    "LIMIT-RECURRING-INTERVAL-UNIT": None,
    "TYPE-STRINGS": None,
    "TYPE-NUMBERS": None,
    "ERROR-BODY-SHAPE": "ERROR-BODY-SHAPE",
    "ERROR-400-INVALID-REQUEST": "ERROR-400-CODES",
    "ERROR-401-INVALID-CREDENTIALS": None,
    "ERROR-403-AUTHORIZATION-REQUIRED": None,
    "AUTH-BOTH-HEADERS": None,
    "UPDATE-200": None,
    "UPDATE-PARTIAL": "UPDATE-PARTIAL",
    "UPDATE-AMOUNT-MERGE": "UPDATE-AMOUNT-PARTIAL",
    "UPDATE-ID-STABLE": None,
    "UPDATE-CREATED-AT-STABLE": None,
    "UPDATE-VALIDATES": "UPDATE-PARTIAL",
    "UPDATE-UNKNOWN-SESSION": "UNKNOWN-SESSION",
    "UPDATE-USED-SESSION": "USED-UPDATE",
    "USED-FALSE-ON-NEW": "USED-DEFAULT",
    "USED-AFTER-PAYMENT": None,
    "PAYMENT-ONE-PER-SESSION": None,
    "PAYMENT-IDEMPOTENCY": None,
    "RETRIEVE-SESSION": None,
}


@pytest.fixture(scope="module")
def clauses() -> dict[str, Clause]:
    return load_clauses()


@pytest.fixture(scope="module")
def ambiguities() -> dict[str, Ambiguity]:
    return load_ambiguities()


class TestClausesNameExistingAmbiguities:
    """A clause subject to an ambiguity names it, and the ambiguity lists the clause back."""

    def test_every_clause_ambiguity_exists(self, raw_clauses: Any, raw_ambiguities: Any) -> None:
        """Each clause's `ambiguity` is an id of ambiguities.yaml."""
        known = {entry["id"] for entry in raw_ambiguities["ambiguities"]}
        dangling = {
            entry["id"]: entry["ambiguity"]
            for entry in raw_clauses["clauses"]
            if "ambiguity" in entry and entry["ambiguity"] not in known
        }
        assert dangling == {}

    def test_every_ambiguity_clause_exists(self, raw_clauses: Any, raw_ambiguities: Any) -> None:
        """Each id in an ambiguity's `clauses` is a clause of clauses.yaml."""
        known = {entry["id"] for entry in raw_clauses["clauses"]}
        dangling = {
            entry["id"]: missing
            for entry in raw_ambiguities["ambiguities"]
            if (missing := [cid for cid in entry["clauses"] if cid not in known])
        }
        assert dangling == {}

    def test_links_go_both_ways(self, raw_clauses: Any, raw_ambiguities: Any) -> None:
        """A clause names ambiguity A exactly when A lists that clause."""
        named = {
            (entry["id"], entry["ambiguity"])
            for entry in raw_clauses["clauses"]
            if "ambiguity" in entry
        }
        listed = {
            (cid, entry["id"])
            for entry in raw_ambiguities["ambiguities"]
            for cid in entry["clauses"]
        }
        assert sorted(named ^ listed) == []


class TestAgreedIds:
    """The ids other parts of the project use are there, spelt as agreed."""

    def test_ambiguity_ids_are_the_agreed_register(self, ambiguities: dict[str, Ambiguity]) -> None:
        """The register holds exactly the agreed ambiguities, no more, no fewer."""
        assert sorted(ambiguities) == sorted(READING_IDS)

    @pytest.mark.parametrize("ambiguity_id", list(READING_IDS))
    def test_reading_ids_match_the_reference_sandbox(
        self, ambiguities: dict[str, Ambiguity], ambiguity_id: str
    ) -> None:
        """Reading ids are the reference sandbox's setting values, in this order."""
        assert ambiguities[ambiguity_id].reading_ids == READING_IDS[ambiguity_id]

    @pytest.mark.parametrize("clause_id", list(EXPECTED_CLAUSES))
    def test_expected_clause_is_catalogued(
        self, clauses: dict[str, Clause], clause_id: str
    ) -> None:
        """The clause exists and is subject to the expected ambiguity (or none)."""
        assert clause_id in clauses, f"{clause_id} is missing from clauses.yaml"
        assert clauses[clause_id].ambiguity == EXPECTED_CLAUSES[clause_id]


class TestRegisterDecisions:
    """Decisions the register records, which the probes and reports rely on."""

    def test_only_session_expiry_and_unasserted_request_readings_are_not_probed(
        self, ambiguities: dict[str, Ambiguity]
    ) -> None:
        """SESSION-EXPIRY cannot be probed nightly; the request-side ambiguities without a probe
        are ones no suite asserts either way (catalogue.agreement keeps them out of every case).
        Each says why."""
        unprobed = {a.id: a.reason for a in ambiguities.values() if not a.probe}
        assert set(unprobed) == {
            "SESSION-EXPIRY",
            "CUSTOMER-ID-FORMAT",
            "CALLBACK-URL-FORMAT",
            "METADATA-ITEM-FIELDS",
            "CURRENCY-DECIMALS",
            "NULLABLE-OPTIONALS",
            "RETURN-URL-FIELD",
        }
        assert all(unprobed.values())
        assert all(ambiguities[a].request_side for a in unprobed if a != "SESSION-EXPIRY")

    def test_used_default_true_is_listed_but_not_accepted(
        self, ambiguities: dict[str, Ambiguity]
    ) -> None:
        """The schema default `true` is a reading no example shows: named, but a probe fails on it."""
        used_default = ambiguities["USED-DEFAULT"]
        assert used_default.accepted_readings == ("false", "absent")
        assert not used_default.reading("true-default").accepted

    def test_every_other_reading_is_accepted(self, ambiguities: dict[str, Ambiguity]) -> None:
        """Apart from USED-DEFAULT's true-default, every documented reading passes its probe."""
        refused = [
            f"{a.id}/{r.id}" for a in ambiguities.values() for r in a.readings if not r.accepted
        ]
        assert refused == ["USED-DEFAULT/true-default"]
