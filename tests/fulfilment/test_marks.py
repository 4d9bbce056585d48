"""markPicked / markPacked: a pack's orders move as one, refusals come back per id, roles and accounts hold.

A packing bench may pick a paid unit, and pack it whether or not it was picked first (packing straight from
the shelf picks it in the same move); nothing cancelled, shipped, fulfilled by Mercado Livre, unpaid or at
fraud risk moves. Each call writes one audit row and publishes orderChanged for every order it moved.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack
from typing import Any

from sqlmodel import col, select

from melihub.accounts.models import Role
from melihub.audit.models import AuditEntry
from melihub.connections.models import MeliAccount
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.graphql import gid
from tests.fulfilment.world import (
    Bench,
    Line,
    Pack,
    add_member,
    mark_document,
    orders_by_ml_id,
    store_pack,
    store_single,
)

MARK_PICKED, MARK_PACKED = mark_document("markPicked"), mark_document("markPacked")
THREE = [[Line(sku="CAM-BAS-PRT-M")], [Line("MLB3012345608", None, "CAN-CER-325")], [Line("MLB3012345603", None, "GT")]]


def payload(body: dict[str, Any], field: str) -> dict[str, Any]:
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"][field]
    return result


async def picked(bench: Bench, role: str, *ids: str) -> dict[str, Any]:
    return payload(await bench.call(role, MARK_PICKED, {"ids": list(ids)}), "markPicked")


async def packed(bench: Bench, role: str, *ids: str) -> dict[str, Any]:
    return payload(await bench.call(role, MARK_PACKED, {"ids": list(ids)}), "markPacked")


def states(result: dict[str, Any]) -> dict[str, str]:
    return {order["id"]: order["fulfilment"]["state"] for order in result["orders"]}


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in result["errors"]]


async def audit_rows(services: Services, bench: Bench, action: str) -> list[AuditEntry]:
    async with services.db.tenant(bench.tenant.id) as session:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.seq))
        return list((await session.exec(query)).all())


async def stored_states(services: Services, bench: Bench, pack: Pack) -> list[tuple[bool, bool]]:
    """(picked, packed) of each order of ``pack`` as stored."""
    orders = await orders_by_ml_id(services, bench.account, [order.ml_id for order in pack.orders])
    return [(order.picked_at is not None, order.packed_at is not None) for order in orders]


# ---- the acceptance: a pack of three moves as one; a cancelled order is refused --------------------------


async def test_packing_one_order_of_a_pack_of_three_packs_all_three(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE)

    result = await packed(bench, "operator", pack.order_ids[1])

    assert result["errors"] == []
    assert states(result) == dict.fromkeys(pack.order_ids, "PACKED")
    for order in result["orders"]:
        fulfilment = order["fulfilment"]
        assert fulfilment["packedBy"] == fulfilment["pickedBy"] == {"email": "operator@aurora.example"}
        assert fulfilment["pickedAt"] == fulfilment["packedAt"] is not None  # packed straight from the shelf
    assert await stored_states(services, bench, pack) == [(True, True)] * 3
    [audit] = await audit_rows(services, bench, "markPacked")
    assert audit.before == {"orders": dict.fromkeys(pack.order_ids, "TO_PICK")}
    assert audit.after == {"orders": dict.fromkeys(pack.order_ids, "PACKED")}
    assert audit.actor_user_id == bench.user_ids["operator"]


async def test_a_cancelled_order_is_refused_and_nothing_is_written(bench: Bench, services: Services) -> None:
    cancelled = await store_single(services, bench.account, status="cancelled", tags=["not_paid"])
    [order_id] = cancelled.order_ids

    result = await packed(bench, "operator", order_id)

    assert result["orders"] == []
    assert codes(result) == [(order_id, "CANCELLED")]
    assert await stored_states(services, bench, cancelled) == [(False, False)]
    assert await audit_rows(services, bench, "markPacked") == []


async def test_a_cancelled_order_of_a_pack_stays_behind_while_the_rest_of_its_pack_moves(
    bench: Bench, services: Services
) -> None:
    pack = await store_pack(services, bench.account, THREE, statuses=["paid", "cancelled", "paid"])

    moved = await picked(bench, "operator", pack.order_ids[0])
    refused = await picked(bench, "operator", pack.order_ids[1])

    assert states(moved) == {pack.order_ids[0]: "PICKED", pack.order_ids[2]: "PICKED"}
    assert codes(refused) == [(pack.order_ids[1], "CANCELLED")]
    assert await stored_states(services, bench, pack) == [(True, False), (False, False), (True, False)]


async def test_a_shipment_id_moves_every_order_it_carries(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE)

    result = await picked(bench, "operator", pack.shipment_id)

    assert states(result) == dict.fromkeys(pack.order_ids, "PICKED")


async def test_the_bench_moves_forward_only(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE[:2])
    first = pack.order_ids[0]

    assert states(await picked(bench, "operator", first)) == dict.fromkeys(pack.order_ids, "PICKED")
    assert codes(await picked(bench, "operator", first)) == [(first, "ALREADY_PICKED")]
    packing = await packed(bench, "operator", pack.order_ids[1])
    assert states(packing) == dict.fromkeys(pack.order_ids, "PACKED")
    assert codes(await picked(bench, "operator", first)) == [(first, "ALREADY_PACKED")]
    assert codes(await packed(bench, "operator", first)) == [(first, "ALREADY_PACKED")]
    assert [len(await audit_rows(services, bench, action)) for action in ("markPicked", "markPacked")] == [1, 1]


async def test_each_refused_id_is_named_in_order_and_the_others_move(bench: Bench, services: Services) -> None:
    account = bench.account
    good = await store_pack(services, account, THREE[:2])
    cancelled = await store_single(services, account, status="cancelled")
    unpaid = await store_single(services, account, status="payment_in_process", tags=["not_paid"])
    fraud = await store_single(services, account, tags=["paid", "fraud_risk_detected"])
    shipped = await store_single(services, account, shipment={"status": "shipped", "substatus": "in_hub"})
    full = await store_single(services, account, shipment={"logistic": {"type": "fulfillment", "mode": "me2"}})
    listing_id = gid("Listing", good.orders[0].id)  # an id of another type
    ids = [
        good.order_ids[0],
        "not-an-id",
        cancelled.order_ids[0],
        listing_id,
        unpaid.order_ids[0],
        good.order_ids[1],  # the same pack again: moved once, no error
        fraud.order_ids[0],
        shipped.shipment_id,
        full.order_ids[0],
    ]

    result = await picked(bench, "operator", *ids)

    assert states(result) == dict.fromkeys(good.order_ids, "PICKED")
    assert codes(result) == [
        ("not-an-id", "NOT_FOUND"),
        (cancelled.order_ids[0], "CANCELLED"),
        (listing_id, "NOT_FOUND"),
        (unpaid.order_ids[0], "NOT_PAID"),
        (fraud.order_ids[0], "FRAUD_RISK"),
        (shipped.shipment_id, "ALREADY_SHIPPED"),
        (full.order_ids[0], "MELI_FULFILMENT"),
    ]
    [audit] = await audit_rows(services, bench, "markPicked")
    assert set(audit.after["orders"]) == set(good.order_ids)  # type: ignore[index]


async def test_more_than_five_hundred_ids_are_refused_whole(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE[:1])

    result = await picked(bench, "operator", *pack.order_ids * 501)

    assert codes(result) == [("ids", "TOO_MANY")]
    assert await stored_states(services, bench, pack) == [(False, False)]


# ---- roles and accounts ------------------------------------------------------------------------------------


async def test_analysts_and_support_may_not_mark(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE[:1])

    for role in ("analyst", "support"):
        for document, field in ((MARK_PICKED, "markPicked"), (MARK_PACKED, "markPacked")):
            result = payload(await bench.call(role, document, {"ids": pack.order_ids}), field)
            assert result["orders"] == [] and codes(result) == [(None, "FORBIDDEN")]
    assert await stored_states(services, bench, pack) == [(False, False)]


async def test_a_member_limited_to_another_account_finds_nothing_to_mark(bench: Bench, services: Services) -> None:
    other = MeliAccount(tenant_id=bench.tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(bench.tenant.id) as session:
        session.add(other)
    pack = await store_pack(services, bench.account, THREE[:2])
    async with AsyncExitStack() as stack:
        await add_member(bench, services, Role.ADMIN, stack, limited_to=[other.id])

        result = await picked(bench, "admin", *pack.order_ids, pack.shipment_id)

    assert result["orders"] == []
    assert codes(result) == [(i, "NOT_FOUND") for i in [*pack.order_ids, pack.shipment_id]]
    assert await stored_states(services, bench, pack) == [(False, False)] * 2


# ---- live changes and concurrency --------------------------------------------------------------------------


async def test_every_moved_order_is_published_as_an_order_change(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE)
    pubsub = services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(bench.tenant.id))
    try:
        await pubsub.get_message(timeout=1)  # the subscription's confirmation
        await packed(bench, "operator", pack.shipment_id)
        changes = []
        for _ in range(20):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
            if message is not None:
                changes.append(json.loads(message["data"]))
    finally:
        await pubsub.aclose()
    published = {(c["type"], c["id"], c["meli_account_id"]) for c in changes}
    assert published == {("order", str(order.id), str(bench.account.id)) for order in pack.orders}


async def test_two_benches_packing_one_pack_at_once_move_it_once(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, THREE)
    async with AsyncExitStack() as stack:
        await add_member(bench, services, Role.ADMIN, stack)

        first, second = await asyncio.gather(
            packed(bench, "operator", pack.order_ids[0]), packed(bench, "admin", pack.order_ids[2])
        )

    outcomes = sorted([(len(first["orders"]), codes(first)), (len(second["orders"]), codes(second))])
    assert outcomes[0][0] == 0 and [code for _, code in outcomes[0][1]] == ["ALREADY_PACKED"]
    assert outcomes[1] == (3, [])
    assert len(await audit_rows(services, bench, "markPacked")) == 1
