"""The suites use the public API: ``from yuno_contracts import …`` of the names ``__all__``
declares, never a module path behind it (``yuno_contracts.harness.client``, ``…fuzz.runner``).

The package's ``__init__`` resolves those names on first use (PEP 562), so importing it costs
nothing: no HTTP client, no cassette library, no fuzzing stack, none of the harness.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import yuno_contracts

REPO = Path(__file__).resolve().parents[2]
SUITES = REPO / "suites"
PUBLIC = frozenset(yuno_contracts.__all__)


def private_imports(source: str) -> list[str]:
    """Every import of ``yuno_contracts`` in ``source`` other than ``from yuno_contracts import``
    of public names (function-level and TYPE_CHECKING ones included), as ``line N: text``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith("yuno_contracts.")
            ]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("yuno_contracts."):
                found.append(f"line {node.lineno}: from {node.module} import …")
            elif node.module == "yuno_contracts":
                found += [
                    f"line {node.lineno}: from yuno_contracts import {alias.name} (not public)"
                    for alias in node.names
                    if alias.name not in PUBLIC
                ]
    return found


def suite_files() -> list[Path]:
    return sorted(SUITES.rglob("*.py"))


@pytest.mark.parametrize("path", suite_files(), ids=lambda p: str(p.relative_to(SUITES)))
def test_suites_import_only_public_names(path: Path) -> None:
    wrong = private_imports(path.read_text(encoding="utf-8"))
    assert not wrong, (
        f"{path.relative_to(REPO)} imports behind the public API (yuno_contracts.__all__): "
        f"{wrong}; import the name from yuno_contracts, or add it to _LAZY there"
    )


def test_the_check_bites() -> None:
    """A module path, a private name and a function-level import are each caught."""
    source = (
        "from yuno_contracts.harness.client import YunoClient\n"
        "import yuno_contracts.harness.expect\n"
        "from yuno_contracts import Target, resolve_target\n"
        "def f():\n"
        "    from yuno_contracts.fuzz.runner import FuzzRunner\n"
    )
    assert [line.split(":")[0] for line in private_imports(source)] == [
        "line 1",
        "line 2",
        "line 3",
        "line 5",
    ]
    assert private_imports("from yuno_contracts import Target, steps\n") == []


PROBE = """
import json, sys
import yuno_contracts
loaded = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY or m.startswith("yuno_contracts."))
names = {}
for name in yuno_contracts.__all__:
    value = getattr(yuno_contracts, name)
    names[name] = getattr(value, "__name__", type(value).__name__)
print(json.dumps({"loaded": loaded, "names": names, "lazy": sorted(yuno_contracts._LAZY)}))
"""


def test_importing_the_package_loads_nothing_and_every_public_name_resolves() -> None:
    heavy = ("httpx", "vcr", "requests", "schemathesis", "hypothesis", "starlette")
    result = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {heavy!r}\n{PROBE}"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # "loaded" is taken before any name is resolved: the bare import loads none of the package
    probe = json.loads(result.stdout)
    assert probe["loaded"] == [], probe["loaded"]
    assert set(probe["names"]) == {"__version__", *probe["lazy"]}


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        yuno_contracts.nothing_here  # noqa: B018
