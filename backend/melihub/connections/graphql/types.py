"""Linked accounts as GraphQL types, with the circuit breaker state of each endpoint family."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from melihub.connections import queries
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.relay import Node, global_id, register_node
from melihub.meli.breaker import BreakerState, BreakerStatus
from melihub.sync.graphql.health import AccountHealthType, resolve_account_health

strawberry.enum(AccountStatus, name="MeliAccountStatus")
strawberry.enum(BreakerStatus, name="BreakerStatus")


@strawberry.type(name="BreakerState", description="The circuit breaker of one endpoint family of an account.")
class BreakerStateType:
    family: str
    state: BreakerStatus
    consecutive_failures: int
    opened_at: datetime | None
    next_trial_at: datetime | None

    @classmethod
    def of(cls, state: BreakerState) -> BreakerStateType:
        return cls(
            family=state.family,
            state=state.state,
            consecutive_failures=state.consecutive_failures,
            opened_at=state.opened_at,
            next_trial_at=state.next_trial_at,
        )


@strawberry.type(name="MeliAccount", description="A Mercado Livre seller account linked to the tenant.")
class MeliAccountType(Node):
    ml_user_id: str = strawberry.field(description="Mercado Livre user id (a string: it exceeds 32 bits).")
    nickname: str
    site_id: str
    status: AccountStatus
    token_expires_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    created_at: datetime
    updated_at: datetime
    _row_id: strawberry.Private[uuid.UUID]
    health: AccountHealthType = strawberry.field(
        resolver=resolve_account_health, description="How its sync is doing: last sync, lag, failures, state."
    )

    @strawberry.field(description="Open circuits mean melihub is holding back calls to Mercado Livre.")
    async def breakers(self, info: strawberry.Info) -> list[BreakerStateType]:
        client = meli_client(info.context.services)
        states = await client.breaker.states(str(self._row_id))
        return [BreakerStateType.of(state) for state in states.values()]

    @classmethod
    def of(cls, account: MeliAccount) -> MeliAccountType:
        return cls(
            id=global_id(ACCOUNT_TYPE, account.id),
            _row_id=account.id,
            ml_user_id=str(account.ml_user_id),
            nickname=account.nickname,
            site_id=account.site_id,
            status=AccountStatus(account.status),
            token_expires_at=account.token_expires_at,
            last_error=account.last_error,
            last_error_at=account.last_error_at,
            created_at=account.created_at,
            updated_at=account.updated_at,
        )


register_node(ACCOUNT_TYPE, queries.accounts_by_ids, MeliAccountType.of)
