"""Fuzz throughput: requests per second of the fuzz suite against the reference sandbox, and of
the same budget through the Schemathesis command line (``st run``) alone, for comparison.

    .venv/bin/python benchmarks/fuzz_throughput.py [--examples 8] [--runs 3]

The suite's count comes from its own tally (``fuzz_requests`` in the JUnit XML); ``st``'s from
the HAR file it writes. Both fuzz create and update of the positive view (``st``: the positive
view with the sandbox's account id, ``--mode all``, coverage + fuzzing + stateful phases).
Wall time includes start-up and collection. Written to reports/bench/fuzz.json for report.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, VENV_BIN, save

from yuno_contracts.fuzz.views import positive_view
from yuno_contracts.sandbox import SandboxProcess, SandboxSettings


def suite_run(examples: int, workdir: Path) -> tuple[float, int, int]:
    """Seconds, requests and 5xx answers of one fuzz suite run against the local sandbox."""
    junit = workdir / "fuzz.xml"
    command = [
        str(VENV_BIN / "pytest"), "suites/fuzz", "--target", "local", "-q", "-p", "no:xdist",
        "--reports-dir", str(workdir), f"--junitxml={junit}",
    ]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "FUZZ_EXAMPLES": str(examples)},
        capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"fuzz suite failed:\n{(result.stdout + result.stderr)[-3000:]}")
    requests = server_errors = 0
    for prop in ET.parse(junit).iter("property"):
        if prop.get("name") == "fuzz_requests":
            requests += int(prop.get("value", "0"))
        elif prop.get("name") == "fuzz_statuses":
            statuses = json.loads(prop.get("value", "{}"))
            server_errors += sum(n for code, n in statuses.items() if int(code) >= 500)
    return elapsed, requests, server_errors


def st_run(examples: int, workdir: Path) -> tuple[float, int]:
    """Seconds and requests of ``st run`` with the same budget against a fresh sandbox."""
    settings = SandboxSettings.generate()
    with SandboxProcess(settings) as sandbox:
        spec = workdir / "positive.yaml"
        spec.write_text(yaml.safe_dump(positive_view(settings.account_id)))
        har = workdir / "st.har"
        command = [
            str(VENV_BIN / "st"), "run", str(spec), "--url", sandbox.base_url,
            "-H", f"public-api-key:{settings.public_api_key}",
            "-H", f"private-secret-key:{settings.private_secret_key}",
            "--include-operation-id", "createCheckoutSession",
            "--include-operation-id", "updateCheckoutSession",
            "--include-operation-id", "retrieveCheckoutSession",
            "--phases", "coverage,fuzzing,stateful", "--max-examples", str(examples),
            "--generation-deterministic", "--report", "har", "--report-har-path", str(har),
            "--no-color",
        ]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, cwd=workdir, capture_output=True, text=True)  # failures: counted
        elapsed = time.perf_counter() - start
    entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
    return elapsed, len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=8, help="examples per fuzz test")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (median reported)")
    parser.add_argument(
        "--nightly-examples", type=int, default=150, help="one more suite run at this budget"
    )
    args = parser.parse_args()
    suite, st = [], []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for _ in range(args.runs):
            suite.append(suite_run(args.examples, workdir))
            st.append(st_run(args.examples, workdir))
        nightly = suite_run(args.nightly_examples, workdir) if args.nightly_examples else None
    rate = [requests / seconds for seconds, requests, _ in suite]
    st_rate = [requests / seconds for seconds, requests in st if requests]
    data = {
        "examples_per_test": args.examples,
        "runs": args.runs,
        "suite": {
            "requests_per_run": [r for _, r, _ in suite],
            "seconds": [round(s, 2) for s, _, _ in suite],
            "requests_per_second_median": round(statistics.median(rate), 1),
            "server_errors": sum(e for *_, e in suite),
        },
        "st_cli": {
            "requests_per_run": [r for _, r in st],
            "seconds": [round(s, 2) for s, _ in st],
            "requests_per_second_median": round(statistics.median(st_rate), 1) if st_rate else None,
        },
    }
    if nightly is not None:
        seconds, requests, server_errors = nightly
        data["nightly"] = {
            "examples_per_test": args.nightly_examples,
            "seconds": round(seconds, 2),
            "requests": requests,
            "requests_per_second": round(requests / seconds, 1),
            "server_errors": server_errors,
        }
    print(json.dumps(data, indent=2))
    save("fuzz", data)


if __name__ == "__main__":
    main()
