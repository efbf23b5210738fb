"""The suites accept every documented reading: run them once per reading of the sandbox.

Where Yuno's documents disagree (contracts/ambiguities.yaml), the reference sandbox follows one
reading per ambiguity, chosen by a setting (``yuno_contracts.sandbox.readings``). A faithful
target may follow any of them, so the suites must pass under each, and the probe of that
ambiguity must record the reading the sandbox was told to follow. This runs the suites against
the reference sandbox once with the default readings and once per other reading (one setting
changed at a time), ``--jobs`` runs at a time, and reports a row per run::

    yuno-contracts readings                                  # every suite, fuzz included
    yuno-contracts readings --suite suites/probes --reading workflow=guide

A row is ``passed`` when every test passed, readings.json names the expected reading of every
ambiguity and no generated fuzz request was answered 5xx; otherwise ``FAILED`` with the failing
tests or the reading recorded instead. The fuzz budget is ``FUZZ_EXAMPLES`` (inherited by every
run): ``FUZZ_EXAMPLES=nightly make readings`` is the nightly-budget check of the fuzz suite
under every reading, with its request and 5xx counts.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from yuno_contracts.catalogue.clauses import load_ambiguities
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.core.files import atomic_write
from yuno_contracts.reports.tables import markdown_table
from yuno_contracts.runs.child import suite_paths
from yuno_contracts.runs.suite_run import SuiteRun, run_suites
from yuno_contracts.sandbox.readings import AMBIGUITY_IDS, PRESETS, Readings

__all__ = ["ReadingRun", "every_reading", "render_markdown", "run_readings", "write_reports"]

SHOWN = 4


@dataclass
class ReadingRun:
    """The suites against the sandbox with one setting changed (None: every default)."""

    setting: str | None
    reading: str | None
    run: SuiteRun = field(default_factory=SuiteRun)
    expected: dict[str, str] = field(default_factory=dict)
    """Ambiguity → the reading the sandbox was set to follow (every setting)."""
    required: set[str] = field(default_factory=set)
    """Ambiguities whose probe ran, so readings.json must name them."""
    recorded: dict[str, str] = field(default_factory=dict)
    """What the run's readings.json says."""

    @property
    def label(self) -> str:
        return f"{self.setting}={self.reading}" if self.setting else "defaults"

    @property
    def mismatches(self) -> dict[str, str]:
        """Ambiguity → 'expected X, recorded Y' for every probe that named another reading."""
        return {
            ambiguity: f"expected {want}, recorded {self.recorded.get(ambiguity, 'nothing')}"
            for ambiguity, want in self.expected.items()
            if (ambiguity in self.recorded or ambiguity in self.required)
            and self.recorded.get(ambiguity) != want
        }

    @property
    def verdict(self) -> str:
        if self.run.problem or self.run.errored:
            return "broken"
        broken = self.run.failed or self.mismatches or self.run.fuzz_server_errors
        return "FAILED" if broken else "passed"


def every_reading() -> list[tuple[str, str]]:
    """(setting, reading) for every non-default reading of every sandbox setting, then the two
    combined settings: ``preset=lenient`` (each request-side ambiguity at the reading that
    accepts most) and ``preset=strict`` (the reading that refuses most)."""
    return [
        *(
            (setting, reading)
            for setting, readings in Readings.choices().items()
            for reading in readings[1:]
        ),
        *(("preset", name) for name in PRESETS),
    ]


def _ambiguity(setting: str | None) -> str:
    if setting is None:
        return "(all defaults)"
    return "(every request-side ambiguity)" if setting == "preset" else AMBIGUITY_IDS[setting]


def _parse(pairs: Sequence[str]) -> list[tuple[str, str]]:
    chosen = []
    for pair in pairs:
        try:
            Readings.from_pairs([pair])
        except ValueError as exc:
            raise HarnessError(str(exc)) from None
        setting, _, reading = pair.partition("=")
        chosen.append((setting.strip(), reading.strip()))
    return chosen


def _expected(readings: Readings) -> dict[str, str]:
    return {AMBIGUITY_IDS[setting]: reading for setting, reading in readings.to_dict().items()}


