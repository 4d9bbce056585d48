"""printShippingLabels(shipmentIds, format): Mercado Livre's labels in batches, merged into one download."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.fulfilment import labels
from melihub.fulfilment.graphql.types import DownloadType
from melihub.fulfilment.labels import LabelFormat
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.graphql.relay import InvalidGlobalId, global_id, row_id_of
from melihub.shipments.graphql.types import SHIPMENT_TYPE, ShipmentType
from melihub.shipments.models import Shipment


@strawberry.type
class PrintShippingLabelsPayload:
    download: DownloadType | None = strawberry.field(
        default=None, description="The merged labels of every shipment printed (null when none printed)."
    )
    label_count: int | None = strawberry.field(
        default=None, description="Pages of the PDF, or labels of the ZPL (null when none printed)."
    )
    shipments: list[ShipmentType] = strawberry.field(
        default_factory=list, description="The shipments printed, in print order, as stored afterwards."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="One per shipment not printed (`field` is its id): NOT_FOUND, CANCELLED, ALREADY_SHIPPED, "
        "NO_LABEL, NOT_READY_TO_PRINT (Mercado Livre's reason in the message), ACCOUNT_INACTIVE, "
        "REAUTH_REQUIRED, REFUSED, MELI_UNAVAILABLE. The others printed.",
    )


def _refs(shipment_ids: list[strawberry.ID]) -> tuple[list[tuple[str, Any]], list[DomainError]]:
    labels.checked_count(shipment_ids)
    refs, refused = [], []
    for given in dict.fromkeys(str(value) for value in shipment_ids):
        try:
            refs.append((given, row_id_of(given, SHIPMENT_TYPE)))
        except InvalidGlobalId:
            refused.append(DomainError("no shipment with this id is visible to you", field=given, code="NOT_FOUND"))
    return refs, refused


class PrintShippingLabels(BaseMutation[PrintShippingLabelsPayload]):
    name = "printShippingLabels"
    payload = PrintShippingLabelsPayload
    permission = Permission.OPERATE

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> PrintShippingLabelsPayload:
        fmt: LabelFormat = arguments["format"]
        refs, refused = _refs(arguments["shipment_ids"])

        def describe(printed: list[Shipment]) -> None:
            call.note.after = {"format": fmt.value, "shipments": [str(global_id(SHIPMENT_TYPE, s.id)) for s in printed]}

        outcome = await labels.print_labels(
            call.services, call.require_principal(), refs, fmt, store_in=call.unit, describe=describe
        )
        position = {str(value): index for index, value in enumerate(arguments["shipment_ids"])}
        errors = sorted([*refused, *outcome.refusals], key=lambda error: position.get(error.field or "", 0))
        return PrintShippingLabelsPayload(
            download=DownloadType.of(outcome.download) if outcome.download else None,
            label_count=outcome.label_count if outcome.download else None,
            shipments=[ShipmentType.of(shipment) for shipment in outcome.printed],
            errors=[UserError(field=error.field, message=str(error), code=error.code) for error in errors],
        )


async def print_shipping_labels(
    info: Info,
    shipment_ids: Annotated[
        list[strawberry.ID],
        strawberry.argument(
            description="At most 500; a pack's shipment is one label. Mercado Livre is asked 50 at a time."
        ),
    ],
    format: Annotated[LabelFormat, strawberry.argument(description="PDF (default) or ZPL.")] = LabelFormat.PDF,
) -> PrintShippingLabelsPayload:
    return await PrintShippingLabels.run(info, shipment_ids=shipment_ids, format=format)
