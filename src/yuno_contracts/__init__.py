"""yuno-contracts: contract tests for Yuno's Checkout Sessions API.

The public API, for the suites and for partners writing their own tests::

    from yuno_contracts import Target, YunoClient, bodies, expect, steps

    session = steps.new_session(client, target)              # a session to act on (CREATE-200)
    response = client.update_session(session["checkout_session"], body)
    expect.rejected(response, "UPDATE-VALIDATES")            # 400, a documented error body

- sending: ``Target`` and ``Credentials`` (where requests go, with which keys), ``YunoClient``
  (every request, with ``AuthChoice`` and ``session_path``), ``bodies`` (valid request bodies),
  ``patching`` (a PATCH in the form the target takes), ``steps`` (what a test sends to reach the
  state it checks: a session that must be created, its payment);
- judging: ``expect`` (the assertions), ``ContractViolation`` (what they raise), ``error_codes``
  (the error catalogue: fitting 400 codes, documented body shapes, a body's code), ``errors``
  (the harness's own one-line errors);
- the catalogue: ``Ambiguity`` / ``load_ambiguities`` (the register of ambiguities),
  ``BodyCase`` / ``cases_of`` (contracts/cases/), ``field_limits`` (a field's limits in the
  contract), ``countries``, ``HOME_COUNTRY``, ``UUID_FORM`` (reference data);
- fuzzing: ``fuzz_budget`` (FUZZ_EXAMPLES), ``fuzz_schema`` (a fuzz view), ``FuzzRunner``
  (sends and judges generated cases, the stateful machine included);
- the pytest plugin's helpers: ``record_reading`` (a probe's reading of an ambiguity),
  ``cassette_of`` and ``shown_path`` (a test's cassette, as reports show it).

The suites import only these names (tests/architecture/test_public_api.py). Names are imported
on first use (PEP 562): ``import yuno_contracts`` loads no HTTP client and no fuzzing stack, and
``import yuno_contracts.sandbox`` does not load the harness. The layers behind them:
docs/architecture.md.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name → (module, attribute; None: the module itself)
_LAZY: dict[str, tuple[str, str | None]] = {
    # the harness
    "AuthChoice": ("yuno_contracts.harness.client", "AuthChoice"),
    "ContractViolation": ("yuno_contracts.harness.violation", "ContractViolation"),
    "Credentials": ("yuno_contracts.harness.target", "Credentials"),
    "Target": ("yuno_contracts.harness.target", "Target"),
    "YunoClient": ("yuno_contracts.harness.client", "YunoClient"),
    "bodies": ("yuno_contracts.harness.bodies", None),
    "error_codes": ("yuno_contracts.harness.error_codes", None),
    "expect": ("yuno_contracts.harness.expect", None),
    "patching": ("yuno_contracts.harness.patching", None),
    "session_path": ("yuno_contracts.harness.client", "session_path"),
    "steps": ("yuno_contracts.harness.steps", None),
    "errors": ("yuno_contracts.core.errors", None),
    # the catalogue
    "Ambiguity": ("yuno_contracts.catalogue.clauses", "Ambiguity"),
    "BodyCase": ("yuno_contracts.catalogue.cases", "BodyCase"),
    "HOME_COUNTRY": ("yuno_contracts.catalogue.reference", "HOME_COUNTRY"),
    "UUID_FORM": ("yuno_contracts.catalogue.reference", "UUID_FORM"),
    "cases_of": ("yuno_contracts.catalogue.cases", "cases_of"),
    "countries": ("yuno_contracts.catalogue.reference", "countries"),
    "field_limits": ("yuno_contracts.catalogue.contract", "field_limits"),
    "load_ambiguities": ("yuno_contracts.catalogue.clauses", "load_ambiguities"),
    # fuzzing
    "FuzzRunner": ("yuno_contracts.fuzz.runner", "FuzzRunner"),
    "fuzz_budget": ("yuno_contracts.fuzz.budget", "fuzz_budget"),
    "fuzz_schema": ("yuno_contracts.fuzz.views", "fuzz_schema"),
    # the pytest plugin
    "cassette_of": ("yuno_contracts.pytest_plugin.fixtures", "cassette_of"),
    "record_reading": ("yuno_contracts.pytest_plugin.recorder", "record_reading"),
    "shown_path": ("yuno_contracts.pytest_plugin.fixtures", "shown_path"),
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'yuno_contracts' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
