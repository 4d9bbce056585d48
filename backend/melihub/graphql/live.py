"""The shared mechanics of every subscription: auth, tenant scope, account filter, fresh loaders."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from typing import TypeVar

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.websockets import WebSocket

from melihub import metrics
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.paging import account_scope
from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Context, Info
from melihub.graphql.errors import AppError
from melihub.realtime.bus import Change
from melihub.realtime.hub import EventHub, SubscriberTooSlow

T = TypeVar("T")


async def _account_scope(info: Info, requested: list[strawberry.ID] | None) -> set[str] | None:
    """The accounts whose changes the subscriber gets; NOT_FOUND for a requested one it may not see."""
    accounts = account_scope(info.context.require(), await visible_account_ids(info, requested))
    return {str(account) for account in accounts} if accounts is not None else None


async def changes(
    info: Info,
    types: set[str],
    meli_account_ids: list[strawberry.ID] | None = None,
    permission: Permission = Permission.READ,
) -> AsyncIterator[tuple[Change, Context]]:
    """Changes of the caller's tenant, each with a fresh context (new DataLoaders, no stale cache)."""
    principal = info.context.require(permission)
    accounts = await _account_scope(info, meli_account_ids)
    hub: EventHub | None = info.context.services.hub
    assert hub is not None, "the API lifespan starts the hub"
    transport = "websocket" if isinstance(info.context.request, WebSocket) else "http"
    gauge = metrics.GRAPHQL_SUBSCRIPTIONS.labels(transport)
    async with hub.subscribe(principal.tenant_id, types, accounts) as subscriber:
        gauge.inc()
        try:
            async for change in subscriber:
                yield change, dataclasses.replace(info.context, loaders={}, share_reads=False, _reads=None)
        except SubscriberTooSlow as exc:
            raise AppError(str(exc), "SUBSCRIBER_TOO_SLOW") from None
        finally:
            gauge.dec()


LoadOne = Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[T | None]]
# What a load's result depends on, of its caller: subscribers with equal scopes share one load per change.
ScopeOf = Callable[[Principal], Hashable]


def by_principal(principal: Principal) -> Hashable:
    """The safe default: only the same caller (several tabs of one session, one token's sockets) shares."""
    return principal


def by_account_scope(principal: Principal) -> Hashable:
    """For loads that read a tenant's rows limited to the caller's accounts (``visible``) after a role check:
    the result depends on the tenant, the role and the account restriction, never on who the caller is."""
    return (principal.tenant_id, principal.role, principal.meli_account_ids)


async def changed_objects(
    info: Info,
    change_type: str,
    meli_account_ids: list[strawberry.ID] | None,
    load: LoadOne[T],
    permission: Permission = Permission.READ,
    shared_by: ScopeOf = by_principal,
) -> AsyncIterator[tuple[T, Context]]:
    """Each changed object of one type, loaded by ``load`` with a fresh context; gone or unseen ones skipped.

    The load is shared with this process's other subscribers of the same change whose ``shared_by`` scope is
    equal (one transaction per change and scope, not per socket); nested fields still resolve through each
    subscriber's own context and loaders.
    """
    hub: EventHub | None = info.context.services.hub
    assert hub is not None, "the API lifespan starts the hub"
    async for change, context in changes(info, {change_type}, meli_account_ids, permission):
        try:
            object_id = uuid.UUID(change.id)
        except ValueError:
            continue
        principal = context.require()

        async def fetch(
            context: Context = context, principal: Principal = principal, object_id: uuid.UUID = object_id
        ) -> T | None:
            async with context.session() as session:
                return await load(session, principal, object_id)

        found = await hub.loads.get(change, (load, shared_by(principal)), fetch)
        if found is not None:
            yield found, context
