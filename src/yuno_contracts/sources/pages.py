"""contracts/sources/pages.yaml as the sources check reads it: each page's files and copies.

page = load_source_pages()["create-session"]
page.files[0].path, page.files[0].commit, page.files[0].copy  # file, commit read, kept copy
page.files[0].quotes                                          # the quote numbers it holds
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.clauses import PAGES_PATH, SOURCES_DIR, read_pages

__all__ = ["COPIES_DIR", "SourceFile", "SourcePage", "load_source_pages"]

COPIES_DIR = SOURCES_DIR / "copies"


@dataclass(frozen=True)
class SourceFile:
    """One file of Yuno's docs repository a page's quotes were read from."""

    path: str
    commit: str
    copy: str | None
    quotes: tuple[int, ...]
    missing: str | None = None

    def copy_text(self, sources_dir: Path) -> str | None:
        """The kept copy's text (None when no copy could be obtained)."""
        return (sources_dir / self.copy).read_text(encoding="utf-8") if self.copy else None


@dataclass(frozen=True)
class SourcePage:
    id: str
    url: str
    read_on: str
    quotes: tuple[str, ...]
    files: tuple[SourceFile, ...]
    quotes_in_no_copy: tuple[int, ...] = ()
    last_changed: str | None = None  # the yuno-docs commit that last changed the file(s) read


def _file(raw: dict[str, Any]) -> SourceFile:
    return SourceFile(
        path=raw["file"],
        commit=str(raw["commit"]),
        copy=raw.get("copy"),
        quotes=tuple(raw.get("quotes") or ()),
        missing=raw.get("missing"),
    )


def load_source_pages(path: Path = PAGES_PATH) -> dict[str, SourcePage]:
    """Every page of pages.yaml (as the catalogue's ``read_pages`` reads it), by id, with the
    copies its quotes came from."""
    return {
        page_id: SourcePage(
            id=page_id,
            url=raw["url"],
            read_on=str(raw.get("read_on", "")),
            quotes=tuple(raw.get("quotes") or ()),
            files=tuple(_file(f) for f in raw.get("copies") or ()),
            quotes_in_no_copy=tuple(raw.get("quotes_in_no_copy") or ()),
            last_changed=str(raw["last_changed"]) if raw.get("last_changed") else None,
        )
        for page_id, raw in read_pages(path).items()
    }
