"""yuno-contracts: contract tests for Yuno's Checkout Sessions API.

The public API, for suites and for partners writing their own tests::

    from yuno_contracts import Target, YunoClient, expect, bodies, errors

Names are imported on first use (PEP 562), so ``import yuno_contracts.sandbox`` does not load
the harness. The layers behind them: docs/architecture.md.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
__all__ = ["Target", "YunoClient", "__version__", "bodies", "errors", "expect"]

_LAZY = {
    "Target": ("yuno_contracts.harness.target", "Target"),
    "YunoClient": ("yuno_contracts.harness.client", "YunoClient"),
    "expect": ("yuno_contracts.harness.expect", None),
    "bodies": ("yuno_contracts.harness.bodies", None),
    "errors": ("yuno_contracts.core.errors", None),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'yuno_contracts' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module
