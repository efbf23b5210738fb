"""Create: the UUID fields account_id and customer_id (UUID, 36 chars).

The invalid ids are data (contracts/cases/sessions.yaml), proven refused under every reading; a
37-character or non-hex id of 36 is valid under CUSTOMER-ID-FORMAT string-36-64 and not sent.
Only fixed, made-up strings are sent as invalid ids: a variant of the target's own account id
would not be masked when recording and would put a real id into a cassette. Every valid case in
the create suites sends the target's own account_id, so the accepting side of LIMIT-ACCOUNT-ID-UUID
is exercised by each of them (and by the control here).
"""

from __future__ import annotations

import pytest
from case_support import clause_cases, send_case

from yuno_contracts import BodyCase, Target, YunoClient, bodies, expect


class TestAccountIdUuid:
    """account_id: The unique identifier of the account. (UUID, 36 chars).
    (create-checkout-session.openapi.md)"""

    @pytest.mark.clause("LIMIT-ACCOUNT-ID-UUID")
    def test_own_account_id_is_accepted(self, client: YunoClient, target: Target) -> None:
        """The target's own account_id, a 36-character UUID, is answered 200."""
        response = client.create_session(bodies.session_body(target))
        expect.status(response, 200)

    @clause_cases("LIMIT-ACCOUNT-ID-UUID")
    def test_account_id_not_a_uuid_is_refused(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """An account_id that is not a 36-character UUID is refused with 400."""
        send_case(client, target, case)


class TestCustomerIdUuid:
    """customer_id: The unique identifier of the customer, created using the Create Customer
    endpoint (UUID, 36 chars). (create-checkout-session.openapi.md)"""

    @clause_cases("LIMIT-CUSTOMER-ID-UUID")
    def test_customer_id_not_a_uuid_is_refused(
        self, client: YunoClient, target: Target, case: BodyCase
    ) -> None:
        """A customer_id refused under both readings (CUSTOMER-ID-FORMAT: a UUID, or 36 to 64
        characters): no string, or shorter than 36 or longer than 64 characters."""
        send_case(client, target, case)
