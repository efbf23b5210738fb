"""The static proof: every request case of the suites holds under every documented reading.

Each case of ``contracts/cases/`` says that every reading accepts its body (``valid: true``) or
that every reading refuses it; ``catalogue.agreement`` computes both verdicts from the overlays
of ``contracts/readings/``. ``prove()`` checks every case and names, for one that does not
hold, the reading that breaks it. ``make proof`` prints the report::

    report = prove()
    report.proved, len(report.cases), report.readings    # (106, 106, 34)
    print(report.render())
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from yuno_contracts.catalogue.agreement import Agreement
from yuno_contracts.catalogue.cases import BodyCase, all_cases

__all__ = ["ProofReport", "prove", "unproven"]

ACCOUNT = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
"""The account a case body is judged with (any UUID: the contract only asks for one)."""


def unproven(agreement: Agreement, case: BodyCase) -> str | None:
    """Why ``case`` does not hold under every reading, or None when it does."""
    body = case.body(ACCOUNT)
    if case.unless:
        agreement = agreement.without(case.unless)
    for label in case.only:
        agreement = agreement.only(label)
    verdict = agreement.verdict(case.operation, body)  # type: ignore[arg-type]
    if case.valid and not verdict.accepted:
        breaking = agreement.refused_by(case.operation, body)  # type: ignore[arg-type]
        return f"{case.id}: asserted accepted, but refused under {', '.join(breaking)}"
    if not case.valid and not verdict.refused:
        breaking = agreement.accepted_by(case.operation, body)  # type: ignore[arg-type]
        named = ", ".join(breaking) or "a combination of readings"
        return f"{case.id}: asserted refused, but accepted under {named}"
    return None


@dataclass
class ProofReport:
    """The cases, the readings they were proved against, and the cases that do not hold."""

    cases: Sequence[BodyCase]
    ambiguities: int
    readings: int
    combinations: int
    groups: int
    failures: list[str] = field(default_factory=list)

    @property
    def proved(self) -> int:
        return len(self.cases) - len(self.failures)

    def render(self) -> str:
        accepted = sum(1 for case in self.cases if case.valid)
        closed = sum(1 for case in self.cases if case.only)
        lines = [
            f"proved {self.proved} of {len(self.cases)} request cases ({accepted} accepted under "
            f"every reading, {len(self.cases) - accepted} refused under every reading) against "
            f"{self.readings} readings of {self.ambiguities} request-side ambiguities: all "
            f"{self.combinations:,} combinations, through {self.groups} independent groups "
            f"({closed} of the cases are the forms sent to a target that reads the update body "
            "as closed, proven under that reading)",
            *(f"NOT PROVED {failure}" for failure in self.failures),
        ]
        return "\n".join(lines) + "\n"


def prove(
    agreement: Agreement | None = None, cases: Sequence[BodyCase] | None = None
) -> ProofReport:
    """Check every case (``contracts/cases/`` by default) against every reading."""
    agreement = agreement or Agreement.from_files()
    cases = all_cases() if cases is None else cases
    # the forms sent to a target that reads the update body as closed, proven under that reading
    cases = [*cases, *(form for case in cases if (form := case.closed_form()))]
    failures = [problem for case in cases if (problem := unproven(agreement, case))]
    return ProofReport(
        cases=cases,
        ambiguities=len(agreement.readings),
        readings=sum(len(options) for options in agreement.readings.values()),
        combinations=math.prod(len(options) for options in agreement.readings.values()),
        groups=len(agreement.groups),
        failures=failures,
    )


if __name__ == "__main__":
    report = prove()
    print(report.render(), end="")
    raise SystemExit(1 if report.failures else 0)
