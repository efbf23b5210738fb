"""Create responses: which creates are answered 200, as JSON, and in time.

A valid create is answered 200 (never 201), with a JSON body, within the 60 s every endpoint
allows; the body the OpenAPI requires (no optional field) and an installments plan without a
plan_id are valid creates.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from yuno_contracts import Target, YunoClient, bodies, expect, steps

TIME_LIMIT_SECONDS = 60.0


class TestCreateStatus:
    """POST /v1/checkout/sessions returns HTTP 200, not 201. (checkout-session-guide.txt)"""

    @pytest.mark.clause("CREATE-200")
    def test_valid_create_is_answered_200(self, client: YunoClient, target: Target) -> None:
        """A valid create is answered 200, not 201."""
        response = client.create_session(bodies.session_body(target))
        expect.status(response, 200)


class TestCreateJson:
    """responses: '200': content: application/json (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("RESPONSE-JSON", "CREATE-200")
    def test_create_answer_is_a_json_object(self, client: YunoClient, target: Target) -> None:
        """The 200 answer is served as application/json and its body is one JSON object."""
        response = client.create_session(bodies.session_body(target))
        expect.status(response, 200, "CREATE-200")
        expect.json_object(response, "RESPONSE-JSON")


class TestCreateResponseTime:
    """Yuno uses a 60-second timeout for all endpoints. (page:api-environments)"""

    @pytest.mark.clause("LIMIT-RESPONSE-TIME")
    def test_create_is_answered_within_60_seconds(self, client: YunoClient, target: Target) -> None:
        """A valid create is answered, measured from send to the last byte, within 60 s."""
        response = client.create_session(bodies.session_body(target))
        seconds = client.exchanges[-1].elapsed_ms / 1000
        expect.that(
            seconds < TIME_LIMIT_SECONDS,
            "LIMIT-RESPONSE-TIME",
            f"an answer within {TIME_LIMIT_SECONDS:.0f} s",
            f"{seconds:.1f} s",
            response,
        )


class TestMinimalBody:
    """required: - merchant_order_id - payment_description - country - account_id
    (create-checkout-session.openapi.md); the guide adds amount."""

    @pytest.mark.clause("CREATE-MINIMAL-BODY")
    def test_body_without_optional_fields_is_accepted(
        self, client: YunoClient, target: Target
    ) -> None:
        """merchant_order_id, payment_description, country, account_id and amount alone: 200."""
        body = bodies.session_body(target)
        optional = {"customer_id", "callback_url", "metadata", "workflow", "installments"}
        assert not optional & body.keys(), f"the minimal body sends an optional field: {body}"
        steps.created_session(client.create_session(body), "CREATE-MINIMAL-BODY")


def plan(*items: tuple[int, str]) -> dict[str, Any]:
    """installments with a plan of (installment, rate) items and no plan_id."""
    return {"plan": [{"installment": n, "rate": Decimal(rate)} for n, rate in items]}


class TestInstallmentsPlan:
    """installments.plan: This optional struct is used in case a particular installments plan
    needs to be used in the session and does not have an installments plan created for it.
    (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize(
        "installments",
        [
            pytest.param(plan((3, "0")), id="plan-of-1-item-accepted"),
            pytest.param(plan((1, "0"), (3, "1.5"), (6, "2.25")), id="plan-of-3-items-accepted"),
        ],
    )
    @pytest.mark.clause("CREATE-INSTALLMENTS-PLAN-ACCEPTED")
    def test_installments_plan_without_plan_id_is_accepted(
        self, client: YunoClient, target: Target, installments: dict[str, Any]
    ) -> None:
        """installments.plan items of {installment, rate}, no plan_id: answered 200."""
        body = bodies.session_body(target, installments=installments)
        steps.created_session(client.create_session(body), "CREATE-INSTALLMENTS-PLAN-ACCEPTED")
