"""A profile of the slowest part: the live run of the suites against the reference sandbox.

    .venv/bin/python benchmarks/profile_run.py [--suite suites]

pyinstrument samples the pytest process (serial, so one process holds the whole story) while it
runs the suites against the reference sandbox; the sandbox runs in its own process, so time the
suites spend waiting on it shows up as socket reads. The text profile goes to
``reports/bench/profile.txt``, the top frames to ``reports/bench/profile.json`` for the report.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, VENV_BIN, save


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="suites")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    text_path = RESULTS / "profile.txt"
    with tempfile.TemporaryDirectory() as reports:
        command = [
            str(VENV_BIN / "pyinstrument"), "--no-color", "--outfile", str(text_path),
            "-m", "pytest", args.suite, "--target", "local", "-p", "no:xdist", "-q",
            "--reports-dir", reports,
        ]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if not text_path.exists():
        raise SystemExit(f"pyinstrument wrote no profile (exit {done.returncode}):\n{done.stderr}")
    lines = text_path.read_text().splitlines()
    is_frame = [bool(re.match(r"^[\s│├└─]*\d+\.\d+ ", line)) for line in lines]
    first = is_frame.index(True) if True in is_frame else len(lines)
    header = [line for line in lines[:first] if line.strip()]
    frames = [line for line, frame in zip(lines, is_frame, strict=True) if frame][:40]
    shown = f"pyinstrument -m pytest {args.suite} --target local -p no:xdist -q"
    save("profile", {"command": shown, "header": header, "top": frames})
    print("\n".join(lines[:60]))


if __name__ == "__main__":
    main()
