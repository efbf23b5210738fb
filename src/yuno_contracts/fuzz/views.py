"""Schemathesis fuzzing of the contract: the fuzz views of the schema, the budget, auth, reports.

The fuzz suite (``suites/fuzz/``) generates requests from ``contracts/checkout-sessions.openapi.yaml``
but never raises a false alarm on a documented ambiguity (contracts/ambiguities.yaml). So it does
not fuzz the contract as written but the two verdict documents computed from the readings'
overlays (``catalogue.agreement``):

- the **positive view** is the *strict* document (valid there ⇔ valid under every reading),
- the **negative view** is the *lenient* document (invalid there ⇒ invalid under every reading),

each narrowed for generation only (narrowing never widens a verdict). No PATCH body is valid under
every reading of UPDATE-PARTIAL (``required-four`` needs four fields ``closed`` refuses), so the
documents are computed per PATCH form (``harness.patching``): ``four`` from every reading but
``closed``, ``closed`` from that reading alone, the form the target takes asked of it first (the
negative verdict is the same in both: what the other readings all refuse, ``closed`` refuses).
Narrowing: values that must exist on
the target are its own (``account_id``) or left out (``customer_id``, ``installments.plan_id``);
the positive view draws amounts, currencies and countries from short lists Hypothesis can satisfy
under every reading (a decimal step and a currency's digits are rules it cannot generate for),
and leaves out metadata (no value is valid under every reading). The negative view's ``map_case``
hook (``keep_valid_everywhere``) keeps the values a case does not mutate valid under every
reading, so the case is refused for its mutation. Whatever a view generates, the runner judges a
case only by its verdict (``fuzz.runner``: a positive case must be accepted only when every
reading accepts it, a negative one refused only when every reading refuses it)::

    schema = fuzz_schema("positive", max_examples=fuzz_budget())
    schema = fuzz_schema("positive", max_examples=fuzz_budget(), form="closed")
    schema = fuzz_schema("negative", max_examples=fuzz_budget())

Generation is deterministic (a fixed seed here; Hypothesis derandomized, no example database and
no constants mined from local code in ``fuzz.generation``): the same budget sends the same
requests on every run, whatever else the process has imported, so a fuzz test replays from its
cassette.
"""

from __future__ import annotations

import copy
import functools
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.schemas import OpenApiSchema

from yuno_contracts.catalogue.agreement import (
    Agreement,
    ReadingsValidator,
    as_decimals,
    request_readings,
)
from yuno_contracts.catalogue.cases import UPDATE_CLOSED, UPDATED_ALONE, operation_base
from yuno_contracts.catalogue.clauses import load_ambiguities
from yuno_contracts.catalogue.contract import CONTRACT_PATH, ContractError, load_contract
from yuno_contracts.catalogue.overlays import OverlayError
from yuno_contracts.catalogue.reference import LOCAL_CURRENCY, is_multiple
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.fuzz.budget import (
    BUDGETS,
    DEFAULT_EXAMPLES,
    FUZZ_EXAMPLES_ENV,
    FuzzBudgetError,
    fuzz_budget,
)
from yuno_contracts.harness.patching import UpdateForm
from yuno_contracts.harness.target import (
    ACCOUNT_PLACEHOLDER,
    PRIVATE_KEY_PLACEHOLDER,
    PUBLIC_KEY_PLACEHOLDER,
)

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
    "agreement",
    "fuzz_budget",
    "fuzz_schema",
    "judged_body",
    "keep_valid_everywhere",
    "negative_view",
    "positive_view",
]

CONTRACT = CONTRACT_PATH
# Another contract file to fuzz (tests use it to show that a changed contract makes a replay stale).
FUZZ_CONTRACT_ENV = "YUNO_FUZZ_CONTRACT"
Mode = Literal["positive", "negative"]
Phase = Literal["coverage", "fuzzing"]
FUZZ_SEED = 20251123  # change it and the fuzz cassettes must be re-recorded

