"""Schemathesis fuzzing of the contract: the fuzz views of the schema, the budget, auth, reports.

The fuzz suite (``suites/fuzz/``) generates requests from ``contracts/checkout-sessions.openapi.yaml``
but never raises a false alarm on a documented ambiguity (contracts/ambiguities.yaml). So it does not fuzz the
contract as written but two views of it, built here from the same file:

- the **positive view** narrows every ambiguous node to what *every* documented reading accepts
  (workflow: the two values both lists share; amount: required; metadata: left out, since no
  shape is valid under all three readings; amounts: values that are multiples of 0.0001 read as
  decimals *and* as floats; currencies: ISO 4217 codes; ``account_id``: the target's own);
- the **negative view** widens them to what *any* documented reading accepts (workflow: both
  lists; amount and the four update fields optional; metadata, alternative amount value and
  amount precision: not mutated), so a generated invalid request is invalid under every reading.

    schema = fuzz_schema("positive", max_examples=fuzz_budget())
    schema = fuzz_schema("negative", max_examples=fuzz_budget())

Generation is deterministic (Hypothesis derandomized, no example database, a fixed budget, no
constants mined from local code): the same budget sends the same requests on every run, whatever
else the process has imported, so a fuzz test replays from its cassette.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import hypothesis
import hypothesis.internal.conjecture.providers as hypothesis_providers
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.schemas import OpenApiSchema

from yuno_contracts.catalogue.contract import CONTRACT_PATH, ContractError, load_contract
from yuno_contracts.catalogue.reference import (
    CURRENCIES,
    LOCAL_CURRENCY,
    is_multiple,
)
from yuno_contracts.core.errors import HarnessError

__all__ = [
    "ACCOUNT_PLACEHOLDER",
    "AUTH_PLACEHOLDERS",
    "BUDGETS",
    "DEFAULT_EXAMPLES",
    "FUZZ_CONTRACT_ENV",
    "FUZZ_EXAMPLES_ENV",
    "SAFE_AMOUNTS",
    "FuzzBudgetError",
    "TargetKeys",
    "fuzz_budget",
    "fuzz_schema",
    "hypothesis_settings",
    "negative_view",
    "positive_view",
    "without_local_constants",
]

CONTRACT = CONTRACT_PATH
# Another contract file to fuzz (tests use it to show that a changed contract makes a replay stale).
FUZZ_CONTRACT_ENV = "YUNO_FUZZ_CONTRACT"
FUZZ_EXAMPLES_ENV = "FUZZ_EXAMPLES"
DEFAULT_EXAMPLES = 8  # per fuzz test: make test, make run, CI
BUDGETS = {"ci": DEFAULT_EXAMPLES, "nightly": 150}
Mode = Literal["positive", "negative"]
Phase = Literal["coverage", "fuzzing"]
FUZZ_SEED = 20251123  # change it and the fuzz cassettes must be re-recorded

# Amounts every reading of "a multiple of 0.0001" accepts: exact as decimals, and q = v / 0.0001
# is integral as a float (0.3 is not: 0.3 / 0.0001 == 2999.9999999999995). Checked in tests/fuzz.
SAFE_AMOUNTS: tuple[int | float, ...] = (0, 1, 2, 10, 100, 520, 8000, 0.5, 10.25, 99.75, 1234.5)
# Workflow values both documented lists share (WORKFLOW-VALUES), and their union.
SHARED_WORKFLOWS = ["SDK_CHECKOUT", "SDK_SEAMLESS"]
# The countries whose one listed currency is USD (catalogue.reference.LOCAL_CURRENCY).
USD_COUNTRIES = sorted(c for c, currency in LOCAL_CURRENCY.items() if currency == "USD")
ALL_WORKFLOWS = ["SDK_CHECKOUT", "CHECKOUT", "SDK_SEAMLESS", "SDK_LITE", "SDK_HEADLESS", "DIRECT"]
# The metadata limit every reading accepts (array-120 and array-50; the object reading none).
CREATE = "CreateCheckoutSessionRequest"
# Generated bodies carry this as account_id; the runner's transport puts the target's own in its
# place on the way out (and the cassette stores the same placeholder), so generation never
# depends on the target and a positive case is valid for the target it is sent to.
ACCOUNT_PLACEHOLDER = "<YUNO_ACCOUNT_ID>"
AUTH_PLACEHOLDERS = {
    "public-api-key": "<YUNO_PUBLIC_API_KEY>",
    "private-secret-key": "<YUNO_PRIVATE_SECRET_KEY>",
}
UPDATE = "UpdateCheckoutSessionRequest"


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


def _contract() -> dict[str, Any]:
    """A fresh copy of the contract (or of ``YUNO_FUZZ_CONTRACT``), parsed once by the catalogue."""
    other = os.environ.get(FUZZ_CONTRACT_ENV)
    try:
        return load_contract(Path(other) if other else CONTRACT)
    except ContractError as exc:
        if not other:
            raise
        raise HarnessError(f"{exc} (or unset {FUZZ_CONTRACT_ENV})") from None


def _schemas(document: dict[str, Any]) -> dict[str, Any]:
    return document["components"]["schemas"]


def positive_view(account_id: str = ACCOUNT_PLACEHOLDER) -> dict[str, Any]:
    """The contract narrowed to requests that every documented reading accepts."""
    document = _contract()
    schemas = _schemas(document)
    schemas["NullableCurrencyCode"] = {"enum": [*sorted(CURRENCIES), None]}
    # CURRENCY-COUNTRY: under local-only a country takes its own currency only; USD is the one
    # currency valid under every reading for the countries that list it (EC, SV, US).
    schemas["CurrencyCode"] = {"type": "string", "enum": ["USD"]}
    schemas["Country"] = {"type": "string", "enum": USD_COUNTRIES}
    schemas["DecimalAmountValue"] = {"type": "number", "enum": list(SAFE_AMOUNTS)}
    schemas["Workflow"] = {"type": "string", "enum": SHARED_WORKFLOWS}
    for name in (CREATE, UPDATE):
        properties = schemas[name]["properties"]
        properties["account_id"] = {"type": "string", "enum": [account_id]}
        properties.pop("metadata")  # array (two limits) or object: no shape valid under all
    schemas[CREATE]["required"] = [*schemas[CREATE]["required"], "amount"]  # AMOUNT-REQUIRED
    # Not an ambiguity but a gap: the seeds give interval_count no bounds, the reference sandbox
    # holds it to int32 like installment. Positive cases stay inside int32 (reported open point).
    billing = schemas["BillingCycle"]["properties"]["interval_count"]
    billing.update(format="int32", minimum=-(2**31), maximum=2**31 - 1)
    return document


def negative_view() -> dict[str, Any]:
    """The contract widened to what any documented reading accepts: its negation is invalid.

    The values a negative case keeps valid (all but the mutated one) must be valid for the target
    too, or the case is refused for the wrong reason: currencies are ISO 4217 codes and
    ``account_id`` is the target's, as in the positive view (their negations are still invalid).
    """
    document = _contract()
    schemas = _schemas(document)
    currencies = sorted(CURRENCIES)
    schemas["CurrencyCode"] = {"type": "string", "enum": currencies}
    schemas["NullableCurrencyCode"] = {"enum": [*currencies, None]}
    # MULTIPLE-OF: decimal and float readings disagree on some numbers; only the type is mutated.
    schemas["DecimalAmountValue"] = {"type": "number"}
    schemas["Workflow"] = {"type": "string", "enum": ALL_WORKFLOWS}
    # COUNTRY-LIST: the country-reference reading takes any ISO 3166-1 alpha-2 code, but an
    # enum of all 249 (or the pattern ^[A-Z]{2}$) spends the CI budget of 8 on country and loses
    # merchant_order_id's bounds (tests/fuzz/test_fuzz_bites.py). The view keeps the contract's
    # 17; docs/verification.md states the residual risk.
    # COUNTRY-LIST: the country-reference reading takes any ISO 3166-1 alpha-2 code.
    # The create and update responses return installments {"plan_id": null, "plan": null}: null
    # is valid for both members under every reading.
    installments = schemas["Installments"]["properties"]
    installments["plan_id"] = {"type": ["string", "null"]}
    installments["plan"] = {**installments["plan"], "type": ["array", "null"]}
    for name in (CREATE, UPDATE):
        properties = schemas[name]["properties"]
        properties["account_id"] = {"type": "string", "enum": [ACCOUNT_PLACEHOLDER]}
        # METADATA-SHAPE (array-120, array-50 or an object) and AMOUNT-VALUE-TYPE (a numeric
        # string is accepted by one reading): no negation is invalid under every reading.
        properties.pop("metadata")
        properties.pop("alternative_amount")
    schemas[UPDATE]["required"] = []  # UPDATE-PARTIAL: "only fields you send will be updated"
    return document


def without_local_constants() -> None:
    """Stop Hypothesis from drawing constants it mines from the local modules loaded so far.

    Hypothesis (6.13x+) now and then draws a string or number found in the source of any
    non-library module in ``sys.modules``. Which modules are loaded depends on what else the
    process ran (the other suites, an xdist worker's share), so the same fuzz test would
    generate other requests in a replay than in its recording. Hypothesis has no setting for
    this: its provider's lookup is replaced by an empty pool (a private hook; uv.lock pins the
    version and tests/fuzz/test_fuzz_determinism.py fails if the hook goes away).
    """
    if not hasattr(hypothesis_providers, "_get_local_constants") or not hasattr(
        hypothesis_providers, "Constants"
    ):
        raise HarnessError(
            f"hypothesis {hypothesis.__version__} has no _get_local_constants hook: fuzz "
            "generation would depend on the loaded modules; pin hypothesis as in uv.lock"
        )
    empty = hypothesis_providers.Constants()
    hypothesis_providers._get_local_constants = lambda: empty
    hypothesis_providers.CONSTANTS_CACHE.cache.clear()


without_local_constants()


def hypothesis_settings(max_examples: int, **overrides: Any) -> hypothesis.settings:
    """Derandomized, no example database, no deadline: the same budget, the same requests."""
    values: dict[str, Any] = {
        "max_examples": max_examples,
        "derandomize": True,
        "database": None,
        "deadline": None,
        "print_blob": False,
        "suppress_health_check": list(hypothesis.HealthCheck),
        **overrides,
    }
    return hypothesis.settings(**values)


def fuzz_schema(mode: Mode, *, max_examples: int, phase: Phase | None = None) -> OpenApiSchema:
    """A Schemathesis schema of one fuzz view, with the project's auth provider and budget.

    It names no target (so it can be built when pytest imports the suite): the runner gives
    the base URL per call and its transport puts the target's secrets in place of placeholders.
    ``phase``: only the ``coverage`` phase (boundary values) or only the ``fuzzing`` phase
    (random cases), so one view's cases split into two tests that xdist can run side by side;
    ``None`` runs both in one test.
    """
    document = positive_view() if mode == "positive" else negative_view()
    config = SchemathesisConfig.from_dict(
        {
            # A fixed seed: otherwise Schemathesis draws one per run (and shares it between
            # xdist workers), and a replay would send other requests than the recording did.
            "seed": FUZZ_SEED,
            # Schemathesis mines string constants from the Python modules loaded in the process;
            # they differ between an xdist worker and a plain run, so generation would too.
            "analysis": {"constants": {"enabled": False}},
            "generation": {
                "mode": mode,
                "max-examples": max_examples,
                "deterministic": True,
                "database": "none",
                "with-security-parameters": False,
                "allow-extra-parameters": False,
            },
            # coverage: the boundary values (maxLength + 1, …) before the random ones.
            # No feedback from earlier responses into generation: a case depends on its test only.
            "phases": {
                "examples": {"enabled": False},
                "coverage": {
                    "enabled": phase != "fuzzing",
                    "extra-data-sources": {"responses": False},
                },
                "fuzzing": {
                    "enabled": phase != "coverage",
                    "extra-data-sources": {"responses": False},
                    "error-feedback": {"enabled": False},
                },
            },
        }
    )
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.auth.auth(refresh_interval=None)(TargetKeys)
    return schema


class TargetKeys:
    """Schemathesis auth provider: the target's two security headers on every request.

    Cases carry placeholders (``<YUNO_PUBLIC_API_KEY>``, …) that the runner's transport replaces
    with the target's values on the way out: generated cases, curl lines and cassettes never
    hold a key. ``ignored_auth`` knows the headers from the contract's security schemes and
    re-sends requests without them and with invalid values, expecting a refusal.
    """

    def get(self, case: Any, ctx: Any) -> dict[str, str]:
        return dict(AUTH_PLACEHOLDERS)

    def set(self, case: Any, data: dict[str, str], ctx: Any) -> None:
        case.headers = {**(case.headers or {}), **data}


def is_safe_amount(value: int | float) -> bool:
    """Whether ``value`` is a multiple of 0.0001 under both readings (decimal and float)."""

    step = Decimal("0.0001")
    as_decimal = Decimal(repr(value)) if isinstance(value, float) else value
    return is_multiple(as_decimal, step, "decimal") and is_multiple(as_decimal, step, "float")