def _one(
    setting: str | None, reading: str | None, suites: Sequence[str], workdir: Path, probed: set[str]
) -> ReadingRun:
    pairs = [f"{setting}={reading}"] if setting else []
    readings = Readings.from_pairs(pairs)
    options = [arg for pair in pairs for arg in ("--sandbox-reading", pair)]
    name = f"{setting}-{reading}" if setting else "defaults"
    done = run_suites(suites, options, workdir, name)
    recorded: dict[str, str] = {}
    if done.reports_dir is not None and (done.reports_dir / "readings.json").exists():
        recorded = json.loads((done.reports_dir / "readings.json").read_text(encoding="utf-8"))
    return ReadingRun(setting, reading, done, _expected(readings), probed, recorded)


def run_readings(
    pairs: Sequence[str] = (), suites: Sequence[str] = ("suites",), *, jobs: int = 2
) -> list[ReadingRun]:
    """The defaults first, then one run per reading (every non-default one when none given)."""
    chosen = _parse(pairs) if pairs else every_reading()
    suite_paths(suites)  # one line naming a suite that is not there
    # every probe runs when the whole of suites/ or suites/probes/ does: each must record
    probes_run = any(Path(p).parts in (("suites",), ("suites", "probes")) for p in suites)
    probed = {a.id for a in load_ambiguities().values() if a.probe} if probes_run else set()
    with (
        tempfile.TemporaryDirectory(prefix="yuno-readings-") as tmp,
        ThreadPoolExecutor(max_workers=max(1, jobs)) as pool,
    ):
        futures = [
            pool.submit(_one, setting, reading, suites, Path(tmp), probed)
            for setting, reading in [(None, None), *chosen]
        ]
        return [future.result() for future in futures]


def _detail(run: ReadingRun) -> str:
    if run.run.problem:
        return run.run.problem
    ids = [nodeid.split("::", 1)[-1] for nodeid in (run.run.failed or run.run.errored)]
    parts = [f"`{i}`" for i in ids[:SHOWN]]
    if len(ids) > SHOWN:
        parts.append(f"… +{len(ids) - SHOWN} more")
    parts += [f"{ambiguity}: {text}" for ambiguity, text in run.mismatches.items()]
    if parts:
        return ", ".join(parts)
    c = run.run.counts
    recorded = run.recorded.get(_ambiguity(run.setting), "") if run.setting else ""
    probe = f"; probe recorded {recorded}" if recorded else ""
    return f"{c.get('passed', 0)} passed, {c.get('skipped', 0)} skipped{probe}"


def render_markdown(runs: Sequence[ReadingRun], suites: Sequence[str]) -> str:
    passed = sum(1 for r in runs if r.verdict == "passed")
    requests = sum(r.run.fuzz_requests for r in runs)
    server_errors = sum(r.run.fuzz_server_errors for r in runs)
    lines = [
        "# Reading matrix: the suites under every documented reading of the reference sandbox",
        "",
        f"Suites: {', '.join(suites)}. Passed under {passed} of {len(runs)} settings.",
        "",
        f"Fuzz budget: {os.environ.get('FUZZ_EXAMPLES') or 'default'} examples per fuzz test; "
        f"{requests} generated requests in all, {server_errors} answered 5xx.",
        "",
    ]
    headers = ("setting", "ambiguity", "verdict", "detail", "fuzz requests", "fuzz 5xx", "s")
    rows = [
        (
            run.label,
            _ambiguity(run.setting),
            run.verdict,
            _detail(run),
            run.run.fuzz_requests,
            run.run.fuzz_server_errors,
            f"{run.run.seconds:.1f}",
        )
        for run in runs
    ]
    lines += markdown_table(headers, rows)
    return "\n".join(lines) + "\n"


def write_reports(runs: Sequence[ReadingRun], suites: Sequence[str], reports_dir: Path) -> str:
    """Write readings-matrix.md and readings-matrix.json under ``reports_dir``."""
    markdown = render_markdown(runs, suites)
    atomic_write(reports_dir / "readings-matrix.md", markdown)
    payload = {
        "suites": list(suites),
        "runs": [
            {
                "setting": r.setting,
                "reading": r.reading,
                "verdict": r.verdict,
                "expected": r.expected,
                "required": sorted(r.required),
                "recorded": r.recorded,
                "fuzz_requests": r.run.fuzz_requests,
                "fuzz_server_errors": r.run.fuzz_server_errors,
                "run": asdict(r.run) | {"reports_dir": None},
            }
            for r in runs
        ],
    }
    atomic_write(reports_dir / "readings-matrix.json", json.dumps(payload, indent=2) + "\n")
    return markdown
