"""The fault pass over the rule tables: each field-rule switch is a known fault and changes the table."""

from __future__ import annotations

import pytest

from yuno_contracts.sandbox.faults import FAULTS, RULE_FAULTS, apply_faults
from yuno_contracts.sandbox.readings import Readings
from yuno_contracts.sandbox.rules import faithful_rules

ACCOUNT = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def test_every_rule_fault_is_a_documented_switch() -> None:
    assert set(RULE_FAULTS) <= set(FAULTS)


def test_no_fault_leaves_the_faithful_table() -> None:
    faithful = faithful_rules(Readings(), ACCOUNT)
    assert apply_faults(faithful, frozenset()) == faithful


@pytest.mark.parametrize("name", sorted(RULE_FAULTS))
def test_each_rule_fault_changes_the_table(name: str) -> None:
    faithful = faithful_rules(Readings(), ACCOUNT)
    assert apply_faults(faithful, frozenset({name})) != faithful


def test_a_fault_keeps_the_faithful_table_unchanged() -> None:
    faithful = faithful_rules(Readings(), ACCOUNT)
    before = repr(faithful)
    apply_faults(faithful, frozenset(RULE_FAULTS))
    assert repr(faithful) == before
