"""The world the cross-tenant walk runs in: tenant A with one object of every Node type, B with a little.

Tenant A links two Mercado Livre accounts, each with one object of every account-scoped type: the
member of A limited to the first ("seen") must not reach those of the second ("other"). Rows are
written directly with the domain models, as the order tests do.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import Table, select
from sqlmodel import select as sqlmodel_select

from melihub.accounts.api_tokens import create_api_token
from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.catalog.models import BulkOperation, Variation
from melihub.claims.models import Claim
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.models import metadata
from melihub.events.models import EventStatus, IntegrationEvent
from melihub.exports.models import Export, ExportSchedule
from melihub.graphql.relay import row_id_of
from melihub.hub.models import HubNotification, HubOrder, HubVolume
from melihub.insights.models import ListingAnalysis
from melihub.messages.models import Conversation
from melihub.orders.models import Order, Payment
from melihub.questions.models import Question
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.sync.models import RunKind, RunStatus, SyncRun
from melihub.testing.graphql import gid, gql, login
from melihub.testing.stores import free_port
from tests.conftest import OWNER_PASSWORD
from tests.graphql import cross_tenant_tenant_objects as tenant_objects
from tests.graphql.cross_tenant_tenant_objects import add_rows, ml_ids
from tests.orders.test_order_queries import seed_listing, seed_order

INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = """mutation($u: ID!, $a: [ID!]) {
  setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } }
}"""
# Account-wide objects a member limited to other accounts still sees (the rest are per account).
TENANT_WIDE = frozenset(
    {"Tenant", "User", "ApiToken", "AuditEntry", "QuestionTemplate", "SkuMapping", "StatusMapping", "MeliApplication"}
    | {"WebhookSubscription", "WebhookDelivery"}
)


def isolated(settings: Settings) -> Settings:
    """Settings for hundreds of calls that never leave the machine.

    The cost bucket is not what these tests are about; Mercado Livre is a loopback port nothing listens
    on, so a call that wrongly got past a check fails at once, locally, instead of reaching the internet.
    """
    nowhere = f"http://127.0.0.1:{free_port()}"
    return settings.model_copy(
        update={
            "graphql_bucket_capacity": 1_000_000,
            "graphql_bucket_restore_per_s": 1_000_000.0,
            "meli_api_url": nowhere,
            "meli_auth_url": nowhere,
            "meli_max_retries": 0,
        }
    )


@dataclass
class Caller:
    """Someone the walk calls the API as, and the ids of their own it fills other arguments with."""

    name: str
    http: httpx.AsyncClient
    token: str | None = None
    own: dict[str, str] = field(default_factory=dict)  # Node type → a global id the caller may use

    async def call(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await gql(self.http, document, variables, token=self.token)

    def own_id(self, type_names: set[str]) -> str:
        """One of the caller's own ids of these types (to fill an argument the walk is not testing)."""
        mine = sorted(type_names & set(self.own))
        assert mine, f"{self.name} has no {' or '.join(sorted(type_names))} of its own to fill an argument with"
        return self.own[mine[0]]

    def socket_credentials(self) -> dict[str, Any]:
        """Keyword arguments of ``graphql_socket`` that sign in as this caller."""
        if self.token:
            return {"authorization": f"Bearer {self.token}"}
        return {"cookies": dict(self.http.cookies)}


@dataclass
class World:
    tenant_a: Tenant
    member_ids: list[uuid.UUID]  # A's users (the owner and the limited member)
    a_ids: dict[str, str]  # every Node type → one global id of tenant A
    other_ids: dict[str, str]  # the objects of A's account the limited member does not see
    seen_ids: dict[str, str]  # the objects of A's account the limited member sees (and itself)
    member_email: str
    member_password: str


async def _order_ids(services: Services, order: Order) -> dict[str, str]:
    """The global ids of an order seeded with details, and of its buyer, payment and shipment."""
    async with services.db.tenant(order.tenant_id) as session:
        payment = (await session.exec(sqlmodel_select(Payment).where(Payment.order_id == order.id))).one()
        shipment = (await session.exec(sqlmodel_select(Shipment).where(Shipment.ml_id == order.shipment_ml_id))).one()
    return {
        "Order": gid("Order", order.id),
        "Payment": gid("Payment", payment.id),
        "Customer": gid("Customer", order.customer_id),
        "Shipment": gid("Shipment", shipment.id),
    }


def _claim(account: MeliAccount) -> Claim:
    return Claim(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=next(ml_ids),
        status="opened",
        resource="order",
        resource_id=next(ml_ids),
        raw={},
    )


