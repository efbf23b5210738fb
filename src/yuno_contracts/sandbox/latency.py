"""Latency for the reference sandbox: a sandbox across the internet, stood in for on loopback.

    Latency.parse("150ms")          every answer 150 ms late
    Latency.parse("150ms±20ms")     uniformly between 130 and 170 ms (also "150ms+-20ms", "0.15s")
    LatencyMiddleware(app, latency) the ASGI middleware: ``await asyncio.sleep`` before the app

The wait is asynchronous, so concurrent requests overlap (as they would on a network) instead of
queueing behind each other. Off (``Latency()``, 0 ms) by default.
"""

from __future__ import annotations

import asyncio
import random
import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["Latency", "LatencyMiddleware"]

_DURATION = r"(\d+(?:\.\d+)?)\s*(ms|s)"
_LATENCY = re.compile(rf"^\s*{_DURATION}\s*(?:(?:±|\+-|\+/-)\s*{_DURATION})?\s*$")


def _seconds(number: str, unit: str) -> float:
    return float(number) / (1000 if unit == "ms" else 1)


@dataclass(frozen=True)
class Latency:
    """A delay of ``mean`` seconds, ± ``jitter`` (uniform); ``Latency()`` is none."""

    mean: float = 0.0
    jitter: float = 0.0

    def __post_init__(self) -> None:
        if self.mean < 0 or self.jitter < 0 or self.jitter > self.mean:
            raise ValueError(
                f"latency {self.mean * 1000:g}ms±{self.jitter * 1000:g}ms: the delay and its "
                "jitter must be ≥ 0 and the jitter at most the delay, e.g. 150ms±20ms"
            )

    @classmethod
    def parse(cls, text: str) -> Latency:
        """``150ms``, ``150ms±20ms``, ``0.15s``; ValueError naming the expected form."""
        match = _LATENCY.match(text or "")
        if not match:
            raise ValueError(
                f"latency {text!r} is not a duration: write it as 150ms, 0.15s or 150ms±20ms"
            )
        mean = _seconds(match.group(1), match.group(2))
        jitter = _seconds(match.group(3), match.group(4)) if match.group(3) else 0.0
        return cls(mean, jitter)

    def __bool__(self) -> bool:
        return self.mean > 0

    def __str__(self) -> str:
        text = f"{self.mean * 1000:g}ms"
        return f"{text}±{self.jitter * 1000:g}ms" if self.jitter else text

    def draw(self) -> float:
        """One delay in seconds."""
        return self.mean + random.uniform(-self.jitter, self.jitter) if self.jitter else self.mean


class LatencyMiddleware:
    """Waits ``latency`` (asynchronously) before every HTTP request reaches the app."""

    def __init__(self, app: ASGIApp, latency: Latency) -> None:
        self.app, self.latency = app, latency

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.wait(self.latency.draw())
        await self.app(scope, receive, send)

    async def wait(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
