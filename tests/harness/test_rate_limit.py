"""The client-side rate limit (``YUNO_MAX_RPS``): its default per target, and that it holds."""

from __future__ import annotations

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


@pytest.mark.parametrize(("rate", "workers"), [(20, 1), (20, 2), (10, 2), (7, 1)])
def test_no_second_holds_more_than_the_rate(
    rate: float, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(retry.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(retry.time, "sleep", clock.sleep)
    limiter = RateLimiter(rate, workers)
    stats = TransportStats()
    for _ in range(200):
        stats.waited += limiter.acquire()
        stats.sent_at.append(clock.now)
    # every worker sends the same way: the run's peak is the workers' sum
    assert stats.peak_rps() * workers <= rate
    assert stats.peak_rps() * workers >= rate - workers  # and the limit is not far too strict
    assert stats.waited > 0


def test_the_peak_is_the_most_requests_within_one_second() -> None:
    stats = TransportStats(sent_at=[0.0, 0.1, 0.2, 1.05, 1.1, 1.15, 1.2, 3.0])
    # (0.2, 1.2] and [0.2, 1.2) hold 4 each; a second is half-open, so 0.2 and 1.2 never together
    assert stats.peak_rps() == 4
    assert stats.as_dict(3)["rate_held"] is False
    assert stats.as_dict(4)["rate_held"] is True
    assert "rate limit 4/s held" in stats.line(4)
    assert "rate limit 3/s NOT held" in stats.line(3)
