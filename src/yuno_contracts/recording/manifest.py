"""``MANIFEST.json``: every cassette of a folder with its provenance and its file's hash.

    save_with_manifest(root, path, text)  # a (sealed) cassette, then its entry (under a lock)
    read_manifest(root)                   # the index, every sealed cassette's own entry in it
    write_manifest(root)                  # rebuild the index from the cassettes

A save is one atomic unit: the cassette's text carries its provenance and its seal
(``recording.seal``: the sha256 of its own bytes), and its rename is the commit. The index entry
is rewritten right after, under an exclusive lock on ``root/.MANIFEST.lock`` (xdist workers save
concurrently), but nothing depends on that second write landing: ``read_manifest``, what
``yuno-contracts check-cassettes`` compares the files with, takes a sealed cassette's entry from
the cassette itself whenever its seal verifies. A kill at any instant of a save therefore leaves
the old cassette with its old entry or the new cassette vouching for itself, never a cassette
the check refuses; a hand-edited cassette breaks its seal and is still refused. Cassettes saved
before seals existed have none and are checked against ``MANIFEST.json`` as before.
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
from yuno_contracts.recording.seal import sealed_digest

__all__ = ["MANIFEST_NAME", "read_index", "read_manifest", "save_with_manifest", "write_manifest"]

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


def _cassettes(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob(f"*{CASSETTE_SUFFIX}")):
        if path.name != MANIFEST_NAME and path.is_file():
            yield path


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
        entries = {path.relative_to(root).as_posix(): _entry(path) for path in _cassettes(root)}
        return _write(root, entries)


def save_with_manifest(root: Path, cassette: Path, text: str) -> None:
    """Save a cassette, then its index entry. The cassette's rename is the commit: ``text`` is
    sealed (``CassetteSerializer``), so it vouches for itself from that instant on."""
    with _locked(root):
        entries = dict(read_index(root)["cassettes"])
        entries[cassette.relative_to(root).as_posix()] = _entry(cassette, text.encode("utf-8"))
        manifest = _text(entries)
        atomic_write(cassette, text)
        atomic_write(root / MANIFEST_NAME, manifest)


def read_index(root: Path) -> dict[str, Any]:
    """``root/MANIFEST.json`` as written (empty when there is none)."""
    path = root / MANIFEST_NAME
    if not path.is_file():
        return {"cassettes": {}, "count": 0}
    return json.loads(path.read_text(encoding="utf-8"))


def read_manifest(root: Path) -> dict[str, Any]:
    """The manifest of ``root``: its index, with the entry of every cassette whose seal verifies
    taken from the cassette itself (a save cut short after its cassette's rename left the index
    one step behind; the cassette is the truth)."""
    entries = dict(read_index(root)["cassettes"])
    for path in _cassettes(root):
        raw = path.read_bytes()
        digest = sealed_digest(raw)
        rel = path.relative_to(root).as_posix()
        if digest is not None and entries.get(rel, {}).get("sha256") != digest:
            entries[rel] = _entry(path, raw)
    return {"cassettes": dict(sorted(entries.items())), "count": len(entries)}
