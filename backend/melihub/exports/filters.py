"""What an export holds: its filter, checked before anything is stored, and kept as JSON on the row.

A filter names accounts (limited to those the caller may see), a range of local dates (inclusive, in the
tenant's zone, at most 400 days like ``kpis``), a granularity (KPIS) and statuses (Mercado Livre's, of the
kind's resource). Each kind filters on its own time: orders and questions by ``date_created``, shipments
by ``date_created``, listings by their last stored change (``synced_at``); KPIS needs a range.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from melihub.errors import DomainError
from melihub.exports.models import ExportKind
from melihub.kpis.metrics import MAX_HOUR_RANGE_DAYS, MAX_RANGE_DAYS, Granularity, LocalRange

# Mercado Livre's statuses of each kind's resource (reference §5.1, §6.1, §7.2, §8); a filter naming
# another is refused, so a typo does not silently export nothing.
KNOWN_STATUSES: dict[ExportKind, frozenset[str]] = {
    ExportKind.ORDERS: frozenset(
        {
            "confirmed",
            "payment_required",
            "payment_in_process",
            "partially_paid",
            "paid",
            "partially_refunded",
            "pending_cancel",
            "cancelled",
            "invalid",
        }
    ),
    ExportKind.LISTINGS: frozenset({"active", "paused", "closed", "under_review", "inactive", "payment_required"}),
    ExportKind.QUESTIONS: frozenset(
        {"UNANSWERED", "ANSWERED", "CLOSED_UNANSWERED", "UNDER_REVIEW", "BANNED", "DELETED", "DISABLED"}
    ),
    ExportKind.SHIPMENTS: frozenset(
        {"pending", "handling", "ready_to_ship", "shipped", "delivered", "not_delivered", "cancelled", "returned"}
    ),
    ExportKind.KPIS: frozenset(),
}


@dataclass(frozen=True)
class ExportFilter:
    """A checked filter. ``first``/``last``: the local dates of the range (both or neither)."""

    meli_account_ids: tuple[uuid.UUID, ...] | None = None
    first: date | None = None
    last: date | None = None
    granularity: Granularity | None = None
    statuses: tuple[str, ...] | None = None

    def local_range(self, time_zone: str) -> LocalRange | None:
        if self.first is None or self.last is None:
            return None
        return LocalRange(self.first, self.last, time_zone)

    def as_json(self) -> dict[str, Any]:
        return {
            "meliAccountIds": [str(a) for a in self.meli_account_ids] if self.meli_account_ids is not None else None,
            "range": {"from": self.first.isoformat(), "to": self.last.isoformat()}
            if self.first and self.last
            else None,
            "granularity": self.granularity.value if self.granularity else None,
            "statuses": list(self.statuses) if self.statuses is not None else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExportFilter:
        accounts = data.get("meliAccountIds")
        range_ = data.get("range") or None
        granularity = data.get("granularity")
        statuses = data.get("statuses")
        return cls(
            meli_account_ids=tuple(uuid.UUID(a) for a in accounts) if accounts is not None else None,
            first=date.fromisoformat(range_["from"]) if range_ else None,
            last=date.fromisoformat(range_["to"]) if range_ else None,
            granularity=Granularity(granularity) if granularity else None,
            statuses=tuple(statuses) if statuses is not None else None,
        )


def checked(kind: ExportKind, given: ExportFilter) -> ExportFilter:
    """``given`` when it fits ``kind``; else the first problem as a DomainError on its ``filter.…`` field."""
    _check_range(kind, given)
    statuses = given.statuses
    if statuses is not None:
        known = KNOWN_STATUSES[kind]
        unknown = sorted({s for s in statuses if s not in known})
        if unknown:
            expected = ", ".join(sorted(known)) or "none (KPIS exports take no statuses)"
            message = f"unknown status {', '.join(unknown)} for {kind.value} exports; expected: {expected}"
            raise DomainError(message, field="filter.statuses", code="INVALID")
        statuses = tuple(dict.fromkeys(statuses))
    granularity = given.granularity
    if kind is ExportKind.KPIS:
        granularity = granularity or Granularity.DAY
        assert given.first is not None and given.last is not None
        if granularity is Granularity.HOUR and (given.last - given.first).days + 1 > MAX_HOUR_RANGE_DAYS:
            message = f"an hourly report covers at most {MAX_HOUR_RANGE_DAYS} days"
            raise DomainError(message, field="filter.granularity", code="RANGE_TOO_LONG")
    elif granularity is not None:
        raise DomainError("granularity applies to KPIS exports only", field="filter.granularity", code="INVALID")
    return ExportFilter(given.meli_account_ids, given.first, given.last, granularity, statuses)


def _check_range(kind: ExportKind, given: ExportFilter) -> None:
    if given.first is None or given.last is None:
        if kind is ExportKind.KPIS:
            raise DomainError("a KPIS export needs a range", field="filter.range", code="REQUIRED")
        return
    if given.last < given.first:
        raise DomainError("range.from must be on or before range.to", field="filter.range", code="INVALID_RANGE")
    if (given.last - given.first).days + 1 > MAX_RANGE_DAYS:
        message = f"a range covers at most {MAX_RANGE_DAYS} days"
        raise DomainError(message, field="filter.range", code="RANGE_TOO_LONG")
