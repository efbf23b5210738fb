"""The two fuzz schemas of the suite, built once when pytest imports it (budget: FUZZ_EXAMPLES)."""

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
