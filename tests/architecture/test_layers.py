"""The layers of docs/architecture.md, enforced: a module imports only from the layers below it.

Every ``import`` in the package counts, function-level ones included (they were how cycles hid).
The third-party libraries that shape a layer have one home each (``OWNERS``): vcrpy is the
recording layer's, Schemathesis and Hypothesis the fuzz layer's, pytest the plugin's; and the
``clause`` markers are read in one module (``pytest_plugin/markers.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "yuno_contracts"

# layer → the layers it may import (itself always allowed). Keep in step with architecture.md.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "catalogue": {"core"},
    "sandbox": {"core", "catalogue"},
    "harness": {"core", "catalogue"},
    "recording": {"core", "catalogue", "harness"},
    "fuzz": {"core", "catalogue", "harness", "recording"},
    "sources": {"core", "catalogue"},
    "reports": {"core", "catalogue", "recording", "sources"},
    "pytest_plugin": {"core", "catalogue", "harness", "recording", "fuzz", "sandbox", "reports"},
    "runs": {"core", "catalogue", "harness", "recording", "reports", "sandbox"},
    "cli": {
        "core",
        "catalogue",
        "harness",
        "recording",
        "reports",
        "runs",
        "sandbox",
        "fuzz",
        "sources",
    },
    # The public API (``yuno_contracts/__init__.py``, lazy): what the suites import. Besides the
    # harness and the catalogue, the suites' fuzz fixtures need the budget, the views and the
    # runner (fuzz), and the probes and fuzz fixtures the plugin's record_reading and cassette
    # paths (pytest_plugin). Its imports are strings (``_LAZY``), checked below like imports.
    "__init__": {"core", "catalogue", "harness", "fuzz", "pytest_plugin"},
}


# third-party library → the layers that may import it (its errors included: the recording layer
# turns vcrpy's into the project's own, so the harness never sees the cassettes' library)
OWNERS: dict[str, set[str]] = {
    "vcr": {"recording"},
    "schemathesis": {"fuzz"},
    "hypothesis": {"fuzz"},
    "pytest": {"pytest_plugin", "fuzz"},  # fuzz: its cases run inside an ordinary pytest test
    "_pytest": {"pytest_plugin"},
}
MARKER_READER = Path("pytest_plugin") / "markers.py"


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "yuno_contracts":
        return None
    if len(parts) == 1:
        return "__init__"
    return parts[1].removesuffix(".py")


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # ``from yuno_contracts import x`` imports the module x
            if node.module == "yuno_contracts":
                found += [
                    (node.lineno, f"yuno_contracts.{a.name}")
                    for a in node.names
                    if (PACKAGE / a.name).is_dir() or (PACKAGE / f"{a.name}.py").is_file()
                ]
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return (
        rel.parts[0].removesuffix(".py")
        if len(rel.parts) > 1 or rel.name != "__init__.py"
        else "__init__"
    )


def test_every_layer_is_known() -> None:
    unknown = {module_layer(p) for p in modules()} - set(ALLOWED) - {"__main__"}
    assert not unknown, f"layers missing from ALLOWED and docs/architecture.md: {unknown}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_arrows(path: Path) -> None:
    own = module_layer(path)
    allowed = ALLOWED.get(own, set()) | {own}
    wrong = [
        f"line {line}: {name} ({layer_of(name)})"
        for line, name in imports(path)
        if layer_of(name) not in (None, "__init__") and layer_of(name) not in allowed
    ]
    assert not wrong, f"{path.relative_to(PACKAGE)} ({own}) imports against the arrows: {wrong}"


def test_the_public_api_follows_its_arrow() -> None:
    """Every module the lazy map of ``yuno_contracts/__init__.py`` names is of a layer its entry
    allows (the map's imports are strings, so the import check above does not see them)."""
    lazy = lazy_map()
    wrong = {
        name: module
        for name, (module, _) in lazy.items()
        if layer_of(module) not in ALLOWED["__init__"]
    }
    assert lazy and not wrong, f"public names from layers __init__ may not import: {wrong}"


def lazy_map() -> dict[str, tuple[str, str | None]]:
    """``_LAZY`` of ``yuno_contracts/__init__.py``, read from its source."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "_LAZY" for t in targets):
                assert node.value is not None
                return ast.literal_eval(node.value)
    raise AssertionError("no _LAZY map in yuno_contracts/__init__.py")


def test_the_check_bites(tmp_path: Path) -> None:
    """A sandbox module importing the harness is caught (the check is not vacuous)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from yuno_contracts.harness.client import YunoClient\n", encoding="utf-8")
    ((_, name),) = imports(bad)
    assert layer_of(name) == "harness" and "harness" not in ALLOWED["sandbox"]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_third_party_libraries_stay_in_their_layer(path: Path) -> None:
    own = module_layer(path)
    wrong = [
        f"line {line}: {name} (only {', '.join(sorted(OWNERS[top]))} may)"
        for line, name in imports(path)
        if (top := name.split(".")[0]) in OWNERS and own not in OWNERS[top]
    ]
    assert not wrong, (
        f"{path.relative_to(PACKAGE)} ({own}) imports another layer's library: {wrong}"
    )


def test_the_third_party_check_bites(tmp_path: Path) -> None:
    """A harness module catching vcrpy's error is caught (the check is not vacuous)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from vcr.errors import CannotOverwriteExistingCassetteException\n", encoding="utf-8"
    )
    ((_, name),) = imports(bad)
    assert name.split(".")[0] == "vcr" and "harness" not in OWNERS["vcr"]


def reads_clause_markers(path: Path) -> list[int]:
    """Lines that read ``clause`` markers: ``iter_markers("clause")``, ``get_closest_marker(
    "clause")`` or ``iter_markers(name="clause")``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("iter_markers", "get_closest_marker")
        ):
            continue
        names = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "name")]
        if any(isinstance(n, ast.Constant) and n.value == "clause" for n in names):
            lines.append(node.lineno)
    return lines


def test_one_module_reads_the_clause_markers() -> None:
    readers = {
        str(path.relative_to(PACKAGE)): lines
        for path in modules()
        if (lines := reads_clause_markers(path))
    }
    assert list(readers) == [str(MARKER_READER)], (
        f"clause markers read outside {MARKER_READER} (use clauses_of): {readers}"
    )
