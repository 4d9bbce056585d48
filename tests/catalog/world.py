"""The world the listing-edit tests run in: seller A linked to tenant A (real tokens from the sandbox), its
listings stored as melihub would hold them, and members of each role signed in through the real API."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import text
from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user
from melihub.app import create_app
from melihub.catalog.models import Listing, ListingChange, Variation
from melihub.catalog.service import apply_item
from melihub.connections.models import MeliAccount
from melihub.meli.config import MeliClientConfig
from melihub.meli.ratelimit import RateLimiter
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gid, gql, login
from tests.conftest import PUBLIC_URL, link_seller

SIMPLE = "MLB3012345603"  # no variations, price 89.90, stock 40 (fixture)
VARIATIONS = "MLB3012345601"  # 4 variations, 59.90 each; stock 14, 9, 6, 0
SELLER_A_ITEMS = tuple(f"MLB30123456{n:02d}" for n in range(1, 9))

NewClient = Callable[[], httpx.AsyncClient]

LISTING_FIELDS = (
    "id mlId status subStatus price { amount } availableQuantity updatedAt "
    "variations { id mlId price { amount } availableQuantity }"
)
UPDATE_LISTING = f"""
mutation Update($id: ID!, $input: UpdateListingInput!, $expected: DateTime) {{
  updateListing(id: $id, input: $input, expectedUpdatedAt: $expected) {{
    listing {{ {LISTING_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""
UPDATE_VARIATIONS = f"""
mutation Update($listingId: ID!, $variations: [VariationChange!]!, $expected: DateTime) {{
  updateVariations(listingId: $listingId, variations: $variations, expectedUpdatedAt: $expected) {{
    listing {{ {LISTING_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""
LISTING = f"query($id: ID!) {{ listing(id: $id) {{ {LISTING_FIELDS} }} }}"
CHANGES = """
query($id: ID!) {
  listing(id: $id) {
    changes(first: 50) { nodes { field from to source at actor { kind id user { email } } } }
  }
}
"""


@dataclass
class World:
    services: Services
    sandbox: Any
    tenant: Tenant
    owner: User
    account: MeliAccount
    new_client: NewClient
    http: dict[str, httpx.AsyncClient] = field(default_factory=dict)  # role → a signed-in client
    user_ids: dict[str, uuid.UUID] = field(default_factory=dict)

    async def listing(self, ml_id: str) -> Listing:
        async with self.services.db.tenant(self.tenant.id) as session:
            row = (await session.exec(select(Listing).where(col(Listing.ml_id) == ml_id))).one()
        return row

    async def listing_id(self, ml_id: str) -> str:
        return gid("Listing", (await self.listing(ml_id)).id)

    async def variation_ids(self, ml_id: str) -> dict[int, str]:
        """Mercado Livre variation id → the Variation's global id."""
        listing = await self.listing(ml_id)
        async with self.services.db.tenant(self.tenant.id) as session:
            rows = (await session.exec(select(Variation).where(col(Variation.item_id) == listing.id))).all()
        return {row.ml_id: gid("Variation", row.id) for row in rows}

    async def changes(self, ml_id: str) -> list[ListingChange]:
        listing = await self.listing(ml_id)
        async with self.services.db.tenant(self.tenant.id) as session:
            query = select(ListingChange).where(col(ListingChange.listing_id) == listing.id)
            return list((await session.exec(query.order_by(col(ListingChange.field)))).all())

    async def sql(self, statement: str, **params: Any) -> list[tuple[Any, ...]]:
        async with self.services.db.tenant(self.tenant.id) as session:
            result = await session.exec(text(statement).bindparams(**params))  # type: ignore[call-overload]
            return [tuple(row) for row in result.all()] if result.returns_rows else []

    async def call(self, role: str, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = await gql(self.http[role], document, variables)
        assert not body.get("errors"), body
        return body

    def item_puts(self, ml_id: str | None = None) -> list[dict[str, Any]]:
        """The ``PUT /items/{id}`` calls the sandbox received (with their bodies)."""
        return [
            c
            for c in self.sandbox.calls()
            if c["method"] == "PUT"
            and c["route"] == "/items/{id}"
            and (ml_id is None or c["path"] == f"/items/{ml_id}")
        ]


async def store_items(services: Services, account: MeliAccount, sandbox: Any, ml_ids: tuple[str, ...]) -> None:
    """The items as a sync would have stored them (what the sandbox holds now)."""
    async with services.db.tenant(account.tenant_id) as session:
        for ml_id in ml_ids:
            await apply_item(session, account, sandbox.get("items", ml_id))


async def _member(services: Services, tenant: Tenant, owner: User, role: Role) -> tuple[uuid.UUID, str, str]:
    principal = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=owner.id)
    email = f"{role.value}@aurora.example"
    async with services.db.tenant(tenant.id) as session:
        view, password = await invite_user(session, principal, email=email, role=role)
    assert password is not None
    return view.user.id, email, password


@asynccontextmanager
async def editing_world(
    services: Services,
    sandbox: Any,
    tenant: Tenant,
    owner: User,
    roles: tuple[Role, ...] = (Role.OPERATOR,),
    *,
    stored: bool = True,  # False: the test brings the listings in itself
) -> AsyncIterator[World]:
    application = create_app(services)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(application.router.lifespan_context(application))

        def new_client() -> httpx.AsyncClient:
            return httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url=PUBLIC_URL)

        async with new_client() as owner_http:
            assert (await link_seller(owner_http, sandbox, SELLER_A)).status_code == 200
        async with services.db.tenant(tenant.id) as session:
            account = (await session.exec(select(MeliAccount).where(col(MeliAccount.ml_user_id) == SELLER_A))).one()
        if stored:
            await store_items(services, account, sandbox, SELLER_A_ITEMS)
        world = World(services, sandbox, tenant, owner, account, new_client)
        for role in roles:
            user_id, email, password = await _member(services, tenant, owner, role)
            http = await stack.enter_async_context(new_client())
            assert (await login(http, email, password))["errors"] == []
            world.http[role.value], world.user_ids[role.value] = http, user_id
        sandbox.reset_stats()
        # The tests' timelines (a 409 retried after a backoff) assume their own calls do not wait for a slot
        # the set-up took a moment before.
        await RateLimiter.from_config(services.redis, MeliClientConfig.from_settings(services.settings)).forget_grants()
        yield world