def _export_objects(account: MeliAccount) -> tuple[ExportSchedule, Export]:
    """An export schedule of the account and one export it ran (both the team's, within that account)."""
    common: dict[str, Any] = {
        "tenant_id": account.tenant_id,
        "kind": "ORDERS",
        "format": "CSV",
        "time_zone": "America/Sao_Paulo",
        "meli_account_ids": [account.id],
    }
    schedule = ExportSchedule(**common, cron="0 8 * * *", keep_hours=168)
    return schedule, Export(**common, keep_hours=168, schedule_id=schedule.id, slot_at=datetime.now(UTC))


def _hub_objects(account: MeliAccount) -> tuple[HubOrder, HubVolume, HubNotification]:
    """A hub order of the account with a volume and a notification."""
    common: dict[str, Any] = {"tenant_id": account.tenant_id}
    number = str(next(ml_ids))
    order = HubOrder(**common, external_id=number, code=number, meli_account_id=account.id, recipient_name="Ana")
    volume = HubVolume(**common, hub_order_id=order.id, number=1)
    notification = HubNotification(**common, hub_order_id=order.id, reason="ready", dedupe_key=f"ready:{order.id}")
    return order, volume, notification


async def seed_account_objects(services: Services, account: MeliAccount) -> dict[str, str]:
    """An order with lines/payment/buyer/shipment, a listing with a variation, a question, an event, a
    finished sync run."""
    tenant_id = account.tenant_id
    ids = await _order_ids(services, await seed_order(services, account, with_details=True))
    listing = await seed_listing(services, account, f"MLB{next(ml_ids)}", "Cafeteira italiana")
    variation = Variation(
        tenant_id=tenant_id,
        item_id=listing.id,
        ml_id=next(ml_ids),
        attribute_combinations=[{"name": "Cor", "value_name": "Azul"}],
    )
    question = Question(
        tenant_id=tenant_id,
        meli_account_id=account.id,
        ml_id=next(ml_ids),
        item_ml_id=listing.ml_id,
        status="UNANSWERED",
        text="Serve para fogão de indução?",
    )
    claim = _claim(account)
    conversation = Conversation(
        tenant_id=tenant_id,
        meli_account_id=account.id,
        thread_ml_id=next(ml_ids),
        seller_ml_user_id=account.ml_user_id,
        buyer_ml_user_id=next(ml_ids),
        unread_count=1,
    )
    event = IntegrationEvent(
        tenant_id=tenant_id,
        meli_account_id=account.id,
        notification_id=f"n-{next(ml_ids)}",
        topic="orders_v2",
        resource="/orders/1",
        status=EventStatus.FAILED.value,
        last_error="boom",
    )
    run = SyncRun(
        tenant_id=tenant_id,
        meli_account_id=account.id,
        kind=RunKind.BACKFILL.value,
        status=RunStatus.SUCCEEDED.value,
        finished_at=datetime.now(UTC),
    )
    bulk = BulkOperation(tenant_id=tenant_id, total=1, meli_account_ids=[account.id])
    analysis = ListingAnalysis(
        tenant_id=tenant_id,
        listing_id=listing.id,
        meli_account_id=account.id,
        status="DONE",
        listing_version="v",
        prompt_version="listing_review.v1",
        language="pt-BR",
        model="m",
        result={"seo": {"titleSuggestions": [{"title": "Cafeteira italiana de alumínio 6 xícaras", "reason": "r"}]}},
    )
    schedule, export = _export_objects(account)
    await add_rows(services, tenant_id, schedule)  # before the export that names it (no relationship orders them)
    await add_rows(services, tenant_id, variation, question, claim, conversation, event, run, bulk, export, analysis)
    hub_order, volume, notification = _hub_objects(account)
    await add_rows(services, tenant_id, hub_order)  # before the rows that name it
    await add_rows(services, tenant_id, volume, notification)
    return {
        "HubOrder": gid("HubOrder", hub_order.id),
        "HubVolume": gid("HubVolume", volume.id),
        "HubNotification": gid("HubNotification", notification.id),
        **ids,
        "Listing": gid("Listing", listing.id),
        "Variation": gid("Variation", variation.id),
        "Question": gid("Question", question.id),
        "Claim": gid("Claim", claim.id),
        "Conversation": gid("Conversation", conversation.id),
        "IntegrationEvent": gid("IntegrationEvent", event.id),
        "SyncRun": gid("SyncRun", run.id),
        "BulkOperation": gid("BulkOperation", bulk.id),
        "ListingAnalysis": gid("ListingAnalysis", analysis.id),
        "ExportSchedule": gid("ExportSchedule", schedule.id),
        "Export": gid("Export", export.id),
        "MeliAccount": gid("MeliAccount", account.id),
    }


