"""A series' buckets as the stock and funnel readers need them: local days and UTC instants, clipped.

Each bucket of ``metrics.bucket_starts`` is clipped to the range (a week or month bucket may start before
``range_.first``): its local dates ``first``..``last`` (inclusive) for the per-day rollups, and the UTC
instants ``start``..``end`` (exclusive) for time-weighted sums over stock periods.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from melihub.kpis.metrics import Granularity, LocalRange, bucket_starts, local_midnight


@dataclass(frozen=True)
class Bucket:
    point: datetime  # the series point's start (local, as metrics.bucket_starts gives it)
    first: date | None  # local days of the bucket; None for an HOUR bucket (no whole day)
    last: date | None
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive


def buckets(range_: LocalRange, granularity: Granularity) -> list[Bucket]:
    starts = bucket_starts(range_, granularity)
    found: list[Bucket] = []
    for index, point in enumerate(starts):
        if granularity is Granularity.HOUR:
            start = point.astimezone(UTC)
            found.append(Bucket(point, None, None, start, start + timedelta(hours=1)))
            continue
        first = max(point.date(), range_.first)
        following = starts[index + 1].date() if index + 1 < len(starts) else range_.last + timedelta(days=1)
        last = min(following - timedelta(days=1), range_.last)
        start, end = local_midnight(first, range_.zone), local_midnight(last + timedelta(days=1), range_.zone)
        found.append(Bucket(point, first, last, start, end))
    return found


def day_spans(range_: LocalRange, series: Sequence[Bucket]) -> list[tuple[date, date]]:
    """The local days (first, last) of each day bucket of ``series``; the whole range when it has none
    (HOUR). The day buckets partition the range, so a reader sums them for the range's total."""
    return [(b.first, b.last) for b in series if b.first and b.last] or [(range_.first, range_.last)]


def span_params(spans: Sequence[tuple[date, date]]) -> dict[str, Any]:
    """``:firsts``/``:lasts`` for ``unnest`` of the spans, and ``:first``/``:last`` around them all (the
    readers sum each source per day once over the whole span, then per span)."""
    firsts, lasts = [span[0] for span in spans], [span[1] for span in spans]
    return {"firsts": firsts, "lasts": lasts, "first": min(firsts), "last": max(lasts)}


def account_params(account_ids: Sequence[uuid.UUID] | None) -> dict[str, Any]:
    """``:all_accounts`` / ``:accounts`` for ``(:all_accounts OR meli_account_id = ANY(:accounts))``."""
    return {"all_accounts": account_ids is None, "accounts": list(account_ids or [])}


ACCOUNT_FILTER = "(:all_accounts OR {column} = ANY(:accounts))"


def account_filter(column: str) -> str:
    return ACCOUNT_FILTER.format(column=column)
