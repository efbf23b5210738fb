"""pages.yaml says which kept copy each quote came from, and the copies say it (offline)."""

from __future__ import annotations

import pytest

from yuno_contracts.catalogue.clauses import SOURCES_DIR
from yuno_contracts.sources.pages import COPIES_DIR, load_source_pages
from yuno_contracts.sources.quotes import quote_holds, text_views

PAGES = load_source_pages()


@pytest.mark.parametrize("page_id", [p.id for p in PAGES.values() if p.files])
def test_every_quote_is_in_the_copy_pages_yaml_names(page_id: str) -> None:
    page = PAGES[page_id]
    numbers = [n for f in page.files for n in f.quotes] + list(page.quotes_in_no_copy)
    assert sorted(numbers) == list(range(1, len(page.quotes) + 1)), "each quote exactly once"
    for source in page.files:
        if source.copy is None:
            assert source.missing, f"{source.path}@{source.commit}: copy null needs a reason"
            continue
        assert source.copy == f"copies/{source.commit}/{source.path}"
        views = text_views((SOURCES_DIR / source.copy).read_text(encoding="utf-8"))
        gone = [n for n in source.quotes if not quote_holds(page.quotes[n - 1], views)]
        assert gone == [], f"quotes {gone} are not in {source.copy}"


def test_the_copies_are_the_files_cited_and_no_other() -> None:
    named = {f.copy for p in PAGES.values() for f in p.files if f.copy}
    kept = {str(p.relative_to(SOURCES_DIR)) for p in COPIES_DIR.rglob("*") if p.is_file()}
    assert kept == named
