"""The pickup hub: its orders and volumes, SKU and status mappings, ready notifications, feature flags.

A hub order is one Mercado Livre pack (or a packless order), keyed by ``(channel, external_id)``; its lines
carry the channel's SKU and the hub's internal SKU once mapped. The recipient's name, document and phone
are personal data: stored only here, masked wherever a role does not need them (``melihub.hub.privacy``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Index, Integer, Text, UniqueConstraint, text
from sqlmodel import Field

from melihub.db.base import TenantOwned, bigint, timestamp


class HubStatus(StrEnum):
    RECEBIDO = "RECEBIDO"
    PRONTO = "PRONTO"
    RETIRADO = "RETIRADO"


class VolumeStatus(StrEnum):
    PENDENTE = "PENDENTE"  # announced by the channel, not yet at the hub
    RECEBIDO = "RECEBIDO"  # at the hub (and on a shelf once it has a position)


class Flag(StrEnum):
    ML_INTEGRATION = "integracao.ml.enabled"
    HUB = "hub.enabled"


ML = "ML"


class FeatureFlag(TenantOwned, table=True):
    """A per-tenant switch, off unless a row says on; every change is audited."""

    __tablename__ = "feature_flags"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)

    key: str = Field(sa_type=Text, nullable=False)
    enabled: bool = Field(default=False, sa_type=Boolean, nullable=False)
    updated_at: datetime = timestamp(default_now=True)
    updated_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


class HubSettings(TenantOwned, table=True):
    """The hub's own facts for the ready notification, and its notification channels (secrets encrypted)."""

    __tablename__ = "hub_settings"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    name: str = Field(default="", sa_type=Text, nullable=False)
    address: str = Field(default="", sa_type=Text, nullable=False)
    pickup_hours: str = Field(default="", sa_type=Text, nullable=False)
    smtp_url_encrypted: str | None = Field(default=None, sa_type=Text)  # None: the process-wide default
    smtp_from: str | None = Field(default=None, sa_type=Text)
    sms_url: str | None = Field(default=None, sa_type=Text)
    sms_token_encrypted: str | None = Field(default=None, sa_type=Text)
    whatsapp_url: str | None = Field(default=None, sa_type=Text)
    whatsapp_token_encrypted: str | None = Field(default=None, sa_type=Text)
    updated_at: datetime = timestamp(default_now=True)


class HubOrder(TenantOwned, table=True):
    __tablename__ = "hub_orders"
    __table_args__ = (
        UniqueConstraint("tenant_id", "channel", "external_id"),
        Index("ix_hub_orders_tenant_status", "tenant_id", "status", "updated_at"),
        Index("ix_hub_orders_tenant_shipment", "tenant_id", "shipment_ml_id"),
        CheckConstraint("status IN ('RECEBIDO','PRONTO','RETIRADO')", name="hub_orders_status_check"),
    )

    channel: str = Field(default=ML, sa_type=Text, nullable=False)
    external_id: str = Field(sa_type=Text, nullable=False)  # the pack id, or the order id of a packless order
    meli_account_id: uuid.UUID | None = Field(default=None, foreign_key="meli_accounts.id", ondelete="SET NULL")
    code: str = Field(sa_type=Text, nullable=False)  # what the buyer and the desk say: the pack/order number
    status: str = Field(default=HubStatus.RECEBIDO.value, sa_type=Text, nullable=False)
    external_status: str | None = Field(default=None, sa_type=Text)  # the channel's order status
    internal_status: str | None = Field(default=None, sa_type=Text)  # through the status mappings
    closed: bool = Field(default=False, sa_type=Boolean, nullable=False)  # a terminal mapped status
    mapping_needed: str | None = Field(default=None, sa_type=Text)  # why it waits (unmapped SKUs); None: not
    shipment_ml_id: int | None = bigint()
    label_ready: bool = Field(default=False, sa_type=Boolean, nullable=False)
    recipient_name: str | None = Field(default=None, sa_type=Text)
    recipient_document: str | None = Field(default=None, sa_type=Text)
    document_checked_at: datetime | None = timestamp()  # when ML's billing data was last asked for it
    recipient_phone: str | None = Field(default=None, sa_type=Text)
    recipient_email: str | None = Field(default=None, sa_type=Text)  # given by the hub: the channel has none
    ready_at: datetime | None = timestamp()
    picked_up_at: datetime | None = timestamp()
    picked_up_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)


