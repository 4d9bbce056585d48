"""The bench fixture: tenant A, seller A's account (rows only: marks and pick lists never call Mercado Livre),
and an operator, an analyst and a support member signed in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest_asyncio

from melihub.accounts.models import Role, Tenant, User
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from tests.fulfilment.world import Bench, add_member, melihub


@pytest_asyncio.fixture
async def bench(services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount) -> AsyncIterator[Bench]:
    tenant, owner = tenant_a
    async with melihub(services) as new_client, AsyncExitStack() as stack:
        bench = Bench(tenant, owner, meli_account_a, new_client)
        for role in (Role.OPERATOR, Role.ANALYST, Role.SUPPORT):
            await add_member(bench, services, role, stack)
        yield bench
