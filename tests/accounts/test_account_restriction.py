"""A membership restricted to some Mercado Livre accounts sees only those, whichever way it signs in."""

from __future__ import annotations

import asyncio

import httpx
from sqlmodel import select

from melihub.accounts.models import Tenant
from melihub.audit.models import AuditEntry
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login, payload_codes
from tests.conftest import OWNER_PASSWORD

INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id } temporaryPassword errors { code } }
}"""
ACCOUNTS = "{ meliAccounts { nodes { nickname } } }"
LIMIT = """mutation($u: ID!, $a: [ID!]) {
  setMemberAccounts(userId: $u, meliAccountIds: $a) { user { meliAccountIds } errors { field code } }
}"""
REFRESH = "mutation { refreshSession { errors { code } } }"
SET_ROLE = "mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { errors { code } } }"


async def _aurora_and_outlet(services: Services, tenant: Tenant) -> MeliAccount:
    """Tenant A's two Mercado Livre accounts; returns the outlet, the one members get limited to."""
    aurora = MeliAccount(tenant_id=tenant.id, ml_user_id=2401234567, site_id="MLB", nickname="LOJA_CASA_AURORA")
    outlet = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(tenant.id) as session:
        session.add_all([aurora, outlet])
    return outlet


async def test_restricted_member_sees_only_its_accounts(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    tenant, _ = tenant_a
    outlet = await _aurora_and_outlet(services, tenant)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "op@aurora.example", "role": "OPERATOR"}))["data"]["inviteUser"]
    outlet_id = gid("MeliAccount", outlet.id)
    limited = await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [outlet_id]})
    assert limited["data"]["setMemberAccounts"] == {"user": {"meliAccountIds": [outlet_id]}, "errors": []}
    owner_view = await gql(client, ACCOUNTS)
    assert {a["nickname"] for a in owner_view["data"]["meliAccounts"]["nodes"]} == {"LOJA_CASA_AURORA", "AURORA_OUTLET"}

    client.cookies.clear()
    await login(client, "op@aurora.example", invited["temporaryPassword"])
    assert (await gql(client, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == [{"nickname": "AURORA_OUTLET"}]
    assert (await gql(client, REFRESH))["data"]["refreshSession"]["errors"] == []
    assert (await gql(client, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == [{"nickname": "AURORA_OUTLET"}]


async def _operator(client: httpx.AsyncClient) -> str:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "op@aurora.example", "role": "OPERATOR"}))["data"]["inviteUser"]
    return invited["user"]["id"]


async def test_limit_is_lifted_with_null_and_audited(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    tenant, _ = tenant_a
    account = MeliAccount(tenant_id=tenant.id, ml_user_id=2401234567, site_id="MLB", nickname="LOJA_CASA_AURORA")
    async with services.db.tenant(tenant.id) as session:
        session.add(account)
    operator = await _operator(client)
    await gql(client, LIMIT, {"u": operator, "a": [gid("MeliAccount", account.id)]})
    lifted = await gql(client, LIMIT, {"u": operator, "a": None})
    assert lifted["data"]["setMemberAccounts"] == {"user": {"meliAccountIds": None}, "errors": []}
    async with services.db.tenant(tenant.id) as session:
        rows = (await session.exec(select(AuditEntry).where(AuditEntry.action == "setMemberAccounts"))).all()
    account_id = gid("MeliAccount", account.id)
    assert sorted([row.after["meliAccountIds"] for row in rows], key=str) == sorted([[account_id], None], key=str)


async def test_accounts_of_another_tenant_owners_and_empty_lists_are_refused(
    client: httpx.AsyncClient, services: Services, tenant_a, tenant_b
) -> None:
    other_tenant, _ = tenant_b
    foreign = MeliAccount(tenant_id=other_tenant.id, ml_user_id=2408888888, site_id="MLB", nickname="PAMPA")
    async with services.db.tenant(other_tenant.id) as session:
        session.add(foreign)
    operator = await _operator(client)
    _, owner = tenant_a

    def codes(body: dict) -> list[tuple[str, str]]:
        return [(e["field"], e["code"]) for e in body["data"]["setMemberAccounts"]["errors"]]

    foreign_id = gid("MeliAccount", foreign.id)
    assert codes(await gql(client, LIMIT, {"u": operator, "a": [foreign_id]})) == [("meliAccountIds", "NOT_FOUND")]
    assert codes(await gql(client, LIMIT, {"u": operator, "a": []})) == [("meliAccountIds", "INVALID")]
    assert codes(await gql(client, LIMIT, {"u": operator, "a": ["nope"]})) == [("meliAccountIds", "NOT_FOUND")]
    assert codes(await gql(client, LIMIT, {"u": gid("User", owner.id), "a": [foreign_id]})) == [
        ("userId", "OWNER_UNRESTRICTED")
    ]


async def test_only_member_managers_may_limit(client: httpx.AsyncClient, tenant_a) -> None:
    operator = await _operator(client)
    temporary = (await gql(client, INVITE, {"email": "v@aurora.example", "role": "ANALYST"}))["data"]["inviteUser"]
    client.cookies.clear()
    await login(client, "v@aurora.example", temporary["temporaryPassword"])
    assert payload_codes(await gql(client, LIMIT, {"u": operator, "a": None}), "setMemberAccounts") == ["FORBIDDEN"]


async def test_a_signed_in_member_gets_new_limits_at_the_next_request_not_in_15_minutes(
    client: httpx.AsyncClient, app: object, services: Services, tenant_a
) -> None:
    tenant, _ = tenant_a
    outlet = await _aurora_and_outlet(services, tenant)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "op@aurora.example", "role": "OPERATOR"}))["data"]["inviteUser"]
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=str(client.base_url)) as operator:
        await login(operator, "op@aurora.example", invited["temporaryPassword"])
        assert len((await gql(operator, ACCOUNTS))["data"]["meliAccounts"]["nodes"]) == 2
        await asyncio.sleep(1.05)  # the change is stamped in whole seconds, after this token was issued
        await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
        assert error_codes(await gql(operator, ACCOUNTS)) == ["UNAUTHENTICATED"]
        assert (await gql(operator, REFRESH))["data"]["refreshSession"]["errors"] == []
        assert (await gql(operator, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == [{"nickname": "AURORA_OUTLET"}]
        await asyncio.sleep(1.05)
        await gql(client, SET_ROLE, {"u": invited["user"]["id"], "r": "ANALYST"})
        assert error_codes(await gql(operator, ACCOUNTS)) == ["UNAUTHENTICATED"]
        await gql(operator, REFRESH)
        assert (await gql(operator, "{ me { role } }"))["data"]["me"]["role"] == "ANALYST"


async def test_a_limited_admin_invites_members_with_the_same_limit(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    tenant, _ = tenant_a
    outlet = await _aurora_and_outlet(services, tenant)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    admin = (await gql(client, INVITE, {"email": "adm@aurora.example", "role": "ADMIN"}))["data"]["inviteUser"]
    await gql(client, LIMIT, {"u": admin["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
    client.cookies.clear()
    await login(client, "adm@aurora.example", admin["temporaryPassword"])

    invited = await gql(client, INVITE, {"email": "op2@aurora.example", "role": "OPERATOR"})
    client.cookies.clear()
    await login(client, "op2@aurora.example", invited["data"]["inviteUser"]["temporaryPassword"])

    assert (await gql(client, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == [{"nickname": "AURORA_OUTLET"}]
