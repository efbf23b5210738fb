"""JSON with exact numbers, in both directions: the one reader and the one writer of the project.

A fraction is read as ``Decimal`` and written back as its own text, so ``10.50`` stays ``10.50``
and a boundary such as ``0.00001`` reaches the server (and the assertion) exactly as written,
never as a float's shortest repr. Integers stay ``int``.

    loads_exact('{"value": 10.50}')      # {'value': Decimal('10.50')}
    loads_or_none(b"not json")           # None
    dumps_exact({"value": Decimal("0.0001")})   # '{"value":0.0001}'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = ["dumps_exact", "loads_exact", "loads_or_none"]


def loads_exact(data: str | bytes | bytearray) -> Any:
    """Parse JSON with fractions as ``Decimal``; raises ``ValueError`` when it is not JSON."""
    return json.loads(data, parse_float=Decimal)


def loads_or_none(data: str | bytes | bytearray | None) -> Any:
    """``loads_exact``, or None for an empty body or one that is not JSON."""
    if not data:
        return None
    try:
        return loads_exact(data)
    except (ValueError, RecursionError):
        return None


def dumps_exact(value: Any, *, ensure_ascii: bool = True) -> str:
    """Compact JSON; ``Decimal`` written as ``str(Decimal)``; NaN and Infinity refused.

    ``ensure_ascii`` (the default) keeps lone surrogates encodable; the client turns it off to
    send UTF-8 as typed.
    """
    out: list[str] = []
    _encode(value, out, ensure_ascii)
    return "".join(out)


def _encode(value: Any, out: list[str], ascii_only: bool) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=ascii_only))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write the non-finite number {value} as JSON")
        out.append(str(value))
    elif isinstance(value, int | float):
        out.append(json.dumps(value, allow_nan=False))
    elif isinstance(value, Mapping):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=ascii_only))
            out.append(":")
            _encode(item, out, ascii_only)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out, ascii_only)
        out.append("]")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
