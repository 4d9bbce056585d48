"""One worker process of the shared rate-budget test (run as a script, not collected by pytest).

stdin: JSON {"api_url", "redis_url", "start_at", "duration_s", "app_rate_per_s", "rate_margin_ms", "concurrency",
"account": [id, ml_user_id, site], "token": {"access_token", "refresh_token", "expires_at"}}.
stdout: JSON {"ok": n, "errors": {type: n}}.
"""

from __future__ import annotations

import asyncio
import collections
import json
import logging
import sys
import time
from datetime import datetime

import structlog
from redis.asyncio import Redis

from melihub.meli import AccountRef, MeliClient, MeliClientConfig, MeliError, TokenPair
from melihub.meli.config import AppCredentials


class OneAccountStore:
    def __init__(self, pair: TokenPair) -> None:
        self.pair = pair

    async def load(self, account: AccountRef) -> TokenPair:
        return self.pair

    async def save(self, account: AccountRef, pair: TokenPair) -> None:
        self.pair = pair

    async def mark_reauth_required(self, account: AccountRef, reason: str) -> None:
        raise SystemExit(f"reauth required: {reason}")

    async def credentials(self, account: AccountRef) -> AppCredentials:
        raise SystemExit(f"no application {account.client_id} here")


async def main() -> None:
    # stdout carries the result: keep per-request log lines out of it
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    spec = json.loads(sys.stdin.read())
    token = spec["token"]
    pair = TokenPair(token["access_token"], token["refresh_token"], datetime.fromisoformat(token["expires_at"]))
    account = AccountRef(*spec["account"])
    config = MeliClientConfig(
        client_id=spec["client_id"],
        client_secret="sandbox-secret",
        api_url=spec["api_url"],
        app_rate_per_s=spec["app_rate_per_s"],
        seller_rate_per_s=1000.0,
        family_rates={},
        key_prefix=spec["key_prefix"],
        max_retries=0,
        rate_margin_ms=spec["rate_margin_ms"],
    )
    redis = Redis.from_url(spec["redis_url"])
    outcomes: collections.Counter[str] = collections.Counter()
    async with MeliClient(config, redis=redis, token_store=OneAccountStore(pair)) as client:
        await asyncio.sleep(max(0.0, spec["start_at"] - time.time()))
        deadline = time.monotonic() + spec["duration_s"]

        async def hammer() -> None:
            while time.monotonic() < deadline:
                try:
                    await client.request(account, "GET", "/items/MLB3012345603")
                    outcomes["ok"] += 1
                except MeliError as exc:
                    outcomes[f"{type(exc).__name__}:{exc.status}"] += 1

        await asyncio.gather(*(hammer() for _ in range(spec["concurrency"])))
    await redis.aclose()
    print(json.dumps({"ok": outcomes.pop("ok", 0), "errors": dict(outcomes)}))


if __name__ == "__main__":
    asyncio.run(main())
