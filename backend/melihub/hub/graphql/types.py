"""``HubOrder`` (a Node) with its recipient, lines, volumes and notifications; mappings, flags, settings."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.relay import Node, global_id
from melihub.hub import privacy
from melihub.hub.graphql.loaders import lines_of, notifications_of, volumes_of
from melihub.hub.models import (
    HubNotification,
    HubOrder,
    HubOrderLine,
    HubSettings,
    HubVolume,
    SkuMapping,
    StatusMapping,
)
from melihub.hub.service import HUB_ORDER_TYPE, HUB_VOLUME_TYPE, blockers

SKU_MAPPING_TYPE, STATUS_MAPPING_TYPE, NOTIFICATION_TYPE = "SkuMapping", "StatusMapping", "HubNotification"
HUB_SETTINGS_TYPE = "HubSettings"


@strawberry.enum(name="HubOrderStatus", description="The hub's flow: RECEBIDO → PRONTO → RETIRADO.")
class HubOrderStatusEnum(Enum):
    RECEBIDO = "RECEBIDO"
    PRONTO = "PRONTO"
    RETIRADO = "RETIRADO"


@strawberry.enum(name="HubVolumeStatus")
class HubVolumeStatusEnum(Enum):
    PENDENTE = "PENDENTE"
    RECEBIDO = "RECEBIDO"


@strawberry.type(
    description="Who picks the order up. Masked (only part of each value) for roles that do not hand orders over."
)
class HubRecipient:
    name: str | None
    document: str | None
    phone: str | None
    email: str | None
    masked: bool = strawberry.field(description="True when the values are masked for your role.")

    @classmethod
    def of(cls, hub_order: HubOrder, info: Info) -> HubRecipient:
        row = hub_order
        if privacy.sees_recipient(info.context.require()):
            return cls(
                name=row.recipient_name,
                document=row.recipient_document,
                phone=row.recipient_phone,
                email=row.recipient_email,
                masked=False,
            )
        return cls(
            name=privacy.mask_name(row.recipient_name),
            document=privacy.mask_document(row.recipient_document),
            phone=privacy.mask_phone(row.recipient_phone) if row.recipient_phone else None,
            email=privacy.mask_email(row.recipient_email) if row.recipient_email else None,
            masked=True,
        )


@strawberry.type(name="HubOrderLine")
class HubOrderLineType:
    order_ml_id: str = strawberry.field(description="The Mercado Livre order the line belongs to (a pack has several).")
    external_sku: str | None = strawberry.field(description="The channel's SKU (the listing id when it has none).")
    internal_sku: str | None = strawberry.field(description="The hub's SKU through the mappings; null: unmapped.")
    title: str
    quantity: int

    @classmethod
    def of(cls, line: HubOrderLine) -> HubOrderLineType:
        return cls(
            order_ml_id=str(line.order_ml_id),
            external_sku=line.external_sku,
            internal_sku=line.internal_sku,
            title=line.title,
            quantity=line.quantity,
        )


@strawberry.type(name="HubVolume", description="A package of the order at the hub.")
class HubVolumeType(Node):
    number: int
    weight_grams: int | None
    dimensions: str | None = strawberry.field(description="Length x width x height in cm, as the channel gives them.")
    external_label: str | None = strawberry.field(description="The shipment the channel's label bears.")
    status: HubVolumeStatusEnum
    position: str | None = strawberry.field(description="The shelf it is on.")
    received_at: datetime | None

    @classmethod
    def of(cls, volume: HubVolume) -> HubVolumeType:
        return cls(
            id=global_id(HUB_VOLUME_TYPE, volume.id),
            number=volume.number,
            weight_grams=volume.weight_grams,
            dimensions=volume.dimensions,
            external_label=volume.external_label,
            status=HubVolumeStatusEnum(volume.status),
            position=volume.position,
            received_at=volume.received_at,
        )


@strawberry.type(name="HubNotification", description="A ready notification and how its delivery went.")
class HubNotificationType(Node):
    channel: str | None = strawberry.field(description="EMAIL, SMS or WHATSAPP once sent through one.")
    reason: str = strawberry.field(description="ready (entering PRONTO) or resend.")
    status: str = strawberry.field(description="PENDING, SENDING, SENT, RETRYING or FAILED.")
    attempts: int
    last_error: str | None
    destination: str | None = strawberry.field(description="Where it went, masked.")
    next_attempt_at: datetime | None
    sent_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: HubNotification) -> HubNotificationType:
        return cls(
            id=global_id(NOTIFICATION_TYPE, row.id),
            channel=row.channel,
            reason=row.reason,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            destination=row.destination,
            next_attempt_at=row.next_attempt_at,
            sent_at=row.sent_at,
            created_at=row.created_at,
        )


@strawberry.type(name="HubOrder", description="A Mercado Livre pack (or packless order) at the pickup hub.")
class HubOrderType(Node):
    code: str = strawberry.field(description="What the buyer and the desk say: the pack or order number.")
    channel: str
    external_id: str
    status: HubOrderStatusEnum
    external_status: str | None = strawberry.field(description="The channel's order status.")
    internal_status: str | None = strawberry.field(description="The channel's status through the status mappings.")
    closed: bool = strawberry.field(description="A terminal mapped status: it will not become PRONTO.")
    unmapped_skus: list[str] = strawberry.field(
        description="SKUs without a mapping: it waits in mapeamento necessário while any is left."
    )
    label_ready: bool
    ready_at: datetime | None
    picked_up_at: datetime | None
    created_at: datetime
    updated_at: datetime
    _row: strawberry.Private[HubOrder]

    @strawberry.field(
        description="What keeps it from PRONTO: MAPPING_NEEDED, CLOSED, LABEL_NOT_READY, NO_VOLUMES, "
        "VOLUMES_NOT_POSITIONED; empty once nothing does."
    )
    async def blockers(self, info: Info) -> list[str]:
        return blockers(self._row, await volumes_of(info.context).load(self._row.id))

    @strawberry.field
    def recipient(self, info: Info) -> HubRecipient:
        return HubRecipient.of(self._row, info)

    @strawberry.field
    async def lines(self, info: Info) -> list[HubOrderLineType]:
        return [HubOrderLineType.of(line) for line in await lines_of(info.context).load(self._row.id)]

    @strawberry.field
    async def volumes(self, info: Info) -> list[HubVolumeType]:
        return [HubVolumeType.of(volume) for volume in await volumes_of(info.context).load(self._row.id)]

    @strawberry.field(description="Its ready notifications, oldest first.")
    async def notifications(self, info: Info) -> list[HubNotificationType]:
        rows = await notifications_of(info.context).load(self._row.id)
        return [HubNotificationType.of(row) for row in rows]

    @classmethod
    def of(cls, row: HubOrder) -> HubOrderType:
        return cls(
            id=global_id(HUB_ORDER_TYPE, row.id),
            code=row.code,
            channel=row.channel,
            external_id=row.external_id,
            status=HubOrderStatusEnum(row.status),
            external_status=row.external_status,
            internal_status=row.internal_status,
            closed=row.closed,
            unmapped_skus=row.mapping_needed.split(", ") if row.mapping_needed else [],
            label_ready=row.label_ready,
            ready_at=row.ready_at,
            picked_up_at=row.picked_up_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            _row=row,
        )


@strawberry.type(name="SkuMapping")
class SkuMappingType(Node):
    channel: str
    external_sku: str
    internal_sku: str
    updated_at: datetime

    @classmethod
    def of(cls, row: SkuMapping) -> SkuMappingType:
        return cls(
            id=global_id(SKU_MAPPING_TYPE, row.id),
            channel=row.channel,
            external_sku=row.external_sku,
            internal_sku=row.internal_sku,
            updated_at=row.updated_at,
        )


@strawberry.type(name="StatusMapping")
class StatusMappingType(Node):
    channel: str
    external_status: str
    internal_status: str
    terminal: bool = strawberry.field(description="An order in it is closed: it never becomes PRONTO.")
    updated_at: datetime

    @classmethod
    def of(cls, row: StatusMapping) -> StatusMappingType:
        return cls(
            id=global_id(STATUS_MAPPING_TYPE, row.id),
            channel=row.channel,
            external_status=row.external_status,
            internal_status=row.internal_status,
            terminal=row.terminal,
            updated_at=row.updated_at,
        )


@strawberry.type(name="FeatureFlag", description="A per-company switch: integracao.ml.enabled, hub.enabled.")
class FeatureFlagType:
    key: str
    enabled: bool


@strawberry.type(
    name="HubSettings",
    description="What the ready notification says, and the company's own "
    "providers (secrets never shown: only whether each is set).",
)
class HubSettingsType:
    name: str
    address: str
    pickup_hours: str
    smtp_configured: bool = strawberry.field(description="The company set its own SMTP server.")
    smtp_from: str | None
    sms_url: str | None
    sms_token_set: bool
    whatsapp_url: str | None
    whatsapp_token_set: bool

    @classmethod
    def of(cls, row: HubSettings) -> HubSettingsType:
        return cls(
            name=row.name,
            address=row.address,
            pickup_hours=row.pickup_hours,
            smtp_configured=row.smtp_url_encrypted is not None,
            smtp_from=row.smtp_from,
            sms_url=row.sms_url,
            sms_token_set=row.sms_token_encrypted is not None,
            whatsapp_url=row.whatsapp_url,
            whatsapp_token_set=row.whatsapp_token_encrypted is not None,
        )
