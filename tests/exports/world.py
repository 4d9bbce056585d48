"""The world the export tests run in: tenant A (São Paulo) with two linked accounts, a few orders, listings,
questions and shipments written directly, and members of several roles signed in through the real API."""

from __future__ import annotations

import csv
import io
import itertools
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import text
from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user, set_member_accounts
from melihub.app import create_app
from melihub.catalog.models import Listing, Variation
from melihub.connections.models import MeliAccount
from melihub.exports.models import Export, ExportChunk
from melihub.graphql.relay import row_id_of
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.questions.models import Question
from melihub.runtime import Services
from melihub.shipments.models import Shipment
from melihub.testing.graphql import gid, gql, login
from melihub_workers.tasks.exports import run_export
from tests.conftest import OWNER_PASSWORD, PUBLIC_URL

_ml_ids = itertools.count(2000009000000001)

EXPORT_FIELDS = (
    "id kind format status progress rows totalRows fileName sizeBytes downloadUrl expiresAt createdAt "
    "startedAt finishedAt error schedule { id }"
)
START = f"""
mutation($kind: ExportKind!, $format: ExportFormat!, $filter: ExportFilter) {{
  startExport(kind: $kind, format: $format, filter: $filter) {{
    export {{ {EXPORT_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""
EXPORT = f"query($id: ID!) {{ export(id: $id) {{ {EXPORT_FIELDS} }} }}"
EXPORTS = "query { exports(first: 50) { nodes { id kind status } } }"


@dataclass
class ExportWorld:
    services: Services
    tenant: Tenant
    owner: User
    account: MeliAccount  # LOJA_CASA_AURORA
    other: MeliAccount  # AURORA_OUTLET
    http: dict[str, httpx.AsyncClient] = field(default_factory=dict)  # role (or "limited") → a signed-in client
    user_ids: dict[str, uuid.UUID] = field(default_factory=dict)

    async def call(self, who: str, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await gql(self.http[who], document, variables or {})
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data

    async def start(self, who: str, kind: str, fmt: str = "CSV", **filter_: Any) -> dict[str, Any]:
        payload: dict[str, Any] = (
            await self.call(who, START, {"kind": kind, "format": fmt, "filter": filter_ or None})
        )["startExport"]
        return payload

    async def finished(self, who: str, export_id: str) -> dict[str, Any]:
        """Run the export's job as the worker does, then read the export as ``who``."""
        row_id = row_id_of(export_id, "Export")
        await run_export({"services": self.services}, str(self.tenant.id), str(row_id))
        export: dict[str, Any] = (await self.call(who, EXPORT, {"id": export_id}))["export"]
        return export

    async def download(self, url: str) -> httpx.Response:
        """Fetch a download link without any session (a browser's download, a spreadsheet tool)."""
        return await self.http["anonymous"].get(url.removeprefix(PUBLIC_URL))

    async def csv_rows(self, who: str, export_id: str) -> list[list[str]]:
        export = await self.finished(who, export_id)
        assert export["status"] == "DONE", export
        response = await self.download(export["downloadUrl"])
        assert response.status_code == 200, response.text
        body = response.content.decode("utf-8")
        assert body.startswith("\ufeff")
        return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))

    async def add(self, *rows: Any) -> None:
        async with self.services.db.tenant(self.tenant.id) as session:
            session.add_all(rows)

    async def sql(self, statement: str, **params: Any) -> list[tuple[Any, ...]]:
        async with self.services.db.tenant(self.tenant.id) as session:
            result = await session.exec(text(statement).bindparams(**params))  # type: ignore[call-overload]
            return [tuple(row) for row in result.all()] if result.returns_rows else []

    async def export_row(self, export_id: str) -> Export:
        async with self.services.db.tenant(self.tenant.id) as session:
            found = await session.get(Export, row_id_of(export_id, "Export"))
        assert found is not None
        return found

    async def chunk_seqs(self, export_id: str) -> list[int]:
        async with self.services.db.tenant(self.tenant.id) as session:
            query = select(ExportChunk.seq).where(col(ExportChunk.export_id) == row_id_of(export_id, "Export"))
            return sorted((await session.exec(query)).all())

    # ---- seeding ----------------------------------------------------------------------------------

    async def order(
        self,
        account: MeliAccount,
        created: datetime,
        *,
        status: str = "paid",
        total: str = "199.90",
        currency: str = "BRL",
        lines: tuple[tuple[str, str | None, int], ...] = (("Cafeteira italiana", "CAF-01", 1),),
        refunded: str | None = None,
        buyer: str | None = "COMPRADOR_UM",
        shipment_status: str | None = "ready_to_ship",
    ) -> Order:
        ml_id = next(_ml_ids)
        order = Order(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=ml_id,
            status=status,
            date_created=created,
            date_closed=created,
            total_amount=Decimal(total),
            paid_amount=Decimal(total),
            currency_id=currency,
        )
        extra: list[Any] = []
        if buyer is not None:
            customer = Customer(tenant_id=account.tenant_id, ml_user_id=ml_id + 7, nickname=buyer)
            extra.append(customer)
            order.customer_id = customer.id
        if shipment_status is not None:
            shipment = Shipment(
                tenant_id=account.tenant_id,
                meli_account_id=account.id,
                ml_id=ml_id + 5,
                status=shipment_status,
                date_created=created,
            )
            extra.append(shipment)
            order.shipment_ml_id = shipment.ml_id
        await self.add(*extra, order)
        details: list[Any] = [
            OrderItem(
                tenant_id=order.tenant_id,
                order_id=order.id,
                line_no=number,
                item_ml_id=f"MLB{ml_id}{number}",
                title=title,
                sku=sku,
                quantity=quantity,
                unit_price=Decimal(total) / sum(q for _, _, q in lines),
                currency_id=currency,
            )
            for number, (title, sku, quantity) in enumerate(lines, start=1)
        ]
        details.append(
            Payment(
                tenant_id=order.tenant_id,
                order_id=order.id,
                ml_id=ml_id + 3,
                status="approved",
                transaction_amount=Decimal(total),
                transaction_amount_refunded=Decimal(refunded) if refunded is not None else None,
                currency_id=currency,
            )
        )
        await self.add(*details)
        return order

    async def listing(self, account: MeliAccount, ml_id: str, title: str, skus: tuple[str, ...] = ()) -> Listing:
        listing = Listing(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=ml_id,
            site_id="MLB",
            title=title,
            status="active",
            price=Decimal("59.90"),
            currency_id="BRL",
            available_quantity=7,
            sold_quantity=3,
            free_shipping=True,
        )
        await self.add(listing)
        await self.add(
            *(Variation(tenant_id=account.tenant_id, item_id=listing.id, ml_id=next(_ml_ids), sku=sku) for sku in skus)
        )
        return listing

    async def question(self, account: MeliAccount, item: str, asked: datetime, answered: datetime | None) -> Question:
        question = Question(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            ml_id=next(_ml_ids),
            item_ml_id=item,
            status="ANSWERED" if answered else "UNANSWERED",
            text='=HYPERLINK("http://x") serve para indução?',
            date_created=asked,
            answer_text="Serve sim!" if answered else None,
            answered_at=answered,
        )
        await self.add(question)
        return question


