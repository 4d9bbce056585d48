"""Property: whatever order a listing's versions arrive in, replays included, its stock periods are one
unbroken chain that tells the same story as the listing's raw change history (``listing_changes``)."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from melihub.testing.fixtures import SELLER_A

from .listing_world import apply_items, item_raw, sql

T0 = datetime(2025, 3, 1, tzinfo=UTC)
_ml_ids = itertools.count(5100)  # a new listing per example: applied versions stay claimed


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(quantities=st.lists(st.integers(0, 3), min_size=1, max_size=8), seed_=st.integers(0, 10**6))
async def test_periods_chain_and_match_the_change_history(services, meli_account_a, quantities, seed_) -> None:
    tenant = meli_account_a.tenant_id
    await sql(services, tenant, "DELETE FROM items")
    ml_id = f"MLB{next(_ml_ids)}"
    versions = [item_raw(ml_id, q, T0 + timedelta(hours=n), seller=SELLER_A) for n, q in enumerate(quantities)]
    delivered = versions + random.Random(seed_).choices(versions, k=len(versions))
    random.Random(seed_ + 1).shuffle(delivered)
    delivered.append(versions[-1])  # the newest arrives at last (the sync's final read)
    await apply_items(services, meli_account_a, delivered)
    periods = await sql(
        services,
        tenant,
        "SELECT quantity, since, until FROM stock_periods WHERE variation_ml_id IS NULL ORDER BY since",
    )
    [(stored,)] = await sql(services, tenant, "SELECT available_quantity FROM items")
    assert stored == quantities[-1] == periods[-1].quantity and periods[-1].until is None
    assert all(a.until == b.since for a, b in itertools.pairwise(periods))
    assert all(a.quantity != b.quantity for a, b in itertools.pairwise(periods))
    history = await sql(
        services,
        tenant,
        "SELECT from_value, to_value, at FROM listing_changes WHERE field = 'availableQuantity' ORDER BY at, id",
    )
    assert [p.quantity for p in periods[1:]] == [int(change.to_value) for change in history]
    assert [p.since for p in periods[1:]] == [change.at for change in history]
    if history:
        assert periods[0].quantity == int(history[0].from_value)
