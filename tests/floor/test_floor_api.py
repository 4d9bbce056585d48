"""The ``floor`` query over GraphQL: the tenant's time zone, a member's account limit, ``meliAccountIds``.

Rows are placed relative to the instant a first call answered (``generatedAt``): orders halfway between
that day's local midnight and that instant are today's whenever the test runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from melihub.accounts.models import Tenant
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD
from tests.floor.rows import SAO_PAULO, listing, order, question, shipment, store

FLOOR = """query($accounts: [ID!]) { floor(meliAccountIds: $accounts) {
  timeZone generatedAt
  sales { currency orders gmv { amount currency } days { date orders gmv { amount currency } } }
  shipmentsToDispatchToday shipmentsLate unansweredQuestions oldestUnansweredQuestionAt listingsOutOfStock
} }"""
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: OPERATOR) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = "mutation($u: ID!, $a: [ID!]) { setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } } }"
SET_ZONE = """mutation($zone: String) {
  updateTenantSettings(input: {timeZone: $zone}) { tenant { timeZone } errors { code } }
}"""


async def floor(client: httpx.AsyncClient, accounts: list[MeliAccount] | None = None) -> dict[str, Any]:
    ids = [gid("MeliAccount", a.id) for a in accounts] if accounts is not None else None
    body = await gql(client, FLOOR, {"accounts": ids})
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["floor"]
    return result


def earlier_today(generated_at: str, zone: str) -> datetime:
    """Halfway between the local midnight of ``generated_at``'s day in ``zone`` and ``generated_at``."""
    now = datetime.fromisoformat(generated_at).astimezone(ZoneInfo(zone))
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + (now - midnight) / 2


def figures(floor: dict[str, Any]) -> tuple[Any, ...]:
    """What the floor counts: today's (currency, orders, GMV), shipments late, questions, listings."""
    sales = [(s["currency"], s["orders"], s["gmv"]["amount"]) for s in floor["sales"]]
    return sales, floor["shipmentsLate"], floor["unansweredQuestions"], floor["listingsOutOfStock"]


async def _two_accounts(services: Services, tenant: Tenant, generated_at: str) -> tuple[MeliAccount, MeliAccount]:
    """Aurora and the outlet, with something of everything; the outlet always has less."""
    aurora = MeliAccount(tenant_id=tenant.id, ml_user_id=2401234567, site_id="MLB", nickname="LOJA_CASA_AURORA")
    outlet = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    await store(services, aurora, aurora, outlet)  # the accounts themselves first
    today, now = earlier_today(generated_at, SAO_PAULO), datetime.fromisoformat(generated_at)
    await store(
        services,
        aurora,
        order(aurora, today, total="100.00"),
        order(aurora, today, total="50.00"),
        order(aurora, today, status="cancelled", total="999.00"),
        shipment(aurora, now - timedelta(days=1)),
        shipment(aurora, now - timedelta(days=2)),
        question(aurora, now - timedelta(hours=3)),
        listing(aurora, "active", 0),
        order(outlet, today, total="30.00"),
        shipment(outlet, now - timedelta(hours=5)),
        question(outlet, now - timedelta(hours=5)),
        question(outlet, now - timedelta(hours=1)),
        listing(outlet, "paused", 0, ["out_of_stock"]),
        listing(outlet, "active", 0),
    )
    return aurora, outlet


async def test_the_floor_is_in_the_tenants_time_zone_with_eight_days(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    empty = await floor(client)
    assert empty["timeZone"] == SAO_PAULO and empty["sales"] == []
    await _two_accounts(services, tenant_a[0], empty["generatedAt"])
    [brl] = (await floor(client))["sales"]
    local_today = datetime.fromisoformat(empty["generatedAt"]).astimezone(ZoneInfo(SAO_PAULO)).date()
    assert [day["date"] for day in brl["days"]] == [str(local_today - timedelta(days=n)) for n in range(7, -1, -1)]
    assert brl["days"][-1] == {"date": str(local_today), "orders": 3, "gmv": {"amount": "180.00", "currency": "BRL"}}
    assert {(day["orders"], day["gmv"]["amount"]) for day in brl["days"][:-1]} == {(0, "0.00")}

    assert (await gql(client, SET_ZONE, {"zone": "Asia/Tokyo"}))["data"]["updateTenantSettings"]["errors"] == []
    assert (await floor(client))["timeZone"] == "Asia/Tokyo"


async def test_a_member_limited_to_one_account_sees_only_its_figures(
    client: httpx.AsyncClient, app: object, services: Services, tenant_a
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    generated_at = (await floor(client))["generatedAt"]
    aurora, outlet = await _two_accounts(services, tenant_a[0], generated_at)
    everything = await floor(client)
    assert figures(everything) == ([("BRL", 3, "180.00")], 3, 3, 3)
    outlet_only = ([("BRL", 1, "30.00")], 1, 2, 2)
    assert figures(await floor(client, [outlet])) == outlet_only
    assert figures(await floor(client, [aurora])) == ([("BRL", 2, "150.00")], 2, 1, 1)

    invited = (await gql(client, INVITE, {"email": "op@aurora.example"}))["data"]["inviteUser"]
    await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=str(client.base_url)) as operator:
        await login(operator, "op@aurora.example", invited["temporaryPassword"])
        mine = await floor(operator)
        assert figures(mine) == outlet_only
        assert figures(await floor(operator, [outlet])) == outlet_only
        refused = await gql(operator, FLOOR, {"accounts": [gid("MeliAccount", aurora.id)]})
        assert error_codes(refused) == ["NOT_FOUND"] and refused["data"] is None


async def test_the_oldest_unanswered_question_is_of_the_accounts_asked_for(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    generated_at = (await floor(client))["generatedAt"]
    aurora, outlet = await _two_accounts(services, tenant_a[0], generated_at)
    now = datetime.fromisoformat(generated_at)
    for accounts, age in (([aurora], timedelta(hours=3)), ([outlet], timedelta(hours=5)), (None, timedelta(hours=5))):
        oldest = (await floor(client, accounts))["oldestUnansweredQuestionAt"]
        assert datetime.fromisoformat(oldest) == now - age


async def test_another_tenants_floor_is_its_own(
    client: httpx.AsyncClient, services: Services, tenant_a, tenant_b
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    await _two_accounts(services, tenant_a[0], (await floor(client))["generatedAt"])
    client.cookies.clear()
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    assert figures(await floor(client)) == ([], 0, 0, 0)
