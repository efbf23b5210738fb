"""Create: the UUID fields account_id and customer_id (UUID, 36 chars).

Only fixed, made-up strings are sent as invalid ids: a variant of the target's own account id
would not be masked when recording and would put a real id into a cassette. Every valid case in
the create suites sends the target's own account_id, so the accepting side of LIMIT-ACCOUNT-ID-UUID
is exercised by each of them (and by the control here).
"""

from __future__ import annotations

import pytest

from yuno_contracts.harness import expect
from yuno_contracts.harness.bodies import session_body
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target

NOT_UUIDS = {
    "not-a-uuid": "not-a-uuid",
    "digits-only": "12345",
    "35-chars": "a577ad8f-08f1-4590-9cf1-e7679b15ee8",
    "37-chars": "a577ad8f-08f1-4590-9cf1-e7679b15ee844",
    "32-hex-without-hyphens": "a577ad8f08f145909cf1e7679b15ee84",
    "36-chars-not-hex": "g577ad8f-08f1-4590-9cf1-e7679b15ee84",
    "empty": "",
}


def not_uuid_cases(field: str) -> list[object]:
    """One pytest param per made-up non-UUID, named ``<field>-<kind>-refused``."""
    return [pytest.param(value, id=f"{field}-{kind}-refused") for kind, value in NOT_UUIDS.items()]


class TestAccountIdUuid:
    """account_id: The unique identifier of the account. (UUID, 36 chars).
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("LIMIT-ACCOUNT-ID-UUID")
    def test_own_account_id_is_accepted(self, client: YunoClient, target: Target) -> None:
        """The target's own account_id, a 36-character UUID, is answered 200."""
        response = client.create_session(session_body(target))
        expect.status(response, 200)

    @pytest.mark.parametrize("account_id", not_uuid_cases("account_id"))
    @pytest.mark.clause("LIMIT-ACCOUNT-ID-UUID")
    def test_account_id_not_a_uuid_is_refused(
        self, client: YunoClient, target: Target, account_id: str
    ) -> None:
        """An account_id that is not a 36-character UUID is refused with 400."""
        response = client.create_session(session_body(target, account_id=account_id))
        expect.rejected(response)


class TestCustomerIdUuid:
    """customer_id: The unique identifier of the customer, created using the Create Customer
    endpoint (UUID, 36 chars). (create-checkout-session.openapi.md)"""

    @pytest.mark.parametrize("customer_id", not_uuid_cases("customer_id"))
    @pytest.mark.clause("LIMIT-CUSTOMER-ID-UUID")
    def test_customer_id_not_a_uuid_is_refused(
        self, client: YunoClient, target: Target, customer_id: str
    ) -> None:
        """A customer_id that is not a 36-character UUID is refused with 400."""
        response = client.create_session(session_body(target, customer_id=customer_id))
        expect.rejected(response)
