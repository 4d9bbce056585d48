"""Mercado Envios shipments (one per order, or one per pack)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint, text
from sqlmodel import Field

from melihub.db.base import MeliResource, changed_first_index, timestamp

# Not yet handed to the carrier (reference §7.2): what the seller still has to dispatch.
OPEN_STATUSES = ("pending", "handling", "ready_to_ship")
OPEN_CONDITION = "status IN ('pending', 'handling', 'ready_to_ship')"
# Handed to the carrier: from here on the shipment has a dispatch time (``shipped_at``).
DISPATCHED_STATUSES = ("shipped", "delivered", "not_delivered")
DISPATCHED_CONDITION = "status IN ('shipped', 'delivered', 'not_delivered')"


class Shipment(MeliResource, table=True):
    __tablename__ = "shipments"
    __table_args__ = (
        UniqueConstraint("tenant_id", "ml_id"),
        Index("ix_shipments_tenant_status", "tenant_id", "status", "substatus"),
        # The floor's "to dispatch today" and "late": open shipments of a tenant by dispatch deadline.
        Index(
            "ix_shipments_tenant_open_handling",
            "tenant_id",
            "handling_limit",
            postgresql_where=text(OPEN_CONDITION),
        ),
        # KPI upkeep and rebuild read dispatched shipments by dispatch time (melihub.kpis).
        Index(
            "ix_shipments_tenant_shipped", "tenant_id", "shipped_at", postgresql_where=text("shipped_at IS NOT NULL")
        ),
    )

    ml_id: int = Field(sa_type=BigInteger, nullable=False)
    status: str = Field(sa_type=Text, nullable=False)
    substatus: str | None = Field(default=None, sa_type=Text)
    mode: str | None = Field(default=None, sa_type=Text)
    logistic_type: str | None = Field(default=None, sa_type=Text)
    tracking_number: str | None = Field(default=None, sa_type=Text)
    date_created: datetime | None = timestamp()
    estimated_delivery_limit: datetime | None = timestamp()
    handling_limit: datetime | None = timestamp()  # the dispatch deadline (``service.handling_limit_of``)
    receiver_name: str | None = Field(default=None, sa_type=Text)
    destination_city: str | None = Field(default=None, sa_type=Text)
    destination_state: str | None = Field(default=None, sa_type=Text)
    # When a label was first known to exist (melihub printed it, or it was stored past ready_to_print):
    # kept when the shipment moves on, for the CANCELLED_AFTER_LABEL exception.
    label_printed_at: datetime | None = timestamp()
    # When it was dispatched (``service.SHIPPED_AT_SQL``): set once, the first time it is stored dispatched.
    shipped_at: datetime | None = timestamp()


changed_first_index(Shipment)
