"""Claims in the inbox through GraphQL: the one the seller must act on soonest first, with its actions and
order; filtered by account and status; a member limited to one account sees only that account's claims."""

from __future__ import annotations

import copy
from typing import Any

import httpx

from melihub.claims.service import apply_claim
from melihub.connections.models import MeliAccount
from melihub.orders.service import apply_order
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD

CLAIMS = """
query($filter: ClaimFilter, $first: Int, $after: String) {
  claims(filter: $filter, first: $first, after: $after) {
    nodes {
      mlId status stage type reasonId resource resourceId buyerMlId dueDate dateCreated lastUpdated
      sellerActions { action dueDate mandatory }
      order { mlId }
    }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}"""
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: SUPPORT) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = "mutation($u: ID!, $a: [ID!]) { setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } } }"
ORDER_ID = 2000009876543204  # the order the reference claim is about


def claim(ml_id: int, *, due: str | None, status: str = "opened", order: int = ORDER_ID) -> dict[str, Any]:
    raw = copy.deepcopy(load_fixture("claims/claims_search.json")["data"][0])
    raw.update(id=ml_id, status=status, resource_id=order)
    seller = next(p for p in raw["players"] if p["role"] == "respondent")
    seller["available_actions"][0]["due_date"] = due
    return raw


async def seed(services: Services, account: MeliAccount, *claims: dict[str, Any]) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        for raw in claims:
            await apply_claim(session, account, raw)


async def listed(client: httpx.AsyncClient, **variables: Any) -> dict[str, Any]:
    body = await gql(client, CLAIMS, variables)
    assert not body.get("errors"), body
    return body["data"]["claims"]


def ml_ids(page: dict[str, Any]) -> list[str]:
    return [node["mlId"] for node in page["nodes"]]


async def test_claims_come_soonest_due_first_with_the_sellers_actions_and_the_order(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        await apply_order(session, meli_account_a, load_fixture(f"orders/{ORDER_ID}.json"))
    await seed(
        services,
        meli_account_a,
        claim(11, due="2026-12-03T10:00:00.000-04:00"),
        claim(12, due="2026-12-02T09:00:00.000-04:00"),
        claim(13, due=None, order=2000000000000001),  # no due date: last; an order melihub does not hold
    )
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    page = await listed(client, first=10)
    assert (ml_ids(page), page["totalCount"]) == (["12", "11", "13"], 3)
    first = page["nodes"][0]
    assert first["dueDate"] == "2026-12-02T13:00:00+00:00"
    assert first["sellerActions"] == [
        {"action": "send_message_to_complainant", "dueDate": "2026-12-02T13:00:00+00:00", "mandatory": True},
        {"action": "refund", "dueDate": None, "mandatory": False},
    ]
    assert (first["status"], first["stage"], first["type"], first["reasonId"]) == (
        "opened",
        "claim",
        "mediations",
        "PDD9939",
    )
    assert (first["resource"], first["resourceId"], first["buyerMlId"]) == ("order", str(ORDER_ID), "1387654012")
    assert first["order"] == {"mlId": str(ORDER_ID)}
    assert page["nodes"][2]["order"] is None and page["nodes"][2]["dueDate"] is None

    paged = await listed(client, first=2)
    rest = await listed(client, first=2, after=paged["pageInfo"]["endCursor"])
    assert (ml_ids(paged), paged["pageInfo"]["hasNextPage"], ml_ids(rest)) == (["12", "11"], True, ["13"])


async def test_claims_filter_by_status_and_account(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    outlet = MeliAccount(
        tenant_id=meli_account_a.tenant_id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET"
    )
    async with services.db.tenant(outlet.tenant_id) as session:
        session.add(outlet)
    await seed(services, meli_account_a, claim(21, due=None), claim(22, due=None, status="closed"))
    await seed(services, outlet, claim(23, due=None))
    await login(client, "ana@aurora.example", OWNER_PASSWORD)

    assert sorted(ml_ids(await listed(client, filter={"status": "opened"}))) == ["21", "23"]
    assert ml_ids(await listed(client, filter={"status": "CLOSED"})) == ["22"]
    mine = {"meliAccountId": gid("MeliAccount", meli_account_a.id), "status": "opened"}
    assert ml_ids(await listed(client, filter=mine)) == ["21"]
    outlets = {"meliAccountIds": [gid("MeliAccount", outlet.id)]}
    assert ml_ids(await listed(client, filter=outlets)) == ["23"]


async def test_a_member_limited_to_one_account_sees_only_its_claims(
    client: httpx.AsyncClient, app: object, services: Services, meli_account_a: MeliAccount
) -> None:
    outlet = MeliAccount(
        tenant_id=meli_account_a.tenant_id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET"
    )
    async with services.db.tenant(outlet.tenant_id) as session:
        session.add(outlet)
    await seed(services, meli_account_a, claim(31, due=None))
    await seed(services, outlet, claim(32, due=None))
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "sup@aurora.example"}))["data"]["inviteUser"]
    await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})

    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=str(client.base_url)) as support:
        await login(support, "sup@aurora.example", invited["temporaryPassword"])
        assert ml_ids(await listed(support)) == ["32"]
        refused = await gql(support, CLAIMS, {"filter": {"meliAccountId": gid("MeliAccount", meli_account_a.id)}})
        assert error_codes(refused) == ["NOT_FOUND"]
