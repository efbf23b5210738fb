"""Methods the sessions API does not offer are answered 405 UNSUPPORTED_METHOD
(Yuno's public error catalogue, page:response-codes)."""

from __future__ import annotations

import pytest

from yuno_contracts import Target, YunoClient, expect, session_path, steps

UNSUPPORTED_METHOD = frozenset({"UNSUPPORTED_METHOD"})


class TestUnsupportedMethod:
    """405 `UNSUPPORTED_METHOD`. (page:response-codes)"""

    @pytest.mark.clause("ERROR-405-UNSUPPORTED-METHOD", "ERROR-BODY-SHAPE", "RESPONSE-JSON")
    @pytest.mark.parametrize("method", ["DELETE", "PUT"], ids=lambda m: f"{m}-on-a-session")
    def test_method_not_offered_on_a_session_is_405(
        self, client: YunoClient, target: Target, method: str
    ) -> None:
        """DELETE or PUT on an existing session is refused 405 UNSUPPORTED_METHOD."""
        session_id = steps.new_session(client, target)["checkout_session"]
        response = client.request(method, session_path(session_id))
        expect.documented_error(
            response, 405, UNSUPPORTED_METHOD, clause="ERROR-405-UNSUPPORTED-METHOD"
        )

    @pytest.mark.clause("ERROR-405-UNSUPPORTED-METHOD", "ERROR-BODY-SHAPE", "RESPONSE-JSON")
    @pytest.mark.parametrize("method", ["DELETE", "PUT"], ids=lambda m: f"{m}-on-the-collection")
    def test_method_not_offered_on_the_collection_is_405(
        self, client: YunoClient, method: str
    ) -> None:
        """DELETE or PUT on /checkout/sessions is refused 405 UNSUPPORTED_METHOD."""
        response = client.request(method, "checkout/sessions")
        expect.documented_error(
            response, 405, UNSUPPORTED_METHOD, clause="ERROR-405-UNSUPPORTED-METHOD"
        )
