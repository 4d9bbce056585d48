from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio


@pytest_asyncio.fixture
async def app_for_fuzz(client: httpx.AsyncClient, meli_account_a) -> AsyncIterator[httpx.AsyncClient]:
    yield client
