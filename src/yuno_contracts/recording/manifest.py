"""``MANIFEST.json``: every cassette of a folder with its provenance and its file's hash.

    save_with_manifest(root, path, text)  # a cassette and its entry (under a file lock)
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
from yuno_contracts.recording.layout import CASSETTE_SUFFIX

__all__ = ["MANIFEST_NAME", "read_manifest", "save_with_manifest", "write_manifest"]

MANIFEST_NAME = "MANIFEST.json"
LOCK_NAME = ".MANIFEST.lock"


def _entry(path: Path, raw: bytes | None = None) -> dict[str, Any]:
    raw = path.read_bytes() if raw is None else raw
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


def _text(entries: dict[str, Any]) -> str:
    manifest = {"cassettes": dict(sorted(entries.items())), "count": len(entries)}
    return json.dumps(manifest, indent=2, sort_keys=True) + "\n"


def _write(root: Path, entries: dict[str, Any]) -> dict[str, Any]:
    atomic_write(root / MANIFEST_NAME, _text(entries))
    return {"cassettes": dict(sorted(entries.items())), "count": len(entries)}


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


def save_with_manifest(root: Path, cassette: Path, text: str) -> None:
    """Save a cassette and its manifest entry together: both texts are made first, then the
    two files are written one right after the other, so a kill rarely falls between them."""
    with _locked(root):
        entries = dict(read_manifest(root)["cassettes"])
        entries[cassette.relative_to(root).as_posix()] = _entry(cassette, text.encode("utf-8"))
        manifest = _text(entries)
        atomic_write(cassette, text)
        atomic_write(root / MANIFEST_NAME, manifest)


def read_manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST_NAME
    if not path.is_file():
        return {"cassettes": {}, "count": 0}
    return json.loads(path.read_text(encoding="utf-8"))
