"""Reading linked Mercado Livre accounts (the read side; linking and unlinking are ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections.models import MeliAccount


async def accounts_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[MeliAccount]:
    """For ``node``/``nodes`` and filters: the accounts with these ids the caller may see."""
    principal.require(Permission.READ)
    query = select(MeliAccount).where(MeliAccount.tenant_id == principal.tenant_id, col(MeliAccount.id).in_(list(ids)))
    return [row for row in (await session.exec(query)).all() if principal.sees_account(row.id)]
