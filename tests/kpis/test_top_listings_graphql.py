"""topListings, cohorts and rfmSegments over GraphQL: analysts read them, account limits hold, bad input is said."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx

from melihub.connections.models import MeliAccount
from melihub.kpis.visits import store_visit_days
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD

from .listing_world import apply_items, apply_orders, item_raw, order_raw

OUTLET_SELLER = 2409999999
TOP = """query($metric: TopListingMetric!, $accounts: [ID!], $first: Int) {
  topListings(
    metric: $metric, range: {from: "2025-03-01", to: "2025-03-31"}, meliAccountIds: $accounts, first: $first
  ) {
    listing { mlId } value gmv { amount currency } units orders visits questions conversion
  }
}"""
COHORTS = """query($accounts: [ID!]) {
  cohorts(range: {from: "2025-03-01", to: "2025-03-31"}, meliAccountIds: $accounts) {
    month customers retention { monthsAfter customers rate }
  }
}"""
RFM = """query($accounts: [ID!]) {
  rfmSegments(meliAccountIds: $accounts) { segment customers share monetary { amount currency } averageFrequency }
}"""
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = "mutation($u: ID!, $a: [ID!]) { setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } } }"


async def two_accounts(services: Services, account: MeliAccount) -> MeliAccount:
    """Aurora sells 3 of MLB71 (seen 30 times) to one buyer; the outlet sells 1 of MLB72 to another."""
    outlet = MeliAccount(tenant_id=account.tenant_id, ml_user_id=OUTLET_SELLER, site_id="MLB", nickname="OUTLET")
    async with services.db.tenant(account.tenant_id) as session:
        session.add(outlet)
    now = datetime(2025, 3, 20, tzinfo=UTC)
    [mine] = await apply_items(services, account, [item_raw("MLB71", 5, now, seller=account.ml_user_id)])
    await apply_items(services, outlet, [item_raw("MLB72", 5, now, seller=OUTLET_SELLER)])
    created = datetime(2025, 3, 10, 15, tzinfo=UTC)
    price = Decimal("40.00")
    await apply_orders(
        services,
        account,
        [
            order_raw(
                2000000000000701, seller=account.ml_user_id, item="MLB71", quantity=3, unit_price=price, created=created
            )
        ],
    )
    await apply_orders(
        services,
        outlet,
        [
            order_raw(
                2000000000000702,
                seller=OUTLET_SELLER,
                item="MLB72",
                quantity=1,
                unit_price=price,
                created=created,
                buyer=7,
            )
        ],
    )
    async with services.db.tenant(account.tenant_id) as session:
        await store_visit_days(session, account, {"MLB71": mine}, {"MLB71": {date(2025, 3, 10): 30}})
    return outlet


async def top(
    client: httpx.AsyncClient, metric: str = "UNITS", accounts: list[str] | None = None, first: int = 10
) -> Any:
    return await gql(client, TOP, {"metric": metric, "accounts": accounts, "first": first})


async def test_the_owner_sees_every_account_ranked(client, services, meli_account_a) -> None:
    await two_accounts(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await top(client)
    assert not body.get("errors"), body
    assert body["data"]["topListings"] == [
        {
            "listing": {"mlId": "MLB71"},
            "value": "3",
            "gmv": [{"amount": "120.00", "currency": "BRL"}],
            "units": 3,
            "orders": 1,
            "visits": 30,
            "questions": 0,
            "conversion": str(Decimal(1) / 30),
        },
        {
            "listing": {"mlId": "MLB72"},
            "value": "1",
            "gmv": [{"amount": "40.00", "currency": "BRL"}],
            "units": 1,
            "orders": 1,
            "visits": 0,
            "questions": 0,
            "conversion": None,
        },
    ]
    conversion = (await top(client, "CONVERSION"))["data"]["topListings"]
    assert [entry["listing"]["mlId"] for entry in conversion] == ["MLB71"]


async def test_first_is_bounded(client, services, meli_account_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for first in (0, 51):
        body = await top(client, first=first)
        assert error_codes(body) == ["BAD_USER_INPUT"] and body["data"] is None
    backwards = await gql(
        client,
        'query { topListings(metric: GMV, range: {from: "2025-03-02", to: "2025-03-01"}) { value } }',
    )
    assert error_codes(backwards) == ["BAD_USER_INPUT"]


async def test_an_analyst_limited_to_one_account_reads_only_its_numbers(client, app, services, meli_account_a) -> None:
    outlet = await two_accounts(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "bia@aurora.example"}))["data"]["inviteUser"]
    limited = await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
    assert limited["data"]["setMemberAccounts"]["errors"] == []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=str(client.base_url)) as analyst:
        await login(analyst, "bia@aurora.example", invited["temporaryPassword"])
        mine = (await top(analyst))["data"]["topListings"]
        assert [entry["listing"]["mlId"] for entry in mine] == ["MLB72"]
        refused = await top(analyst, accounts=[gid("MeliAccount", meli_account_a.id)])
        assert error_codes(refused) == ["NOT_FOUND"] and refused["data"] is None
        cohorts = (await gql(analyst, COHORTS, {"accounts": None}))["data"]["cohorts"]
        assert [(c["month"], c["customers"]) for c in cohorts] == [("2025-03-01", 1)]
        segments = (await gql(analyst, RFM, {"accounts": None}))["data"]["rfmSegments"]
        assert sum(s["customers"] for s in segments) == 1
        assert {m["amount"] for s in segments for m in s["monetary"]} == {"40.00"}
        refused = await gql(analyst, RFM, {"accounts": [gid("MeliAccount", meli_account_a.id)]})
        assert error_codes(refused) == ["NOT_FOUND"]
    everyone = (await gql(client, COHORTS, {"accounts": None}))["data"]["cohorts"]
    assert [(c["month"], c["customers"]) for c in everyone] == [("2025-03-01", 2)]
    assert everyone[0]["retention"][0] == {"monthsAfter": 0, "customers": 2, "rate": "1"}
    today = datetime.now(UTC).date()
    assert len(everyone[0]["retention"]) >= (today.year - 2025) * 12 + today.month - 3 - 1


async def test_signed_out_callers_read_nothing(client) -> None:
    assert error_codes(await top(client)) == ["UNAUTHENTICATED"]
    assert error_codes(await gql(client, RFM, {"accounts": None})) == ["UNAUTHENTICATED"]


KPIS = """query {
  kpis(range: {from: "2025-03-01", to: "2025-03-31"}, granularity: WEEK, compareTo: PREVIOUS_PERIOD) {
    metrics(groups: [STOCK, FUNNEL]) { key group unit total previous series { start value } }
  }
}"""


async def test_the_kpis_report_carries_the_stock_and_funnel_metrics(client, services, meli_account_a) -> None:
    await two_accounts(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await gql(client, KPIS)
    assert not body.get("errors"), body
    found = {m["key"]: m for m in body["data"]["kpis"]["metrics"]}
    assert set(found) == {
        "OUT_OF_STOCK_SELLING",
        "DAYS_OUT_OF_STOCK",
        "STOCK_TURNOVER",
        "STOCK_COVERAGE_DAYS",
        "VISITS",
        "QUESTIONS_ASKED",
        "VISIT_CONVERSION",
    }
    assert (found["VISITS"]["group"], found["VISITS"]["unit"], found["VISITS"]["total"]) == ("FUNNEL", "COUNT", "30")
    assert found["VISITS"]["previous"] == "0"
    assert [p["value"] for p in found["VISITS"]["series"]] == ["0", "0", "30", "0", "0", "0"]  # the week of 10 Mar
    assert found["VISIT_CONVERSION"]["total"] == str(Decimal(2) / 30)  # both accounts' orders, Aurora's visits
    assert found["DAYS_OUT_OF_STOCK"]["unit"] == "DAYS" and found["STOCK_COVERAGE_DAYS"]["series"] == []
