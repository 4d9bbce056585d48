"""Token refresh: single flight under a 401 storm, invalid_grant, proactive refresh (real sandbox)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from redis.asyncio import Redis

from melihub.meli import InvalidGrant, MeliClient, MeliOAuth, TokenPair, TokenRefresher

from .conftest import SELLER_A, InMemoryTokenStore, MakeClient, expired, sandbox_config


def token_calls(sandbox: Any) -> dict[str, int]:
    return dict(sandbox.stats().get("token_calls", {}))


async def test_401_storm_refreshes_exactly_once(
    fresh_sandbox: Any, make_client: MakeClient, store: InMemoryTokenStore
) -> None:
    """Acceptance 1: 50 concurrent calls meet a 401 -> ONE refresh, all 50 succeed."""
    client = make_client()
    old = store.pairs[SELLER_A.id]
    await client.get_me(SELLER_A)  # warm: the old token works and is cached
    before = token_calls(fresh_sandbox).get("refresh_token", 0)
    fresh_sandbox.expire_tokens()

    results = await asyncio.gather(*(client.get_item(SELLER_A, "MLB3012345603") for _ in range(50)))

    assert [r.id for r in results] == ["MLB3012345603"] * 50
    assert token_calls(fresh_sandbox).get("refresh_token", 0) - before == 1
    assert len(store.saves) == 1 and store.pairs[SELLER_A.id].access_token != old.access_token
    assert store.reauth == []


async def test_refresh_is_single_flight_across_clients_sharing_redis(
    fresh_sandbox: Any, make_client: MakeClient, store: InMemoryTokenStore
) -> None:
    """Two clients (as two processes would be) both meeting 401s still refresh once."""
    first, second = make_client(), make_client()
    await asyncio.gather(first.get_me(SELLER_A), second.get_me(SELLER_A))
    before = token_calls(fresh_sandbox).get("refresh_token", 0)
    fresh_sandbox.expire_tokens()

    calls = [c.get_order(SELLER_A, 2000009876543201) for c in (first, second) for _ in range(10)]
    orders = await asyncio.gather(*calls)

    assert {o.id for o in orders} == {2000009876543201}
    assert token_calls(fresh_sandbox).get("refresh_token", 0) - before == 1


async def test_reused_refresh_token_is_invalid_grant_marks_reauth_and_is_not_retried(
    fresh_sandbox: Any, redis: Redis, store: InMemoryTokenStore
) -> None:
    """Acceptance 2: an old refresh token -> invalid_grant -> mark_reauth_required, one token call."""
    config = sandbox_config(fresh_sandbox.url)
    oauth = MeliOAuth(config)
    try:
        old = store.pairs[SELLER_A.id]
        rotated = await oauth.refresh(old.refresh_token)  # somebody else used it: it is dead now
        assert rotated.refresh_token != old.refresh_token
        store.pairs[SELLER_A.id] = expired(old)  # our store still holds the old pair
        refresher = TokenRefresher(store, oauth, redis, config)
        before = token_calls(fresh_sandbox).get("refresh_token", 0)

        with pytest.raises(InvalidGrant) as raised:
            await refresher.refresh(SELLER_A, old.access_token)
        with pytest.raises(InvalidGrant):  # a second caller does not burn another token call
            await refresher.refresh(SELLER_A, old.access_token)

        assert token_calls(fresh_sandbox).get("refresh_token", 0) - before == 1
        assert raised.value.error == "invalid_grant" and raised.value.status == 400
        assert len(store.reauth) == 1 and "invalid_grant" in store.reauth[0][1]
        assert store.saves == []
        assert old.refresh_token not in str(raised.value) and old.refresh_token not in repr(raised.value)
    finally:
        await oauth.aclose()


async def test_client_call_with_dead_grant_raises_invalid_grant(
    fresh_sandbox: Any, make_client: MakeClient, store: InMemoryTokenStore
) -> None:
    client: MeliClient = make_client()
    fresh_sandbox.revoke(SELLER_A.ml_user_id)
    with pytest.raises(InvalidGrant):
        await client.get_me(SELLER_A)
    assert len(store.reauth) == 1


async def test_refresh_if_expiring_for_the_cron(fresh_sandbox: Any, redis: Redis, store: InMemoryTokenStore) -> None:
    config = sandbox_config(fresh_sandbox.url)
    oauth = MeliOAuth(config)
    try:
        refresher = TokenRefresher(store, oauth, redis, config)
        assert await refresher.refresh_if_expiring(SELLER_A, within=timedelta(hours=2)) is None  # 6 h left
        assert store.saves == []
        pair: TokenPair | None = await refresher.refresh_if_expiring(SELLER_A, within=timedelta(hours=7))
        assert pair is not None and store.pairs[SELLER_A.id] == pair and len(store.saves) == 1
        assert not pair.expires_within(timedelta(hours=5))
        assert "APP_USR" not in repr(pair)
    finally:
        await oauth.aclose()


async def test_expired_token_is_refreshed_before_use(
    fresh_sandbox: Any, make_client: MakeClient, store: InMemoryTokenStore
) -> None:
    store.pairs[SELLER_A.id] = expired(store.pairs[SELLER_A.id])
    client = make_client()
    before = fresh_sandbox.stats()["total_calls"]
    me = await client.get_me(SELLER_A)
    assert me.id == SELLER_A.ml_user_id and len(store.saves) == 1
    assert fresh_sandbox.stats()["total_calls"] - before >= 2  # token call + /users/me, no 401 round
