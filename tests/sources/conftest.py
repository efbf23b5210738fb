"""A docs server on loopback for the sources check: it serves a folder laid out as
raw.githubusercontent.com does (``/<ref>/<path>``), built from the recorded copies."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from yuno_contracts.catalogue.clauses import SOURCES_DIR
from yuno_contracts.sources.check import is_version_page
from yuno_contracts.sources.pages import load_source_pages

REF = "main"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def recorded_tree(root: Path, sources_dir: Path = SOURCES_DIR) -> Path:
    """``root/main/<path>``: every checked file as the copy its pages were read from."""
    for page in load_source_pages(sources_dir / "pages.yaml").values():
        if is_version_page(page):
            continue
        for source in page.files:
            if source.copy:
                target = root / REF / source.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(sources_dir / source.copy, target)
    return root / REF


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of contracts/sources (pages.yaml and the copies) a test may edit."""
    target = tmp_path / "sources"
    target.mkdir()
    shutil.copyfile(SOURCES_DIR / "pages.yaml", target / "pages.yaml")
    shutil.copytree(SOURCES_DIR / "copies", target / "copies")
    return target


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, folder served as ref ``main``) of a real HTTP server on 127.0.0.1."""
    root = tmp_path / "served"
    current = recorded_tree(root)
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", current
    finally:
        server.shutdown()
        server.server_close()
