"""The reference sandbox under load, side by side with the Prism mock server.

    .venv/bin/python benchmarks/sandbox_load.py [--runs 3] [--duration 10] [--connections 16]

For create (POST /v1/checkout/sessions) and update (PATCH /v1/checkout/sessions/{id}) it runs
``wrk`` (Debian's package) on loopback against (a) our reference sandbox, which stores every
session and validates every rule, and (b) Prism (npm ``@stoplight/prism-cli``, pinned in
benchmarks/prism/package.json) mocking contracts/checkout-sessions.openapi.yaml. Reported:
requests per second and p50/p99 latency, median of ``--runs`` runs with the spread, and the
ratio ours / Prism. Non-2xx answers are counted: a benchmark of refusals would be meaningless.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Measure, save

from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

PRISM = ROOT / "benchmarks" / "prism" / "node_modules" / ".bin" / "prism"
CONTRACT = ROOT / "contracts" / "checkout-sessions.openapi.yaml"
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lua(method: str, path: str, body: dict[str, Any], headers: dict[str, str]) -> str:
    lines = [f'wrk.method = "{method}"', f"wrk.path = {json.dumps(path)}"]
    lines.append(f"wrk.body = {json.dumps(json.dumps(body))}")
    for name, value in {"Content-Type": "application/json", **headers}.items():
        lines.append(f'wrk.headers["{name}"] = {json.dumps(value)}')
    return "\n".join(lines) + "\n"


def run_wrk(url: str, script: str, duration: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", handle.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(handle.name).unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)\b", out).groups()  # type: ignore[union-attr]
        return float(value) * UNITS[unit]

    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return {
        "rps": rps,
        "p50": pct("50"),
        "p99": pct("99"),
        "non2xx": int(bad.group(1)) if bad else 0,
        "total": total,
    }


def measure(
    server: str, op: str, url: str, script: str, args: argparse.Namespace
) -> dict[str, Any]:
    rps, p50, p99 = Measure("rps", "req/s"), Measure("p50", "ms"), Measure("p99", "ms")
    non2xx = total = 0
    for _ in range(args.runs):
        result = run_wrk(url, script, args.duration, args.connections)
        rps.samples.append(result["rps"])
        p50.samples.append(result["p50"])
        p99.samples.append(result["p99"])
        non2xx += int(result["non2xx"])
        total += int(result["total"])
    print(
        f"{server:8} {op:7} {rps.cell(0)}  p50 {p50.cell()}  p99 {p99.cell()}  non-2xx {non2xx}/{total}"
    )
    return {
        "rps": rps.as_dict(),
        "p50": p50.as_dict(),
        "p99": p99.as_dict(),
        "non2xx": non2xx,
        "total": total,
    }


def bodies(account_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    create = {
        "account_id": account_id,
        "merchant_order_id": "bench-0001",
        "payment_description": "benchmark order",
        "country": "US",
        "amount": {"currency": "USD", "value": 100},
    }
    update = {**create, "payment_description": "benchmark order, updated"}
    del update["amount"]
    return create, update


def bench_ours(args: argparse.Namespace) -> dict[str, Any]:
    settings = SandboxSettings.generate()
    headers = {
        "public-api-key": settings.public_api_key,
        "private-secret-key": settings.private_secret_key,
    }
    create, update = bodies(settings.account_id)
    with SandboxProcess(settings) as sandbox:
        base = sandbox.base_url
        session = httpx.post(f"{base}/checkout/sessions", json=create, headers=headers).json()
        session_path = f"/v1/checkout/sessions/{session['checkout_session']}"
        return {
            "create": measure(
                "ours", "create", base, lua("POST", "/v1/checkout/sessions", create, headers), args
            ),
            "update": measure(
                "ours", "update", base, lua("PATCH", session_path, update, headers), args
            ),
        }


def bench_prism(args: argparse.Namespace) -> dict[str, Any]:
    if not PRISM.exists():
        raise SystemExit(
            "Prism is not installed: run `make bench` (it runs npm ci in benchmarks/prism)"
        )
    port = free_port()
    headers = {"public-api-key": "bench", "private-secret-key": "bench"}
    create, update = bodies("8ee8484b-e94a-4f8e-b423-22cd507402b1")
    process = subprocess.Popen(
        [str(PRISM), "mock", str(CONTRACT), "-p", str(port), "-h", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"  # Prism serves the paths without the server's /v1 prefix
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.post(f"{base}/checkout/sessions", json=create, headers=headers, timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("Prism did not start within 60 s") from None
                time.sleep(0.5)
        session_path = "/checkout/sessions/d313047b-4f96-44ef-bbad-caf1d7ba4c2b"
        return {
            "create": measure(
                "prism", "create", base, lua("POST", "/checkout/sessions", create, headers), args
            ),
            "update": measure(
                "prism", "update", base, lua("PATCH", session_path, update, headers), args
            ),
        }
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `make bench` (it installs Debian's wrk)")
    ours, prism = bench_ours(args), bench_prism(args)
    ratios = {
        op: ours[op]["rps"]["median"] / prism[op]["rps"]["median"] for op in ("create", "update")
    }
    for op, ratio in ratios.items():
        print(f"ours / Prism, {op}: {ratio:.2f}x")
    save(
        "sandbox_load",
        {
            "settings": vars(args),
            "ours": ours,
            "prism": prism,
            "ratio_rps": ratios,
            "prism_version": json.loads((ROOT / "benchmarks/prism/package.json").read_text())[
                "dependencies"
            ]["@stoplight/prism-cli"],
        },
    )


if __name__ == "__main__":
    main()
