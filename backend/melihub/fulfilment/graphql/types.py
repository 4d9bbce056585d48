"""Pick lists, label formats and downloads as GraphQL types."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.catalog.graphql.loaders import listing_by_ml_id
from melihub.catalog.graphql.types import ListingType
from melihub.fulfilment.downloads import Download
from melihub.fulfilment.labels import LabelFormat
from melihub.fulfilment.picklist import PickLine, PickList
from melihub.fulfilment.picklist_pdf import store_pick_list
from melihub.graphql.context import Info
from melihub.graphql.loaders import load_now, then
from melihub.i18n import pick_locale
from melihub.orders.graphql.types import OrderType
from melihub.shipments.graphql.types import ShipmentType

strawberry.enum(
    LabelFormat,
    name="LabelFormat",
    description="PDF: one merged PDF. ZPL: one ZPL text for thermal printers (a ZIP when Mercado Livre sent "
    "other files beside the ZPL).",
)


@strawberry.type(name="Download", description="A file melihub keeps for a few minutes behind a signed URL.")
class DownloadType:
    url: str = strawberry.field(description="Fetch it (no sign-in needed) until expiresAt; then print again.")
    file_name: str
    content_type: str
    size: int = strawberry.field(description="Bytes.")
    expires_at: datetime

    @classmethod
    def of(cls, download: Download) -> DownloadType:
        return cls(
            url=download.url,
            file_name=download.file_name,
            content_type=download.content_type,
            size=download.size,
            expires_at=download.expires_at,
        )


@strawberry.type(name="PickListLine", description="What to take off the shelf: one listing, variation and SKU.")
class PickListLineType:
    item_ml_id: str
    variation_ml_id: str | None
    sku: str | None
    title: str = strawberry.field(description="As the order lines name it (what the buyer bought).")
    variation_label: str | None = strawberry.field(description="The variation's attributes, e.g. Preto / M.")
    quantity: int = strawberry.field(description="Units to pick, over every order of the pick list.")
    thumbnail: str | None = strawberry.field(
        description="The variation's first picture when melihub holds it, else the listing's thumbnail."
    )
    orders: list[OrderType] = strawberry.field(description="The orders that need this line.")
    shipments: list[ShipmentType] = strawberry.field(description="The shipments that need this line.")

    @strawberry.field(description="The listing, when melihub holds it.")
    def listing(self, info: Info) -> ListingType | None:
        listing = load_now(listing_by_ml_id(info.context), self.item_ml_id)
        return then(listing, lambda found: ListingType.of(found) if found else None)

    @classmethod
    def of(cls, line: PickLine, picks: PickList) -> PickListLineType:
        shipments = {shipment.id: shipment for shipment in picks.shipments}
        return cls(
            item_ml_id=line.item_ml_id,
            variation_ml_id=str(line.variation_ml_id) if line.variation_ml_id is not None else None,
            sku=line.sku,
            title=line.title,
            variation_label=line.variation_label,
            quantity=line.quantity,
            thumbnail=line.thumbnail,
            orders=[OrderType.of(picks.orders[order_id]) for order_id in line.order_ids],
            shipments=[ShipmentType.of(shipments[shipment_id]) for shipment_id in line.shipment_ids],
        )


@strawberry.type(name="PickList", description="What to pick for some shipments (a pack's orders ship together).")
class PickListType:
    shipments: list[ShipmentType] = strawberry.field(description="The shipments asked for, in that order.")
    lines: list[PickListLineType] = strawberry.field(description="By SKU (lines without one last), then title.")
    total_units: int
    _picks: strawberry.Private[PickList]

    @strawberry.field(
        description="The pick list as a printable PDF (in the language of the request's Accept-Language, "
        "pt-BR by default), behind a signed URL valid for 10 minutes. Made anew each time it is asked for."
    )
    async def download(self, info: Info) -> DownloadType:
        request = info.context.request
        locale = pick_locale(request.headers.get("accept-language") if request else None)
        stored = await store_pick_list(info.context.services, info.context.require(), self._picks, locale)
        return DownloadType.of(stored)

    @classmethod
    def of(cls, picks: PickList) -> PickListType:
        return cls(
            shipments=[ShipmentType.of(shipment) for shipment in picks.shipments],
            lines=[PickListLineType.of(line, picks) for line in picks.lines],
            total_units=picks.units,
            _picks=picks,
        )
