"""``melihub sync``: a backfill in the foreground, exit 0 when it succeeds, non-zero with the reason."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from sqlalchemy import text

from melihub.testing.fixtures import SELLER_A
from tests.conftest import link_seller


def _sync(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "melihub", "sync", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_sync_backfills_an_account_in_the_foreground_and_says_when_it_cannot(
    meli_client_http, meli_services, sandbox, tenant_a, database_factory, db_name, clean_redis
) -> None:
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    async with meli_services.db.tenant(tenant_a[0].id) as session:
        await session.exec(text("DELETE FROM sync_runs"))  # the link's own run: the command starts one
    env = {
        "DATABASE_URL": database_factory.admin_url_of(db_name),
        "REDIS_URL": clean_redis,
        "MELIHUB_MELI_API_URL": sandbox.url,
        "MELIHUB_MELI_AUTH_URL": sandbox.url,
        "MELIHUB_MELI_APP_RATE_PER_S": "1000",
        "MELIHUB_MELI_SELLER_RATE_PER_S": "1000",
        "MELIHUB_LOG_LEVEL": "WARNING",
    }
    done = await asyncio.to_thread(_sync, env, "--account", str(SELLER_A), "--since", "2026-01-01")
    assert done.returncode == 0, done.stderr
    assert "sync succeeded:" in done.stdout, done.stdout
    async with meli_services.db.tenant(tenant_a[0].id) as session:
        orders = (await session.exec(text("SELECT count(*) FROM orders"))).one()[0]
    assert orders == sum(1 for o in sandbox.export()["orders"].values() if o["seller"]["id"] == SELLER_A)

    unknown = await asyncio.to_thread(_sync, env, "--account", "999")
    assert unknown.returncode != 0 and "no linked Mercado Livre account '999'" in unknown.stderr

    sandbox.revoke(SELLER_A)
    paused = await asyncio.to_thread(_sync, env, "--account", str(SELLER_A))
    assert paused.returncode == 3 and "re-authorization" in paused.stderr, (paused.returncode, paused.stderr)
