"""The installed command stands alone (issue 22, point 6): ``--version``, help text for every
option, a typo is one line naming the nearest option with exit 2, one name for the worker
count (``--workers``), and a suite given by its name."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts import __version__
from yuno_contracts.cli import _parser, main
from yuno_contracts.core.errors import HarnessError
from yuno_contracts.runs.child import suite_paths

CLI = [sys.executable, "-m", "yuno_contracts.cli"]


def one_line(*args: str, cwd: Path | None = None) -> tuple[int, list[str]]:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, cwd=cwd)
    text = done.stdout + done.stderr
    assert "Traceback" not in text
    return done.returncode, [line for line in text.splitlines() if line.strip()]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_version() -> None:
    code, lines = one_line("--version")
    assert code == 0 and lines == [f"yuno-contracts {__version__}"]


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_option_has_help_text(command: str) -> None:
    parser = subcommands()[command]
    for action in parser._actions:
        assert action.help, (
            f"yuno-contracts {command} {'/'.join(action.option_strings) or action.dest}"
        )


def test_run_says_other_options_are_pytests() -> None:
    assert "Any other option is pytest's" in subcommands()["run"].format_help()


@pytest.mark.parametrize(
    ("args", "nearest"),
    [
        (["run", "--targt", "local"], "--target"),
        (["run", "--suites", "smoke"], "--suite"),
        (["live", "--targe=sandbox"], "--target"),
        (["nightly", "--worker-count", "2"], None),
    ],
)
def test_a_typo_is_one_line_naming_the_nearest_option(args: list[str], nearest: str | None) -> None:
    code, lines = one_line(*args)
    assert code == 2 and len(lines) == 1, lines
    assert f"unknown option {args[1]}" in lines[0]
    assert (f"did you mean {nearest}?" in lines[0]) if nearest else ("--help" in lines[0])


def test_a_bad_value_is_one_line_too() -> None:
    code, lines = one_line("live", "--workers", "two")
    assert code == 2 and len(lines) == 1, lines
    assert "--workers" in lines[0] and "--help" in lines[0]


def test_the_worker_count_is_workers_everywhere() -> None:
    for command in ("run", "live", "nightly", "mutation"):
        options = {o for a in subcommands()[command]._actions for o in a.option_strings}
        assert "--workers" in options, command


def test_a_suite_by_its_name() -> None:
    (smoke,) = suite_paths(["smoke"])
    assert smoke.endswith("/suites/smoke")
    with pytest.raises(HarnessError, match=r"no such suite nope: give one of .*smoke"):
        suite_paths(["nope"])


def test_an_unknown_suite_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--suite", "nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such suite nope" in err[0] and "site-packages" not in err[0]


def test_run_writes_the_summary_and_the_partner_page_wherever_it_runs(tmp_path: Path) -> None:
    args = ["run", "--target", "local", "--suite", "smoke", "--workers", "1", "-q"]
    code, lines = one_line(*args, cwd=tmp_path)
    assert code == 0, lines[-20:]
    for name in ("results.json", "summary.md", "summary.json", "partner.html"):
        assert (tmp_path / "reports" / name).is_file(), name
    assert "0 root causes: no clause failed" in lines
