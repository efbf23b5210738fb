"""The create cases as pytest parameters, each naming its clause once.

- ``clause_cases("LIMIT-COUNTRY-ENUM")``: the cases of contracts/cases/ (one per case, named by
  its id), the test marked with the clause;
- ``clause_param(value, clause="REQUIRED-COUNTRY", also=("TYPE-STRINGS",), id=…)``: a written
  case, the clause given to the test as its last argument and marked on the case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from yuno_contracts import BodyCase, Target, YunoClient, cases_of, expect

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet


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


def clause_param(*values: Any, clause: str, id: str, also: Iterable[str] = ()) -> ParameterSet:
    """``pytest.param(*values, clause)``, marked with ``clause`` (then the ``also`` clauses): the
    clause id is named once per case, and the test takes it as its last argument (for the check
    whose clause the marker alone cannot say, when it names several)."""
    return pytest.param(*values, clause, marks=pytest.mark.clause(clause, *also), id=id)


def send_case(client: YunoClient, target: Target, case: BodyCase) -> None:
    """Create with the case's body; accepted (200) or refused (documented 400) as it says."""
    response = client.create_session(case.body(target.credentials.account_id))
    expect.accepted_or_rejected(response, case.valid, case.clause)