# Amounts every reading of "a multiple of 0.0001" accepts: exact as decimals, and q = v / 0.0001
# is integral as a float (0.3 is not: 0.3 / 0.0001 == 2999.9999999999995). Checked in tests/fuzz.
SAFE_AMOUNTS: tuple[int | float, ...] = (0, 1, 2, 10, 100, 520, 8000, 0.5, 10.25, 99.75, 1234.5)
# Every workflow value a documented list has (WORKFLOW-VALUES); the positive view keeps those
# the strict document accepts.
# The countries whose one listed currency is USD (catalogue.reference.LOCAL_CURRENCY).
USD_COUNTRIES = sorted(c for c, currency in LOCAL_CURRENCY.items() if currency == "USD")
ALL_WORKFLOWS = ["SDK_CHECKOUT", "CHECKOUT", "SDK_SEAMLESS", "SDK_LITE", "SDK_HEADLESS", "DIRECT"]
# The metadata limit every reading accepts (array-120 and array-50; the object reading none).
CREATE = "CreateCheckoutSessionRequest"
# Generated bodies carry this as account_id; the runner's transport puts the target's own in its
# place on the way out (and the cassette stores the same placeholder), so generation never
# depends on the target and a positive case is valid for the target it is sent to.
AUTH_PLACEHOLDERS = {
    "public-api-key": PUBLIC_KEY_PLACEHOLDER,
    "private-secret-key": PRIVATE_KEY_PLACEHOLDER,
}
UPDATE = "UpdateCheckoutSessionRequest"


def agreement(form: UpdateForm = "four") -> Agreement:
    """The readings of the contract (or of ``YUNO_FUZZ_CONTRACT``) for a target that takes PATCH
    bodies in ``form``: every reading but UPDATE-PARTIAL closed (``four``), or with that one
    (``closed``). Parsed once by the catalogue."""
    return _by_form(os.environ.get(FUZZ_CONTRACT_ENV, ""), form)


@functools.cache
def _by_form(other: str, form: UpdateForm) -> Agreement:
    if not other:
        every = Agreement.from_files()
    else:
        try:
            contract = load_contract(Path(other))
            every = Agreement(contract, request_readings(load_ambiguities().values()))
        except (ContractError, OverlayError) as exc:
            raise HarnessError(f"{exc} (or unset {FUZZ_CONTRACT_ENV})") from None
    return every.only(UPDATE_CLOSED) if form == "closed" else every.without([UPDATE_CLOSED])


def _schemas(document: dict[str, Any]) -> dict[str, Any]:
    return document["components"]["schemas"]


def _accepted_everywhere(document: dict[str, Any], name: str, values: list[Any]) -> list[Any]:
    """The values of ``values`` that the component ``name`` of the strict document accepts."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    validator = ReadingsValidator(schema)
    return [value for value in values if validator.is_valid(as_decimals(value))]


def positive_view(
    account_id: str = ACCOUNT_PLACEHOLDER, form: UpdateForm = "four"
) -> dict[str, Any]:
    """The strict document (every reading accepts), narrowed for generation; ``closed``: PATCH
    bodies of amount and payment_description only, nothing else (no account_id either)."""
    document = copy.deepcopy(agreement(form).strict_document)
    schemas = _schemas(document)
    # Values the target must hold: its own account; no customer or installment plan is made up.
    for name in (CREATE, UPDATE):
        properties = schemas[name]["properties"]
        properties["account_id"] = {"type": "string", "enum": [account_id]}
        properties.pop("customer_id", None)
        properties.pop("metadata", None)  # METADATA-SHAPE: no value valid under every reading
    schemas["Installments"]["properties"].pop("plan_id", None)
    if form == "closed":
        update = schemas[UPDATE]
        schemas[UPDATE] = {
            "type": "object",
            "description": update.get("description", ""),
            "properties": {name: update["properties"][name] for name in UPDATED_ALONE},
            "additionalProperties": False,
        }
    # Short lists Hypothesis can draw from, each kept to what the strict document accepts.
    schemas["Workflow"] = {
        "type": "string",
        "enum": _accepted_everywhere(document, "Workflow", ALL_WORKFLOWS),
    }
    schemas["Country"] = {
        "type": "string",
        "enum": _accepted_everywhere(document, "Country", USD_COUNTRIES),
    }
    schemas["CurrencyCode"] = {"type": "string", "enum": ["USD"]}
    amounts = _accepted_everywhere(document, "DecimalAmountValue", list(SAFE_AMOUNTS))
    schemas["DecimalAmountValue"] = {"type": "number", "enum": amounts}
    # Not an ambiguity but a gap: the seeds give interval_count no bounds, the reference sandbox
    # holds it to int32 like installment. Positive cases stay inside int32 (reported open point).
    billing = schemas["BillingCycle"]["properties"]["interval_count"]
    billing.update(format="int32", minimum=-(2**31), maximum=2**31 - 1)
    return document


def negative_view(form: UpdateForm = "four") -> dict[str, Any]:
    """The lenient document (a reading accepts), narrowed for generation: its negation is
    invalid under every reading.

    The values a negative case keeps valid (all but the mutated one) must be valid for the target
    too, or the case is refused for the wrong reason: ``account_id`` is the target's, no customer
    or installment plan is made up (the ``keep_valid_everywhere`` hook does the rest).
    """
    document = copy.deepcopy(agreement(form).lenient_document)
    schemas = _schemas(document)
    for name in (CREATE, UPDATE):
        properties = schemas[name]["properties"]
        properties["account_id"] = {"type": "string", "enum": [ACCOUNT_PLACEHOLDER]}
        properties.pop("customer_id", None)
    schemas["Installments"]["properties"].pop("plan_id", None)
    return document


def fuzz_schema(
    mode: Mode, *, max_examples: int, phase: Phase | None = None, form: UpdateForm = "four"
) -> OpenApiSchema:
    """A Schemathesis schema of one fuzz view, with the project's auth provider and budget.

    It names no target (so it can be built when pytest imports the suite): the runner gives
    the base URL per call and its transport puts the target's secrets in place of placeholders.
    ``phase``: only the ``coverage`` phase (boundary values) or only the ``fuzzing`` phase
    (random cases), so one view's cases split into two tests that xdist can run side by side;
    ``None`` runs both in one test. ``form``: the PATCH form of the target (UPDATE-PARTIAL).
    """
    document = positive_view(form=form) if mode == "positive" else negative_view(form)
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
    if mode == "negative":
        schema.hook("map_case")(keep_valid_everywhere)
    return schema


class TargetKeys:
    """Schemathesis auth provider: the target's two security headers on every request.

    Cases carry placeholders (``<YUNO_PUBLIC_API_KEY>``, …) that the runner's transport replaces
    with the target's values on the way out: generated cases, curl lines and cassettes never
    hold a key. ``fuzz.checks.auth_enforced`` knows the headers from the contract's security
    schemes and re-sends an accepted request without them, with each left out and with each
    wrong, expecting a refusal.
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


