"""Search pages, multiget results, shipment labels and the token endpoint's response."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import Field

from melihub.meli.models.base import MeliModel, Paging
from melihub.meli.models.catalog import Item
from melihub.meli.models.comms import Question
from melihub.meli.models.sales import Order

if TYPE_CHECKING:
    from melihub.meli.errors import MeliError


class ItemSearchPage(MeliModel):
    """``GET /users/{id}/items/search`` (ids only; ``scroll_id`` in scan mode)."""

    seller_id: str | int | None = None
    paging: Paging | None = None
    results: list[str] = Field(default_factory=list)
    scroll_id: str | None = None


class OrderSearchPage(MeliModel):
    results: list[Order] = Field(default_factory=list)
    paging: Paging | None = None
    sort: dict[str, Any] | None = None


class QuestionSearchPage(MeliModel):
    total: int = 0
    limit: int | None = None
    questions: list[Question] = Field(default_factory=list)


class TokenResponse(MeliModel):
    """``POST /oauth/token`` answer. Token fields are hidden from ``repr``."""

    access_token: str = Field(repr=False)
    token_type: str = "Bearer"
    expires_in: int = 21600
    scope: str | None = None
    user_id: int
    refresh_token: str = Field(repr=False)

    @property
    def scopes(self) -> set[str]:
        return set((self.scope or "").split())


@dataclass
class ItemResult:
    """One entry of ``GET /items?ids=``: the item, or the per-id error (e.g. 404)."""

    id: str
    code: int
    item: Item | None
    error: MeliError | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return self.item is not None


@dataclass
class ShipmentLabels:
    """One ``/shipment_labels`` answer: a PDF, or a ZIP holding ZPL for ``zpl2``."""

    shipment_ids: list[int]
    content: bytes = field(repr=False)
    content_type: str
    response_type: str
