"""Request cases as data: ``contracts/cases/*.yaml``, each a body and the verdict of every reading.

The way JSON-Schema-Test-Suite declares its cases: a group per clause, a test per body, and
``valid`` says whether *every* documented reading accepts the body (true) or every reading
refuses it (false). ``tests/catalogue/test_case_verdicts.py`` proves each against the readings
(``catalogue.agreement``); the suites send exactly these bodies::

    case = cases_of("LIMIT-MERCHANT-ORDER-ID-LENGTH")[0]
    case.id, case.valid                     # ('merchant_order_id-2-chars-refused', False)
    case.body(account_id)                   # the create body, the target's account filled in
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.resources import contracts_dir
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.yamldata import safe_load

__all__ = [
    "ACCOUNT_SLOT",
    "CASES_DIR",
    "UPDATED_ALONE",
    "UPDATE_CLOSED",
    "BodyCase",
    "all_cases",
    "cases_of",
    "text_of",
    "url_of",
]

CASES_DIR = contracts_dir() / "cases"
ACCOUNT_SLOT = "{{account_id}}"
FILLER = "yuno-contracts-boundary-"
URL_PREFIX = "https://www.example.com/"
UPDATE_CLOSED = "UPDATE-PARTIAL=closed"
"""The reading under which an update case's body (the four fields the update page marks
required, plus the change) is refused whatever it changes. No PATCH body is valid under both it
and ``required-four``, so an accepted update case holds ``unless`` this reading, and the suites
send such a target the case's ``closed_form()`` instead (``harness.patching``)."""
UPDATED_ALONE = ("amount", "payment_description")
"""The fields a PATCH may carry under ``closed``: the sandbox-tested update body's two."""


class CaseError(HarnessError):
    """A case file is malformed; the message names the file and the case."""


def text_of(length: int) -> str:
    """A deterministic string of exactly ``length`` characters."""
    return (FILLER * (length // len(FILLER) + 1))[:length]


def url_of(length: int) -> str:
    """A deterministic https URL of exactly ``length`` characters (at least 25)."""
    return URL_PREFIX + text_of(length - len(URL_PREFIX))


@dataclass(frozen=True)
class BodyCase:
    """One request body and whether every reading accepts it (``valid``) or refuses it."""

    id: str
    clause: str
    operation: str
    valid: bool
    base: Mapping[str, Any] = field(repr=False)
    set: Mapping[str, Any] = field(default_factory=dict, repr=False)
    remove: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    """Readings ("AMBIGUITY=reading") under which ``valid`` need not hold (the suite says what
    the target may do there instead)."""
    only: tuple[str, ...] = ()
    """Readings under which alone ``valid`` is asserted (a ``closed_form()``); empty: all."""

    def closed_form(self) -> BodyCase | None:
        """What the suites assert of an accepted update case on a target that reads the update
        body as closed (``UPDATE_CLOSED``): a change of amount or payment_description is sent
        alone and accepted; any other change is refused in the four-field form. None for a case
        that needs no other form (create, or refused under every reading already)."""
        if self.operation != "update" or not self.valid:
            return None
        alone = set(self.set) <= set(UPDATED_ALONE) and not self.remove
        return dataclasses.replace(
            self,
            id=f"{self.id}-{'sent-alone' if alone else 'refused-as-closed'}",
            valid=alone,
            base={} if alone else self.base,
            unless=(),
            only=(UPDATE_CLOSED,),
        )

    def changes(self, account_id: str) -> dict[str, Any]:
        """Only the case's own changes, as sent (for a suite that builds its own base)."""
        return {key: _value(value, account_id) for key, value in self.set.items()}

    def body(self, account_id: str) -> dict[str, Any]:
        """The body as sent: the base with the case's changes, ``{{account_id}}`` filled in."""
        body = {key: _value(value, account_id) for key, value in self.base.items()}
        for key, value in self.set.items():
            body[key] = _value(value, account_id)
        for key in self.remove:
            body.pop(key, None)
        return body


def _value(raw: Any, account_id: str) -> Any:
    if raw == ACCOUNT_SLOT:
        return account_id
    if isinstance(raw, dict):
        if len(raw) == 1:
            ((key, arg),) = raw.items()
            if key == "$text":
                return text_of(int(arg))
            if key == "$url":
                return url_of(int(arg))
            if key == "$decimal":
                return Decimal(str(arg))
        return {key: _value(value, account_id) for key, value in raw.items()}
    if isinstance(raw, list):
        return [_value(item, account_id) for item in raw]
    return copy.deepcopy(raw)


@functools.cache
def _read(path: Path) -> tuple[BodyCase, ...]:
    data = safe_load(path.read_bytes())
    bases = data.get("operation_bases", {}) if isinstance(data, dict) else {}
    found: list[BodyCase] = []
    for group in data.get("groups", []) if isinstance(data, dict) else []:
        operation = group.get("operation", "create")
        if operation not in bases:
            raise CaseError(f"{path.name}: group {group.get('clause')} names no known operation")
        for test in group["tests"]:
            if not isinstance(test.get("valid"), bool):
                raise CaseError(f"{path.name}: case {test.get('id')} needs valid: true or false")
            found.append(
                BodyCase(
                    id=test["id"],
                    clause=group["clause"],
                    operation=operation,
                    valid=test["valid"],
                    base=bases[operation],
                    set=test.get("set", {}),
                    remove=tuple(test.get("remove", ())),
                    unless=tuple(test.get("unless", ()))
                    + ((UPDATE_CLOSED,) if operation == "update" and test["valid"] else ()),
                )
            )
    ids = [case.id for case in found]
    duplicates = sorted({case_id for case_id in ids if ids.count(case_id) > 1})
    if duplicates:
        raise CaseError(f"{path.name}: duplicate case id(s) {', '.join(duplicates)}")
    return tuple(found)


SHIPPED_PATH = contracts_dir() / "sources" / "shipped-bodies.yaml"


def shipped_bodies(path: Path = SHIPPED_PATH) -> list[dict[str, Any]]:
    """The bodies Yuno's own published code sends (``contracts/sources/shipped-bodies.yaml``)."""
    return list(safe_load(path.read_bytes()))


def filled(raw: Any, account_id: str) -> Any:
    """A case or shipped body as sent: ``{{account_id}}`` and the value forms filled in."""
    return _value(raw, account_id)


def operation_base(operation: str, account_id: str, directory: Path = CASES_DIR) -> dict[str, Any]:
    """The body the cases of ``operation`` change: valid under every reading."""
    for path in sorted(directory.glob("*.yaml")):
        bases = safe_load(path.read_bytes()).get("operation_bases", {})
        if operation in bases:
            return {key: _value(value, account_id) for key, value in bases[operation].items()}
    raise CaseError(f"contracts/cases has no base body for {operation}")


def all_cases(directory: Path = CASES_DIR) -> tuple[BodyCase, ...]:
    """Every case of every file in ``directory``."""
    return tuple(case for path in sorted(directory.glob("*.yaml")) for case in _read(path))


def cases_of(clause: str, directory: Path = CASES_DIR) -> tuple[BodyCase, ...]:
    """The cases of one clause; CaseError when it has none (a typo in a suite)."""
    found = tuple(case for case in all_cases(directory) if case.clause == clause)
    if not found:
        raise CaseError(f"contracts/cases has no case for clause {clause}")
    return found