def keep_valid_everywhere(context: Any, case: Any) -> Any:
    """Schemathesis ``map_case`` hook of the negative view: only the mutation is invalid.

    The lenient document accepts what *some* reading accepts, so a value a negative case keeps
    beside its mutation may be valid under one reading only (country DE, return_url null, a
    callback_url that is no URI): a target of another reading refuses the case for that value,
    and a fault on the mutated field goes unseen. So each top-level field (and each member of an
    object field) is, in turn, left out or replaced by the value of the body every reading
    accepts (``catalogue.cases.operation_base``) whenever the case stays refused under every
    reading (``catalogue.agreement``). What is left is the mutation, among values every reading
    accepts. Deterministic: the same case gives the same body.
    """
    body = case.body
    operation = BODY_OPERATIONS.get(case.operation.definition.raw.get("operationId", ""))
    if not isinstance(body, dict) or operation is None:
        return case
    judge = agreement()
    base = _native(operation_base(operation, ACCOUNT_PLACEHOLDER))

    def refused(candidate: dict[str, Any]) -> bool:
        return judge.verdict(operation, judged_body(candidate)).refused  # type: ignore[arg-type]

    if not refused(body):
        return case  # not a negative body under every reading: the runner does not judge it
    kept = dict(body)
    for key in list(kept):
        value = kept[key]
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            for member in list(value):
                trial = {**kept, key: _replaced(value, member, base[key])}
                if refused(trial):
                    kept, value = trial, trial[key]
        trial = _replaced(kept, key, base)
        if refused(trial):
            kept = trial
    if kept != body:
        case.body = kept
    return case


def _native(value: Any) -> Any:
    """``value`` with JSON's own numbers (a Decimal becomes an int or a float) for the wire."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _native(item) for key, item in value.items()}
    return value


def _replaced(body: dict[str, Any], key: str, base: dict[str, Any]) -> dict[str, Any]:
    """``body`` with ``key`` as in ``base``, or left out when ``base`` has no such key."""
    if key in base:
        return {**body, key: copy.deepcopy(base[key])}
    return {name: value for name, value in body.items() if name != key}


# Operations whose body the readings judge, and the account a judged body stands for.
BODY_OPERATIONS = {"createCheckoutSession": "create", "updateCheckoutSession": "update"}
JUDGED_ACCOUNT = "00000000-0000-4000-8000-000000000000"


def judged_body(body: Any) -> Any:
    """``body`` as the target receives it: the account placeholder is a UUID."""
    if isinstance(body, dict):
        return {key: judged_body(value) for key, value in body.items()}
    if isinstance(body, list):
        return [judged_body(item) for item in body]
    return JUDGED_ACCOUNT if body == ACCOUNT_PLACEHOLDER else body
