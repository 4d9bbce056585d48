"""``exportCustomerData``: everything melihub holds about one buyer, as one JSON document.

Each section is the buyer's rows of one table, whole (``to_jsonb`` of the row, the raw Mercado Livre payloads
included), so a new column is exported without a change here. Aggregates keyed by the buyer's id
(``customer_months``) are included too: they are data about the buyer even though they name no one.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.privacy.scope import EVENTS_OF_BUYER, BuyerScope, buyer_scope, require_whole_company

FORMAT = "melihub.customer-data/1"
# section → the SELECT of its rows (to_jsonb of each); it binds the scope's parameters it names
SECTIONS: dict[str, str] = {
    "customer": "SELECT to_jsonb(t) FROM customers t WHERE t.id = :customer",
    "erasure": "SELECT to_jsonb(t) FROM buyer_erasures t WHERE t.ml_user_id = :buyer",
    "orders": "SELECT to_jsonb(t) FROM orders t WHERE t.id = ANY(:orders) ORDER BY t.date_created, t.ml_id",
    "orderItems": "SELECT to_jsonb(t) FROM order_items t WHERE t.order_id = ANY(:orders) "
    "ORDER BY t.order_id, t.line_no",
    "payments": "SELECT to_jsonb(t) FROM payments t WHERE t.order_id = ANY(:orders) ORDER BY t.ml_id",
    "shipments": "SELECT to_jsonb(t) FROM shipments t WHERE t.ml_id = ANY(:shipments) ORDER BY t.ml_id",
    "conversations": "SELECT to_jsonb(t) FROM conversations t WHERE t.buyer_ml_user_id = :buyer "
    "OR t.thread_ml_id = ANY(:threads) ORDER BY t.thread_ml_id",
    "messages": "SELECT to_jsonb(t) FROM messages t WHERE t.ml_id = ANY(:messages) ORDER BY t.date_created, t.ml_id",
    "questions": "SELECT to_jsonb(t) FROM questions t WHERE t.ml_id = ANY(:questions) ORDER BY t.ml_id",
    "claims": "SELECT to_jsonb(t) FROM claims t WHERE t.ml_id = ANY(:claims) ORDER BY t.ml_id",
    "hubOrders": "SELECT to_jsonb(t) FROM hub_orders t WHERE t.id = ANY(:hub) ORDER BY t.created_at",
    "hubOrderLines": "SELECT to_jsonb(t) FROM hub_order_lines t WHERE t.hub_order_id = ANY(:hub) "
    "ORDER BY t.hub_order_id, t.order_ml_id, t.line_no",
    "hubVolumes": "SELECT to_jsonb(t) FROM hub_volumes t WHERE t.hub_order_id = ANY(:hub) ORDER BY t.number",
    "hubNotifications": "SELECT to_jsonb(t) FROM hub_notifications t WHERE t.hub_order_id = ANY(:hub) "
    "ORDER BY t.created_at",
    "integrationEvents": f"SELECT to_jsonb(t) FROM integration_events t WHERE {EVENTS_OF_BUYER} ORDER BY t.received_at",
    "customerMonths": "SELECT to_jsonb(t) FROM customer_months t WHERE t.buyer_ml_id = :buyer "
    "ORDER BY t.month, t.meli_account_id",
}
SINGLE = frozenset({"customer", "erasure"})


def scope_params(scope: BuyerScope) -> dict[str, Any]:
    return {
        "customer": scope.customer_id,
        "buyer": scope.ml_user_id,
        "orders": scope.order_ids,
        "shipments": scope.shipment_ml_ids,
        "threads": scope.threads,
        "messages": scope.message_ml_ids,
        "questions": scope.question_ml_ids,
        "claims": scope.claim_ml_ids,
        "hub": scope.hub_order_ids,
        "resources": scope.resource_ids,
    }


async def export_customer(session: AsyncSession, principal: Principal, customer_id: uuid.UUID) -> dict[str, Any]:
    """The buyer's document: ``format``, ``exportedAt``, ``mlUserId`` and one key per section."""
    principal.require(Permission.MANAGE_PERSONAL_DATA)
    scope = await buyer_scope(session, customer_id)  # NOT_FOUND first: another tenant's id says nothing more
    await require_whole_company(session, principal, customer_id)
    params = scope_params(scope)
    document: dict[str, Any] = {"format": FORMAT, "exportedAt": utcnow().isoformat(), "mlUserId": scope.ml_user_id}
    for section, sql in SECTIONS.items():
        statement = text(sql)
        bound = {name: value for name, value in params.items() if f":{name}" in sql}
        rows = [row[0] for row in (await session.exec(statement, params=bound)).all()]  # type: ignore[call-overload]
        document[section] = (rows[0] if rows else None) if section in SINGLE else rows
    return document


def section_counts(document: dict[str, Any]) -> dict[str, int]:
    """How many rows each section holds: what the audit row says instead of the data."""
    return {
        section: (1 if document.get(section) else 0) if section in SINGLE else len(document.get(section) or [])
        for section in SECTIONS
    }
