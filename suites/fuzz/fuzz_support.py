"""The fuzz suite's views and shares, built when a fuzz test first runs (budget: FUZZ_EXAMPLES).

Collecting the fuzz tests costs nothing: their parameters are fixed here, and the Schemathesis
schemas (and the fuzzing stack behind them) are built only when a fuzz test runs, once per
process. So an xdist worker that runs no fuzz test never imports Schemathesis or Hypothesis.

    view("positive", "coverage")      # the positive view, boundary values only
    view("negative")                  # both phases (the stateful test)
    view("positive", "fuzzing", "closed")  # PATCH bodies for a target of UPDATE-PARTIAL closed

Each operation's cases are split into shares (``SHARES``): one test per share, so xdist can
spread one view's hundreds of boundary cases over workers. A case's share is a hash of its
request (``fuzz.runner.share_of``), the same on every run.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

import pytest

from yuno_contracts import errors, fuzz_budget, patching

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiSchema

__all__ = ["EXAMPLES", "SHARES", "shares", "view"]

try:
    EXAMPLES = fuzz_budget()
except errors.HarnessError as exc:  # bad FUZZ_EXAMPLES: one line, no traceback
    raise pytest.UsageError(str(exc)) from None

Mode = Literal["positive", "negative"]
Phase = Literal["coverage", "fuzzing"]
# Shares per view and phase: the negative coverage phase sends every boundary case (hundreds,
# whatever the budget), the fuzzing phase the budget's examples; the positive coverage phase of
# the strict views draws a handful (one create, two updates), too few to split.
SHARES: dict[tuple[Mode, Phase], int] = {
    ("negative", "coverage"): 4,
    ("positive", "coverage"): 1,
    ("negative", "fuzzing"): 2,
    ("positive", "fuzzing"): 2,
}


@cache
def view(
    mode: Mode, phase: Phase | None = None, form: patching.UpdateForm = "four"
) -> OpenApiSchema:
    """The Schemathesis schema of one fuzz view (one phase, or both) for a target that takes
    PATCH bodies in ``form`` (``harness.patching``), built once per process."""
    from yuno_contracts import fuzz_schema

    return fuzz_schema(mode, max_examples=EXAMPLES, phase=phase, form=form)


def shares(mode: Mode, phase: Phase) -> pytest.MarkDecorator:
    """Parametrize a fuzz test by its share of the view's cases in ``phase``: ``share-1-of-4`` …
    (a share that draws no case at a budget is skipped by the runner, never passed)."""
    count = SHARES[mode, phase]
    return pytest.mark.parametrize(
        "share",
        [pytest.param((k, count), id=f"share-{k}-of-{count}") for k in range(1, count + 1)],
    )
