"""Reading linked Mercado Livre accounts (the read side; linking and unlinking are ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.config import Settings
from melihub.connections.applications import application_of
from melihub.connections.models import AccountStatus, MeliAccount, MeliApplication


async def accounts_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[MeliAccount]:
    """For ``node``/``nodes`` and filters: the accounts with these ids the caller may see."""
    principal.require(Permission.READ)
    query = select(MeliAccount).where(MeliAccount.tenant_id == principal.tenant_id, col(MeliAccount.id).in_(list(ids)))
    return [row for row in (await session.exec(query)).all() if principal.sees_account(row.id)]


async def own_application(session: AsyncSession, principal: Principal) -> MeliApplication | None:
    """The company's own Mercado Livre application (None: it links through melihub's)."""
    principal.require(Permission.READ)
    return await application_of(session)


async def applications_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[MeliApplication]:
    principal.require(Permission.READ)
    query = select(MeliApplication).where(col(MeliApplication.id).in_(list(ids)))
    return list((await session.exec(query)).all())


async def accounts_linked_through(session: AsyncSession, client_id: str) -> int:
    """How many active accounts hold grants of this application."""
    query = select(func.count()).where(
        col(MeliAccount.oauth_client_id) == client_id, col(MeliAccount.status) == AccountStatus.ACTIVE.value
    )
    return int((await session.exec(query)).one())


def registration_urls(settings: Settings) -> tuple[str, str]:
    """What a company's application must be registered with on ML: (notifications callback, redirect URI)."""
    return f"{settings.base_url}/webhooks/meli", settings.meli_redirect_uri
