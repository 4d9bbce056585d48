"""The LGPD mutations over GraphQL: owners and admins only, another tenant's buyer NOT_FOUND, every call
audited with the customer's id and counts, never the data."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import text

from melihub.accounts.models import Role
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import gid, gql, login
from tests.conftest import OWNER_PASSWORD
from tests.graphql.cross_tenant_world import invite
from tests.privacy.world import BUYER, ORDERS, PII, seed

EXPORT = """mutation($id: ID!) { exportCustomerData(customerId: $id) { data errors { field code } } }"""
ERASE = """mutation($id: ID!) {
  eraseCustomerData(customerId: $id) {
    erasure { orders shipments messages hubOrders exportsExpired } errors { field code }
  }
}"""
RETENTION = """mutation($d: Int!) {
  setRawPayloadRetention(days: $d) { privacySettings { rawPayloadRetentionDays } errors { field code } }
}"""
SETTINGS = "{ privacySettings { rawPayloadRetentionDays } }"


async def test_owners_export_and_erase_a_buyer_and_each_call_is_audited_without_the_data(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    seeded = await seed(services.db, meli_account_a)
    customer = gid("Customer", seeded.customer_id)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)

    exported = (await gql(client, EXPORT, {"id": customer}))["data"]["exportCustomerData"]
    assert exported["errors"] == [] and exported["data"]["mlUserId"] == BUYER
    assert [o["ml_id"] for o in exported["data"]["orders"]] == list(ORDERS)
    erased = (await gql(client, ERASE, {"id": customer}))["data"]["eraseCustomerData"]
    assert erased["errors"] == []
    assert erased["erasure"] == {"orders": 2, "shipments": 1, "messages": 2, "hubOrders": 1, "exportsExpired": 0}

    async with services.db.tenant(meli_account_a.tenant_id) as session:
        rows = (
            await session.exec(  # type: ignore[call-overload]
                text("SELECT action, target_type, target_id, before, after, data FROM audit_log ORDER BY seq")
            )
        ).all()
    audited = [row for row in rows if row.action in ("exportCustomerData", "eraseCustomerData")]
    assert [(row.action, row.target_type, row.target_id) for row in audited] == [
        ("exportCustomerData", "Customer", customer),
        ("eraseCustomerData", "Customer", customer),
    ]
    assert audited[0].after["sections"]["orders"] == 2 and audited[1].after["rows"]["orders"] == 2
    written = json.dumps([dict(row._mapping) for row in audited], default=str, ensure_ascii=False)
    assert [name for name, value in PII.items() if value in written] == []


async def test_other_roles_are_refused_and_another_tenants_buyer_is_not_found(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount, meli_account_b: MeliAccount
) -> None:
    seeded = await seed(services.db, meli_account_b)  # tenant B's buyer
    theirs = gid("Customer", seeded.customer_id)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for document in (EXPORT, ERASE):
        body = await gql(client, document, {"id": theirs})
        payload = next(iter(body["data"].values()))
        assert payload["errors"] == [{"field": "customerId", "code": "NOT_FOUND"}]
        malformed = next(iter((await gql(client, document, {"id": "bm9wZQ"}))["data"].values()))
        assert malformed["errors"] == [{"field": "customerId", "code": "NOT_FOUND"}]
    _, password = await invite(client, "otto@aurora.example", Role.OPERATOR)

    async with httpx.AsyncClient(transport=client._transport, base_url=str(client.base_url)) as operator:
        await login(operator, "otto@aurora.example", password)
        for document, variables in ((EXPORT, {"id": theirs}), (ERASE, {"id": theirs}), (RETENTION, {"d": 30})):
            payload = next(iter((await gql(operator, document, variables))["data"].values()))
            assert [error["code"] for error in payload["errors"]] == ["FORBIDDEN"]
        refused = await gql(operator, SETTINGS)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    async with services.db.tenant(meli_account_b.tenant_id) as session:
        [nickname] = (await session.exec(text(f"SELECT nickname FROM customers WHERE ml_user_id = {BUYER}"))).one()  # type: ignore[call-overload]
    assert nickname == PII["nickname"]  # nothing erased by anyone of tenant A


async def test_owners_set_the_retention(client: httpx.AsyncClient, meli_account_a: MeliAccount) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert (await gql(client, SETTINGS))["data"]["privacySettings"] == {"rawPayloadRetentionDays": 90}
    bad = (await gql(client, RETENTION, {"d": -3}))["data"]["setRawPayloadRetention"]
    assert bad == {"privacySettings": None, "errors": [{"field": "days", "code": "INVALID_RETENTION"}]}
    good = (await gql(client, RETENTION, {"d": 30}))["data"]["setRawPayloadRetention"]
    assert good == {"privacySettings": {"rawPayloadRetentionDays": 30}, "errors": []}
    assert (await gql(client, SETTINGS))["data"]["privacySettings"] == {"rawPayloadRetentionDays": 30}
