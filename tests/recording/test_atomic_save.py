"""A cassette save killed at any of its write boundaries leaves a tree that
``yuno-contracts check-cassettes`` accepts: the old cassette with its entry, or the new one.

A child process saves one cassette the way a recording does (``save_with_manifest`` with the
serializer's sealed text) and is stopped, by ``os._exit`` (a SIGKILL's effect: no cleanup) or by
a ``KeyboardInterrupt``, before or after each of the save's renames. The stop points are the
renames themselves (``os.replace``, the only instants at which a file changes), so the test is
deterministic: no sleep, no race. Then the real command checks the tree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COMMITTED = Path(__file__).resolve().parents[2] / "cassettes"
CHECK = Path(sys.executable).parent / "yuno-contracts"
OLD = "smoke/test_smoke/TestPartialUpdate.test_patch_changes_one_field_and_keeps_the_rest.json"

CHILD = r"""
import os, sys
from pathlib import Path
from yuno_contracts.recording.cassettes import CassetteSerializer
from yuno_contracts.recording.manifest import save_with_manifest

root, source, rel, stop_at, how, sealed = sys.argv[1:]
provenance = {"target": "local", "recorded_at": "2099-01-01T00:00:00+00:00"}
serializer = CassetteSerializer(provenance)
data = serializer.deserialize((root_path := Path(root)).joinpath(source).read_text())
data["interactions"] = data["interactions"][:1]  # another recording than the one on disk
text = serializer.serialize(data)
if sealed == "unsealed":  # the control: the same text without its seal
    text = text.replace(text.split('"cassette_sha256": "')[1][:64], "f" * 64)

renames = 0
real_replace = os.replace

def stop() -> None:
    if how == "exit":
        os._exit(137)
    raise KeyboardInterrupt

def replace(src, dst):
    global renames
    renames += 1
    if stop_at == f"before-{renames}":
        stop()
    real_replace(src, dst)
    if stop_at == f"after-{renames}":
        stop()

os.replace = replace
save_with_manifest(root_path, root_path / rel, text)
print(f"renames={renames}")
"""

STOPS = ["before-1", "after-1", "after-2", "never"]  # a save renames twice: cassette, index


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The committed smoke cassettes (saved before seals existed) with their committed entries."""
    shutil.copytree(COMMITTED / "smoke", tmp_path / "smoke")
    entries = json.loads((COMMITTED / "MANIFEST.json").read_text())["cassettes"]
    smoke = {rel: entry for rel, entry in entries.items() if rel.startswith("smoke/")}
    (tmp_path / "MANIFEST.json").write_text(
        json.dumps({"cassettes": smoke, "count": len(smoke)}, indent=2, sort_keys=True) + "\n"
    )
    return tmp_path


def save_and_stop(
    root: Path, rel: str, stop_at: str, how: str, sealed: str = "sealed"
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", CHILD, str(root), OLD, rel, stop_at, how, sealed]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK), "check-cassettes", str(root)], capture_output=True, text=True, timeout=60
    )


def test_the_tree_starts_valid_and_a_save_renames_twice(tree: Path) -> None:
    assert check(tree).returncode == 0
    done = save_and_stop(tree, OLD, "never", "exit")
    assert done.stdout.strip() == "renames=2", done.stderr
    assert check(tree).returncode == 0


@pytest.mark.parametrize("how", ["exit", "interrupt"])
@pytest.mark.parametrize("stop_at", STOPS)
@pytest.mark.parametrize("rel", [OLD, "smoke/test_smoke/TestSmoke.test_new.json"])
def test_a_save_stopped_at_any_boundary_leaves_a_tree_the_check_accepts(
    tree: Path, rel: str, stop_at: str, how: str
) -> None:
    before = (tree / rel).read_bytes() if (tree / rel).exists() else None
    done = save_and_stop(tree, rel, stop_at, how)
    if stop_at == "never":
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == (137 if how == "exit" else -2), done.stderr  # -2: SIGINT
    assert not list(tree.rglob("*.tmp")) or how == "exit"  # an interrupt cleans its temp file
    after = (tree / rel).read_bytes() if (tree / rel).exists() else None
    renamed = stop_at != "before-1"
    assert (after != before) is renamed  # the cassette is the old one, or the new one whole
    checked = check(tree)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip().endswith("every cassette listed, unchanged and scrubbed")


@pytest.mark.parametrize("rel", [OLD, "smoke/test_smoke/TestSmoke.test_new.json"])
def test_the_control_an_unsealed_save_stopped_between_its_writes_is_refused(
    tree: Path, rel: str
) -> None:
    """Without its seal a cassette renamed before its index entry is refused: the stop point
    above does land between the two writes, and the check does look."""
    save_and_stop(tree, rel, "after-1", "exit", sealed="unsealed")
    checked = check(tree)
    assert checked.returncode == 1
    assert rel in checked.stderr


def test_a_hand_edited_sealed_cassette_is_refused(tree: Path) -> None:
    save_and_stop(tree, OLD, "never", "exit")
    cassette = tree / OLD
    cassette.write_text(cassette.read_text().replace('"code": 200', '"code": 201', 1))
    checked = check(tree)
    assert checked.returncode == 1 and "changed since it was recorded" in checked.stderr
