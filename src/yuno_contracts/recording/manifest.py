"""``MANIFEST.json``: every cassette of a folder with its provenance and its file's hash.

    update_manifest(root, cassette)   # right after a cassette is saved (under a file lock)
    write_manifest(root)              # rebuild from the cassettes (the end of a recording)

The entry of a cassette is rewritten as soon as the cassette is saved, under an exclusive lock
on ``root/.MANIFEST.lock`` (xdist workers save concurrently), so a recording killed midway
leaves a manifest that agrees with every cassette already written.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yuno_contracts.core.errors import CorruptCassetteError
from yuno_contracts.core.files import atomic_write

__all__ = ["MANIFEST_NAME", "read_manifest", "update_manifest", "write_manifest"]

MANIFEST_NAME = "MANIFEST.json"
LOCK_NAME = ".MANIFEST.lock"
CASSETTE_SUFFIX = ".json"


def _entry(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise CorruptCassetteError(
            f"corrupt cassette {path}: {exc}; delete it and re-record with "
            "`make record TARGET=local`"
        ) from None
    return {
        **data.get("provenance", {}),
        "interactions": len(data.get("interactions", [])),
        "sha256": hashlib.sha256(raw).hexdigest(),
    }


def _write(root: Path, entries: dict[str, Any]) -> dict[str, Any]:
    manifest = {"cassettes": dict(sorted(entries.items())), "count": len(entries)}
    atomic_write(root / MANIFEST_NAME, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_manifest(root: Path) -> dict[str, Any]:
    """Rebuild ``root/MANIFEST.json`` from the cassettes' own provenance (atomically)."""
    with _locked(root):
        entries = {
            path.relative_to(root).as_posix(): _entry(path)
            for path in sorted(root.rglob(f"*{CASSETTE_SUFFIX}"))
            if path.name != MANIFEST_NAME
        }
        return _write(root, entries)


def update_manifest(root: Path, cassette: Path) -> None:
    """Rewrite the manifest entry of one just-saved cassette (the others as they are)."""
    with _locked(root):
        entries = dict(read_manifest(root)["cassettes"])
        entries[cassette.relative_to(root).as_posix()] = _entry(cassette)
        _write(root, entries)


def read_manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST_NAME
    if not path.is_file():
        return {"cassettes": {}, "count": 0}
    return json.loads(path.read_text(encoding="utf-8"))
