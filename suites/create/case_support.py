"""The create cases of contracts/cases/ as pytest parameters (one per case, named by its id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from yuno_contracts.catalogue.cases import BodyCase, cases_of
from yuno_contracts.harness import expect
from yuno_contracts.harness.client import YunoClient
from yuno_contracts.harness.target import Target


def case_params(clause: str, *, valid: bool | None = None) -> list[Any]:
    """The cases of ``clause`` (only the accepted or refused ones when ``valid`` is given)."""
    return [
        pytest.param(case, id=case.id)
        for case in cases_of(clause)
        if valid is None or case.valid is valid
    ]


Test = TypeVar("Test", bound=Callable[..., Any])


def clause_cases(clause: str, *, valid: bool | None = None) -> Callable[[Test], Test]:
    """Parametrize a test with the cases of ``clause`` (``case_params``) and mark it with that
    clause: the clause id is named once per test."""

    def apply(test: Test) -> Test:
        marked = pytest.mark.clause(clause)(test)
        return pytest.mark.parametrize("case", case_params(clause, valid=valid))(marked)

    return apply


def send_case(client: YunoClient, target: Target, case: BodyCase) -> None:
    """Create with the case's body; accepted (200) or refused (documented 400) as it says."""
    response = client.create_session(case.body(target.credentials.account_id))
    expect.accepted_or_rejected(response, case.valid, case.clause)
