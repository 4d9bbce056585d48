"""Acceptance 3: four worker PROCESSES share a 10 req/s application budget through Redis."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import CLIENT_ID, SELLER_A, SELLER_B, InMemoryTokenStore

WORKER = Path(__file__).with_name("hammer_worker.py")
RATE = 10
DURATION_S = 20.0
# The limiter widens each window by a margin for the trip from the grant (Redis) to Mercado Livre; 60 ms
# in production. Four processes of four busy coroutines each on CI's two loaded cores hold a granted request
# longer than that before it leaves (seen: 11 arrivals in a second, then a 429), so this test sizes the
# margin for that machine. What it proves is unchanged: four processes share one budget.
MARGIN_MS = 150


def max_in_sliding_second(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    best, start = 0, 0
    for end, t in enumerate(stamps):
        while t - stamps[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


@pytest.mark.slow
def test_four_processes_never_exceed_the_shared_budget(
    fresh_sandbox: Any, store: InMemoryTokenStore, clean_redis: str
) -> None:
    fresh_sandbox.configure(rate_limit_per_s=RATE)  # an excess WOULD be answered 429
    start_at = time.time() + 4.0  # every process imported and connected before the start
    workers = []
    try:
        for n in range(4):
            account = (SELLER_A, SELLER_B)[n % 2]
            pair = store.pairs[account.id]
            spec = {
                "api_url": fresh_sandbox.url,
                "redis_url": clean_redis,
                "client_id": CLIENT_ID,
                "start_at": start_at,
                "duration_s": DURATION_S,
                "app_rate_per_s": RATE,
                "rate_margin_ms": MARGIN_MS,
                "concurrency": 4,
                "key_prefix": "budget-test",
                "account": [account.id, account.ml_user_id, account.site_id],
                "token": {
                    "access_token": pair.access_token,
                    "refresh_token": pair.refresh_token,
                    "expires_at": pair.expires_at.isoformat(),
                },
            }
            process = subprocess.Popen(
                [sys.executable, str(WORKER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert process.stdin is not None
            process.stdin.write(json.dumps(spec))
            process.stdin.close()
            process.stdin = None  # communicate() below must not touch the closed pipe
            workers.append(process)
        outputs = []
        for process in workers:
            out, err = process.communicate(timeout=DURATION_S + 40)
            assert process.returncode == 0, err[-2000:]
            outputs.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
        fresh_sandbox.configure(rate_limit_per_s=1000)

    calls = httpx.get(f"{fresh_sandbox.url}/_sandbox/calls", params={"since": start_at - 1}).json()
    api_calls = [c for c in calls if c["route"] != "/oauth/token" and c["client_id"] in (CLIENT_ID, int(CLIENT_ID))]
    statuses = [c["status"] for c in api_calls]
    assert 429 not in statuses
    assert max_in_sliding_second([c["t"] for c in api_calls]) <= RATE
    ok = sum(o["ok"] for o in outputs)
    assert all(not o["errors"] for o in outputs), outputs
    assert ok == len(api_calls)
    granted_per_s = RATE * 1000 / (1000 + MARGIN_MS)
    assert ok >= 0.8 * granted_per_s * DURATION_S  # the budget was actually used, not just respected
    assert all(o["ok"] > 0 for o in outputs)  # every process got slots
