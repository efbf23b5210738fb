"""The client-side rate limit (``YUNO_MAX_RPS``): its default per target, and that it holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from yuno_contracts.core.errors import HarnessError
from yuno_contracts.harness import retry
from yuno_contracts.harness.retry import SANDBOX_MAX_RPS, RateLimiter, TransportStats, max_rps_for


def test_defaults_per_target() -> None:
    assert max_rps_for("sandbox", {}) == SANDBOX_MAX_RPS
    assert max_rps_for("sandbox", {"YUNO_MAX_RPS": "20"}) == 20
    assert max_rps_for("sandbox", {"YUNO_MAX_RPS": "0"}) is None  # 0 turns it off
    assert max_rps_for("url", {}) is None
    assert max_rps_for("url", {"YUNO_MAX_RPS": "5"}) == 5
    assert max_rps_for("local", {"YUNO_MAX_RPS": "5"}) is None  # loopback runs never wait
    assert max_rps_for("replay", {"YUNO_MAX_RPS": "5"}) is None
    with pytest.raises(HarnessError, match="YUNO_MAX_RPS='fast' is not a number"):
        max_rps_for("sandbox", {"YUNO_MAX_RPS": "fast"})


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(retry.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(retry.time, "time", clock.monotonic)
    monkeypatch.setattr(retry.time, "sleep", clock.sleep)
    return clock


@pytest.mark.parametrize("rate", [20, 10, 7, 2])
def test_no_second_holds_more_than_the_rate(rate: float, clock: FakeClock) -> None:
    limiter = RateLimiter(rate)
    stats = TransportStats()
    for _ in range(200):
        waited, sent = limiter.take()
        stats.waited += waited
        stats.sent_at.append(sent)
    assert stats.peak_rps() <= rate
    assert stats.peak_rps() >= rate - 1  # and the limit is not far too strict
    assert stats.mean_rps() == pytest.approx(rate, rel=0.01)
    assert stats.waited > 0


def test_workers_draw_from_one_budget_a_busy_one_may_use_all_of_it(
    clock: FakeClock, tmp_path: Path
) -> None:
    """Three limiters on one file (three workers of a run): together never over the rate; one
    alone, the others idle, gets the whole rate (a split budget would give it a third)."""
    budget = tmp_path / "rate"
    workers = [RateLimiter(10, budget) for _ in range(3)]
    together = TransportStats()
    for turn in range(90):
        together.sent_at.append(workers[turn % 3].take()[1])
    assert together.peak_rps() == 10
    alone = TransportStats()
    for _ in range(60):
        alone.sent_at.append(workers[0].take()[1])
    assert alone.peak_rps() == 10
    assert alone.mean_rps() == pytest.approx(10, rel=0.01)


WORKER = r"""
import sys
from pathlib import Path
from yuno_contracts.harness.retry import RateLimiter
limiter = RateLimiter(float(sys.argv[1]), Path(sys.argv[2]))
print("\n".join(repr(limiter.take()[1]) for _ in range(int(sys.argv[3]))))
"""


def test_processes_sharing_the_budget_never_exceed_it_together(tmp_path: Path) -> None:
    """Real processes, started together, each sending as fast as the shared budget lets it."""
    command = [sys.executable, "-c", WORKER, "20", str(tmp_path / "rate"), "12"]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert all(process.returncode == 0 for process in processes)
    stats = TransportStats(sent_at=[float(line) for out in outputs for line in out.split()])
    assert len(stats.sent_at) == 48
    assert stats.peak_rps() <= 20


def test_a_run_under_xdist_shares_one_file_and_a_lone_process_keeps_its_own() -> None:
    shared = RateLimiter.for_run(10, {"PYTEST_XDIST_TESTRUNUID": "abc123"}).shared
    assert shared is not None and shared.name == "yuno-contracts-rate-abc123"
    assert RateLimiter.for_run(10, {}).shared is None
    assert RateLimiter.for_run(None, {"PYTEST_XDIST_TESTRUNUID": "abc123"}).rate is None
    assert RateLimiter.for_run(10, {"PYTEST_XDIST_TESTRUNUID": "../x"}).shared is None


def test_the_peak_is_the_most_requests_within_one_second() -> None:
    stats = TransportStats(sent_at=[0.0, 0.1, 0.2, 1.05, 1.1, 1.15, 1.2, 3.0])
    # (0.2, 1.2] and [0.2, 1.2) hold 4 each; a second is half-open, so 0.2 and 1.2 never together
    assert stats.peak_rps() == 4
    assert stats.as_dict(3)["rate_held"] is False
    assert stats.as_dict(4)["rate_held"] is True
    assert "rate limit 4/s for the whole run held" in stats.line(4)
    assert "rate limit 3/s for the whole run NOT held" in stats.line(3)
