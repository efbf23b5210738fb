"""Create: enumerations and codes (country, currencies, workflow, recurring interval unit).

Every listed value is accepted and near misses are refused with 400. ``workflow`` has two
documented lists (WORKFLOW-VALUES): a case whose value only one list has first finds out which
list the target follows (CHECKOUT accepted: the OpenAPI's; refused, with SDK_LITE accepted: the
guide's) and then holds the target to that list.
"""

from __future__ import annotations

from typing import Any

import pytest
from case_support import clause_cases, send_case

from yuno_contracts import BodyCase, Target, YunoClient, bodies, countries, expect, field_limits

COUNTRIES = countries()  # the contract's enum
WORKFLOW_LISTS: dict[str, tuple[str, ...]] = {
    "OpenAPI": field_limits("workflow").enum or (),
    "guide": ("SDK_CHECKOUT", "SDK_LITE", "SDK_SEAMLESS", "SDK_HEADLESS", "DIRECT"),
}
INTERVAL_UNITS = field_limits("recurring_payment.regular_billing.interval_unit").enum or ()
BILLING: dict[str, Any] = {"label": "Monthly", "amount": "9.99", "interval_count": 1}


class TestCountry:
    """country: The customer's country (MAX 2; MIN 2; ISO 3166-1). enum: AR, BO, BR, CL, CO, CR,
    EC, SV, GT, HN, MX, NI, PA, PY, PE, US, UY (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-COUNTRY-ENUM", valid=True)
    def test_listed_country_is_accepted(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """Each of the 17 listed codes, with its own currency, is answered 200."""
        send_case(client, target, case)

    @clause_cases("LIMIT-COUNTRY-ENUM", valid=False)
    def test_unlisted_country_is_refused(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """A code that is no ISO 3166-1 alpha-2 code (another case or length, ZZ) is refused."""
        send_case(client, target, case)


class TestCurrency:
    """amount.currency: The currency used to make the payment. (MAX 3; MIN 3; ISO 4217).
    (create-checkout-session.openapi.md); ISO 4217 currency code (for example USD, BRL, MXN)
    (checkout-session-guide.txt)"""

    @clause_cases("LIMIT-CURRENCY-ISO4217", valid=True)
    def test_iso_currency_is_accepted(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """A three-letter ISO 4217 code is answered 200, sent with a country that lists it
        (CURRENCY-COUNTRY: no other pair is valid under every reading)."""
        send_case(client, target, case)

    @clause_cases("LIMIT-CURRENCY-ISO4217", valid=False)
    def test_non_iso_currency_is_refused(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """A currency of another length, case, or not in ISO 4217 is refused with 400."""
        send_case(client, target, case)


class TestAlternativeCurrency:
    """alternative_amount.currency: The alternative currency code. (MAX 3; MIN 3; ISO 4217).
    nullable: true (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-ALTERNATIVE-CURRENCY-ISO4217", valid=True)
    def test_iso_alternative_currency_is_accepted(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """alternative_amount {currency: ARS, value: 140000} is answered 200."""
        send_case(client, target, case)

    @clause_cases("LIMIT-ALTERNATIVE-CURRENCY-ISO4217", valid=False)
    def test_non_iso_alternative_currency_is_refused(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """A non-null alternative currency that is not an ISO 4217 code is refused with 400."""
        send_case(client, target, case)


def workflow_list(client: YunoClient, target: Target) -> str:
    """Which documented workflow list the target follows, from its answer to CHECKOUT.

    CHECKOUT accepted: the OpenAPI's list. Refused (a documented 400): the guide's, which must
    then accept SDK_LITE, or the target follows neither list.
    """
    response = client.create_session(bodies.session_body(target, workflow="CHECKOUT"))
    if response.status_code == 200:
        return "OpenAPI"
    expect.rejected(response, "LIMIT-WORKFLOW-ENUM")
    lite = client.create_session(bodies.session_body(target, workflow="SDK_LITE"))
    expect.that(
        lite.status_code == 200,
        "LIMIT-WORKFLOW-ENUM",
        "workflow SDK_LITE accepted (CHECKOUT was refused, so the guide's list applies)",
        f"{lite.status_code} {lite.text}",
        lite,
    )
    return "guide"


class TestWorkflow:
    """workflow: Checkout workflow type. enum: SDK_CHECKOUT, CHECKOUT, SDK_SEAMLESS
    (create-checkout-session.openapi.md); Integration mode: SDK_CHECKOUT, SDK_LITE,
    SDK_SEAMLESS, SDK_HEADLESS, DIRECT (checkout-session-guide.txt)"""

    @pytest.mark.parametrize(
        "workflow",
        [
            pytest.param(w, id=f"workflow-{w}-in-both-lists-accepted")
            for w in ("SDK_CHECKOUT", "SDK_SEAMLESS")
        ],
    )
    @pytest.mark.clause("LIMIT-WORKFLOW-ENUM")
    def test_workflow_of_both_lists_is_accepted(
        self, client: YunoClient, target: Target, workflow: str
    ) -> None:
        """A workflow both documents list is answered 200."""
        body = bodies.session_body(target, workflow=workflow)
        expect.accepted(client.create_session(body))

    @pytest.mark.parametrize(
        "workflow",
        [
            pytest.param(w, id=f"workflow-{w}-per-reading")
            for w in ("CHECKOUT", "SDK_LITE", "SDK_HEADLESS", "DIRECT")
        ],
    )
    @pytest.mark.clause("LIMIT-WORKFLOW-ENUM")
    def test_workflow_of_one_list_follows_the_targets_list(
        self, client: YunoClient, target: Target, workflow: str
    ) -> None:
        """A value only one list has is accepted exactly when the target follows that list."""
        reading = workflow_list(client, target)
        listed = WORKFLOW_LISTS[reading]
        if workflow == "CHECKOUT" or (workflow == "SDK_LITE" and reading == "guide"):
            return  # workflow_list has just sent this value and held the answer to the list
        response = client.create_session(bodies.session_body(target, workflow=workflow))
        because = f"the target accepts {'CHECKOUT' if reading == 'OpenAPI' else 'SDK_LITE'}, "
        because += f"so it follows the {reading} list {', '.join(listed)}"
        if workflow in listed:
            expect.that(
                response.status_code == 200,
                "LIMIT-WORKFLOW-ENUM",
                f"workflow {workflow} accepted with 200 ({because})",
                f"{response.status_code} {response.text}",
                response,
            )
        else:
            expect.that(
                response.status_code == 400,
                "LIMIT-WORKFLOW-ENUM",
                f"workflow {workflow} refused with 400 ({because})",
                f"{response.status_code} {response.text}",
                response,
            )
            expect.rejected(response)

    @pytest.mark.parametrize(
        "workflow",
        [
            pytest.param("NOT_A_WORKFLOW", id="workflow-NOT_A_WORKFLOW-refused"),
            pytest.param("sdk_checkout", id="workflow-lowercase-sdk_checkout-refused"),
            pytest.param("", id="workflow-empty-refused"),
        ],
    )
    @pytest.mark.clause("LIMIT-WORKFLOW-ENUM")
    def test_workflow_of_no_list_is_refused(
        self, client: YunoClient, target: Target, workflow: str
    ) -> None:
        """A workflow neither document lists is refused with 400."""
        response = client.create_session(bodies.session_body(target, workflow=workflow))
        expect.rejected(response)


def recurring(unit: str, billing: str) -> dict[str, Any]:
    """A recurring_payment whose ``billing`` ("regular_billing"/"trial_billing") uses ``unit``."""
    payment: dict[str, Any] = {
        "regular_billing": {
            **BILLING,
            "interval_unit": unit if billing == "regular_billing" else "month",
        },
    }
    if billing == "trial_billing":
        payment["trial_billing"] = {**BILLING, "label": "Free trial", "interval_unit": unit}
    return payment


class TestRecurringIntervalUnit:
    """interval_unit: Unit of the billing interval. enum: year, month, day, hour, minute
    (create-checkout-session.openapi.md, regular_billing and trial_billing)"""

    @pytest.mark.parametrize(
        ("billing", "unit"),
        [
            pytest.param("regular_billing", u, id=f"regular_billing-{u}-accepted")
            for u in INTERVAL_UNITS
        ]
        + [
            pytest.param("trial_billing", u, id=f"trial_billing-{u}-accepted")
            for u in ("year", "minute")
        ],
    )
    @pytest.mark.clause("LIMIT-RECURRING-INTERVAL-UNIT")
    def test_listed_interval_unit_is_accepted(
        self, client: YunoClient, target: Target, billing: str, unit: str
    ) -> None:
        """Each listed unit is answered 200."""
        body = bodies.session_body(target, recurring_payment=recurring(unit, billing))
        expect.accepted(client.create_session(body))

    @pytest.mark.parametrize(
        ("billing", "unit"),
        [
            pytest.param("regular_billing", "week", id="regular_billing-week-refused"),
            pytest.param("regular_billing", "MONTH", id="regular_billing-uppercase-MONTH-refused"),
            pytest.param("regular_billing", "months", id="regular_billing-plural-months-refused"),
            pytest.param("trial_billing", "week", id="trial_billing-week-refused"),
        ],
    )
    @pytest.mark.clause("LIMIT-RECURRING-INTERVAL-UNIT")
    def test_unlisted_interval_unit_is_refused(
        self, client: YunoClient, target: Target, billing: str, unit: str
    ) -> None:
        """A unit outside the list (or in another case or number) is refused with 400."""
        body = bodies.session_body(target, recurring_payment=recurring(unit, billing))
        expect.rejected(client.create_session(body))
