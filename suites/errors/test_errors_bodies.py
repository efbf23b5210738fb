"""Bodies that are not a JSON object are refused with 400 and the error body, never a 5xx
(create-checkout-session.openapi.md: requestBody application/json, type object; responses 400)."""

from __future__ import annotations

import pytest
from errors_support import Endpoint

from yuno_contracts import Target, YunoClient, error_codes, expect, session_path, steps

JSON = {"content-type": "application/json"}

# Raw request bodies, none of them a JSON object. Each is sent as application/json.
BAD_BODIES: dict[str, bytes] = {
    "truncated-json": b'{"merchant_order_id": "yc-order-0001", "country": "U',
    "not-json": b"merchant_order_id=yc-order-0001&country=US",
    "non-utf8-bytes": b'{"merchant_order_id": "yc-order-\xff\xfe", "country": "US"}',
    "empty-body": b"",
    "json-array": b'[{"merchant_order_id": "yc-order-0001", "country": "US"}]',
    "json-string": b'"merchant_order_id=yc-order-0001"',
}
ENDPOINTS: tuple[Endpoint, ...] = ("create", "update")


class TestBodyNotAJsonObject:
    """Bad Request: code: INVALID_REQUEST messages: - Invalid request.
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("ERROR-400-INVALID-REQUEST", "ERROR-BODY-SHAPE", "RESPONSE-JSON")
    @pytest.mark.parametrize(
        ("endpoint", "kind"),
        [pytest.param(e, k, id=f"{e}-{k}") for e in ENDPOINTS for k in BAD_BODIES],
    )
    def test_body_that_is_not_a_json_object_is_400(
        self, client: YunoClient, target: Target, endpoint: Endpoint, kind: str
    ) -> None:
        """A body the schema cannot read as an object is refused 400 with the error body."""
        if endpoint == "create":
            path = "checkout/sessions"
            method = "POST"
        else:
            path = session_path(steps.new_session(client, target)["checkout_session"])
            method = "PATCH"
        response = client.request(method, path, content=BAD_BODIES[kind], headers=JSON)
        expect.documented_error(
            response, 400, error_codes.CATALOGUE_400_CODES, clause="ERROR-400-INVALID-REQUEST"
        )

    @pytest.mark.clause("ERROR-400-INVALID-REQUEST", "ERROR-BODY-SHAPE", "RESPONSE-JSON")
    def test_create_missing_a_required_field_is_400(
        self, client: YunoClient, target: Target
    ) -> None:
        """A JSON object the schema refuses (no country, no account_id) is 400 with the body."""
        body = {"merchant_order_id": "yc-order-0001", "payment_description": "yuno-contracts"}
        response = client.create_session(body)
        expect.documented_error(
            response, 400, error_codes.CATALOGUE_400_CODES, clause="ERROR-400-INVALID-REQUEST"
        )
