"""Files the project writes: atomically, with the mode the user's umask gives.

    atomic_write(Path("reports/summary.md"), text)

Readers see the old file or the new one, never half of one. ``tempfile.mkstemp`` creates files
with mode 0600; the file is given ``0666 & ~umask`` before it is renamed into place, as ``open``
would, so a CI job's artifact upload (another user) can read it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from yuno_contracts.core.errors import HarnessError

__all__ = ["OutputError", "atomic_write", "ensure_folder", "umask_mode"]


class OutputError(HarnessError):
    """An output cannot be written where it was asked to go."""


def umask_mode() -> int:
    """The mode a new file gets from the process umask (0644 under the usual 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def ensure_folder(folder: Path, option: str = "--reports-dir / --cassette-dir") -> Path:
    """Create ``folder`` if needed; one ``OutputError`` line if it cannot hold new files."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            f"cannot write into {folder}: {_blocking_file(folder)} is a file, not a folder; "
            f"move it away or pass another folder ({option})"
        ) from None
    except PermissionError:
        raise OutputError(
            f"cannot write into {folder}: permission denied; pass a writable folder "
            f"({option}) or fix the folder's permissions"
        ) from None
    except OSError as exc:
        raise OutputError(
            f"cannot write into {folder}: {exc.strerror or exc}; pass another folder ({option})"
        ) from None
    return folder


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically; an unusable folder is one ``OutputError`` line."""
    path = Path(path)
    ensure_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; pass another folder "
            "(--reports-dir / --cassette-dir)"
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, umask_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _blocking_file(folder: Path) -> Path:
    """The first part of ``folder`` that exists as something other than a folder."""
    for part in reversed([folder, *folder.parents]):
        if part.exists() and not part.is_dir():
            return part
    return folder
