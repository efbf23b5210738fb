"""A suite docstring's quotation marks hold a source's own words, as clauses.yaml's quotes do.

A span in double quotes in a suite's docstring (two words or more, in prose: not in an indented
example, no code such as ``=``, square or curly brackets, arrows) is a quote: it must be found, whitespace aside, in one of the sources
kept in ``contracts/sources/`` (the seeds, the recorded Yuno pages, the project's decisions).
"""

from __future__ import annotations

import ast
import re

import pytest

from yuno_contracts.catalogue.clauses import normalize_whitespace
from yuno_contracts.catalogue.resources import contracts_dir, suites_dir

QUOTE = re.compile(r'"([^"]+)"')
CODE = re.compile(r"[={}\[\]<>→]|\n\s*\n")


def docstring_quotes(source: str) -> list[tuple[str, str]]:
    """(where, quote) of every prose quote in the module's, classes' and functions' docstrings."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            continue
        doc = ast.get_docstring(node) or ""  # dedented: examples stay indented
        prose = "\n".join(line for line in doc.splitlines() if not line.startswith("    "))
        for quote in QUOTE.findall(prose):
            if " " in quote.strip() and not CODE.search(quote):
                found.append((getattr(node, "name", "module"), quote))
    return found


def source_texts() -> dict[str, str]:
    folder = contracts_dir() / "sources"
    return {
        p.name: normalize_whitespace(p.read_text("utf-8"))
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def quote_problem(quote: str, texts: dict[str, str]) -> str | None:
    """None when ``quote`` is verbatim (whitespace aside) in a source; else what is wrong."""
    if any(normalize_whitespace(quote) in text for text in texts.values()):
        return None
    return f"quote not found in contracts/sources/: {quote!r}"


QUOTES = [
    (f"{path.relative_to(suites_dir())}:{where}", quote)
    for path in sorted(suites_dir().rglob("*.py"))
    for where, quote in docstring_quotes(path.read_text("utf-8"))
]


def test_the_suites_quote_sources() -> None:
    """The check has something to check (it would pass vacuously on a renamed folder)."""
    assert len(QUOTES) >= 5


@pytest.mark.parametrize(("where", "quote"), QUOTES, ids=[w for w, _ in QUOTES])
def test_docstring_quote_is_verbatim_in_a_source(where: str, quote: str) -> None:
    assert quote_problem(quote, source_texts()) is None, where


def test_a_changed_word_is_reported() -> None:
    texts = {"update-checkout-session.txt": "Only fields you send will be updated."}
    assert quote_problem("Only fields you send will be\n    updated.", texts) is None
    assert quote_problem("Only fields you send are updated.", texts) is not None


def test_code_in_a_docstring_is_not_a_quote() -> None:
    source = '"""x\n\nProse.\n\n    patched = answer(update("x"), "UPDATE 200")\n"""\n'
    assert docstring_quotes('"""He said "only fields you send"."""') == [
        ("module", "only fields you send")
    ]
    assert docstring_quotes(source) == []
