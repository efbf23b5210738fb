"""``--update``: after a person has reviewed a change, record the new commit for the pages whose
quotes still hold.

For each such page, its files are read at the reviewed commit and kept under
``contracts/sources/copies/<commit>/``, and its ``repo_path``, ``copies`` and ``read_on`` lines in
pages.yaml are rewritten in place (every other line, comments included, is left as it was). A
page with a quote gone, a file without a copy, or an earlier version kept on purpose is left alone.
"""

from __future__ import annotations

import datetime
import itertools
import re
from pathlib import Path

from yuno_contracts.catalogue.clauses import SOURCES_DIR
from yuno_contracts.core.files import atomic_write
from yuno_contracts.core.yamldata import safe_load
from yuno_contracts.sources.check import is_version_page
from yuno_contracts.sources.fetch import DocsFetcher
from yuno_contracts.sources.pages import SourcePage, load_source_pages
from yuno_contracts.sources.quotes import quote_holds, text_views

__all__ = ["update_pages"]


def _holds(page: SourcePage, texts: dict[str, str]) -> bool:
    return all(
        quote_holds(page.quotes[n - 1], text_views(texts[f.path]))
        for f in page.files
        for n in f.quotes
    )


def _rewrite(block: list[str], page: SourcePage, commit: str, today: str) -> list[str]:
    out = []
    for line in block:
        if line.startswith("  repo_path:"):
            for f in page.files:
                line = line.replace(f"{f.path}@{f.commit}", f"{f.path}@{commit}")
        elif line.startswith("  - {file:"):
            for f in page.files:
                line = line.replace(
                    f"commit: {f.commit}, copy: copies/{f.commit}/{f.path}",
                    f"commit: {commit}, copy: copies/{commit}/{f.path}",
                )
        elif line.startswith("  read_on:"):
            line = f"  read_on: '{today}'\n"
        out.append(line)
    return out


def update_pages(
    fetcher: DocsFetcher, commit: str, sources_dir: Path = SOURCES_DIR, today: str | None = None
) -> tuple[list[str], list[str]]:
    """Record ``commit`` for every page whose quotes hold there: (updated ids, left ids)."""
    today = today or datetime.date.today().isoformat()
    pages_path = sources_dir / "pages.yaml"
    pages = load_source_pages(pages_path)
    eligible = [
        p
        for p in pages.values()
        if p.files and not is_version_page(p) and all(f.copy for f in p.files)
    ]
    texts: dict[str, str] = {}
    for path in sorted({f.path for p in eligible for f in p.files}):
        texts[path] = fetcher.read(path, commit) or ""
    updated = [p for p in eligible if _holds(p, texts) and any(f.commit != commit for f in p.files)]
    left = sorted(set(pages) - {p.id for p in updated})
    lines = pages_path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"- id: ", line)] + [len(lines)]
    by_id = {p.id: p for p in updated}
    out = lines[: starts[0]]
    for start, end in itertools.pairwise(starts):
        block = lines[start:end]
        page = by_id.get(block[0].removeprefix("- id: ").strip())
        out += _rewrite(block, page, commit, today) if page else block
    text = "".join(out)
    safe_load(text)  # never write a pages.yaml that does not parse
    for page in updated:
        for f in page.files:
            atomic_write(sources_dir / "copies" / commit / f.path, texts[f.path])
    atomic_write(pages_path, text)
    still = {f.copy for p in load_source_pages(pages_path).values() for f in p.files if f.copy}
    for stale in (sources_dir / "copies").rglob("*"):
        if stale.is_file() and str(stale.relative_to(sources_dir)) not in still:
            stale.unlink()
    for folder in sorted((sources_dir / "copies").rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return [p.id for p in updated], left
