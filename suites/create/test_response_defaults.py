"""Create responses: what a create that leaves out workflow or installments gets back.

None of the request examples sends a workflow or installments, and every response example
answers workflow SDK_CHECKOUT and installments {plan_id: null, plan: null}.
"""

from __future__ import annotations

import pytest

from yuno_contracts import Target, YunoClient, expect, steps


class TestWorkflowDefault:
    """workflow: SDK_CHECKOUT (every response example, create-checkout-session.openapi.md and
    update-checkout-session.txt)"""

    @pytest.mark.clause("CREATE-WORKFLOW-DEFAULT")
    def test_no_workflow_sent_gives_sdk_checkout(self, client: YunoClient, target: Target) -> None:
        """A create without workflow gets workflow SDK_CHECKOUT back."""
        response, session = steps.create(client, target, workflow=...)
        expect.equal(session.get("workflow"), "SDK_CHECKOUT", what="workflow", response=response)


class TestInstallmentsDefault:
    """installments: plan_id: null plan: null (every response example,
    create-checkout-session.openapi.md and update-checkout-session.txt)"""

    @pytest.mark.parametrize("key", ["plan_id", "plan"], ids=lambda k: f"installments.{k}-null")
    @pytest.mark.clause("CREATE-INSTALLMENTS-DEFAULT")
    def test_no_installments_sent_gives_null_plan(
        self, client: YunoClient, target: Target, key: str
    ) -> None:
        """A create without installments gets installments {plan_id: null, plan: null} back."""
        response, session = steps.create(client, target, installments=...)
        installments = session.get("installments")
        expect.that(
            isinstance(installments, dict) and key in installments,
            "CREATE-INSTALLMENTS-DEFAULT",
            f"installments an object with {key}: null",
            installments if "installments" in session else "no installments key",
            response,
        )
        expect.equal(installments[key], None, what=f"installments.{key}", response=response)
