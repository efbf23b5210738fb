"""A broken clause as data: ``ContractViolation``, and the clause a check names when it names none.

    raise ContractViolation("CREATE-200", "status 200", "201", "POST /v1/checkout/sessions")
    # CREATE-200: expected status 200; observed 201 (POST /v1/checkout/sessions)

    with using_clauses(["LIMIT-COUNTRY-ENUM"]):   # the suites' plugin, for each test
        clause_of(None)                           # "LIMIT-COUNTRY-ENUM"

A violation reads as one line a partner understands without opening the code; the pytest plugin
prints it without a traceback and reports its clause (docs/architecture.md, "One clause").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from yuno_contracts.core.errors import HarnessError

__all__ = ["ContractViolation", "clause_of", "using_clauses"]


class ContractViolation(AssertionError):
    """The target broke a documented clause."""

    def __init__(self, clause: str, expected: str, observed: str, where: str = "") -> None:
        self.clause, self.expected, self.observed, self.where = clause, expected, observed, where
        suffix = f" ({where})" if where else ""
        super().__init__(f"{clause}: expected {expected}; observed {observed}{suffix}")


_CLAUSES: ContextVar[tuple[str, ...] | None] = ContextVar("yuno_contracts_clauses", default=None)


@contextmanager
def using_clauses(ids: Iterable[str]) -> Iterator[None]:
    """Within the block, ``clause`` left out means the one id of ``ids`` (a test's marker)."""
    token = _CLAUSES.set(tuple(ids))
    try:
        yield
    finally:
        _CLAUSES.reset(token)


def clause_of(clause: str | None) -> str:
    """``clause``, or when None the running test's one clause id; a one-line error otherwise."""
    if clause is not None:
        return clause
    ids = _CLAUSES.get()
    if ids is None or not ids:
        raise HarnessError(
            'no clause to name: give clause=... or mark the test @pytest.mark.clause("ID")'
        )
    if len(ids) > 1:
        raise HarnessError(
            f"the test's clause marker names {len(ids)} clauses ({', '.join(ids)}): "
            "give clause=... to say which one this check is about"
        )
    return ids[0]
