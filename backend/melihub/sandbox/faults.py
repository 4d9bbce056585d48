"""Injected faults per endpoint family and the per-application rate limiter (token bucket)."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

from melihub.meli.families import FAMILIES, OAUTH
from melihub.sandbox.core import ml_error, ml_json

FAULT_KEYS = ("5xx", "429", "timeout", "latency_ms")
TIMEOUT_SLEEP_S = 30.0  # far beyond the client's 5 s timeout
_5XX = (500, 502, 503, 504)


def _validate(spec: Any, where: str) -> dict[str, float]:
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: faults must be an object")
    unknown = set(spec) - set(FAULT_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown fault keys {sorted(unknown)}")
    values = {k: float(v) for k, v in spec.items()}
    for key in ("5xx", "429", "timeout"):
        if not 0.0 <= values.get(key, 0.0) <= 1.0:
            raise ValueError(f"{where}: {key} must be a probability in [0, 1]")
    return values


@dataclass
class Faults:
    """``{"5xx": p, "429": p, "timeout": p, "latency_ms": ms, "endpoints": {family: {...}}}``."""

    default: dict[str, float] = field(default_factory=dict)
    endpoints: dict[str, dict[str, float]] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)

    def set(self, body: dict[str, Any]) -> None:
        body = dict(body)
        endpoints = body.pop("endpoints", None) or {}
        default = _validate(body, "faults")
        if not isinstance(endpoints, dict):
            raise ValueError("endpoints must be an object of families")
        families = set(FAMILIES) | {OAUTH}
        per_family = {}
        for family, spec in endpoints.items():
            if family not in families:
                raise ValueError(f"unknown endpoint family {family!r}; known: {sorted(families)}")
            per_family[family] = _validate(spec, family)
        self.default, self.endpoints = default, per_family

    def describe(self) -> dict[str, Any]:
        return {**self.default, "endpoints": {k: dict(v) for k, v in self.endpoints.items()}}

    def for_family(self, family: str) -> dict[str, float]:
        return {**self.default, **self.endpoints.get(family, {})}

    async def apply(self, family: str, disconnected: Callable[[], Awaitable[bool]]) -> Response | None:
        """Sleep/fail as configured for ``family``; ``None`` lets the call through."""
        spec = self.for_family(family)
        if not spec:
            return None
        latency = spec.get("latency_ms", 0.0) / 1000
        if latency > 0 and await _sleep_unless_disconnected(latency, disconnected):
            return Response(status_code=499)
        if self.rng.random() < spec.get("timeout", 0.0):
            await _sleep_unless_disconnected(TIMEOUT_SLEEP_S, disconnected)
            return Response(b"", status_code=504)
        if self.rng.random() < spec.get("5xx", 0.0):
            return _server_error(self.rng.choice(_5XX))
        if self.rng.random() < spec.get("429", 0.0):
            return ml_error(429, "Too Many Requests", "too_many_requests")  # ML sends no Retry-After here
        return None


def _server_error(status: int) -> Response:
    if status == 502:
        html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        return Response(html, status_code=502, media_type="text/html")
    if status == 504:
        return Response(b"", status_code=504)
    return ml_json({"message": "internal error", "error": "internal_error", "status": status, "cause": []}, status)


async def _sleep_unless_disconnected(seconds: float, disconnected: Callable[[], Awaitable[bool]]) -> bool:
    """Sleep ``seconds``; ``True`` if the client went away meanwhile (checked every 100 ms)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        await asyncio.sleep(min(0.1, left))
        if await disconnected():
            return True
    return False


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """Token bucket per application: ``rate`` per second, bursts up to ``max(1, rate)``."""

    def __init__(self, rate_per_s: float) -> None:
        self.rate = rate_per_s
        self._buckets: dict[str, _Bucket] = {}

    def configure(self, rate_per_s: float) -> None:
        self.rate = rate_per_s
        self._buckets.clear()  # start full at the new rate

    @property
    def capacity(self) -> float:
        return max(1.0, self.rate)

    def take(self, key: str) -> float | None:
        """Take one slot: ``None`` when granted, else the seconds until one is available."""
        if self.rate <= 0:
            return None
        now = time.monotonic()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return (1.0 - bucket.tokens) / self.rate

    def throttled(self, wait_s: float) -> Response:
        retry_after = str(max(1, math.ceil(wait_s)))
        return ml_error(429, "Too Many Requests", "too_many_requests", headers={"Retry-After": retry_after})
