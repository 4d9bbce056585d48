"""Mercado Envios shipments (``x-format-new`` shape), applied idempotently.

A shipment does not list its orders: each order names its shipment (``orders.shipment_ml_id``), so a
pack's single shipment is reached from every order of the pack (:func:`orders_of_shipment`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.db.bulk import Incoming, apply_resources
from melihub.db.idempotent import ApplyResult, apply_resource, table_of, version_of
from melihub.meli.values import dig, ml_int_id, ml_time
from melihub.orders.models import Order
from melihub.shipments.exceptions import has_label
from melihub.shipments.models import DISPATCHED_CONDITION, Shipment

ENTITY = "shipment"
KEY_TYPE = "SHIPMENT"
VERSION_FIELDS = ("last_updated", "date_last_updated")
# The dispatch time of a stored shipment (migration 0014 backfills by the same rule): ML's
# ``status_history.date_shipped`` when the payload has it (the old format; §7 does not document it), else the
# ML last-updated time of the first version stored dispatched (for one first seen delivered, later than the
# real dispatch: unsure, the reference gives nothing better).
SHIPPED_AT_SQL = (
    "COALESCE(CASE WHEN raw #>> '{status_history,date_shipped}' ~ '^\\d{4}-\\d{2}-\\d{2}T' "
    "THEN (raw #>> '{status_history,date_shipped}')::timestamptz END, ml_last_updated, synced_at)"
)


def _address(raw: dict[str, Any], *path: str) -> Any:
    """A destination field, from the new shape or the deprecated ``receiver_address`` one."""
    found = dig(raw, "destination", "shipping_address", *path)
    return found if found is not None else dig(raw, "receiver_address", *path)


def handling_limit_of(raw: dict[str, Any]) -> datetime | None:
    """When the seller must have dispatched the shipment: the floor's "to dispatch today" and "late".

    The reference (shared/meli/README.md §7) names no dispatch deadline, so this is our reading and it is
    unsure: ``lead_time.estimated_handling_limit.date`` when Mercado Livre sends it, else ``date_created``
    plus ``lead_time.estimated_delivery_time.handling`` hours (24 in every fixture); None without either.
    Migration 0008 backfills stored shipments by the same rule.
    """
    explicit = ml_time(dig(raw, "lead_time", "estimated_handling_limit", "date"))
    if explicit is not None:
        return explicit
    created = ml_time(raw.get("date_created"))
    hours = dig(raw, "lead_time", "estimated_delivery_time", "handling")
    if created is None or isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 <= hours < 10_000:
        return None
    return created + timedelta(hours=hours)


def shipment_values(raw: dict[str, Any]) -> dict[str, Any]:
    """The shipment row's columns from ``GET /shipments/{id}`` (``x-format-new: true``)."""
    limit = dig(raw, "lead_time", "estimated_delivery_limit", "date") or dig(
        raw, "shipping_option", "estimated_delivery_limit", "date"
    )
    receiver = dig(raw, "destination", "receiver_name") or dig(raw, "receiver_address", "receiver_name")
    return {
        "status": str(raw.get("status") or "unknown"),
        "substatus": raw.get("substatus"),
        "mode": dig(raw, "logistic", "mode") or raw.get("mode"),
        "logistic_type": dig(raw, "logistic", "type") or raw.get("logistic_type"),
        "tracking_number": raw.get("tracking_number"),
        "date_created": ml_time(raw.get("date_created")),
        "estimated_delivery_limit": ml_time(limit),
        "handling_limit": handling_limit_of(raw),
        "receiver_name": receiver,
        "destination_city": _address(raw, "city", "name"),
        "destination_state": _address(raw, "state", "name"),
    }


async def apply_shipment(
    session: AsyncSession, account: MeliAccount, raw: dict[str, Any], *, event_id: uuid.UUID | None = None
) -> ApplyResult:
    """Upsert the shipment; an older version never replaces a newer one."""
    values = shipment_values(raw)
    result = await apply_resource(
        session,
        account,
        Shipment,
        entity_type=ENTITY,
        key_type=KEY_TYPE,
        ml_id=ml_int_id(raw, "shipment"),
        raw=raw,
        version=version_of(raw, *VERSION_FIELDS),
        values=values,
        event_id=event_id,
    )
    if result.changed and has_label(values["status"], values["substatus"]):
        await record_labels(session, [ml_int_id(raw, "shipment")])
    if result.changed:
        await record_dispatches(session, [ml_int_id(raw, "shipment")])
    return result


async def apply_shipments(session: AsyncSession, account: MeliAccount, raws: list[dict[str, Any]]) -> list[ApplyResult]:
    """Many shipments (a sync's page) by the same rules as :func:`apply_shipment`, in three statements."""
    incoming = [
        Incoming(
            ml_int_id(raw, "shipment"), raw, version_of(raw, "last_updated", "date_last_updated"), shipment_values(raw)
        )
        for raw in raws
    ]
    results = await apply_resources(
        session, account, Shipment, entity_type=ENTITY, key_type=KEY_TYPE, incoming=incoming
    )
    written = {result.external_id for result in results if result.changed}
    labelled = [
        item.ml_id
        for item in incoming
        if str(item.ml_id) in written and has_label(item.values["status"], item.values["substatus"])
    ]
    if labelled:
        await record_labels(session, labelled)
    if written:
        await record_dispatches(session, [int(ml_id) for ml_id in written])
    return results


async def record_labels(session: AsyncSession, ml_ids: list[int]) -> None:
    """Remember that these shipments have a label (from the first time it is known; never cleared)."""
    await session.exec(
        update(Shipment)
        .where(col(Shipment.ml_id).in_(ml_ids), col(Shipment.label_printed_at).is_(None))
        .values(label_printed_at=utcnow())
    )


async def record_dispatches(session: AsyncSession, ml_ids: list[int]) -> None:
    """Stamp ``shipped_at`` on these shipments once they are stored dispatched (never moved afterwards)."""
    await session.exec(
        text(  # type: ignore[call-overload]
            f"UPDATE shipments SET shipped_at = {SHIPPED_AT_SQL} "
            f"WHERE ml_id = ANY(:ml_ids) AND shipped_at IS NULL AND {DISPATCHED_CONDITION}"
        ),
        params={"ml_ids": ml_ids},
    )


async def orders_of_shipment(session: AsyncSession, shipment_ml_id: int) -> list[int]:
    """ML ids of the orders this shipment serves (several for a pack)."""
    orders = table_of(Order)
    statement = select(orders.c.ml_id).where(orders.c.shipment_ml_id == int(shipment_ml_id)).order_by(orders.c.ml_id)
    return [int(ml_id) for ml_id in (await session.exec(statement)).all()]