async def _member(services: Services, tenant: Tenant, owner: User, role: Role, email: str) -> tuple[uuid.UUID, str]:
    principal = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=owner.id)
    async with services.db.tenant(tenant.id) as session:
        view, password = await invite_user(session, principal, email=email, role=role)
    assert password is not None
    return view.user.id, password


async def limit_member(world: ExportWorld, user_id: uuid.UUID, accounts: list[uuid.UUID]) -> None:
    principal = Principal(tenant_id=world.tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=world.owner.id)
    async with world.services.db.tenant(world.tenant.id) as session:
        await set_member_accounts(session, principal, user_id, accounts)


@asynccontextmanager
async def export_world(
    services: Services, tenant: Tenant, owner: User, account: MeliAccount
) -> AsyncIterator[ExportWorld]:
    """Owner, operator, analyst and an analyst limited to ``account`` ("limited"), each signed in."""
    other = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(tenant.id) as session:
        session.add(other)
    application = create_app(services)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(application.router.lifespan_context(application))

        async def client() -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=application)
            return await stack.enter_async_context(httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL))

        world = ExportWorld(services, tenant, owner, account, other)
        world.http["anonymous"] = await client()
        world.http["owner"] = await client()
        assert (await login(world.http["owner"], owner.email, OWNER_PASSWORD))["errors"] == []
        world.user_ids["owner"] = owner.id
        for who, role in (("operator", Role.OPERATOR), ("analyst", Role.ANALYST), ("limited", Role.ANALYST)):
            user_id, password = await _member(services, tenant, owner, role, f"{who}@aurora.example")
            if who == "limited":
                await limit_member(world, user_id, [account.id])
            world.http[who] = await client()
            assert (await login(world.http[who], f"{who}@aurora.example", password))["errors"] == []
            world.user_ids[who] = user_id
        yield world


def sao_paulo(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A São Paulo wall-clock time as an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("America/Sao_Paulo")).astimezone(UTC)


def account_gid(account: MeliAccount) -> str:
    return gid("MeliAccount", account.id)
