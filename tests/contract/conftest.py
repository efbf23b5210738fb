"""Fixtures for the tests of the contract document (contracts/checkout-sessions.openapi.yaml)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, localcontext
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator, ValidationError

from yuno_contracts.catalogue.contract import inline_refs, load_contract


def _decimal_multiple_of(
    validator: Any, step: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """``multipleOf`` judged on the decimal number as written (decisions.md), not by float division.

    Why the stock keyword is replaced: jsonschema divides floats, so it calls 0.3 "not a multiple
    of 0.0001" (0.3 / 0.0001 == 2999.9999999999995). The contract's rule is decimal: the step is
    ``x-decimal-multiple-of`` when present, and the instance is the Decimal of its shortest repr,
    which is the JSON text it was parsed from.
    """
    if not validator.is_type(instance, "number"):
        return
    exact_step = Decimal(str(schema.get("x-decimal-multiple-of", repr(step))))
    value = Decimal(repr(instance)) if isinstance(instance, float) else Decimal(instance)
    with localcontext() as ctx:
        ctx.prec = 1000
        remainder = value % exact_step
    if remainder != 0:
        yield ValidationError(f"{instance!r} is not a multiple of {exact_step} (decimal reading)")


DecimalValidator = jsonschema.validators.extend(
    Draft202012Validator, {"multipleOf": _decimal_multiple_of}
)


@pytest.fixture(scope="session")
def contract() -> dict[str, Any]:
    return load_contract()


@pytest.fixture(scope="session")
def validator_for(contract: dict[str, Any]) -> Callable[[dict[str, Any]], Any]:
    """A Draft 2020-12 validator (decimal multipleOf, formats checked) for a contract schema."""

    def build(schema: dict[str, Any]) -> Any:
        return DecimalValidator(
            inline_refs(schema, contract), format_checker=Draft202012Validator.FORMAT_CHECKER
        )

    return build
