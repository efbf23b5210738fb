"""Wall time of ``make live`` against the reference sandbox: direct, through the fault proxy at
20 % faults (429 / 503 / dropped before and after forwarding / 2 s delays), and with
``YUNO_MAX_RPS=20``. Writes reports/bench/live_faults.json and the section "Live runs through
faults" of docs/benchmarks.md.

    .venv/bin/python benchmarks/live_faults.py [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time

from common import ROOT, Measure, machine, save

from yuno_contracts.sandbox import SandboxProcess, SandboxSettings

FAULTPROXY = ROOT / "tests" / "apps" / "faultproxy.py"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Live runs through faults"


def make_live(base_url: str, settings: SandboxSettings, **extra: str) -> tuple[float, int, dict]:
    env = {
        **os.environ,
        "YUNO_BASE_URL": base_url,
        **settings.client_env(),
        **extra,
    }
    start = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", "live"], cwd=ROOT, env=env,
                          capture_output=True, text=True)  # fmt: skip
    elapsed = time.perf_counter() - start
    found = re.search(r"live: exit (\d)", done.stdout)
    transport = json.loads((ROOT / "reports" / "results.json").read_text()).get("transport", {})
    return elapsed, int(found.group(1)) if found else done.returncode, transport


class Proxy:
    def __init__(self, upstream: str) -> None:
        origin = upstream.rsplit("/v1", 1)[0]
        command = [sys.executable, str(FAULTPROXY), "--upstream", origin, "--rate", "0.2"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().split(" on ", 1)[1].strip() + "/v1"

    def stop(self) -> str:
        self.process.terminate()
        return self.process.communicate(timeout=20)[0].strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    runs = parser.parse_args().runs
    rows: list[dict] = []
    with SandboxProcess(SandboxSettings.generate()) as sandbox:
        for name, extra, faulty in (
            ("direct", {}, False),
            ("through the fault proxy, 20 % faults", {}, True),
            ("direct, YUNO_MAX_RPS=20", {"YUNO_MAX_RPS": "20"}, False),
        ):
            measure, codes, transport, injected = Measure(name, "s"), [], {}, ""
            for _ in range(runs):
                proxy = Proxy(sandbox.base_url) if faulty else None
                try:
                    url = proxy.base_url if proxy else sandbox.base_url
                    seconds, code, transport = make_live(url, sandbox.settings, **extra)
                finally:
                    injected = proxy.stop() if proxy else ""
                measure.samples.append(seconds)
                codes.append(code)
            rows.append({**measure.as_dict(), "exit": codes, "transport": transport,
                         "injected": injected})  # fmt: skip
    save("live_faults", {"rows": rows})
    write_section(rows)


def section(rows: list[dict]) -> list[str]:
    host = machine()
    lines = [
        HEADING,
        "",
        "`make live` (every suite, fuzz at the default budget of 8, `-n 2`) against the "
        "reference sandbox on loopback (`make serve`-like, one process for all runs), measured by "
        "`.venv/bin/python benchmarks/live_faults.py`. The machine (2 cores) was shared with "
        f"other work while measuring: read the numbers as an order of magnitude. {host['date']}.",
        "",
        "| run | wall time | exit | requests | retried | broken | waiting | peak rate |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        t = row["transport"]
        limit = f" (limit {t['max_rps']:g}/s)" if t.get("max_rps") else ""
        lines.append(
            f"| {row['name']} | {row['median']:.0f} s ({row['min']:.0f}-{row['max']:.0f}) | "
            f"{', '.join(map(str, row['exit']))} | {t.get('requests')} | {t.get('retried')} | "
            f"{t.get('broken')} | {t.get('waited_seconds')} s | {t.get('peak_rps')}/s{limit} |"
        )
    injected = next((r["injected"] for r in rows if r["injected"]), "")
    lines += ["", f"The proxy's own count for the faulty run: {injected}.", ""]
    return lines


def write_section(rows: list[dict]) -> None:
    text = DOC.read_text() if DOC.exists() else ""
    new = "\n".join(section(rows))
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
