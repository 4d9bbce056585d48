"""eraseCustomerData's service: every table holding the buyer anonymised, the money untouched, and a later
notification or sync of the same order stored anonymised too."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.exports.models import Export, ExportChunk, ExportKind
from melihub.hub import intake
from melihub.privacy import erasure
from melihub.privacy.models import ANONYMISED, ANONYMISED_TEXT
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from tests.kpis.helpers import notify, owner_of, sync_page
from tests.privacy.world import (
    BUYER,
    MESSAGES,
    ORDERS,
    OTHER_BUYER,
    PACK,
    PII,
    SHIPMENT,
    dump,
    message,
    order,
    question,
    seed,
    shipment,
)

PII_TABLES = (
    "customers",
    "orders",
    "shipments",
    "messages",
    "questions",
    "claims",
    "hub_orders",
    "hub_notifications",
    "integration_events",
)
# What must not move: the sale's facts, read straight from the tables.
FACTS = {
    "orders": "SELECT ml_id, status, total_amount, paid_amount, currency_id, date_created, date_closed, buyer_ml_id "
    "FROM orders ORDER BY ml_id",
    "order_items": "SELECT order_id, line_no, item_ml_id, title, quantity, unit_price, sale_fee FROM order_items "
    "ORDER BY order_id, line_no",
    "payments": "SELECT ml_id, transaction_amount, total_paid_amount, shipping_cost, date_approved FROM payments "
    "ORDER BY ml_id",
    "customer_months": "SELECT buyer_ml_id, month, orders, gmv FROM customer_months ORDER BY buyer_ml_id, month",
    "shipments": "SELECT ml_id, status, destination_city, destination_state, handling_limit FROM shipments "
    "ORDER BY ml_id",
}


async def _rows(db: Database, account: MeliAccount, sql: str) -> list[Any]:
    async with db.tenant(account.tenant_id) as session:
        return list((await session.exec(text(sql))).all())  # type: ignore[call-overload]


async def _facts(db: Database, account: MeliAccount) -> dict[str, list[Any]]:
    return {name: await _rows(db, account, sql) for name, sql in FACTS.items()}


async def _pii_held(db: Database, account: MeliAccount) -> dict[str, list[str]]:
    """Table → which of the buyer's personal data its rows (raw payloads included) still hold."""
    held = {}
    for table in PII_TABLES:
        stored = await dump(db, account, table)
        held[table] = [name for name, value in PII.items() if value in stored]
    return {table: names for table, names in held.items() if names}


async def _no_pii_left(db: Database, account: MeliAccount) -> None:
    assert await _pii_held(db, account) == {}


async def _erase(services: Services, account: MeliAccount, customer_id: Any) -> erasure.Erasure:
    async with services.db.tenant(account.tenant_id) as session:
        return await erasure.erase_customer(session, owner_of(account), customer_id)


async def test_the_erasure_scrubs_every_table_and_keeps_the_financial_facts(
    services: Services, meli_account_a: MeliAccount
) -> None:
    db, account = services.db, meli_account_a
    seeded = await seed(db, account)
    before = await _facts(db, account)
    held = await _pii_held(db, account)
    assert {name for names in held.values() for name in names} == set(PII)  # the world holds all of it first

    done = await _erase(services, account, seeded.customer_id)

    assert done.rows["orders"] == 2 and done.rows["shipments"] == 1 and done.rows["messages"] == 2
    assert done.rows["questions"] == 1 and done.rows["claims"] == 1 and done.rows["hubOrders"] == 1
    assert done.rows["integrationEvents"] == 2 and done.rows["hubNotifications"] == 1
    await _no_pii_left(db, account)
    assert await _facts(db, account) == before
    customers = dict(await _rows(db, account, "SELECT ml_user_id, nickname FROM customers"))
    assert customers == {BUYER: ANONYMISED, OTHER_BUYER: f"BUYER{OTHER_BUYER}"}
    [hub] = await _rows(db, account, f"SELECT * FROM hub_orders WHERE external_id = '{PACK}'")
    assert (hub.recipient_name, hub.recipient_document, hub.recipient_phone, hub.recipient_email) == (None,) * 4
    assert hub.code == str(PACK) and hub.document_checked_at is not None  # not asked of Mercado Livre again
    texts = await _rows(db, account, "SELECT text FROM messages UNION ALL SELECT text FROM questions")
    assert {row.text for row in texts} == {ANONYMISED_TEXT}
    [raw] = await _rows(db, account, f"SELECT raw FROM orders WHERE ml_id = {ORDERS[0]}")
    buyer = raw.raw["buyer"]
    assert buyer["id"] == BUYER and buyer["nickname"] == ANONYMISED and buyer["first_name"] is None
    assert buyer["billing_info"] is None and raw.raw["order_items"][0]["unit_price"] == 35.0
    [ship] = await _rows(db, account, f"SELECT receiver_name, raw FROM shipments WHERE ml_id = {SHIPMENT}")
    assert ship.receiver_name is None and ship.raw["destination"]["receiver_id"] == BUYER
    assert ship.raw["destination"]["shipping_address"]["city"]["name"] == "São Paulo"
    assert ship.raw["origin"]["shipping_address"]["address_line"] == "Rua das Flores 210"  # the seller's own
    # The other buyer of the same seller keeps everything.
    [other] = await _rows(db, account, f"SELECT receiver_name FROM shipments WHERE ml_id <> {SHIPMENT}")
    [other_hub] = await _rows(db, account, f"SELECT recipient_name FROM hub_orders WHERE external_id <> '{PACK}'")
    assert other.receiver_name == other_hub.recipient_name == "Outra Pessoa"
    [mark] = await _rows(db, account, "SELECT ml_user_id, erased_by_user_id FROM buyer_erasures")
    assert mark.ml_user_id == BUYER


