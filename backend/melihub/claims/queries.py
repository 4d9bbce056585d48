"""Reading claims (the read side; applying ML changes is ``service``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.claims.models import Claim
from melihub.db.paging import Ordering, Page, PageRequest, fetch_page, visible


@dataclass(frozen=True)
class ClaimFilter:
    meli_account_ids: list[uuid.UUID] | None = None
    status: str | None = None  # Mercado Livre's: opened, closed


def due_first() -> Ordering:
    """The inbox's order: the claim the seller must act on soonest first, claims without a due date last."""
    return Ordering(col(Claim.due_at), col(Claim.id), False, "DUE_AT")


def _visible(principal: Principal, requested: Sequence[uuid.UUID] | None = None) -> SelectOfScalar[Claim]:
    # A claim's actions live in its payload; claims are few next to orders, so the payload comes along.
    return visible(Claim, principal, requested, raw=True)


async def list_claims(
    session: AsyncSession, principal: Principal, filters: ClaimFilter, request: PageRequest
) -> Page[Claim]:
    """Keyset-paged, soonest due first."""
    principal.require(Permission.READ)
    query = _visible(principal, filters.meli_account_ids)
    if filters.status:
        query = query.where(Claim.status == filters.status.strip().lower())
    return await fetch_page(session, query, request.ordering or due_first(), request)


async def get_claim(session: AsyncSession, principal: Principal, claim_id: uuid.UUID) -> Claim | None:
    principal.require(Permission.READ)
    return (await session.exec(_visible(principal).where(Claim.id == claim_id))).first()


async def claims_by_ids(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> list[Claim]:
    """For ``node``/``nodes``: the claims with these ids the caller may see."""
    principal.require(Permission.READ)
    query = _visible(principal).where(col(Claim.id).in_(list(ids)))
    return list((await session.exec(query)).all())
