"""The fuzz budget: examples per fuzz test, from ``FUZZ_EXAMPLES`` (a number, ``ci`` or ``nightly``).

Light on purpose (no Schemathesis, no Hypothesis): pytest reads it while it collects the fuzz
suite, and a worker that runs no fuzz test never imports the fuzzing stack.

    fuzz_budget()                       # 8 unless FUZZ_EXAMPLES says otherwise
    fuzz_budget({"FUZZ_EXAMPLES": "nightly"}) == 150
"""

from __future__ import annotations

import os

from yuno_contracts.core.errors import HarnessError

__all__ = ["BUDGETS", "DEFAULT_EXAMPLES", "FUZZ_EXAMPLES_ENV", "FuzzBudgetError", "fuzz_budget"]

FUZZ_EXAMPLES_ENV = "FUZZ_EXAMPLES"
DEFAULT_EXAMPLES = 8  # per fuzz test: make test, make run, CI
BUDGETS = {"ci": DEFAULT_EXAMPLES, "nightly": 150}


class FuzzBudgetError(HarnessError):
    """FUZZ_EXAMPLES is not a positive whole number or a budget name."""


def fuzz_budget(environ: dict[str, str] | None = None) -> int:
    """Examples per fuzz test: ``FUZZ_EXAMPLES`` (a number, ``ci`` or ``nightly``), else 8."""
    raw = (os.environ if environ is None else environ).get(FUZZ_EXAMPLES_ENV, "").strip()
    if not raw:
        return DEFAULT_EXAMPLES
    if raw in BUDGETS:
        return BUDGETS[raw]
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    raise FuzzBudgetError(
        f"{FUZZ_EXAMPLES_ENV}={raw!r} is not a budget: set it to a positive whole number "
        f"(examples per fuzz test) or one of {', '.join(BUDGETS)}"
    )
