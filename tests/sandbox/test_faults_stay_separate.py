"""The fault switches stay a separate pass (docs/architecture.md, the sandbox row): only
``faults.py`` and ``fault_edits.py`` know them. Every other module of the sandbox is faithful:
it names no switch, asks no ``fault(...)``, and reads the set of switches only to hand it to
``apply_faults`` (``settings.py`` carries the set, ``__main__.py`` shows it in its banner)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from yuno_contracts.sandbox.faults import FAULTS

SANDBOX = Path(__file__).resolve().parents[2] / "src" / "yuno_contracts" / "sandbox"
THE_PASS = {"faults.py", "fault_edits.py"}
CARRY_THE_SET = {"settings.py", "__main__.py"}
# What a faithful module may take from the pass: the pass itself, the error it raises, the check
# of a setting's names, the names and descriptions.
FROM_THE_PASS = {"apply_faults", "InjectedFault", "check_faults", "FAULTS"}
FAITHFUL = sorted(path.name for path in SANDBOX.glob("*.py") if path.name not in THE_PASS)
SWITCH = re.compile("|".join(rf"(?<![\w-]){re.escape(name)}(?![\w-])" for name in FAULTS))


def _tree(name: str) -> ast.Module:
    return ast.parse((SANDBOX / name).read_text(encoding="utf-8"))


def test_the_faithful_modules_are_found() -> None:
    assert {"endpoints.py", "store.py", "session_view.py", "validation.py", "rules.py"} <= set(
        FAITHFUL
    )
    assert {"behaviour.py", "auth.py", "app.py", "responses.py"} <= set(FAITHFUL)


@pytest.mark.parametrize("name", FAITHFUL)
def test_no_switch_is_named(name: str) -> None:
    lines = (SANDBOX / name).read_text(encoding="utf-8").splitlines()
    named = [f"{n}: {line.strip()}" for n, line in enumerate(lines, 1) if SWITCH.search(line)]
    assert not named, f"{name} names a fault switch: only faults.py may\n" + "\n".join(named)


@pytest.mark.parametrize("name", FAITHFUL)
def test_no_switch_is_asked_for(name: str) -> None:
    asked = [
        node.lineno
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "fault")
            or (isinstance(node.func, ast.Name) and node.func.id == "fault")
        )
    ]
    assert not asked, f"{name} asks fault(...) at lines {asked}: make it an edit in faults.py"


@pytest.mark.parametrize("name", sorted(set(FAITHFUL) - CARRY_THE_SET))
def test_the_set_of_switches_only_goes_to_apply_faults(name: str) -> None:
    tree = _tree(name)
    handed = {
        id(argument)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "apply_faults"
        for argument in node.args
    }
    read = [
        node.lineno
        for node in ast.walk(tree)
        if (
            (isinstance(node, ast.Attribute) and node.attr == "faults")
            or (isinstance(node, ast.Name) and node.id == "faults")
            or (isinstance(node, ast.arg) and node.arg == "faults")
        )
        and id(node) not in handed
    ]
    assert not read, f"{name} reads the fault switches at lines {read}, not for apply_faults"


@pytest.mark.parametrize("name", FAITHFUL)
def test_only_the_pass_is_taken_from_the_pass(name: str) -> None:
    taken = {
        alias.name
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.ImportFrom)
        and node.module in ("yuno_contracts.sandbox.faults", "yuno_contracts.sandbox.fault_edits")
        for alias in node.names
    }
    assert taken <= FROM_THE_PASS, f"{name} takes {sorted(taken - FROM_THE_PASS)} from the pass"
