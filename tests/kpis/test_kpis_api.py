"""The ``kpis`` query over GraphQL: its shape, bad ranges as BAD_USER_INPUT, analysts, account limits."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from melihub.accounts.models import Tenant
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD
from tests.kpis import payloads
from tests.kpis.helpers import notify

KPIS = """query($range: KpiRange!, $accounts: [ID!], $granularity: KpiGranularity! = DAY, $compare: KpiComparison) {
  kpis(range: $range, meliAccountIds: $accounts, granularity: $granularity, compareTo: $compare) {
    range { from to } comparedRange { from to } granularity timeZone currencies generatedAt
    metrics(groups: [SALES]) { key group unit currency total previous delta deltaRatio series { start value previous } }
  }
}"""
INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = "mutation($u: ID!, $a: [ID!]) { setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } } }"
ZONE = ZoneInfo("America/Sao_Paulo")
WEEK = {"from": "2026-03-09", "to": "2026-03-15"}


async def _sell(services: Services, account: MeliAccount, ml_id: int, amount: str, day: int) -> None:
    created = datetime(2026, 3, day, 15, 0, tzinfo=ZONE)
    raw = payloads.order(
        ml_id,
        seller=account.ml_user_id,
        buyer=42,
        created=created,
        updated=created + timedelta(minutes=1),
        status="paid",
        lines=[("MLB7", 1, Decimal(amount))],
    )
    await notify(services.db, account, "order", raw)


async def _two_accounts(services: Services, tenant: Tenant) -> tuple[MeliAccount, MeliAccount]:
    aurora = MeliAccount(tenant_id=tenant.id, ml_user_id=2401234567, site_id="MLB", nickname="LOJA_CASA_AURORA")
    outlet = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(tenant.id) as session:
        session.add_all([aurora, outlet])
    await _sell(services, aurora, 1, "100.00", 10)
    await _sell(services, aurora, 2, "60.00", 12)
    await _sell(services, outlet, 3, "30.00", 12)
    return aurora, outlet


async def kpis(client: httpx.AsyncClient, **variables: Any) -> dict[str, Any]:
    body = await gql(client, KPIS, {"range": WEEK, **variables})
    assert not body.get("errors"), body
    report: dict[str, Any] = body["data"]["kpis"]
    return report


def gmv(report: dict[str, Any]) -> tuple[str | None, list[str | None]]:
    [metric] = [m for m in report["metrics"] if m["key"] == "GMV"]
    return metric["total"], [point["value"] for point in metric["series"]]


async def test_a_week_by_day_with_the_week_before(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    await _two_accounts(services, tenant_a[0])
    await login(client, "ana@aurora.example", OWNER_PASSWORD)

    report = await kpis(client, compare="PREVIOUS_PERIOD")

    assert report["range"] == WEEK and report["comparedRange"] == {"from": "2026-03-02", "to": "2026-03-08"}
    assert (report["timeZone"], report["currencies"], report["granularity"]) == ("America/Sao_Paulo", ["BRL"], "DAY")
    assert {m["group"] for m in report["metrics"]} == {"SALES"}
    [metric] = [m for m in report["metrics"] if m["key"] == "GMV"]
    assert (metric["unit"], metric["currency"], metric["total"], metric["previous"]) == ("MONEY", "BRL", "190.00", "0")
    assert metric["deltaRatio"] is None  # over a previous of 0
    assert [p["start"][:10] for p in metric["series"]] == [f"2026-03-{d:02}" for d in range(9, 16)]
    assert [p["value"] for p in metric["series"]] == ["0", "100.00", "0", "90.00", "0", "0", "0"]
    [ticket] = [m for m in report["metrics"] if m["key"] == "AVERAGE_TICKET"]
    assert ticket["series"][0]["value"] is None and Decimal(ticket["total"]) == Decimal("190") / 3


async def test_a_bad_range_is_a_bad_user_input(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    cases = [
        ({"range": {"from": "2026-03-15", "to": "2026-03-09"}}, "on or before"),
        ({"range": {"from": "2025-01-01", "to": "2026-03-09"}}, "at most 400 days"),
        ({"range": {"from": "2026-03-01", "to": "2026-03-09"}, "granularity": "HOUR"}, "HOUR granularity"),
    ]
    for variables, said in cases:
        body = await gql(client, KPIS, variables)
        assert error_codes(body) == ["BAD_USER_INPUT"], body
        assert said in body["errors"][0]["message"]
    hourly = await gql(client, KPIS, {"range": WEEK, "granularity": "HOUR"})
    assert len(hourly["data"]["kpis"]["metrics"][0]["series"]) == 7 * 24


async def test_members_see_their_accounts_numbers_and_analysts_read(
    client: httpx.AsyncClient, app: object, services: Services, tenant_a, tenant_b
) -> None:
    aurora, outlet = await _two_accounts(services, tenant_a[0])
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert gmv(await kpis(client))[0] == "190.00"
    assert gmv(await kpis(client, accounts=[gid("MeliAccount", outlet.id)]))[0] == "30.00"

    invited = (await gql(client, INVITE, {"email": "an@aurora.example", "role": "ANALYST"}))["data"]["inviteUser"]
    await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=str(client.base_url)) as analyst:
        await login(analyst, "an@aurora.example", invited["temporaryPassword"])
        assert gmv(await kpis(analyst)) == ("30.00", ["0", "0", "0", "30.00", "0", "0", "0"])
        refused = await gql(analyst, KPIS, {"range": WEEK, "accounts": [gid("MeliAccount", aurora.id)]})
        assert error_codes(refused) == ["NOT_FOUND"] and refused["data"] is None

    client.cookies.clear()
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    assert (await kpis(client))["currencies"] == []
