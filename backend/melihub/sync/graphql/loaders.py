"""Named DataLoaders of the sync domain: a run's account, and accounts' health."""

from __future__ import annotations

import uuid

from strawberry.dataloader import DataLoader

from melihub.connections import queries as account_queries
from melihub.connections.models import MeliAccount
from melihub.graphql.context import Context
from melihub.graphql.loaders import one_per_key
from melihub.sync import health
from melihub.sync.health import AccountHealth

ACCOUNT_BY_ID = "sync.account_by_id"
ACCOUNT_HEALTH = "sync.account_health"


def account_by_id(context: Context) -> DataLoader[uuid.UUID, MeliAccount | None]:
    """Account id → the linked account, None when the caller may not see it."""
    return one_per_key(context, ACCOUNT_BY_ID, account_queries.accounts_by_ids, _id_of)


def _id_of(account: MeliAccount) -> uuid.UUID:
    return account.id


def account_health(context: Context) -> DataLoader[uuid.UUID, AccountHealth | None]:
    """Account id → its health; a batch (a page of accounts) costs a fixed number of statements.

    Not cached: a subscription's context lives as long as the subscription, and health read for one
    event must not be answered again for the next.
    """

    def create(ctx: Context) -> DataLoader[uuid.UUID, AccountHealth | None]:
        async def load(ids: list[uuid.UUID]) -> list[AccountHealth | None]:
            services = ctx.services
            breaker = services.meli.breaker if services.meli is not None else None
            every = services.settings.sync_incremental_every_s
            async with ctx.session() as session:
                found = await health.accounts_health(session, ctx.require(), breaker, every, ids)
            by_id = {item.account_id: item for item in found}
            return [by_id.get(account_id) for account_id in ids]

        return DataLoader(load_fn=load, cache=False)

    loader: DataLoader[uuid.UUID, AccountHealth | None] = context.loader(ACCOUNT_HEALTH, create)
    return loader
