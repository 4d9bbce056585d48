"""A listing's change history as GraphQL: ``Listing.changes`` (newest first) and its ``ListingChange``."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum

import strawberry
from strawberry.dataloader import DataLoader

from melihub.accounts import queries as account_queries
from melihub.accounts.graphql.types import API_TOKEN_TYPE, USER_TYPE, UserType
from melihub.accounts.permissions import Permission
from melihub.accounts.service import MemberView
from melihub.catalog import queries
from melihub.catalog.models import ListingChange
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, one_per_key, then
from melihub.graphql.pagination import Connection, PageArgs, connection_of, page_request
from melihub.graphql.relay import global_id

MEMBER_BY_USER_ID = "catalog.member_by_user_id"


@strawberry.enum(name="ListingChangeSource")
class ListingChangeSource(Enum):
    MELIHUB = "MELIHUB"
    MERCADO_LIVRE = "MERCADO_LIVRE"


@strawberry.enum(name="ListingChangeActorKind")
class ListingChangeActorKind(Enum):
    USER = "USER"
    API_TOKEN = "API_TOKEN"


def member_by_user_id(context: Context) -> DataLoader[uuid.UUID, MemberView | None]:
    """User id → the member of the caller's tenant, None when no longer a member."""
    return one_per_key(context, MEMBER_BY_USER_ID, account_queries.members_by_ids, lambda m: m.user.id)


@strawberry.type(name="ListingChangeActor", description="Who made a change through melihub: a member or an API token.")
class ListingChangeActorType:
    kind: ListingChangeActorKind
    id: strawberry.ID = strawberry.field(description="The User or the ApiToken.")
    _user_id: strawberry.Private[uuid.UUID | None] = None

    @strawberry.field(description="The member, when one acted and is still in the company.")
    def user(self, info: Info) -> UserType | None:
        if self._user_id is None:
            return None
        member = load_now(member_by_user_id(info.context), self._user_id)
        return then(member, lambda found: UserType.of_member(found) if found else None)


@strawberry.type(
    name="ListingChange",
    description="One field of a listing or of one of its variations that changed: through melihub, or on Mercado "
    "Livre (a sale, an edit on its site, another app).",
)
class ListingChangeType:
    field: str = strawberry.field(
        description="price, availableQuantity or status; variation:<mlId>.price, variation:<mlId>.availableQuantity, "
        "or variation:<mlId> when a variation appeared (from null) or went away (to null)."
    )
    from_: str | None = strawberry.field(name="from", description="The value before, as text (a price: 59.90).")
    to: str | None = strawberry.field(description="The value after, as text.")
    source: ListingChangeSource
    actor: ListingChangeActorType | None = strawberry.field(
        description="Who made it through melihub (a member or an API token); null for changes seen from Mercado Livre."
    )
    at: datetime = strawberry.field(description="The listing's updatedAt of the version that showed the change.")

    @classmethod
    def of(cls, change: ListingChange) -> ListingChangeType:
        return cls(
            field=change.field,
            from_=change.from_value,
            to=change.to_value,
            source=ListingChangeSource(change.source),
            actor=_actor(change),
            at=change.at,
        )


def _actor(change: ListingChange) -> ListingChangeActorType | None:
    # A token acts for whoever created it, but the token is what authenticated: it is the actor.
    if change.actor_token_id is not None:
        token = global_id(API_TOKEN_TYPE, change.actor_token_id)
        return ListingChangeActorType(kind=ListingChangeActorKind.API_TOKEN, id=token)
    if change.actor_user_id is not None:
        user = global_id(USER_TYPE, change.actor_user_id)
        return ListingChangeActorType(kind=ListingChangeActorKind.USER, id=user, _user_id=change.actor_user_id)
    return None


async def resolve_changes(info: Info, listing_id: uuid.UUID, args: PageArgs) -> Connection[ListingChangeType]:
    principal = info.context.require(Permission.READ)
    ordering = queries.CHANGES_NEWEST_FIRST
    request = page_request(args, ordering)
    async with info.context.session() as session:
        page = await queries.listing_changes(session, principal, listing_id, request)
    return connection_of(info, page, ordering, ListingChangeType.of)
