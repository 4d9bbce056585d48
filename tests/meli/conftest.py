"""Fixtures of the ML client tests: real Redis, the real sandbox, an in-memory TokenStore.

The token store is a test double for *storage* only; every HTTP call goes to the sandbox.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from redis.asyncio import Redis

from melihub.meli import AccountRef, MeliClient, MeliClientConfig, MeliOAuth, ReauthRequired, TokenPair
from melihub.meli.config import AppCredentials
from melihub.testing.fixtures import fixtures_dir

FIXTURES: Path = fixtures_dir()
CLIENT_ID = "5503910054141466"
SELLER_A = AccountRef("acc-a", 2401234567, "MLB")
SELLER_B = AccountRef("acc-b", 1187654321, "MLA")
REDIRECT_URI = "http://127.0.0.1:9/oauth/meli/callback"


def fixture_json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


class InMemoryTokenStore:
    """TokenStore double: keeps pairs in a dict and records every call."""

    def __init__(self) -> None:
        self.pairs: dict[str, TokenPair] = {}
        self.saves: list[tuple[str, TokenPair]] = []
        self.reauth: list[tuple[str, str]] = []
        self.loads = 0

    async def load(self, account: AccountRef) -> TokenPair:
        self.loads += 1
        await asyncio.sleep(0)  # a real store awaits I/O
        if account.id not in self.pairs:
            raise ReauthRequired(f"no tokens for {account.id}")
        return self.pairs[account.id]

    async def save(self, account: AccountRef, pair: TokenPair) -> None:
        self.pairs[account.id] = pair
        self.saves.append((account.id, pair))

    async def mark_reauth_required(self, account: AccountRef, reason: str) -> None:
        self.reauth.append((account.id, reason))

    async def credentials(self, account: AccountRef) -> AppCredentials:
        raise ReauthRequired(f"no application {account.client_id} in this store")


def sandbox_config(url: str, **overrides: Any) -> MeliClientConfig:
    """Client config against the sandbox; generous budgets unless a test is about them."""
    values: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": "sandbox-secret",
        "api_url": url,
        "auth_url": url,
        "redirect_uri": REDIRECT_URI,
        "app_rate_per_s": 1000.0,
        "seller_rate_per_s": 1000.0,
        "family_rates": {},
        "backoff_base_s": 0.05,
        "backoff_cap_s": 0.2,
        "breaker_cooldown_s": 1.0,
        "key_prefix": "test-meli",
    }
    values.update(overrides)
    return MeliClientConfig(**values)


async def authorize(url: str, account: AccountRef, **overrides: Any) -> TokenPair:
    """The real OAuth dance against the sandbox: authorize (auto-approved) -> code -> token."""
    oauth = MeliOAuth(sandbox_config(url, **overrides))
    try:
        request = oauth.authorization_url(account.site_id)
        async with httpx.AsyncClient(follow_redirects=False) as http:
            answer = await http.get(f"{request.url}&user_id={account.ml_user_id}")
        assert answer.status_code == 302, answer.text
        location = httpx.URL(answer.headers["location"])
        assert location.params["state"] == request.state
        token = await oauth.exchange_code(location.params["code"], request.code_verifier)
        assert token.user_id == account.ml_user_id
        return TokenPair.from_response(token)
    finally:
        await oauth.aclose()


@pytest.fixture(scope="session")
def sandbox() -> Any:
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox() as handle:
        yield handle


@pytest_asyncio.fixture
async def fresh_sandbox(sandbox: Any) -> Any:
    """The shared sandbox with faults cleared and default limits."""
    sandbox.set_faults({})
    yield sandbox
    sandbox.set_faults({})


@pytest_asyncio.fixture
async def redis(clean_redis: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(clean_redis)
    yield client
    await client.aclose()


@pytest_asyncio.fixture
async def store(fresh_sandbox: Any) -> InMemoryTokenStore:
    store = InMemoryTokenStore()
    for account in (SELLER_A, SELLER_B):
        store.pairs[account.id] = await authorize(fresh_sandbox.url, account)
    return store


MakeClient = Callable[..., MeliClient]


@pytest_asyncio.fixture
async def make_client(fresh_sandbox: Any, redis: Redis, store: InMemoryTokenStore) -> AsyncIterator[MakeClient]:
    clients: list[MeliClient] = []

    def make(**overrides: Any) -> MeliClient:
        client = MeliClient(sandbox_config(fresh_sandbox.url, **overrides), redis=redis, token_store=store)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest_asyncio.fixture
async def client(make_client: MakeClient) -> MeliClient:
    return make_client()


def route_calls(sandbox: Any, key: str) -> int:
    """Calls of one ``"<METHOD> <route>"`` in sandbox stats, any status."""
    return sum(sandbox.stats()["calls"].get(key, {}).values())


def expired(pair: TokenPair) -> TokenPair:
    return dataclasses.replace(pair, expires_at=datetime.now(UTC) - timedelta(minutes=1))
