"""Create: metadata limits, under each documented reading of METADATA-SHAPE.

The OpenAPI: an array of {key, value}, at most 120 items, key MAX 48, value MAX 512; another
public page: at most 50 items; the guide: an "object" of key-value pairs (no limits stated).
Tests send the array form. Where the readings disagree the test finds out from the target's
own answers which one it follows:

- a case every array reading accepts (50 items, a 48-character key, a 512-character value) that
  the target refuses must then be accepted in the object form, or the target follows no reading;
- 51 items accepted means the 120-item reading, so 120 must be accepted and 121 refused;
  51 refused means the 50-item or the object reading;
- a case every reading refuses (49-character key, 513-character value: the array readings for
  the length, the object reading for the form) is asserted directly.
"""

from __future__ import annotations

from typing import Any

import pytest

from yuno_contracts import Target, YunoClient, bodies, expect, field_limits

# The contract's limits (checked against the seed's numbers in tests/contract).
MAX_ITEMS = field_limits("metadata").max_items or 0
KEY_MAX = field_limits("metadata[].key").max_length or 0
VALUE_MAX = field_limits("metadata[].value").max_length or 0


def items(count: int, key: str | None = None, value: str | None = None) -> list[dict[str, str]]:
    """``count`` distinct {key, value} items; ``key`` / ``value`` replace those of the first."""
    result = [{"key": f"key-{i:03d}", "value": f"value-{i:03d}"} for i in range(count)]
    if key is not None:
        result[0]["key"] = key
    if value is not None:
        result[0]["value"] = value
    return result


def as_object(array: list[dict[str, str]]) -> dict[str, str]:
    """The same pairs in the guide's object form."""
    return {item["key"]: item["value"] for item in array}


def accepted_in_some_form(
    client: YunoClient, target: Target, array: list[dict[str, str]], clause: str, what: str
) -> None:
    """``array`` is accepted as sent, or, if the target refuses the array form, as an object."""
    response = client.create_session(bodies.session_body(target, metadata=array))
    if response.status_code == 200:
        expect.json_object(response, clause)
        return
    expect.rejected(response, clause)  # a refusal must at least be a documented one
    fallback = client.create_session(bodies.session_body(target, metadata=as_object(array)))
    expect.that(
        fallback.status_code == 200,
        clause,
        f"{what} accepted, as an array (OpenAPI) or, since the array was refused, "
        "as an object (guide)",
        f"array {response.status_code}, object {fallback.status_code} {fallback.text}",
        fallback,
    )


class TestMetadataItems:
    """Specifies a list of metadata objects. You can add up to 120 metadata objects.
    (create-checkout-session.openapi.md); another public page says 50 items (page:session-object)"""

    @pytest.mark.clause("LIMIT-METADATA-ITEMS")
    def test_metadata_of_50_items_is_accepted(self, client: YunoClient, target: Target) -> None:
        """50 items, within every reading's limit, are answered 200."""
        accepted_in_some_form(
            client, target, items(50), "LIMIT-METADATA-ITEMS", "metadata of 50 items"
        )

    @pytest.mark.clause("LIMIT-METADATA-ITEMS")
    def test_metadata_over_the_limit_is_refused(self, client: YunoClient, target: Target) -> None:
        """51 items: refused (50-item or object reading) or accepted, and then 120 accepted and
        121 refused (120-item reading)."""
        clause = "LIMIT-METADATA-ITEMS"
        response = client.create_session(bodies.session_body(target, metadata=items(51)))
        if response.status_code != 200:
            expect.rejected(response, clause)
            return
        at_limit = client.create_session(bodies.session_body(target, metadata=items(MAX_ITEMS)))
        expect.that(
            at_limit.status_code == 200,
            clause,
            f"metadata of {MAX_ITEMS} items accepted (51 items were, so the 120-item reading applies)",
            f"{at_limit.status_code} {at_limit.text}",
            at_limit,
        )
        past_limit = client.create_session(
            bodies.session_body(target, metadata=items(MAX_ITEMS + 1))
        )
        expect.that(
            past_limit.status_code == 400,
            clause,
            f"metadata of {MAX_ITEMS + 1} items refused with 400 (51 were accepted: the 120-item reading)",
            f"{past_limit.status_code} {past_limit.text}",
            past_limit,
        )
        expect.rejected(past_limit, clause)


class TestMetadataKeyLength:
    """metadata.items.key: The metadata key (MAX 48) (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("LIMIT-METADATA-KEY-LENGTH")
    def test_key_of_48_chars_is_accepted(self, client: YunoClient, target: Target) -> None:
        """A 48-character key is answered 200."""
        array = items(1, key="k" * KEY_MAX)
        accepted_in_some_form(
            client, target, array, "LIMIT-METADATA-KEY-LENGTH", f"a {KEY_MAX}-character key"
        )

    @pytest.mark.clause("LIMIT-METADATA-KEY-LENGTH")
    def test_key_of_49_chars_is_refused(self, client: YunoClient, target: Target) -> None:
        """A 49-character key in the array form is refused with 400."""
        response = client.create_session(
            bodies.session_body(target, metadata=items(1, key="k" * (KEY_MAX + 1)))
        )
        expect.rejected(response)


class TestMetadataValueLength:
    """metadata.items.value: The metadata key value (MAX 512) (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("LIMIT-METADATA-VALUE-LENGTH")
    def test_value_of_512_chars_is_accepted(self, client: YunoClient, target: Target) -> None:
        """A 512-character value is answered 200."""
        array = items(1, value="v" * VALUE_MAX)
        accepted_in_some_form(
            client, target, array, "LIMIT-METADATA-VALUE-LENGTH", f"a {VALUE_MAX}-character value"
        )

    @pytest.mark.clause("LIMIT-METADATA-VALUE-LENGTH")
    def test_value_of_513_chars_is_refused(self, client: YunoClient, target: Target) -> None:
        """A 513-character value in the array form is refused with 400."""
        response = client.create_session(
            bodies.session_body(target, metadata=items(1, value="v" * (VALUE_MAX + 1)))
        )
        expect.rejected(response)


class TestMetadataType:
    """metadata: type: array (create-checkout-session.openapi.md); metadata | object
    (checkout-session-guide.txt): a string, number or boolean is neither."""

    @pytest.mark.parametrize(
        "metadata",
        [
            pytest.param("ID=123456", id="metadata-string-refused"),
            pytest.param(123456, id="metadata-number-refused"),
            pytest.param(True, id="metadata-boolean-refused"),
            pytest.param(["ID", "123456"], id="metadata-array-of-strings-refused"),
        ],
    )
    @pytest.mark.clause("TYPE-METADATA-ARRAY")
    def test_metadata_of_another_type_is_refused(
        self, client: YunoClient, target: Target, metadata: Any
    ) -> None:
        """metadata that is neither an array of {key, value} nor an object is refused with 400."""
        response = client.create_session(bodies.session_body(target, metadata=metadata))
        expect.rejected(response)
