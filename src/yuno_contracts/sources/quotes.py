"""Is a quoted line still in a page's text? Whitespace and markup normalised.

Whitespace is collapsed as the catalogue's quote check does (``normalize_whitespace``); a quote
also holds when it matches with Markdown/HTML markup taken out of both sides (backslash escapes,
``**``, backticks, tags), and, for a JSON file, against its re-serialised JSON or its decoded
strings (how the quotes of JSON files were read)::

    quote_holds("Only one payment is supported", "Only  one\\npayment is supported.")  # True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from yuno_contracts.catalogue.clauses import normalize_whitespace

__all__ = ["quote_holds", "strip_markup", "text_views"]

_ESCAPE = re.compile(r"\\(.)")
_TAG = re.compile(r"<[^<>]+>")
_EMPHASIS = re.compile(r"\*\*|`")


def strip_markup(text: str) -> str:
    """The text without Markdown escapes, bold markers, backticks and HTML/JSX tags."""
    return normalize_whitespace(_EMPHASIS.sub("", _TAG.sub(" ", _ESCAPE.sub(r"\1", text))))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def text_views(text: str) -> tuple[str, ...]:
    """The normalised forms of a file's text a quote is looked for in."""
    views = [text]
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if data is not None:
        views += [
            json.dumps(data, ensure_ascii=False),
            json.dumps(data, ensure_ascii=False, indent=1),
            "\n".join(_strings(data)),
        ]
    return tuple(normalize_whitespace(view) for view in views)


def quote_holds(quote: str, text: str | tuple[str, ...]) -> bool:
    """True when ``quote`` appears in ``text`` (or one of its ``text_views``), whitespace and
    markup aside."""
    views = text_views(text) if isinstance(text, str) else text
    wanted = normalize_whitespace(quote)
    if any(wanted in view for view in views):
        return True
    bare = strip_markup(quote)
    return bool(bare) and any(bare in strip_markup(view) for view in views)
