"""Worlds for sync tests: the generator's clock, window and burst knobs, and rebasing a world in time."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from click.testing import CliRunner

from melihub.sandbox.cli import sandbox as sandbox_command
from melihub.sandbox.generate import generate_world
from melihub.sandbox.testing import running_sandbox
from melihub.sandbox.world import DEFAULT_CLOCK_MS, Raw, iso_ml, load_scenario, parse_time
from melihub.testing.fixtures import SELLER_A

from .conftest import login

CLOCK = datetime.fromtimestamp(DEFAULT_CLOCK_MS / 1000, tz=UTC)  # 2025-03-13T17:20:00Z
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def moment(text: str) -> datetime:
    parsed = parse_time(text)
    assert parsed is not None, text
    return parsed


def created(order: Raw) -> datetime:
    return moment(order["date_created"])


def listed(order: Raw) -> bool:
    """What ``/orders/search`` shows without a status filter: not a cancelled order never paid."""
    return order["status"] != "cancelled" or any(p["status"] in ("approved", "refunded") for p in order["payments"])


def search_total(url: str, seller: int, **params: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {login(url, seller)['access_token']}"}
    return httpx.get(f"{url}/orders/search", params={"seller": seller, "limit": 50, **params}, headers=headers)


def pairs(before: Any, after: Any) -> list[tuple[str, str]]:
    """Every string of ``before`` with the string at the same place in ``after``."""
    if isinstance(before, dict):
        assert before.keys() == after.keys()
        return [p for key in before for p in pairs(before[key], after[key])]
    if isinstance(before, list):
        assert len(before) == len(after)
        return [p for old, new in zip(before, after, strict=True) for p in pairs(old, new)]
    return [(before, after)] if isinstance(before, str) else []


def test_default_knobs_keep_the_seeded_world_and_its_reference_clock() -> None:
    plain, explicit = generate_world(120, seed=5), generate_world(120, seed=5, now=None, days=90, burst=0.0)
    assert json.dumps(plain.export(), sort_keys=True) == json.dumps(explicit.export(), sort_keys=True)
    assert plain.clock_ms == DEFAULT_CLOCK_MS
    assert all(CLOCK - timedelta(days=90) <= created(o) <= CLOCK for o in plain.export()["orders"].values())


def test_now_moves_every_generated_date_with_the_clock() -> None:
    later = CLOCK + timedelta(days=400, seconds=7)
    moved = generate_world(60, seed=5, now=later)
    assert moved.clock_ms == DEFAULT_CLOCK_MS + (400 * 86400 + 7) * 1000
    shifted = generate_world(60, seed=5)
    shifted.rebase(later)  # the same world, every date (fixture-copied ones too) moved by the same amount
    assert json.dumps(moved.export(), sort_keys=True) == json.dumps(shifted.export(), sort_keys=True)


def test_about_half_of_the_generated_cancelled_orders_were_never_paid() -> None:
    world = generate_world(1000, seed=1).export()
    cancelled = [o for o in world["orders"].values() if o["status"] == "cancelled"]
    never_paid = [o for o in cancelled if not listed(o)]
    assert 0.3 <= len(never_paid) / len(cancelled) <= 0.7
    for order in never_paid:
        assert order["date_closed"] is None and order["paid_amount"] == 0.0 and "not_paid" in order["tags"]
        assert [(p["status"], p["date_approved"]) for p in order["payments"]] == [("cancelled", None)]
    for pack in world["packs"].values():  # one cart, one payment fate
        assert len({listed(world["orders"][str(o["id"])]) for o in pack["orders"]}) == 1


def test_days_spreads_orders_and_search_keeps_only_the_last_12_months_of_the_clock() -> None:
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    world = generate_world(60, seed=4, now=now, days=540)
    orders = list(world.export()["orders"].values())
    assert all(now - timedelta(days=540) <= created(o) <= now for o in orders)
    seller = Counter(o["seller"]["id"] for o in orders).most_common(1)[0][0]
    mine = [o for o in orders if o["seller"]["id"] == seller and listed(o)]
    recent = [o for o in mine if created(o) >= now - timedelta(days=365)]
    assert 0 < len(recent) < len(mine) <= 50
    with running_sandbox(world=world) as sandbox:
        page = search_total(sandbox.url, seller).json()
    assert page["paging"]["total"] == len(recent)
    assert {o["id"] for o in page["results"]} == {o["id"] for o in recent}


def test_a_burst_puts_more_orders_in_one_utc_day_than_the_offset_cap_lets_search_reach() -> None:
    now = datetime(2026, 5, 20, 15, 30, tzinfo=UTC)
    world = generate_world(400, seed=8, now=now, burst=0.5)
    days = Counter(created(o).astimezone(UTC).date() for o in world.export()["orders"].values())
    burst_day, count = days.most_common(1)[0]
    assert burst_day == date(2026, 5, 17) and count >= 200  # 3 days before now, half of 400
    assert max(n for day, n in days.items() if day != burst_day) < 20
    orders = world.export()["orders"].values()
    in_day = [o for o in orders if created(o).astimezone(UTC).date() == burst_day and listed(o)]
    seller = Counter(o["seller"]["id"] for o in in_day).most_common(1)[0][0]
    expected = sum(o["seller"]["id"] == seller for o in in_day)
    assert expected > 20
    window = {
        "order.date_created.from": "2026-05-17T00:00:00.000-00:00",
        "order.date_created.to": "2026-05-17T23:59:59.999-00:00",
    }
    with running_sandbox(world=world, order_search_max_offset=20) as sandbox:
        first = search_total(sandbox.url, seller, limit=20, **window)
        beyond = search_total(sandbox.url, seller, limit=20, offset=20, **window)
    assert first.json()["paging"]["total"] == expected
    assert beyond.status_code == 400 and beyond.json()["error"] == "bad_request"


def test_rebase_moves_every_timestamp_keeps_its_format_and_leaves_other_strings_alone() -> None:
    world = load_scenario()
    before = json.loads(json.dumps({"resources": world.export(), "missed": world.missed}))
    now = CLOCK + timedelta(days=365, seconds=30)  # 2026-03-13T17:20:30Z
    world.rebase(now)
    assert world.clock_ms == int(now.timestamp() * 1000)
    after = json.loads(json.dumps({"resources": world.export(), "missed": world.missed}))
    stamps = 0
    for old, new in pairs(before, after):
        form = STAMP.fullmatch(old)
        if form is None:
            assert new == old
            continue
        stamps += 1
        assert re.sub(r"\d", "9", new) == re.sub(r"\d", "9", old) and new.endswith(form.group(2))  # same form
        assert moment(new) == moment(old) + timedelta(days=365, seconds=30)
    assert stamps > 150
    order = after["resources"]["orders"]["2000009876543201"]
    assert order["date_created"] == "2026-03-10T14:22:35.000-04:00"  # was 2025-03-10T14:22:05.000-04:00
    performance = after["resources"]["performance"]["MLB3012345603"]
    assert performance["calculated_at"] == "2026-03-10T06:00:30Z"  # was 2025-03-10T06:00:00Z, no millis


def test_rebase_clock_serves_the_reference_world_as_of_today_with_nothing_in_the_future() -> None:
    fixture = load_scenario()
    lead = fixture.lead_over_clock()  # the newest fixture order is created after the reference's clock
    with running_sandbox(rebase_clock=True) as sandbox:
        order = sandbox.get("orders", 2000009876543201)
        item = sandbox.get("items", "MLB3012345603")
        month = iso_ml(datetime.now(UTC) - timedelta(days=30))
        recent = search_total(sandbox.url, SELLER_A, **{"order.date_created.from": month})
        served = sandbox.export()
    age_then = CLOCK - created(fixture.kind("orders")["2000009876543201"])  # ~3 days before the clock
    assert timedelta(hours=1) < lead < timedelta(days=1)
    assert abs((datetime.now(UTC) - created(order)) - (age_then + lead)) < timedelta(minutes=1)
    newest = max(created(raw) for kind in ("orders", "questions") for raw in served[kind].values())
    assert timedelta(0) <= datetime.now(UTC) - newest < timedelta(minutes=1)  # the newest is now, none later
    assert (item["id"], item["title"]) == ("MLB3012345603", fixture.kind("items")["MLB3012345603"]["title"])
    assert recent.json()["paging"]["total"] == 8  # seller A's orders, all from this month now


def test_cli_offers_rebase_clock() -> None:
    result = CliRunner().invoke(sandbox_command, ["--help"])
    assert result.exit_code == 0
    assert "--rebase-clock" in result.output and "shift the world's dates" in result.output
