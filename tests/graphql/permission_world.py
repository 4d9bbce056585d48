"""A tenant with one of everything and one caller per role, for the permissions test.

Owners cannot be API tokens, so the owner signs in (ana, tenant A's owner); the admin is an invited
member who signs in too (``startMeliLink`` needs a person); every other role is an API token. The
objects mutations act on are spares no caller depends on: revoking the spare token or re-roling the
spare member leaves every caller as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from melihub.accounts.api_tokens import create_api_token
from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user
from melihub.catalog.models import Listing
from melihub.connections.models import MeliAccount
from melihub.events.models import IntegrationEvent
from melihub.orders.models import Order
from melihub.questions.models import Question
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.testing.graphql import gid, login
from tests.conftest import OWNER_PASSWORD, api_token_for

SIGNED_IN = ("owner", "admin")


@dataclass
class Team:
    ids: dict[str, str]  # a type name → the global id of a real object of the tenant
    tokens: dict[str, str] = field(default_factory=dict)  # role → API token secret
    logins: dict[str, tuple[str, str]] = field(default_factory=dict)  # role → (e-mail, password)


def _resources(tenant_id: uuid.UUID, account: MeliAccount) -> dict[str, Any]:
    common: dict[str, Any] = {"tenant_id": tenant_id, "meli_account_id": account.id}
    return {
        "Listing": Listing(**common, ml_id="MLB9100000001", site_id="MLB", status="active", currency_id="BRL"),
        "Order": Order(
            **common,
            ml_id=2000009100000001,
            status="paid",
            date_created=datetime.now(UTC),
            total_amount=Decimal("10.00"),
            paid_amount=Decimal("10.00"),
            currency_id="BRL",
        ),
        "Shipment": Shipment(**common, ml_id=49100000001, status="ready_to_ship"),
        "Question": Question(**common, ml_id=9100000001, item_ml_id="MLB9100000001", status="UNANSWERED"),
        "IntegrationEvent": IntegrationEvent(
            **common, notification_id=f"perm-{uuid.uuid4()}", topic="orders_v2", resource="/orders/2000009100000001"
        ),
    }


async def seed_team(services: Services, tenant: Tenant, owner: User, account: MeliAccount) -> Team:
    principal = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=owner.id)
    rows = _resources(tenant.id, account)
    async with services.db.tenant(tenant.id) as session:
        admin, admin_password = await invite_user(session, principal, email="adm@aurora.example", role=Role.ADMIN)
        spare, _ = await invite_user(session, principal, email="spare@aurora.example", role=Role.SUPPORT)
        spare_token, _ = await create_api_token(session, principal, name="spare", role=Role.ANALYST)
        session.add_all(rows.values())
    assert admin_password is not None
    ids = {name: gid(name, row.id) for name, row in rows.items()}
    ids |= {"MeliAccount": gid("MeliAccount", account.id), "User": gid("User", spare.user.id)}
    ids["ApiToken"] = gid("ApiToken", spare_token.id)
    team = Team(ids=ids, logins={"owner": (owner.email, OWNER_PASSWORD), "admin": (admin.user.email, admin_password)})
    for role in Role:
        if role.value not in SIGNED_IN:
            team.tokens[role.value] = await api_token_for(services, tenant, role)
    return team


@asynccontextmanager
async def callers(
    team: Team, new_client: Callable[[], httpx.AsyncClient]
) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """One HTTP client per role, each with its own credentials (and cookie jar)."""
    async with AsyncExitStack() as stack:
        clients: dict[str, httpx.AsyncClient] = {}
        for role in (r.value for r in Role):
            http = await stack.enter_async_context(new_client())
            if role in team.tokens:
                http.headers["authorization"] = f"Bearer {team.tokens[role]}"
            else:
                signed_in = await login(http, *team.logins[role])
                assert signed_in["errors"] == [], signed_in
            clients[role] = http
        yield clients
