"""Listing visits (reference §13; part of :class:`MeliClient`): totals per item and day.

``/items/visits?ids=…&date_from&date_to`` answers one total per item for the span; asked one day at a time
it gives the per-day counts the funnel stores, for up to ``VISITS_IDS_MAX`` items a call. A query spans at
most ``VISITS_MAX_SPAN_DAYS`` days (ML answers 400 past that). How many ids one call may carry is not in the
reference (unsure): 50 here, the multiget's 20 would do as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic import Field

from melihub.meli.models.base import MeliModel
from melihub.meli.pipeline import MeliHttp
from melihub.meli.tokens import AccountRef

VISITS_IDS_MAX = 50
VISITS_MAX_SPAN_DAYS = 150


class VisitsDetail(MeliModel):
    company: str | None = None
    quantity: int = 0


class ItemVisits(MeliModel):
    """One item's visits over ``date_from``..``date_to`` (``/items/visits``)."""

    item_id: str
    date_from: str | None = None
    date_to: str | None = None
    total_visits: int = 0
    visits_detail: list[VisitsDetail] = Field(default_factory=list)


class VisitsPoint(MeliModel):
    date: str
    total: int = 0


class ItemVisitsWindow(MeliModel):
    """``/items/{id}/visits/time_window``: the last ``last`` units ending at ``date_to``."""

    item_id: str
    total_visits: int = 0
    date_from: str | None = None
    date_to: str | None = None
    last: int | None = None
    unit: str | None = None
    results: list[VisitsPoint] = Field(default_factory=list)

    def per_day(self) -> dict[date, int]:
        return {ml_date(point.date): point.total for point in self.results}


def ml_date(value: str) -> date:
    """``2025-03-01`` or ``2025-03-01T00:00:00Z`` (both forms appear in ML's answers) as a date."""
    return date.fromisoformat(value[:10])


def _entries(data: Any) -> list[Any]:
    """The list form, or an object holding it (the shape of the list response is unsure, §13)."""
    if isinstance(data, dict):
        found = data.get("results") or data.get("visits") or ([data] if "item_id" in data else [])
        return found if isinstance(found, list) else []
    return data if isinstance(data, list) else []


class VisitsApi(MeliHttp):
    async def get_items_visits(
        self, account: AccountRef, item_ids: Sequence[str], date_from: date, date_to: date
    ) -> list[ItemVisits]:
        """Visits of each item over ``date_from``..``date_to`` (inclusive), in calls of 50 ids."""
        if (date_to - date_from).days + 1 > VISITS_MAX_SPAN_DAYS or date_to < date_from:
            raise ValueError(f"a visits query spans 1 to {VISITS_MAX_SPAN_DAYS} days")
        unique = list(dict.fromkeys(item_ids))
        found: list[ItemVisits] = []
        for start in range(0, len(unique), VISITS_IDS_MAX):
            params = {
                "ids": ",".join(unique[start : start + VISITS_IDS_MAX]),
                "date_from": date_from.isoformat(),
                "date_to": date_to.isoformat(),
            }
            data = await self.get_json(account, "/items/visits", params=params)
            found.extend(ItemVisits.from_raw(entry) for entry in _entries(data) if isinstance(entry, dict))
        return found

    async def get_items_visits_by_day(
        self, account: AccountRef, item_ids: Sequence[str], date_from: date, date_to: date
    ) -> dict[str, dict[date, int]]:
        """Each item's visits per day of ``date_from``..``date_to``: one ``/items/visits`` call per day and 50 ids."""
        days: dict[str, dict[date, int]] = {item_id: {} for item_id in item_ids}
        day = date_from
        while day <= date_to:
            for entry in await self.get_items_visits(account, item_ids, day, day):
                days.setdefault(entry.item_id, {})[day] = entry.total_visits
            day += timedelta(days=1)
        return days

    async def get_item_visits_window(
        self, account: AccountRef, item_id: str, *, last: int, unit: str = "day", ending: date | None = None
    ) -> ItemVisitsWindow:
        params: dict[str, Any] = {"last": last, "unit": unit}
        if ending is not None:
            params["ending"] = ending.isoformat()
        data = await self.get_json(account, f"/items/{item_id}/visits/time_window", params=params)
        return ItemVisitsWindow.from_raw(data)
