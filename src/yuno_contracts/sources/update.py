"""``--update``: after a person has reviewed a change, record the new commit for the pages whose
quotes still hold.

For each such page, its files are read at the reviewed commit and kept under
``contracts/sources/copies/<commit>/``, and its ``repo_path``, ``copies`` and ``read_on`` lines in
pages.yaml are rewritten in place (every other line, comments included, is left as it was). A
page with a quote gone, a file without a copy, or an earlier version kept on purpose is left alone.

``last_changed`` records the yuno-docs commit that last changed the text of a page's file (per
file type where the page has two: ``mdx c6c25c82, json 7ba4da70``). When the reviewed commit's
text of a file differs from its kept copy, the change lies between the recorded commit and the
reviewed one, so that file's ``last_changed`` becomes the reviewed commit; when only the commit
moved (the same text), it is left as it was.
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
from yuno_contracts.sources.pages import SourceFile, SourcePage, load_source_pages
from yuno_contracts.sources.quotes import quote_holds, text_views

__all__ = ["update_pages"]


def _holds(page: SourcePage, texts: dict[str, str]) -> bool:
    return all(
        quote_holds(page.quotes[n - 1], text_views(texts[f.path]))
        for f in page.files
        for n in f.quotes
    )


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same string (a sha of digits only,
    ``01234567``, would otherwise read as a number)."""
    return value if safe_load(value) == value else f"'{value}'"


def _file_keys(page: SourcePage) -> dict[str, str]:
    """file path → how ``last_changed`` names it: its type (``mdx``, ``json``), or its path
    where two of the page's files share a type."""
    types = {f.path: f.path.rsplit(".", 1)[-1] for f in page.files}
    unique = len(set(types.values())) == len(types)
    return {path: kind if unique else path for path, kind in types.items()}


def last_changed(page: SourcePage, changed: list[SourceFile], commit: str) -> str | None:
    """The page's new ``last_changed`` when ``changed`` (its files whose text differs at
    ``commit`` from the kept copy) is not empty, else None (the line is left as it is)."""
    if not changed:
        return None
    if len(changed) == len(page.files):
        return commit
    keys = _file_keys(page)
    old = [part.split() for part in (page.last_changed or "").split(",") if part.strip()]
    if len(old) == 1 and len(old[0]) == 1:  # one commit for every file
        by_key = dict.fromkeys(keys.values(), old[0][0])
    else:
        by_key = {part[0]: part[-1] for part in old if len(part) == 2}
    by_key.update(dict.fromkeys((keys[f.path] for f in changed), commit))
    order = [*keys.values(), *(k for k in by_key if k not in keys.values())]
    return ", ".join(f"{key} {by_key[key]}" for key in order if key in by_key)


def _rewrite(
    block: list[str], page: SourcePage, commit: str, today: str, changed: str | None
) -> list[str]:
    out = []
    for line in block:
        if line.startswith("  repo_path:"):
            for f in page.files:
                line = line.replace(f"{f.path}@{f.commit}", f"{f.path}@{commit}")
        elif line.startswith("  - {file:"):
            for f in page.files:
                line = line.replace(
                    f"commit: {_scalar(f.commit)}, copy: copies/{f.commit}/{f.path}",
                    f"commit: {_scalar(commit)}, copy: copies/{commit}/{f.path}",
                )
        elif line.startswith("  read_on:"):
            line = f"  read_on: '{today}'\n"
            if changed and page.last_changed is None:
                line += f"  last_changed: {_scalar(changed)}\n"
        elif line.startswith("  last_changed:") and changed:
            line = f"  last_changed: {_scalar(changed)}\n"
        out.append(line)
    return out


def _same_text(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


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
        if page is None:
            out += block
            continue
        moved = [f for f in page.files if not _same_text(texts[f.path], f.copy_text(sources_dir))]
        out += _rewrite(block, page, commit, today, last_changed(page, moved, commit))
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
