"""Audit rows as GraphQL types: the entry (a Node), who acted, and the list's filter."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import cast

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from melihub.accounts.graphql.types import API_TOKEN_TYPE, USER_TYPE
from melihub.accounts.models import User
from melihub.audit import queries
from melihub.audit.models import AuditEntry
from melihub.graphql.context import Info
from melihub.graphql.loaders import one_per_key
from melihub.graphql.relay import Node, global_id, register_node

AUDIT_ENTRY_TYPE = "AuditEntry"


def actor_by_id(info: Info) -> DataLoader[uuid.UUID, User | None]:
    return one_per_key(info.context, "audit.actor_by_id", queries.actors_by_ids, lambda user: user.id)


@strawberry.enum(name="AuditActorKind")
class AuditActorKind(Enum):
    USER = "USER"
    API_TOKEN = "API_TOKEN"
    SYSTEM = "SYSTEM"


@strawberry.type(name="AuditActor", description="Who made a change: a person, an API token, or melihub itself.")
class AuditActorType:
    kind: AuditActorKind
    id: strawberry.ID | None = strawberry.field(description="The User or ApiToken; null for SYSTEM.")
    _user_id: strawberry.Private[uuid.UUID | None] = None

    async def _user(self, info: Info) -> User | None:
        return await actor_by_id(info).load(self._user_id) if self._user_id else None

    @strawberry.field(description="The person's name, when a user acted.")
    async def name(self, info: Info) -> str | None:
        user = await self._user(info)
        return user.name if user else None

    @strawberry.field(description="The person's e-mail, when a user acted.")
    async def email(self, info: Info) -> str | None:
        user = await self._user(info)
        return user.email if user else None

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditActorType:
        # A token acts for whoever created it, but the token is what authenticated: it is the actor.
        if entry.actor_token_id is not None:
            return cls(kind=AuditActorKind.API_TOKEN, id=global_id(API_TOKEN_TYPE, entry.actor_token_id))
        if entry.actor_user_id is not None:
            user_id = entry.actor_user_id
            return cls(kind=AuditActorKind.USER, id=global_id(USER_TYPE, user_id), _user_id=user_id)
        return cls(kind=AuditActorKind.SYSTEM, id=None)


@strawberry.type(name="AuditEntry", description="One change made through melihub; rows are hash-chained per tenant.")
class AuditEntryType(Node):
    action: str = strawberry.field(description="The mutation (or system action) that made the change.")
    actor: AuditActorType
    target_type: str | None = strawberry.field(description="The GraphQL type of the object changed.")
    target_id: strawberry.ID | None = strawberry.field(description="The global id of the object changed.")
    before: JSON | None = strawberry.field(description="The changed fields before the change; secrets redacted.")
    after: JSON | None = strawberry.field(description="The changed fields after the change; secrets redacted.")
    data: JSON = strawberry.field(description="Other facts of the change; secrets redacted.")
    ip: str | None
    user_agent: str | None
    request_id: str | None = strawberry.field(description="The X-Request-ID of the request (find its log lines).")
    created_at: datetime
    seq: int = strawberry.field(description="Position in the tenant's audit chain, from 1.")
    hash: str = strawberry.field(description="SHA-256 (hex) of this row's canonical form, previous hash included.")
    prev_hash: str | None = strawberry.field(description="The previous row's hash; null for the first row.")

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryType:
        return cls(
            id=global_id(AUDIT_ENTRY_TYPE, entry.id),
            action=entry.action,
            actor=AuditActorType.of(entry),
            target_type=entry.target_type,
            target_id=strawberry.ID(entry.target_id) if entry.target_id is not None else None,
            before=cast(JSON | None, entry.before),
            after=cast(JSON | None, entry.after),
            data=cast(JSON, entry.data),
            ip=entry.ip,
            user_agent=entry.user_agent,
            request_id=entry.request_id,
            created_at=entry.created_at,
            seq=entry.seq,
            hash=entry.hash,
            prev_hash=entry.prev_hash,
        )


@strawberry.input(name="AuditLogFilter")
class AuditLogFilterInput:
    actor_id: strawberry.ID | None = strawberry.field(default=None, description="A User or an ApiToken.")
    action: str | None = strawberry.field(default=None, description="Exactly this action, e.g. setUserRole.")
    actions: list[str] | None = strawberry.field(
        default=None, description="Any of these actions (with `action`: entries matching both)."
    )
    target_id: strawberry.ID | None = strawberry.field(default=None, description="The global id of the object.")
    from_: datetime | None = strawberry.field(default=None, name="from", description="At or after this time.")
    to: datetime | None = strawberry.field(default=None, description="Strictly before this time.")


register_node(AUDIT_ENTRY_TYPE, queries.audit_entries_by_ids, AuditEntryType.of)
