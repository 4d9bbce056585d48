"""exportCustomerData's service: the buyer's rows of every table, whole, and nobody else's."""

from __future__ import annotations

import json
import uuid

import pytest

from melihub.connections.models import MeliAccount
from melihub.errors import DomainError
from melihub.privacy import erasure, export
from melihub.privacy.models import ANONYMISED
from melihub.runtime import Services
from tests.kpis.helpers import owner_of
from tests.privacy.world import (
    BUYER,
    CLAIM,
    MESSAGES,
    ORDERS,
    OTHER_BUYER,
    OTHER_ORDER,
    PII,
    QUESTION,
    SHIPMENT,
    seed,
)


async def test_the_export_holds_everything_about_the_buyer_and_nothing_of_another(
    services: Services, meli_account_a: MeliAccount
) -> None:
    seeded = await seed(services.db, meli_account_a)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        document = await export.export_customer(session, owner_of(meli_account_a), seeded.customer_id)

    assert document["format"] == export.FORMAT and document["mlUserId"] == BUYER
    assert document["customer"]["ml_user_id"] == BUYER and document["erasure"] is None
    assert [o["ml_id"] for o in document["orders"]] == list(ORDERS)
    assert len(document["orderItems"]) == 2 and len(document["payments"]) == 2
    assert [s["ml_id"] for s in document["shipments"]] == [SHIPMENT]
    assert sorted(m["ml_id"] for m in document["messages"]) == sorted(MESSAGES)
    assert [q["ml_id"] for q in document["questions"]] == [QUESTION]
    assert [c["ml_id"] for c in document["claims"]] == [CLAIM]
    assert len(document["hubOrders"]) == 1 and len(document["hubNotifications"]) == 1
    assert len(document["hubOrderLines"]) == 2 and len(document["conversations"]) == 1
    assert sorted(e["resource"] for e in document["integrationEvents"]) == [
        f"/orders/{ORDERS[0]}",
        f"/shipments/{SHIPMENT}",
    ]
    assert [m["buyer_ml_id"] for m in document["customerMonths"]] == [BUYER]
    text = json.dumps(document, ensure_ascii=False)
    assert all(value in text for value in PII.values())  # raw payloads included, whole
    assert str(OTHER_ORDER) not in text and f"BUYER{OTHER_BUYER}" not in text and "Outra Pessoa" not in text
    assert export.section_counts(document)["orders"] == 2


async def test_after_the_erasure_the_export_shows_the_mark_and_no_personal_data(
    services: Services, meli_account_a: MeliAccount
) -> None:
    seeded = await seed(services.db, meli_account_a)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        await erasure.erase_customer(session, owner_of(meli_account_a), seeded.customer_id)
        document = await export.export_customer(session, owner_of(meli_account_a), seeded.customer_id)
    assert document["erasure"]["ml_user_id"] == BUYER and document["customer"]["nickname"] == ANONYMISED
    text = json.dumps(document, ensure_ascii=False)
    assert [name for name, value in PII.items() if value in text] == []
    assert [o["total_amount"] for o in document["orders"]] == [70.0, 70.0]


async def test_a_caller_limited_to_some_accounts_cannot_answer_for_the_company(
    services: Services, meli_account_a: MeliAccount
) -> None:
    seeded = await seed(services.db, meli_account_a)
    limited = owner_of(meli_account_a, frozenset({meli_account_a.id}))
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for call in (export.export_customer, erasure.erase_customer):
            with pytest.raises(DomainError) as refused:
                await call(session, limited, seeded.customer_id)
            assert refused.value.code == "ACCOUNTS_LIMITED"
    other_account = owner_of(meli_account_a, frozenset({uuid.uuid4()}))
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        with pytest.raises(DomainError) as hidden:
            await export.export_customer(session, other_account, seeded.customer_id)
        assert (hidden.value.code, hidden.value.field) == ("NOT_FOUND", "customerId")
