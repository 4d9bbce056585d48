"""Who asked, for answering in context: each question's `buyerMlId`, the asker as a `Customer` when they have
bought from the tenant (`buyer`), and the asker's other questions with `questions(filter: {buyerMlId})`, on
any of the tenant's accounts the caller sees, never another tenant's; a page of askers costs one statement."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx

from melihub.accounts.models import Tenant
from melihub.connections.models import MeliAccount
from melihub.orders.models import Customer, Order
from melihub.questions.service import apply_question
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import error_codes, gid, gql, login
from melihub.testing.sqlcount import count_statements
from tests.conftest import OWNER_PASSWORD

ASKER = 1387654012  # the fixture question's asker, who bought from seller A (orders 2000009876543204/08)
OTHER_ASKER = 1498765432
NEVER_BOUGHT = 1777000111
QUESTIONS = """query($filter: QuestionFilter, $first: Int) {
  questions(filter: $filter, sort: {field: DATE_CREATED, direction: DESC}, first: $first) {
    nodes { mlId itemMlId buyerMlId text answer buyer { id mlUserId nickname } }
    totalCount
  }
}"""
INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = """mutation($u: ID!, $a: [ID!]) {
  setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } }
}"""


async def asked(
    services: Services, account: MeliAccount, ml_id: int, buyer: int, item: str, hours_ago: float, answer: str | None
) -> None:
    raw = copy.deepcopy(load_fixture("questions/13012345601.json"))
    created = datetime.now(UTC) - timedelta(hours=hours_ago)
    raw.update(id=ml_id, item_id=item, seller_id=account.ml_user_id, date_created=created.isoformat())
    raw["from"] = {"id": buyer}
    raw["text"] = f"Pergunta {ml_id}?"
    if answer is not None:
        raw["status"] = "ANSWERED"
        raw["answer"] = {
            "text": answer,
            "status": "ACTIVE",
            "date_created": (created + timedelta(minutes=5)).isoformat(),
        }
    async with services.db.tenant(account.tenant_id) as session:
        assert (await apply_question(session, account, raw, event_id=uuid.uuid4())).changed


async def bought(services: Services, account: MeliAccount, buyer: int, nickname: str, order_ml_id: int) -> Customer:
    customer = Customer(tenant_id=account.tenant_id, ml_user_id=buyer, nickname=nickname, site_id="MLB")
    order = Order(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=order_ml_id,
        status="paid",
        total_amount=Decimal("89.90"),
        currency_id="BRL",
        customer_id=customer.id,
        buyer_ml_id=buyer,
    )
    async with services.db.tenant(account.tenant_id) as session:
        session.add(customer)
        await session.flush()
        session.add(order)
    return customer


async def outlet_of(services: Services, tenant: Tenant) -> MeliAccount:
    outlet = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(tenant.id) as session:
        session.add(outlet)
    return outlet


async def questions(client: httpx.AsyncClient, first: int = 50, **filter: object) -> dict:
    body = await gql(client, QUESTIONS, {"filter": filter or None, "first": first})
    assert not body.get("errors"), body
    return body["data"]["questions"]


async def test_the_askers_questions_on_every_account_of_the_tenant_newest_first(
    client: httpx.AsyncClient, services: Services, tenant_a, meli_account_a, meli_account_b
) -> None:
    outlet = await outlet_of(services, tenant_a[0])
    await asked(services, meli_account_a, 1, ASKER, "MLB3012345601", 1, None)
    await asked(services, outlet, 2, ASKER, "MLB3012345602", 30, "Temos sim!")
    await asked(services, meli_account_a, 3, OTHER_ASKER, "MLB3012345601", 2, None)
    await asked(services, meli_account_b, 4, ASKER, "MLA1523456789", 3, None)  # another tenant's
    customer = await bought(services, meli_account_a, ASKER, "COMPRADORA_LU", 2000009876543204)

    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    found = await questions(client, buyerMlId=str(ASKER))
    assert found["totalCount"] == 2
    assert [(node["mlId"], node["itemMlId"], node["answer"]) for node in found["nodes"]] == [
        ("1", "MLB3012345601", None),
        ("2", "MLB3012345602", "Temos sim!"),
    ]
    buyer = {"id": gid("Customer", customer.id), "mlUserId": str(ASKER), "nickname": "COMPRADORA_LU"}
    assert [(node["buyerMlId"], node["buyer"]) for node in found["nodes"]] == [(str(ASKER), buyer)] * 2

    everyone = {node["mlId"]: node for node in (await questions(client))["nodes"]}
    assert set(everyone) == {"1", "2", "3"}
    assert (everyone["3"]["buyerMlId"], everyone["3"]["buyer"]) == (str(OTHER_ASKER), None)  # never bought
    assert (await questions(client, buyerMlId=str(NEVER_BOUGHT)))["nodes"] == []


async def test_a_buyer_id_that_is_not_a_number_is_bad_input(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await gql(client, QUESTIONS, {"filter": {"buyerMlId": "COMPRADORA_LU"}, "first": 5})
    assert error_codes(body) == ["BAD_USER_INPUT"], body


async def test_a_limited_member_sees_the_asker_as_a_buyer_only_if_they_bought_on_its_accounts(
    client: httpx.AsyncClient, services: Services, tenant_a, meli_account_a
) -> None:
    outlet = await outlet_of(services, tenant_a[0])
    await asked(services, outlet, 1, ASKER, "MLB3012345602", 1, None)
    await asked(services, meli_account_a, 2, ASKER, "MLB3012345601", 2, None)
    await asked(services, outlet, 3, OTHER_ASKER, "MLB3012345602", 3, None)
    await bought(services, meli_account_a, ASKER, "COMPRADORA_LU", 2000009876543204)  # not on the outlet
    await bought(services, outlet, OTHER_ASKER, "COMPRADOR_ZE", 2000009876543205)

    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "op@aurora.example", "role": "OPERATOR"}))["data"]["inviteUser"]
    limited = await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
    assert limited["data"]["setMemberAccounts"]["errors"] == []
    client.cookies.clear()
    await login(client, "op@aurora.example", invited["temporaryPassword"])

    seen = {node["mlId"]: node for node in (await questions(client))["nodes"]}
    assert set(seen) == {"1", "3"}  # the outlet's questions only
    assert seen["1"]["buyer"] is None  # Lu bought on the other account: the member does not see her as a buyer
    assert seen["3"]["buyer"]["nickname"] == "COMPRADOR_ZE"
    assert [node["mlId"] for node in (await questions(client, buyerMlId=str(ASKER)))["nodes"]] == ["1"]


async def test_the_askers_of_a_page_cost_one_statement_for_5_questions_or_40(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    for n in range(40):
        await asked(services, meli_account_a, 100 + n, 900000000 + n % 7, "MLB3012345601", n / 10, None)
    for b in range(7):
        await bought(services, meli_account_a, 900000000 + b, f"COMPRADOR{b}", 2000010000000000 + b)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)

    costs = []
    for first in (5, 40):
        with count_statements(services.db) as counted:
            page = await questions(client, first=first)
        assert len(page["nodes"]) == first and all(node["buyer"]["nickname"] for node in page["nodes"])
        costs.append((counted.queries, counted.report()))
    assert costs[0][0] == costs[1][0], costs[1][1]
    # The page, its count (totalCount), the askers.
    assert costs[1][0] == 3, costs[1][1]
