"""Create responses: the keys every 200 carries, the session id, and created_at.

Every response example carries merchant_order_id, checkout_session, country,
payment_description, callback_url, amount {currency, value}, created_at, metadata, workflow
and installments; callback_url and metadata may be null. checkout_session is a string of 36
to 64 characters (a UUID in every example; "The unique identifier of the checkout session (MAX
64; MIN 36)." on the object page: SESSION-ID-FORMAT), new for every create; created_at an ISO
8601 UTC date-time (2024-06-06T13:39:10.932297Z).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from yuno_contracts import Target, YunoClient, expect, steps

# SESSION-ID-FORMAT: a UUID (36 characters) in every example, "MAX 64; MIN 36" on the object
# page; what both readings agree on is the length. Which form a target uses is the probe's.
SESSION_ID_LENGTH = range(36, 65)
# ISO 8601 date-time in UTC: Z or a zero offset; any number of fractional digits.
UTC_DATE_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]00:?00)", re.IGNORECASE
)


def _string(value: Any) -> bool:
    return isinstance(value, str)


def _string_or_null(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _amount(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("currency"), str)
        and expect.is_number(value.get("value"))
    )


def _metadata(value: Any) -> bool:
    # null, the OpenAPI's array of {key, value}, or the guide's object (METADATA-SHAPE).
    return value is None or isinstance(value, list | dict)


def _object(value: Any) -> bool:
    return isinstance(value, dict)


# key → (what the examples show, check); callback_url and metadata may be null.
RESPONSE_KEYS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "merchant_order_id": ("a string", _string),
    "checkout_session": ("a string", _string),
    "country": ("a string", _string),
    "payment_description": ("a string", _string),
    "callback_url": ("a string or null", _string_or_null),
    "amount": ("an object {currency: string, value: number}", _amount),
    "created_at": ("a string", _string),
    "metadata": ("null, an array or an object", _metadata),
    "workflow": ("a string", _string),
    "installments": ("an object", _object),
}


def parse_utc(text: str) -> datetime | None:
    """``text`` as an aware UTC datetime if it is an ISO 8601 UTC date-time, else None."""
    match = UTC_DATE_TIME.fullmatch(text)
    if match is None:
        return None
    fraction = (match.group(2) or "0")[:6].ljust(6, "0")
    try:
        parsed = datetime.fromisoformat(f"{match.group(1)}.{fraction}+00:00")
    except ValueError:  # e.g. month 13
        return None
    return parsed if parsed.utcoffset() == timedelta(0) else None


class TestResponseShape:
    """responses.200.schema (oneOf): Checkout Session (min. data) / (full data)
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize("key", list(RESPONSE_KEYS), ids=lambda key: f"{key}-present")
    @pytest.mark.clause("CREATE-RESPONSE-SHAPE")
    def test_create_response_carries_the_documented_key(
        self, client: YunoClient, target: Target, key: str
    ) -> None:
        """The 200 answer to a minimal create carries ``key`` with the type the examples show."""
        response, session = steps.create(client, target)
        expect.that(
            key in session,
            "CREATE-RESPONSE-SHAPE",
            f"the key {key} in the create response",
            f"keys {sorted(session)}",
            response,
        )
        what, check = RESPONSE_KEYS[key]
        expect.that(
            check(session[key]), "CREATE-RESPONSE-SHAPE", f"{key} {what}", session[key], response
        )


class TestSessionId:
    """checkout_session: d313047b-4f96-44ef-bbad-caf1d7ba4c2b (create-checkout-session.openapi.md);
    "The unique identifier of the checkout session (MAX 64; MIN 36)." (the checkout session
    object page); A checkout session represents a single purchase intent.
    (checkout-session-guide.txt)"""

    @pytest.mark.clause("CREATE-SESSION-ID")
    def test_checkout_session_is_36_to_64_characters(
        self, client: YunoClient, target: Target
    ) -> None:
        """checkout_session is a string of 36 to 64 characters (a UUID is one)."""
        response, session = steps.create(client, target)
        value = session.get("checkout_session")
        expect.that(
            isinstance(value, str) and len(value) in SESSION_ID_LENGTH,
            "CREATE-SESSION-ID",
            "checkout_session a string of 36 to 64 characters, such as the UUID "
            "d313047b-4f96-44ef-bbad-caf1d7ba4c2b",
            value
            if "checkout_session" in session
            else f"no checkout_session; keys {sorted(session)}",
            response,
        )

    @pytest.mark.clause("CREATE-SESSION-ID-UNIQUE")
    def test_two_creates_get_two_different_ids(self, client: YunoClient, target: Target) -> None:
        """Two successful creates return two different checkout_session ids."""
        _, first = steps.create(client, target, merchant_order_id="yc-unique-0001")
        second_response, second = steps.create(client, target, merchant_order_id="yc-unique-0002")
        ids = first.get("checkout_session"), second.get("checkout_session")
        expect.that(
            all(isinstance(i, str) for i in ids),
            "CREATE-SESSION-ID",
            "a checkout_session string in both create responses",
            f"{ids[0]!r}, {ids[1]!r}",
            second_response,
        )
        expect.that(
            ids[0] != ids[1],
            "CREATE-SESSION-ID-UNIQUE",
            "two different checkout_session ids for two creates",
            f"{ids[0]} twice",
            second_response,
        )


class TestCreatedAt:
    """created_at: '2024-06-06T13:39:10.932297Z' (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("CREATE-CREATED-AT")
    def test_created_at_is_an_iso_8601_utc_date_time(
        self, client: YunoClient, target: Target
    ) -> None:
        """created_at is a string holding an ISO 8601 UTC date-time."""
        response, session = steps.create(client, target)
        value = session.get("created_at")
        expect.that(
            isinstance(value, str) and parse_utc(value) is not None,
            "CREATE-CREATED-AT",
            "created_at an ISO 8601 UTC date-time such as 2024-06-06T13:39:10.932297Z",
            value if "created_at" in session else f"no created_at; keys {sorted(session)}",
            response,
        )
