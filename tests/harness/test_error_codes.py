"""ERROR-400-CODES (harness.error_codes): a refusal's code fits the clause, or the field at fault."""

from __future__ import annotations

from yuno_contracts.harness.client import session_path
from yuno_contracts.harness.error_codes import GENERIC_400_CODES, refusal_codes


def test_a_clause_without_a_field_word_fits_only_the_generic_codes() -> None:
    assert refusal_codes("TYPE-STRINGS") == GENERIC_400_CODES


def test_the_clause_id_names_the_field() -> None:
    assert refusal_codes("LIMIT-COUNTRY-ENUM") == GENERIC_400_CODES | {"COUNTRY_NOT_SUPPORTED"}


def test_the_fields_at_fault_add_their_codes() -> None:
    assert refusal_codes("TYPE-STRINGS", ["country"]) - GENERIC_400_CODES == {
        "COUNTRY_NOT_SUPPORTED"
    }
    assert refusal_codes("UPDATE-VALIDATES", ["amount.currency"]) - GENERIC_400_CODES == {
        "INVALID_AMOUNT",
        "CURRENCY_NOT_ALLOWED",
    }
    assert refusal_codes("TYPE-STRINGS", ["account_id"]) - GENERIC_400_CODES == {
        "INVALID_ACCOUNT_ID"
    }
    assert refusal_codes("TYPE-STRINGS", ["customer_id"]) - GENERIC_400_CODES == {
        "CUSTOMER_NOT_FOUND"
    }


def test_a_field_without_a_code_of_its_own_adds_none() -> None:
    """A bad workflow answered COUNTRY_NOT_SUPPORTED still fails: wrong field class."""
    assert refusal_codes("TYPE-STRINGS", ["workflow", "installments"]) == GENERIC_400_CODES


def test_a_session_id_is_one_quoted_path_segment() -> None:
    """SESSION-ID-FORMAT: an opaque id; a UUID and cs_… are unchanged, anything else quoted."""
    uuid = "c67ce158-6053-4661-a1de-aed5c945b935"
    assert session_path(uuid) == f"checkout/sessions/{uuid}"
    assert session_path("cs_ab", "/token") == "checkout/sessions/cs_ab/token"
    assert session_path("a/b c?") == "checkout/sessions/a%2Fb%20c%3F"
