"""contracts/sources/pages.yaml as the sources check reads it: each page's files and copies.

page = load_source_pages()["create-session"]
page.files[0].path, page.files[0].commit, page.files[0].copy  # file, commit read, kept copy
page.files[0].quotes                                          # the quote numbers it holds
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yuno_contracts.catalogue.clauses import PAGES_PATH, SOURCES_DIR, CatalogueError
from yuno_contracts.core.yamldata import safe_load

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


def _file(raw: dict[str, Any]) -> SourceFile:
    return SourceFile(
        path=raw["file"],
        commit=str(raw["commit"]),
        copy=raw.get("copy"),
        quotes=tuple(raw.get("quotes") or ()),
        missing=raw.get("missing"),
    )


def load_source_pages(path: Path = PAGES_PATH) -> dict[str, SourcePage]:
    """Every page of pages.yaml, by id, with the copies its quotes came from."""
    data = safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise CatalogueError(f"{path.name}: expected a list of pages")
    return {
        raw["id"]: SourcePage(
            id=raw["id"],
            url=raw["url"],
            read_on=str(raw.get("read_on", "")),
            quotes=tuple(raw.get("quotes") or ()),
            files=tuple(_file(f) for f in raw.get("copies") or ()),
            quotes_in_no_copy=tuple(raw.get("quotes_in_no_copy") or ()),
        )
        for raw in data
    }