async def api_token(services: Services, tenant: Tenant, role: Role) -> tuple[str, str]:
    """The global id and the secret of a new API token of ``tenant``."""
    owner = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION)
    async with services.db.tenant(tenant.id) as session:
        token, secret = await create_api_token(session, owner, name=f"walk-{role.value}", role=role)
    return gid("ApiToken", token.id), secret


async def invite(owner: httpx.AsyncClient, email: str, role: Role) -> tuple[str, str]:
    """The global id and temporary password of a new member, invited by the signed-in owner."""
    body = await gql(owner, INVITE, {"email": email, "role": role.name})
    invited = body["data"]["inviteUser"]
    assert invited["errors"] == [], body
    return invited["user"]["id"], invited["temporaryPassword"]


async def seed_tenant_a(
    services: Services, owner_http: httpx.AsyncClient, tenant: Tenant, owner: User, seen: MeliAccount
) -> World:
    """Tenant A, its owner signed in on ``owner_http``, and an admin limited to the ``seen`` account."""
    other = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    await add_rows(services, tenant.id, other)
    other_ids = await seed_account_objects(services, other)
    seen_ids = await seed_account_objects(services, seen)
    token_id, _ = await api_token(services, tenant, Role.INTEGRATOR)

    assert (await login(owner_http, owner.email, OWNER_PASSWORD))["errors"] == []
    member_email = "admin@aurora.example"
    member_id, password = await invite(owner_http, member_email, Role.ADMIN)
    limited = await gql(owner_http, LIMIT, {"u": member_id, "a": [seen_ids["MeliAccount"]]})
    assert limited["data"]["setMemberAccounts"]["errors"] == [], limited
    tenant_wide = {
        "Tenant": gid("Tenant", tenant.id),
        "User": member_id,
        "ApiToken": token_id,
        "AuditEntry": await tenant_objects.audit_entry(services, tenant.id),
        "QuestionTemplate": await tenant_objects.template(services, tenant.id),
        **await tenant_objects.mappings(services, tenant.id),
        **await tenant_objects.application(services, tenant.id),
        **await tenant_objects.webhooks(services, tenant.id),
    }
    return World(
        tenant_a=tenant,
        member_ids=[owner.id, row_id_of(member_id, "User")],
        a_ids={**other_ids, **tenant_wide},
        other_ids=other_ids,
        seen_ids={
            **seen_ids,
            "User": member_id,
            **{
                name: tenant_wide[name]
                for name in (
                    "QuestionTemplate",
                    "SkuMapping",
                    "StatusMapping",
                    "MeliApplication",
                    "WebhookSubscription",
                    "WebhookDelivery",
                )
            },
        },
        member_email=member_email,
        member_password=password,
    )


async def seed_tenant_b(
    services: Services, owner_http: httpx.AsyncClient, tenant: Tenant, owner: User, account: MeliAccount
) -> tuple[dict[str, str], str]:
    """B's own ids (its owner signed in on ``owner_http``) and the secret of an admin API token of B."""
    ids = await seed_account_objects(services, account)
    token_id, secret = await api_token(services, tenant, Role.ADMIN)
    assert (await login(owner_http, owner.email, OWNER_PASSWORD))["errors"] == []
    # An operator: an owner cannot be limited, so the walk fills ``userId`` with someone who can.
    member_id, _ = await invite(owner_http, "op@pampa.example", Role.OPERATOR)
    own = {"Tenant": gid("Tenant", tenant.id), "User": member_id, "ApiToken": token_id}
    wide = {
        "QuestionTemplate": await tenant_objects.template(services, tenant.id),
        **await tenant_objects.mappings(services, tenant.id),
        **await tenant_objects.application(services, tenant.id),
        **await tenant_objects.webhooks(services, tenant.id),
    }
    return {**ids, **own, **wide}, secret


async def snapshot(services: Services, tenant_id: uuid.UUID, user_ids: list[uuid.UUID]) -> dict[str, list[Any]]:
    """Every row of the tenant (read as the tenant, through row-level security) and of its users."""
    tables: list[Table] = [t for t in metadata.sorted_tables if "tenant_id" in t.c]
    rows: dict[str, list[Any]] = {}
    async with services.db.tenant(tenant_id) as session:
        for table in tables:
            result = await session.exec(select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [tuple(row) for row in result.all()]
        users = metadata.tables["users"]
        found = await session.exec(select(users).where(users.c.id.in_(user_ids)).order_by(users.c.id))
        rows["users"] = [tuple(row) for row in found.all()]
        tenants = metadata.tables["tenants"]
        own = await session.exec(select(tenants).where(tenants.c.id == tenant_id))
        rows["tenants"] = [tuple(row) for row in own.all()]
    assert rows["orders"] and len(rows["users"]) == len(user_ids), "the snapshot must see the tenant's rows"
    return rows
