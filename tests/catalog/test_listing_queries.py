"""listings/listing: keyset paging, filters and search, variations, tenant scope; questions' listing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from melihub.accounts.models import Role, Tenant
from melihub.catalog.models import Listing, Variation
from melihub.connections.models import MeliAccount
from melihub.questions.models import Question
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql
from tests.conftest import api_token_for

BASE_TIME = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

LISTINGS = """
query Listings($filter: ListingFilter, $first: Int!, $after: String) {
  listings(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id mlId title status sku } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
LISTING = """
query Listing($id: ID!) {
  listing(id: $id) {
    id mlId meliAccountId title status subStatus availableQuantity soldQuantity freeShipping logisticType
    price { amount currency }
    originalPrice { amount currency }
    variations { mlId sku availableQuantity price { amount currency } attributes { name value } }
  }
}
"""
QUESTIONS = """
query { questions(first: 10) { edges { node { mlId text answer status listing { mlId title } } } } }
"""


async def seed_listing(
    services: Services,
    account: MeliAccount,
    ml_id: str,
    *,
    title: str = "Produto",
    status: str = "active",
    sku: str | None = None,
    minutes: int = 0,
    variations: int = 0,
) -> Listing:
    listing = Listing(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=ml_id,
        site_id="MLB",
        title=title,
        status=status,
        sku=sku,
        price=Decimal("89.90"),
        original_price=Decimal("99.90"),
        currency_id="BRL",
        available_quantity=7,
        logistic_type="fulfillment",
        free_shipping=True,
        synced_at=BASE_TIME + timedelta(minutes=minutes),
    )
    async with services.db.tenant(account.tenant_id) as session:
        session.add(listing)
        await session.flush()
        for n in range(variations, 0, -1):  # stored out of order: the API sorts by ML id
            session.add(_variation(listing, n))
    return listing


def _variation(listing: Listing, n: int) -> Variation:
    return Variation(
        tenant_id=listing.tenant_id,
        item_id=listing.id,
        ml_id=180000000000 + n,
        sku=f"{listing.sku}-{n}",
        price=Decimal("89.90"),
        available_quantity=n,
        attribute_combinations=[{"id": "COLOR", "name": "Cor", "value_name": f"Cor {n}"}],
    )


async def token_of(services: Services, account: MeliAccount) -> str:
    async with services.db.tenant(account.tenant_id) as session:
        tenant = await session.get(Tenant, account.tenant_id)
    assert tenant is not None
    return await api_token_for(services, tenant, Role.SUPPORT)


def ml_ids_of(body: dict[str, Any]) -> list[str]:
    assert "errors" not in body, body
    return [edge["node"]["mlId"] for edge in body["data"]["listings"]["edges"]]


async def test_listings_page_most_recently_changed_first(client: httpx.AsyncClient, services, meli_account_a) -> None:
    for n in range(7):
        await seed_listing(services, meli_account_a, f"MLB10{n}", minutes=n)
    token = await token_of(services, meli_account_a)

    first = await gql(client, LISTINGS, {"first": 3}, token=token)
    assert ml_ids_of(first) == ["MLB106", "MLB105", "MLB104"]
    assert first["data"]["listings"]["pageInfo"]["hasNextPage"] is True
    after = first["data"]["listings"]["pageInfo"]["endCursor"]
    assert after == first["data"]["listings"]["edges"][-1]["cursor"]
    second = await gql(client, LISTINGS, {"first": 3, "after": after}, token=token)
    assert ml_ids_of(second) == ["MLB103", "MLB102", "MLB101"]
    last = await gql(
        client, LISTINGS, {"first": 3, "after": second["data"]["listings"]["pageInfo"]["endCursor"]}, token=token
    )
    assert ml_ids_of(last) == ["MLB100"]
    assert last["data"]["listings"]["pageInfo"] == {
        "hasNextPage": False,
        "endCursor": last["data"]["listings"]["edges"][0]["cursor"],
    }


async def test_listings_filter_by_status_account_and_search(
    client: httpx.AsyncClient, services, meli_account_a
) -> None:
    await seed_listing(services, meli_account_a, "MLB201", title="Luminária de mesa LED", sku="LUM-01", minutes=1)
    await seed_listing(services, meli_account_a, "MLB202", title="Cadeira 100% algodão", status="paused", minutes=2)
    await seed_listing(
        services, meli_account_a, "MLB203", title="Mesa de jantar", sku="MESA-9", minutes=3, variations=2
    )
    token = await token_of(services, meli_account_a)

    async def query(filter: dict[str, Any]) -> list[str]:
        return ml_ids_of(await gql(client, LISTINGS, {"first": 50, "filter": filter}, token=token))

    assert await query({"status": ["paused"]}) == ["MLB202"]
    assert await query({"status": ["active", "paused"]}) == ["MLB203", "MLB202", "MLB201"]
    assert await query({"search": "mesa"}) == ["MLB203", "MLB201"]  # part of the title, any case
    assert await query({"search": "mlb202"}) == ["MLB202"]  # the ML id
    assert await query({"search": "LUM-01"}) == ["MLB201"]  # the SKU
    assert await query({"search": "MESA-9-2"}) == ["MLB203"]  # a variation's SKU
    assert await query({"search": "MESA-9-"}) == []  # SKUs match exactly, not in part
    assert await query({"search": "100%"}) == ["MLB202"]  # % is a character, not a wildcard
    assert await query({"search": "0%"}) == ["MLB202"]
    assert await query({"search": "mesa", "status": ["paused"]}) == []
    assert await query({"meliAccountIds": [gid("MeliAccount", meli_account_a.id)], "search": "cadeira"}) == ["MLB202"]
    unknown = {"first": 5, "filter": {"meliAccountIds": [gid("MeliAccount", uuid.uuid4())]}}
    assert error_codes(await gql(client, LISTINGS, unknown, token=token)) == ["NOT_FOUND"]


async def test_listing_with_prices_and_variations(client: httpx.AsyncClient, services, meli_account_a) -> None:
    listing = await seed_listing(services, meli_account_a, "MLB301", sku="KIT", variations=2)
    token = await token_of(services, meli_account_a)

    body = await gql(client, LISTING, {"id": gid("Listing", listing.id)}, token=token)

    assert "errors" not in body, body
    node = body["data"]["listing"]
    assert node["mlId"] == "MLB301"
    assert node["meliAccountId"] == gid("MeliAccount", meli_account_a.id)
    assert node["price"] == {"amount": "89.90", "currency": "BRL"}
    assert node["originalPrice"] == {"amount": "99.90", "currency": "BRL"}
    assert (node["availableQuantity"], node["freeShipping"], node["logisticType"]) == (7, True, "fulfillment")
    assert node["variations"] == [
        {
            "mlId": str(180000000000 + n),
            "sku": f"KIT-{n}",
            "availableQuantity": n,
            "price": {"amount": "89.90", "currency": "BRL"},
            "attributes": [{"name": "Cor", "value": f"Cor {n}"}],
        }
        for n in (1, 2)
    ]
    unknown = await gql(client, LISTING, {"id": gid("Listing", uuid.uuid4())}, token=token)
    assert unknown["data"]["listing"] is None and error_codes(unknown) == ["NOT_FOUND"]
    assert error_codes(await gql(client, LISTING, {"id": "MLB301"}, token=token)) == ["NOT_FOUND"]


async def test_tenant_b_sees_none_of_tenant_a_listings(
    client: httpx.AsyncClient, services, meli_account_a, meli_account_b
) -> None:
    listing_a = await seed_listing(services, meli_account_a, "MLB401", title="Só da Aurora")
    await seed_listing(services, meli_account_b, "MLA402", title="Sólo de Pampa")
    token_b = await token_of(services, meli_account_b)

    assert ml_ids_of(await gql(client, LISTINGS, {"first": 50}, token=token_b)) == ["MLA402"]
    assert ml_ids_of(await gql(client, LISTINGS, {"first": 50, "filter": {"search": "MLB401"}}, token=token_b)) == []
    foreign = await gql(client, LISTING, {"id": gid("Listing", listing_a.id)}, token=token_b)
    assert foreign["data"]["listing"] is None and error_codes(foreign) == ["NOT_FOUND"]


async def test_questions_show_the_listing_asked_about(client: httpx.AsyncClient, services, meli_account_a) -> None:
    await seed_listing(services, meli_account_a, "MLB501", title="Luminária")
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for n, item in enumerate(["MLB501", "MLB501", "MLB999"]):
            session.add(
                Question(
                    tenant_id=meli_account_a.tenant_id,
                    meli_account_id=meli_account_a.id,
                    ml_id=13000000000 + n,
                    item_ml_id=item,
                    status="UNANSWERED",
                    text=f"Pergunta {n}?",
                    synced_at=BASE_TIME + timedelta(minutes=n),
                )
            )
    token = await token_of(services, meli_account_a)

    body = await gql(client, QUESTIONS, token=token)

    assert "errors" not in body, body
    nodes = [edge["node"] for edge in body["data"]["questions"]["edges"]]
    assert [(n["mlId"], n["listing"]) for n in nodes] == [
        ("13000000002", None),
        ("13000000001", {"mlId": "MLB501", "title": "Luminária"}),
        ("13000000000", {"mlId": "MLB501", "title": "Luminária"}),
    ]
