"""One rate budget for the whole run, beside the split budget it replaced: every suite at ``-n 8``
with ``YUNO_MAX_RPS=10`` against the reference sandbox 150 ms away (``--latency 150ms``, served
on loopback as a URL target, so the client-side limit applies), once with this checkout's shared
budget and once with the split budget of ``--baseline`` (default 6cb41e4, the last revision that
split ``YUNO_MAX_RPS`` evenly over the workers; its tree is exported with ``git archive`` and run
with the same virtual environment). Writes reports/bench/shared_rate.json and the section
"One rate budget for the whole run" of docs/benchmarks.md.

    .venv/bin/python benchmarks/shared_rate.py [--runs 1] [--workers 8] [--max-rps 10]

Per run: the wall time, the requests sent, the run-wide peak (the most requests sent within any
one second, from every worker's send times: ``results.json`` ``transport.peak_rps``), the mean
rate (requests / wall time, start-up included; and, where the run reports it, from its first
send to its last) and the seconds spent waiting (every worker's, summed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, save

from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## One rate budget for the whole run (`-n 8`, `YUNO_MAX_RPS=10`, 150 ms away)"


def run(tree: Path, sandbox: SandboxProcess, workers: int, max_rps: str, src: Path) -> dict:
    """One run of every suite from ``tree`` with the package of ``src``: its figures."""
    settings = sandbox.settings
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "YUNO_MAX_RPS": max_rps,
        **settings.client_env(),
        "FUZZ_EXAMPLES": "8",
    }
    with tempfile.TemporaryDirectory() as reports:
        command = [
            sys.executable, "-m", "pytest", "suites", "-q", "--target", sandbox.base_url,
            "-n", str(workers), "--dist", "worksteal", "--reports-dir", reports,
            "-p", "no:randomly",
        ]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        results = json.loads((Path(reports) / "results.json").read_text())
    line = next((x for x in done.stdout.splitlines() if x.startswith("transport:")), "")
    outcomes: dict[str, int] = {}
    for entry in results["tests"].values():
        outcomes[entry["outcome"]] = outcomes.get(entry["outcome"], 0) + 1
    transport = results.get("transport", {})
    return {
        "wall": wall,
        "exit": done.returncode,
        "transport": transport,
        "mean_over_wall": transport.get("requests", 0) / wall,
        "line": line,
        "outcomes": outcomes,
    }


def export(revision: str, into: Path) -> Path:
    """The tree of ``revision`` (``git archive``) in ``into``."""
    archive = into / "tree.tar"
    subprocess.run(
        ["git", "archive", "--format=tar", "-o", str(archive), revision], cwd=ROOT, check=True
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--max-rps", default="10")
    parser.add_argument("--latency", default="150ms")
    parser.add_argument("--baseline", default="6cb41e4")
    args = parser.parse_args()
    settings = SandboxSettings.generate().with_changes(latency=args.latency)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch, SandboxProcess(settings) as sandbox:
        baseline = export(args.baseline, Path(scratch))
        for name, tree in (
            ("shared budget (this checkout)", ROOT),
            (f"split budget ({args.baseline})", baseline),
        ):
            for _ in range(args.runs):
                figures = run(tree, sandbox, args.workers, args.max_rps, tree / "src")
                rows.append({"name": name, **figures})
                print(f"{name}: {figures['wall']:.0f} s; {figures['line']}", flush=True)
    data = {
        "rows": rows,
        "workers": args.workers,
        "max_rps": args.max_rps,
        "latency": args.latency,
        "machine": machine(),
    }
    save("shared_rate", data)
    write_section(data)


def section(data: dict[str, Any]) -> list[str]:
    lines = [
        HEADING,
        "",
        f"Every suite (fuzz at its default budget of 8) at `-n {data['workers']}` with "
        f"`YUNO_MAX_RPS={data['max_rps']}` against the reference sandbox answering "
        f"{data['latency']} late, served on loopback as a URL target (the client-side limit "
        "applies), measured by `.venv/bin/python benchmarks/shared_rate.py`: this checkout's one "
        "budget for the run beside the split budget it replaced (each worker "
        f"`{data['max_rps']}/{data['workers']}` a second). The machine (2 cores) was shared with "
        f"other work while measuring: read the wall times as an order of magnitude. "
        f"{data['machine']['date']}.",
        "",
        "| budget | wall time | exit | requests | run-wide peak | mean (requests / wall) "
        "| mean (first to last send) | waiting (all workers) | outcomes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["rows"]:
        t = row["transport"]
        span = f"{t['mean_rps']:.1f}/s" if "mean_rps" in t else "not reported"
        outcomes = ", ".join(f"{n} {k}" for k, n in sorted(row["outcomes"].items()))
        lines.append(
            f"| {row['name']} | {row['wall']:.0f} s | {row['exit']} | {t.get('requests')} "
            f"| {t.get('peak_rps')} in 1 s | {row['mean_over_wall']:.1f}/s | {span} "
            f"| {t.get('waited_seconds')} s | {outcomes} |"
        )
    lines += ["", "The runs' own `transport:` lines:", "", "```"]
    lines += [row["line"] for row in data["rows"]]
    return [*lines, "```", ""]


def write_section(data: dict[str, Any]) -> None:
    text = DOC.read_text() if DOC.exists() else ""
    new = "\n".join(section(data))
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: new + "\n", text)
    else:
        marker = "## Reading these numbers"
        text = text.replace(marker, new + "\n" + marker) if marker in text else text + "\n" + new
    DOC.write_text(text)
    print(f"written: {DOC.relative_to(ROOT)} ({HEADING})")


if __name__ == "__main__":
    main()
