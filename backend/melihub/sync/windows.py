"""Date windows of ``/orders/search``: planning a run's windows, naming them, halving one that is too big.

A window is half-open, ``[start, end)``: ML's date filters include both ends, so a window asks up to
``end`` minus one millisecond and two neighbours never return the same order twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

# Orders older than this are not searchable (reference §6.2): a backfill never asks for them.
SEARCH_HORIZON = timedelta(days=365)
SMALLEST = timedelta(seconds=1)  # below this a window cannot be halved (ML dates have millisecond precision)
TICK = timedelta(milliseconds=1)

CREATED = "created"  # backfill: by order.date_created
UPDATED = "updated"  # incremental: by order.date_last_updated
ALL = "all"  # the search as ML answers it by default
CANCELLED = "cancelled"  # asked explicitly: the default search hides some cancelled orders


@dataclass(frozen=True)
class Window:
    field: str
    stream: str
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return f"{self.field}:{self.stream}:{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def last_moment(self) -> datetime:
        """The ``.to`` date to send: ``end`` is excluded."""
        return self.end - TICK

    def can_split(self) -> bool:
        return self.end - self.start >= 2 * SMALLEST

    def halves(self) -> tuple[Window, Window]:
        middle = self.start + (self.end - self.start) / 2
        middle = middle.replace(microsecond=(middle.microsecond // 1000) * 1000)
        return (
            Window(self.field, self.stream, self.start, middle),
            Window(self.field, self.stream, middle, self.end),
        )

    def search_filters(self) -> dict[str, Any]:
        """Keyword arguments of ``MeliClient.search_orders`` for this window."""
        filters: dict[str, Any] = (
            {"created_from": self.start, "created_to": self.last_moment}
            if self.field == CREATED
            else {"updated_from": self.start, "updated_to": self.last_moment}
        )
        if self.stream == CANCELLED:
            filters["status"] = "cancelled"
        return filters

    def state(self) -> dict[str, str]:
        return {"field": self.field, "stream": self.stream}

    @classmethod
    def from_checkpoint(cls, state: dict[str, object], start: datetime, end: datetime) -> Window:
        return cls(str(state["field"]), str(state["stream"]), start, end)


def searchable_since(since: datetime, now: datetime) -> datetime:
    """``since``, or the oldest moment order search still answers for (12 months back)."""
    return max(since, now - SEARCH_HORIZON + timedelta(hours=1))


def plan(field: str, start: datetime, end: datetime, days: float) -> list[Window]:
    """Windows of at most ``days`` covering ``[start, end)``, for both streams."""
    if end <= start:
        return []
    size = timedelta(days=days)
    bounds = [start]
    while bounds[-1] + size < end:
        bounds.append(bounds[-1] + size)
    bounds.append(end)
    return [Window(field, stream, low, high) for stream in (ALL, CANCELLED) for low, high in pairwise(bounds)]
