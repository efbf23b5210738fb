"""A fresh wheel in a new virtual environment outside the clone runs the suites green,
installed as the README tells partners: the dependencies from ``pylock.toml``, then the wheel.

The contract files and the suites travel in the wheel (``yuno_contracts/_bundle``); the run
happens in an empty folder, which receives the reports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from yuno_contracts.catalogue.resources import bundle_root

CHECKOUT = bundle_root()
pytestmark = pytest.mark.timeout(600)


def uv() -> str:
    found = CHECKOUT / ".tools" / "bin" / "uv"
    if found.is_file():
        return str(found)
    on_path = shutil.which("uv")
    if on_path is None:
        pytest.skip("uv is not installed (make setup installs it under .tools/)")
    return on_path


def test_the_installed_command_runs_the_suites_from_any_folder(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("YUNO_", "PYTEST_XDIST", "VIRTUAL_ENV", "UV_PROJECT"))
    }
    dist = tmp_path / "dist"
    subprocess.run(
        [uv(), "build", "--wheel", "-q", "-o", str(dist), str(CHECKOUT)],
        check=True, env=env, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = dist.glob("yuno_contracts-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([uv(), "venv", "-q", "--python", sys.executable, str(venv)], check=True, env=env)
    python = str(venv / "bin" / "python")
    # the README's partner install: the locked dependencies (pylock.toml), then the wheel alone
    for what in (["-r", str(CHECKOUT / "pylock.toml")], ["--no-deps", str(wheel)]):
        subprocess.run(
            [uv(), "pip", "install", "-q", "--python", python, *what],
            check=True, env=env, capture_output=True, timeout=300,
        )  # fmt: skip
    installed = subprocess.run(
        [python, "-c", "import hypothesis, schemathesis; print(hypothesis.__version__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    locked = next(p for p in tomllib.loads((CHECKOUT / "uv.lock").read_text())["package"]
                  if p["name"] == "hypothesis")  # fmt: skip
    assert installed == locked["version"]  # fuzz generation matches the cassettes
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    done = subprocess.run(
        [str(venv / "bin" / "yuno-contracts"), "run", "--target", "local", "-q", "-n", "2"],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=400,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    results = json.loads((workdir / "reports" / "results.json").read_text(encoding="utf-8"))
    outcomes = {entry["outcome"] for entry in results["tests"].values()}
    assert outcomes <= {"passed", "skipped"} and len(results["tests"]) > 300
    site = next((venv / "lib").glob("python*/site-packages/yuno_contracts/_bundle"))
    assert not (site / ".pytest_cache").exists(), "the run wrote into the installed package"
