"""The fuzz schemas of the suite, built once when pytest imports it (budget: FUZZ_EXAMPLES).

``POSITIVE`` / ``NEGATIVE``: both phases (the stateful test). ``*_COVERAGE`` / ``*_FUZZING``:
one phase each, so each view's cases are two tests that xdist can run on two workers.
"""

from __future__ import annotations

import pytest

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.fuzz.views import fuzz_budget, fuzz_schema

try:
    EXAMPLES = fuzz_budget()
except HarnessError as exc:  # bad FUZZ_EXAMPLES: one line, no traceback
    raise pytest.UsageError(str(exc)) from None

POSITIVE = fuzz_schema("positive", max_examples=EXAMPLES)
NEGATIVE = fuzz_schema("negative", max_examples=EXAMPLES)
POSITIVE_COVERAGE = fuzz_schema("positive", max_examples=EXAMPLES, phase="coverage")
POSITIVE_FUZZING = fuzz_schema("positive", max_examples=EXAMPLES, phase="fuzzing")
NEGATIVE_COVERAGE = fuzz_schema("negative", max_examples=EXAMPLES, phase="coverage")
NEGATIVE_FUZZING = fuzz_schema("negative", max_examples=EXAMPLES, phase="fuzzing")
