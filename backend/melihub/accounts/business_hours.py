"""A tenant's business hours: the weekdays and the daily window (in the tenant's time zone) its team works.

Stored in ``tenants.business_hours`` as ``{"days": [1, …, 5], "start": "09:00", "end": "18:00"}`` (ISO
weekdays, 1 = Monday … 7 = Sunday); no hours (NULL) means round the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

ISO_WEEKDAYS = range(1, 8)


class InvalidBusinessHours(ValueError):
    """Days or times that make no working window."""


@dataclass(frozen=True)
class BusinessHours:
    days: frozenset[int]
    start: time
    end: time

    def stored(self) -> dict[str, Any]:
        return {"days": sorted(self.days), "start": _clock(self.start), "end": _clock(self.end)}

    @classmethod
    def build(cls, days: Sequence[int], start: str, end: str) -> BusinessHours:
        """Validated hours: some unique ISO weekdays, and a start before the end (``HH:MM``, same day)."""
        if not days:
            raise InvalidBusinessHours("business hours need at least one weekday")
        if len(set(days)) != len(days):
            raise InvalidBusinessHours("each weekday may be given once")
        if any(day not in ISO_WEEKDAYS for day in days):
            raise InvalidBusinessHours("weekdays go from 1 (Monday) to 7 (Sunday)")
        opens, closes = _parse_clock(start), _parse_clock(end)
        if opens >= closes:
            raise InvalidBusinessHours("business hours must start before they end, within the day")
        return cls(frozenset(days), opens, closes)

    @classmethod
    def of(cls, stored: dict[str, Any] | None) -> BusinessHours | None:
        """The hours a tenant row holds; None: round the clock."""
        if not stored:
            return None
        return cls.build(list(stored["days"]), str(stored["start"]), str(stored["end"]))


def _parse_clock(value: str) -> time:
    hours, sep, minutes = value.strip().partition(":")
    if not sep or len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise InvalidBusinessHours(f"{value!r} is not a time of day as HH:MM")
    if int(hours) > 23 or int(minutes) > 59:
        raise InvalidBusinessHours(f"{value!r} is not a time of day as HH:MM")
    return time(int(hours), int(minutes))


def _clock(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
