"""A listing's history from the applier: every stored payload is compared with the row it replaces; a change
is Mercado Livre's unless melihub's own write produced the payload, and is recorded once per version."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import col, select

from melihub.catalog.changes import ChangeAuthor
from melihub.catalog.models import ListingChange
from melihub.catalog.service import apply_item
from melihub.db.idempotent import version_of
from melihub.testing.fixtures import load_fixture

VARIATIONS = "MLB3012345601"


def later(raw: dict[str, Any], seconds: int = 60, **values: Any) -> dict[str, Any]:
    """The item as Mercado Livre shows it ``seconds`` later, with ``values`` changed."""
    changed = copy.deepcopy(raw) | values
    stamp = datetime.fromisoformat(raw["last_updated"].replace("Z", "+00:00")) + timedelta(seconds=seconds)
    changed["last_updated"] = stamp.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return changed


async def apply(services, account, raw: dict[str, Any], made_by: ChangeAuthor | None = None) -> bool:
    async with services.db.tenant(account.tenant_id) as session:
        return (await apply_item(session, account, raw, made_by=made_by)).changed


async def history(services, account) -> list[tuple[str, str | None, str | None, str, str | None]]:
    async with services.db.tenant(account.tenant_id) as session:
        rows = (
            await session.exec(select(ListingChange).order_by(col(ListingChange.at), col(ListingChange.field)))
        ).all()
    return [(r.field, r.from_value, r.to_value, r.source, r.version) for r in rows]


async def test_the_first_import_records_nothing_and_a_sale_is_mercado_livres(services, meli_account_a) -> None:
    raw = load_fixture(f"items/{VARIATIONS}.json")
    await apply(services, meli_account_a, raw)
    assert await history(services, meli_account_a) == []

    sold = later(raw, available_quantity=28)
    sold["variations"][1]["available_quantity"] = 8
    await apply(services, meli_account_a, sold)

    found = await history(services, meli_account_a)
    assert [(f, a, b, s) for f, a, b, s, _ in found] == [
        ("availableQuantity", "29", "28", "MERCADO_LIVRE"),
        ("variation:180000000102.availableQuantity", "9", "8", "MERCADO_LIVRE"),
    ]
    assert {version for *_, version in found} == {version_of(sold).token}


async def test_a_replay_or_an_older_payload_records_nothing(services, meli_account_a) -> None:
    raw = load_fixture(f"items/{VARIATIONS}.json")
    await apply(services, meli_account_a, raw)
    newer = later(raw, price=64.9)
    await apply(services, meli_account_a, newer)

    assert not await apply(services, meli_account_a, newer)  # the same version again
    assert not await apply(services, meli_account_a, later(raw, 30, price=10.0))  # older than the stored one

    assert [(f, a, b) for f, a, b, _, _ in await history(services, meli_account_a)] == [("price", "59.90", "64.90")]


async def test_variations_appearing_and_going_away_are_recorded(services, meli_account_a) -> None:
    raw = load_fixture(f"items/{VARIATIONS}.json")
    await apply(services, meli_account_a, raw)
    changed = later(raw)
    gone = changed["variations"].pop(0)
    changed["variations"].append(copy.deepcopy(gone) | {"id": 180000000199, "available_quantity": 14})
    await apply(services, meli_account_a, changed)

    assert [(f, a, b) for f, a, b, _, _ in await history(services, meli_account_a)] == [
        ("variation:180000000101", "180000000101", None),
        ("variation:180000000199", None, "180000000199"),
    ]


async def test_melihubs_answer_is_melihubs_and_its_notification_adds_nothing(
    services, meli_account_a, tenant_a
) -> None:
    owner = tenant_a[1]
    raw = load_fixture(f"items/{VARIATIONS}.json")
    await apply(services, meli_account_a, raw)
    answer = later(raw, price=64.9)

    await apply(services, meli_account_a, answer, made_by=ChangeAuthor(user_id=owner.id))
    await apply(services, meli_account_a, copy.deepcopy(answer))  # the notification's GET: the same version
    await apply(services, meli_account_a, later(answer, 5))  # or a later one with the same values

    assert [(f, s) for f, _, _, s, _ in await history(services, meli_account_a)] == [("price", "MELIHUB")]


async def test_when_the_notification_is_stored_first_the_write_claims_its_changes(
    services, meli_account_a, tenant_a
) -> None:
    owner = tenant_a[1]
    raw = load_fixture(f"items/{VARIATIONS}.json")
    await apply(services, meli_account_a, raw)
    answer = later(raw, price=64.9)
    await apply(services, meli_account_a, answer)  # the notification won the race
    assert [s for _, _, _, s, _ in await history(services, meli_account_a)] == ["MERCADO_LIVRE"]

    await apply(services, meli_account_a, answer, made_by=ChangeAuthor(user_id=owner.id))

    async with services.db.tenant(meli_account_a.tenant_id) as session:
        [row] = (await session.exec(select(ListingChange))).all()
    assert (row.field, row.source, row.actor_user_id) == ("price", "MELIHUB", owner.id)