async def test_a_later_notification_or_sync_of_the_buyer_does_not_bring_the_data_back(
    services: Services, meli_account_a: MeliAccount
) -> None:
    db, account = services.db, meli_account_a
    seeded = await seed(db, account)
    await _erase(services, account, seeded.customer_id)

    # Newer versions, as a webhook would bring them, then a sync page of the same orders (the batch appliers).
    await notify(db, account, "shipment", shipment(version=5))
    await notify(db, account, "order", order(ORDERS[0], version=5))
    await notify(db, account, "question", question(version=2))
    await notify(db, account, "message", message(MESSAGES[0], sender=BUYER, receiver=SELLER_A))
    await sync_page(db, account, "order", [order(ml_id, version=9) for ml_id in ORDERS])
    async with db.tenant(account.tenant_id) as session:  # the hub takes the recipient from the shipment again
        await intake.refresh(session, account, str(PACK))
    async with db.tenant(account.tenant_id) as session:  # what the billing-document fill would write
        await session.exec(  # type: ignore[call-overload]
            text("UPDATE hub_orders SET recipient_document = :d WHERE external_id = :p"),
            params={"d": PII["document"], "p": str(PACK)},
        )

    await _no_pii_left(db, account)
    [stored] = await _rows(db, account, f"SELECT raw FROM orders WHERE ml_id = {ORDERS[1]}")
    assert stored.raw["last_updated"] == order(ORDERS[1], version=9)["last_updated"]  # the new version is stored
    assert stored.raw["buyer"]["nickname"] == ANONYMISED


async def test_erasing_twice_scrubs_again_and_keeps_the_first_mark(
    services: Services, meli_account_a: MeliAccount
) -> None:
    db, account = services.db, meli_account_a
    seeded = await seed(db, account)
    first = await _erase(services, account, seeded.customer_id)
    second = await _erase(services, account, seeded.customer_id)
    assert second.rows["orders"] == 2
    [mark] = await _rows(db, account, "SELECT erased_at FROM buyer_erasures")
    assert mark.erased_at == first.erased_at


async def test_finished_export_files_that_may_name_the_buyer_are_dropped(
    services: Services, meli_account_a: MeliAccount
) -> None:
    db, account = services.db, meli_account_a
    seeded = await seed(db, account)
    async with db.tenant(account.tenant_id) as session:
        for kind in (ExportKind.ORDERS, ExportKind.SHIPMENTS, ExportKind.LISTINGS):
            done = Export(
                tenant_id=account.tenant_id,
                kind=kind.value,
                format="CSV",
                status="DONE",
                time_zone="America/Sao_Paulo",
                keep_hours=24,
            )
            session.add(done)
            await session.flush()
            session.add(ExportChunk(tenant_id=account.tenant_id, export_id=done.id, seq=0, data=b"order;buyer"))

    assert (await _erase(services, account, seeded.customer_id)).exports_expired == 2
    kept = await _rows(
        db,
        account,
        "SELECT e.kind, e.status, count(c.id) AS chunks FROM exports e "
        "LEFT JOIN export_chunks c ON c.export_id = e.id GROUP BY e.kind, e.status ORDER BY e.kind",
    )
    assert [tuple(row) for row in kept] == [
        ("LISTINGS", "DONE", 1),
        ("ORDERS", "EXPIRED", 0),
        ("SHIPMENTS", "EXPIRED", 0),
    ]
