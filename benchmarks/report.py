"""Put the benchmark sections of ``reports/bench/*.json`` together into ``docs/benchmarks.md``.

    .venv/bin/python benchmarks/report.py

Each target of the benchmarks issue is shown with the measured median and a verdict (met /
MISSED); a section that was not measured says so instead of showing a number.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, machine

DOC = ROOT / "docs" / "benchmarks.md"


def load(section: str) -> dict[str, Any] | None:
    path = RESULTS / f"{section}.json"
    return json.loads(path.read_text()) if path.exists() else None


def cell(m: dict[str, Any], digits: int = 2) -> str:
    return f"{m['median']:.{digits}f} {m['unit']} ({m['min']:.{digits}f}-{m['max']:.{digits}f})"


def verdict(ok: bool) -> str:
    return "met" if ok else "**MISSED**"


def versions() -> list[str]:
    out = []
    for name in (
        "pytest",
        "pytest-xdist",
        "schemathesis",
        "vcrpy",
        "httpx",
        "starlette",
        "uvicorn",
    ):
        try:
            from importlib.metadata import version

            out.append(f"{name} {version(name)}")
        except Exception:
            out.append(f"{name} ?")
    for command in (["wrk", "--version"], ["node", "--version"]):
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
            first = (done.stdout or done.stderr).strip().splitlines()[0]
            out.append(f"{command[0]} {first.split(' Copyright')[0]}")
        except (OSError, IndexError, subprocess.TimeoutExpired):
            out.append(f"{command[0]}: not installed")
    prism = ROOT / "benchmarks" / "prism" / "package.json"
    deps = json.loads(prism.read_text()).get("dependencies", {})
    out += [f"{k} {v}" for k, v in deps.items()]
    return out


TARGET_SCALING = 1.6  # replay serial / `-n 2` (issue 17)


def suite_section(data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return ["Not measured: run `.venv/bin/python benchmarks/suite_runs.py`.", ""]
    serial, parallel, live = data["replay_serial"], data["replay_parallel"], data["live_parallel"]
    per = parallel["median"] / max(1, data["interactions"]) * 1000
    return [
        f"{data['cassettes']} cassettes, {data['interactions']} interactions; "
        f"{data['runs']} repetitions each, median (min-max).",
        "",
        "| measure | result | target | verdict |",
        "|---|---|---|---|",
        f"| offline replay, serial | {cell(serial)} | | |",
        f"| offline replay, `-n 2` | {cell(parallel)} | ≤ 20 s | "
        f"{verdict(parallel['median'] <= 20)} |",
        f"| xdist scaling (serial / `-n 2`) | {data['scaling']:.2f}x | ≥ {TARGET_SCALING}x | "
        f"{verdict(data['scaling'] >= TARGET_SCALING)} |",
        *(
            [
                f"| the machine's ceiling: 2 busy loops at once vs 1 | "
                f"{cell(data['cpu_ceiling'])} | (2.0 on two free cores) | |"
            ]
            if "cpu_ceiling" in data
            else []
        ),
        f"| replay per cassette interaction, `-n 2` | {per:.2f} ms | | |",
        f"| live run vs reference sandbox, `-n 2` | {cell(live)} | ≤ 60 s | "
        f"{verdict(live['median'] <= 60)} |",
        "",
    ]


def timeline_section(data: dict[str, Any] | None, ceiling: float | None = None) -> list[str]:
    if data is None:
        return ["Not measured: run `.venv/bin/python benchmarks/xdist_timeline.py`.", ""]
    lines = [
        "Seconds from launching pytest (the median of "
        f"{data['runs']} runs each): when the first test starts (start-up: imports, the "
        "collection of every test; under xdist the controller "
        "starts first, then each worker imports and collects again), when each process ran its "
        "last test, and the wall time.",
        "",
        "| run | process | tests | first test at | last test done at | wall |",
        "|---|---|---|---|---|---|",
    ]
    for label in ("serial", "parallel"):
        run = data[label]["median_run"]
        for name, process in sorted(run["processes"].items()):
            if label == "parallel" and name == "main":
                continue  # the controller only relays the workers' reports
            lines.append(
                f"| {label} | {name} | {process['tests']} | {process['first_test_at']:.1f} "
                f"| {process['last_test_done_at']:.1f} | {run['wall']:.1f} |"
            )
    return [*lines, "", *scaling_bound(data, ceiling), ""]


def scaling_bound(data: dict[str, Any], ceiling: float | None) -> list[str]:
    """The most ``-n 2`` can give this workload: the serial tests' time split perfectly over two
    workers running at the machine's ceiling, after the parallel run's own start-up and before
    its own tail (both measured above)."""
    serial = data["serial"]["median_run"]
    main = serial["processes"]["main"]
    tests = main["last_test_done_at"] - main["first_test_at"]
    workers = [p for n, p in data["parallel"]["median_run"]["processes"].items() if n != "main"]
    if not workers:
        return []
    start = min(p["first_test_at"] for p in workers)
    tail = data["parallel"]["median_run"]["wall"] - max(p["last_test_done_at"] for p in workers)
    busy = sum(p["last_test_done_at"] - p["first_test_at"] for p in workers)
    lines = [
        f"Serially the tests take {tests:.1f} s after a start-up of {main['first_test_at']:.1f} s; "
        f"under `-n 2` the first test starts at {start:.1f} s and the two workers are busy "
        f"{busy:.1f} s together ({busy - tests:+.1f} s beside the serial tests: what each worker "
        "imports for the tests it runs, and xdist's own work).",
        "",
        "| the most `-n 2` can give this workload (serial wall / (parallel start-up + serial "
        "tests split in two + parallel tail)) | at the machine's ceiling | on two free cores |",
        "|---|---|---|",
    ]
    best, needed = [], []
    fixed_serial = serial["wall"] - tests
    for speed in (ceiling, 2.0):
        if speed is None:
            best.append("not measured")
            needed.append("not measured")
            continue
        wall = start + tests / speed + tail
        best.append(f"{serial['wall'] / wall:.2f}x ({wall:.1f} s)")
        # serial / parallel >= 1.6  <=>  tests * (1 - 1.6 / speed) >= 1.6 (start + tail) - fixed
        gain = 1 - TARGET_SCALING / speed
        least = (TARGET_SCALING * (start + tail) - fixed_serial) / gain if gain > 0 else None
        needed.append(f"{least:.0f} s" if least is not None else "never")
    lines.append(f"| bound | {best[0]} | {best[1]} |")
    lines.append(
        f"| serial test time the {TARGET_SCALING}x target needs with these start-ups | "
        f"{needed[0]} | {needed[1]} |"
    )
    return lines


def _ceiling(suite: dict[str, Any] | None) -> float | None:
    """The median two-loop ceiling ``suite_runs.py`` measured, if it did."""
    return suite["cpu_ceiling"]["median"] if suite and "cpu_ceiling" in suite else None


def load_section(data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return ["Not measured: run `.venv/bin/python benchmarks/sandbox_load.py`.", ""]
    settings = data["settings"]
    lines = [
        f"wrk, {settings['connections']} connections, {settings['duration']} s per run, "
        f"{settings['runs']} runs each; median (min-max). Prism {data['prism_version']} serves "
        "`contracts/checkout-sessions.openapi.yaml` as a mock.",
        "",
        "| server | operation | requests/s | p50 | p99 | non-2xx / total |",
        "|---|---|---|---|---|---|",
    ]
    for server in ("ours", "prism"):
        for op, row in data[server].items():
            lines.append(
                f"| {server} | {op} | {cell(row['rps'], 0)} | {cell(row['p50'])} "
                f"| {cell(row['p99'])} | {row['non2xx']} / {row['total']} |"
            )
    lines.append("")
    for op, ratio in data["ratio_rps"].items():
        lines.append(
            f"- {op}: ours / Prism = **{ratio:.2f}x** (target ≥ 1: {verdict(ratio >= 1)}); "
            "ours is stateful (sessions stored, PATCH merges), Prism answers from examples."
        )
    return [*lines, ""]


def fuzz_section(data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return ["Not measured: run `.venv/bin/python benchmarks/fuzz_throughput.py`.", ""]
    suite, st = data["suite"], data["st_cli"]
    lines = [
        f"The fuzz suite (`pytest suites/fuzz --target local`, serial: create, update and the "
        f"stateful sequences, every check, each request recorded by vcrpy) beside the same budget "
        f"through Schemathesis' own command line (`st run`, coverage + fuzzing + stateful phases, "
        f"no project checks, no recording), {data['examples_per_test']} examples per test, "
        f"{data['runs']} runs each; wall time includes start-up.",
        "",
        "| tool | requests per run | seconds per run | requests/s (median) | 5xx |",
        "|---|---|---|---|---|",
        f"| fuzz suite | {', '.join(map(str, suite['requests_per_run']))} "
        f"| {', '.join(map(str, suite['seconds']))} | {suite['requests_per_second_median']} "
        f"| {suite['server_errors']} |",
        f"| `st run` | {', '.join(map(str, st['requests_per_run']))} "
        f"| {', '.join(map(str, st['seconds']))} | {st['requests_per_second_median']} | |",
    ]
    nightly = data.get("nightly")
    if nightly:
        lines += [
            "",
            f"At the nightly budget ({nightly['examples_per_test']} examples per test) the fuzz "
            f"suite sent {nightly['requests']} requests in {nightly['seconds']} s "
            f"({nightly['requests_per_second']} requests/s), {nightly['server_errors']} answered "
            f"5xx (target: ≥ 2,000 requests, no 5xx: "
            f"{verdict(nightly['requests'] >= 2000 and nightly['server_errors'] == 0)}).",
        ]
    return [*lines, ""]


def profile_section(data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return ["Not measured: run `.venv/bin/python benchmarks/profile_run.py`.", ""]
    return [
        f"`{data['command']}` under pyinstrument (full text: `reports/bench/profile.txt`):",
        "",
        "```",
        *data["header"],
        *data["top"],
        "```",
        "",
    ]


def live_faults_section(data: dict[str, Any] | None) -> list[str]:
    from live_faults import HEADING, section

    if data is None:
        return [HEADING, "", "Not measured: run `benchmarks/live_faults.py`.", ""]
    return section(data["rows"])


def shared_rate_section(data: dict[str, Any] | None) -> list[str]:
    from shared_rate import HEADING, section

    if data is None:
        return [HEADING, "", "Not measured: run `benchmarks/shared_rate.py`.", ""]
    return section(data)


def live_latency_section(data: dict[str, Any] | None) -> list[str]:
    heading = "## Live runs against a sandbox 150 ms away (`-n 1, 2, 4, 8`)"
    if data is None:
        return [heading, "", "Not measured: run `benchmarks/live_latency.py`.", ""]
    rows = data["by_workers"]
    base = rows["1"]["median"]
    lines = [
        heading,
        "",
        f"Every suite (`{data['suites']}`) against the reference sandbox with "
        f"`--sandbox-latency {data['latency']}` (each answer waits that long, concurrently), "
        f"`YUNO_MAX_RPS` {data['max_rps'] or 'unset (no client-side limit for local targets)'}; "
        f"measured {data['machine']['date']} by `benchmarks/live_latency.py`.",
        "",
        "| workers | wall time | speed-up | ideal | CPU seconds (pytest processes and sandbox) "
        "| of the cores' time |",
        "|---|---|---|---|---|---|",
    ]
    cpu, cores = data.get("cpu_seconds", {}), data.get("cores", 0)
    for workers, m in sorted(rows.items(), key=lambda kv: int(kv[0])):
        used = cpu.get(workers)
        share = f"{used / (cores * m['median']):.0%} of {cores}" if used and cores else "n/a"
        lines.append(
            f"| {workers} | {cell(m, 1)} | {base / m['median']:.2f}x | {workers}x "
            f"| {f'{used:.1f} s' if used else 'not measured'} | {share} |"
        )
    return [*lines, ""]


def main() -> None:
    host = machine()
    commands = [
        "make bench    # runs every script below, then this report",
        ".venv/bin/python benchmarks/suite_runs.py --runs 3",
        ".venv/bin/python benchmarks/xdist_timeline.py --runs 3",
        ".venv/bin/python benchmarks/sandbox_load.py --runs 3 --duration 10",
        ".venv/bin/python benchmarks/fuzz_throughput.py",
        ".venv/bin/python benchmarks/profile_run.py",
        ".venv/bin/python benchmarks/live_faults.py   # its section is written in place",
        ".venv/bin/python benchmarks/live_latency.py  # every suite at 150 ms latency, -n 1,2,4,8",
        ".venv/bin/python benchmarks/shared_rate.py   # -n 8 at YUNO_MAX_RPS=10: shared vs split",
        ".venv/bin/python benchmarks/report.py",
    ]
    lines = [
        "# Benchmarks",
        "",
        "Measured by the scripts in `benchmarks/` (never by timed tests), several repetitions "
        "each, median and spread (min-max). Written by `benchmarks/report.py`; rerun with "
        "`make bench` whenever the suites grow.",
        "",
        f"Machine: {host['cpus']} x {host['cpu']}; Python {host['python']}; {host['platform']}; "
        f"report written {host['date']}.",
        "",
        "Versions: " + ", ".join(versions()) + ".",
        "",
        "```",
        *commands,
        "```",
        "",
        "## Suite runs: offline replay and live run",
        "",
        *suite_section(load("suite_runs")),
        "### Where a `-n 2` replay spends its time",
        "",
        *timeline_section(load("xdist_timeline"), _ceiling(load("suite_runs"))),
        "## Reference sandbox under load, beside the Prism mock",
        "",
        *load_section(load("sandbox_load")),
        "## Fuzzing",
        "",
        *fuzz_section(load("fuzz")),
        "## Profile of the slowest part",
        "",
        *profile_section(load("profile")),
        *live_faults_section(load("live_faults")),
        *live_latency_section(load("live_latency")),
        *shared_rate_section(load("shared_rate")),
    ]
    notes = ROOT / "docs" / "benchmarks-notes.md"
    if notes.exists():
        lines += [notes.read_text().rstrip(), ""]
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text("\n".join(lines))
    print(f"written: {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