class HubOrderLine(TenantOwned, table=True):
    __tablename__ = "hub_order_lines"
    __table_args__ = (
        UniqueConstraint("hub_order_id", "order_ml_id", "line_no"),
        Index("ix_hub_order_lines_unmapped", "tenant_id", "channel", "external_sku"),
    )

    hub_order_id: uuid.UUID = Field(foreign_key="hub_orders.id", nullable=False, ondelete="CASCADE")
    channel: str = Field(default=ML, sa_type=Text, nullable=False)
    order_ml_id: int = Field(sa_type=BigInteger, nullable=False)
    line_no: int = Field(sa_type=Integer, nullable=False)
    external_sku: str | None = Field(default=None, sa_type=Text)
    internal_sku: str | None = Field(default=None, sa_type=Text)
    title: str = Field(default="", sa_type=Text, nullable=False)
    quantity: int = Field(sa_type=Integer, nullable=False)


class HubVolume(TenantOwned, table=True):
    __tablename__ = "hub_volumes"
    __table_args__ = (UniqueConstraint("hub_order_id", "number"),)

    hub_order_id: uuid.UUID = Field(foreign_key="hub_orders.id", nullable=False, ondelete="CASCADE")
    number: int = Field(sa_type=Integer, nullable=False)  # 1..n within the order
    weight_grams: int | None = Field(default=None, sa_type=Integer)
    dimensions: str | None = Field(default=None, sa_type=Text)  # "LxWxH" in cm, as the channel gives it
    external_label: str | None = Field(default=None, sa_type=Text)  # the shipment id the channel's label bears
    status: str = Field(default=VolumeStatus.PENDENTE.value, sa_type=Text, nullable=False)
    position: str | None = Field(default=None, sa_type=Text)  # the shelf
    received_at: datetime | None = timestamp()


class SkuMapping(TenantOwned, table=True):
    __tablename__ = "hub_sku_mappings"
    __table_args__ = (UniqueConstraint("tenant_id", "channel", "external_sku"),)

    channel: str = Field(default=ML, sa_type=Text, nullable=False)
    external_sku: str = Field(sa_type=Text, nullable=False)
    internal_sku: str = Field(sa_type=Text, nullable=False)
    updated_at: datetime = timestamp(default_now=True)


class StatusMapping(TenantOwned, table=True):
    __tablename__ = "hub_status_mappings"
    __table_args__ = (UniqueConstraint("tenant_id", "channel", "external_status"),)

    channel: str = Field(default=ML, sa_type=Text, nullable=False)
    external_status: str = Field(sa_type=Text, nullable=False)
    internal_status: str = Field(sa_type=Text, nullable=False)
    terminal: bool = Field(default=False, sa_type=Boolean, nullable=False)
    updated_at: datetime = timestamp(default_now=True)


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    SENT = "SENT"
    RETRYING = "RETRYING"
    FAILED = "FAILED"


class HubNotification(TenantOwned, table=True):
    """One ready notification: created once per order entering PRONTO (``dedupe_key`` is unique), or once
    per resend; the worker sends it through the first channel that can reach the recipient, and logs each
    try here."""

    __tablename__ = "hub_notifications"
    __table_args__ = (
        UniqueConstraint("tenant_id", "dedupe_key"),
        Index(
            "ix_hub_notifications_due",
            "next_attempt_at",
            postgresql_where=text("status IN ('PENDING', 'RETRYING', 'SENDING')"),
        ),
    )

    hub_order_id: uuid.UUID = Field(foreign_key="hub_orders.id", nullable=False, ondelete="CASCADE")
    channel: str | None = Field(default=None, sa_type=Text)  # chosen when sent: the first one configured
    reason: str = Field(sa_type=Text, nullable=False)  # ready | resend
    dedupe_key: str = Field(sa_type=Text, nullable=False)
    status: str = Field(default=DeliveryStatus.PENDING.value, sa_type=Text, nullable=False)
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)
    last_error: str | None = Field(default=None, sa_type=Text)
    provider_id: str | None = Field(default=None, sa_type=Text)
    destination: str | None = Field(default=None, sa_type=Text)  # masked
    next_attempt_at: datetime | None = timestamp()
    sent_at: datetime | None = timestamp()
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = timestamp(default_now=True)
    updated_at: datetime = timestamp(default_now=True)
