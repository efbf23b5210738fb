"""The sandbox's latency setting: every answer waits it, and concurrent requests wait together.

Real server (uvicorn in a thread) over loopback. Nothing here bounds how fast anything is: a
request takes *at least* the latency (a property of the wait, not of the machine), and requests
overlap when one enters its wait before another has left its own, which a blocking wait (or a
server answering one request at a time) cannot do.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from yuno_contracts.sandbox import SandboxSettings, SandboxThread
from yuno_contracts.sandbox.__main__ import main
from yuno_contracts.sandbox.latency import Latency, LatencyMiddleware

CONCURRENT = 4


def test_parse_reads_milliseconds_seconds_and_jitter() -> None:
    assert Latency.parse("150ms") == Latency(0.15, 0.0)
    assert Latency.parse("0.15s") == Latency(0.15, 0.0)
    assert Latency.parse("150ms±20ms") == Latency(0.15, 0.02)
    assert Latency.parse("150ms+-20ms") == Latency(0.15, 0.02)
    assert not Latency() and Latency.parse("1ms")
    assert str(Latency.parse("150ms±20ms")) == "150ms±20ms"


@pytest.mark.parametrize("text", ["150", "fast", "-5ms", "20ms±30ms", ""])
def test_a_bad_latency_is_one_line_naming_the_form(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        SandboxSettings.generate().with_changes(latency=text or " ")
    message = str(raised.value)
    assert "\n" not in message and "150ms" in message, message


def test_jitter_stays_within_its_bounds() -> None:
    latency = Latency.parse("100ms±20ms")
    draws = [latency.draw() for _ in range(500)]
    assert all(0.08 <= d <= 0.12 for d in draws)
    assert len(set(draws)) > 1


def test_latency_survives_the_trip_through_the_environment() -> None:
    settings = SandboxSettings.generate().with_changes(latency="150ms±20ms")
    assert SandboxSettings.from_json(settings.to_json()).latency == Latency(0.15, 0.02)
    assert "latency" not in SandboxSettings.generate().to_dict()  # off by default


def test_the_command_line_refuses_a_bad_latency_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--port", "0", "--latency", "soon"])
    assert raised.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "150ms" in err, err


def test_every_request_waits_the_latency_and_concurrent_requests_overlap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    delay = 0.5
    waits: list[tuple[float, float]] = []
    real_wait = LatencyMiddleware.wait

    async def recorded_wait(self: LatencyMiddleware, seconds: float) -> Any:
        entered = time.monotonic()
        await real_wait(self, seconds)
        waits.append((entered, time.monotonic()))

    monkeypatch.setattr(LatencyMiddleware, "wait", recorded_wait)
    settings = SandboxSettings.generate().with_changes(latency=f"{delay * 1000:g}ms")
    barrier = threading.Barrier(CONCURRENT)
    took: list[float] = []

    def one_request(base_url: str) -> None:
        barrier.wait()
        started = time.monotonic()
        response = httpx.get(f"{base_url}/checkout/sessions/unknown", timeout=30)
        took.append(time.monotonic() - started)
        assert response.status_code in (400, 401, 404), response.text

    with SandboxThread(settings) as sandbox:
        threads = [
            threading.Thread(target=one_request, args=(sandbox.base_url,))
            for _ in range(CONCURRENT)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert len(took) == len(waits) == CONCURRENT
    assert min(took) >= delay, f"a request answered before the latency: {took}"
    last_entry = max(entered for entered, _ in waits)
    first_exit = min(left for _, left in waits)
    assert last_entry < first_exit, f"the waits did not overlap (one at a time): {waits}"


def test_no_latency_by_default_means_no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[float] = []

    async def recorded_wait(self: LatencyMiddleware, seconds: float) -> None:
        calls.append(seconds)

    monkeypatch.setattr(LatencyMiddleware, "wait", recorded_wait)
    with SandboxThread(SandboxSettings.generate()) as sandbox:
        httpx.get(f"{sandbox.base_url}/checkout/sessions/unknown", timeout=30)
    assert calls == []
