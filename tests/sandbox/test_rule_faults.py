"""The fault pass over the faithful behaviour: each switch is one edit of it, and changes it."""

from __future__ import annotations

import dataclasses

import pytest

from yuno_contracts.sandbox.behaviour import faithful_behaviour
from yuno_contracts.sandbox.faults import FAULT_EDITS, FAULTS, RULE_FAULTS, apply_faults
from yuno_contracts.sandbox.readings import Readings

ACCOUNT = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def test_every_switch_is_one_edit() -> None:
    assert set(FAULT_EDITS) == set(FAULTS)
    assert set(RULE_FAULTS) <= set(FAULTS)


def test_no_fault_leaves_the_faithful_behaviour() -> None:
    faithful = faithful_behaviour(Readings(), ACCOUNT)
    assert apply_faults(faithful, frozenset()) == faithful


@pytest.mark.parametrize("name", sorted(RULE_FAULTS))
def test_each_rule_fault_changes_the_rule_tables(name: str) -> None:
    faithful = faithful_behaviour(Readings(), ACCOUNT)
    faulty = apply_faults(faithful, frozenset({name}))
    assert faulty.rules != faithful.rules
    assert faulty == dataclasses.replace(faithful, rules=faulty.rules)


@pytest.mark.parametrize("name", sorted(set(FAULTS) - set(RULE_FAULTS)))
def test_each_other_fault_changes_the_behaviour_but_not_its_rules(name: str) -> None:
    faithful = faithful_behaviour(Readings(), ACCOUNT)
    faulty = apply_faults(faithful, frozenset({name}))
    assert faulty != faithful
    assert faulty.rules == faithful.rules


def test_a_fault_keeps_the_faithful_behaviour_unchanged() -> None:
    faithful = faithful_behaviour(Readings(), ACCOUNT)
    before = repr(faithful)
    apply_faults(faithful, frozenset(FAULTS))
    assert repr(faithful) == before
