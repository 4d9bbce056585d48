"""A membership restricted to some Mercado Livre accounts sees only those, whichever way it signs in."""

from __future__ import annotations

import httpx
from sqlmodel import select

from melihub.accounts.models import Membership, Role
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD

INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id } temporaryPassword errors { code } }
}"""
ACCOUNTS = "{ meliAccounts { nickname } }"
REFRESH = "mutation { refreshSession { errors { code } } }"


async def test_restricted_member_sees_only_its_accounts(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    tenant, _ = tenant_a
    aurora = MeliAccount(tenant_id=tenant.id, ml_user_id=2401234567, site_id="MLB", nickname="LOJA_CASA_AURORA")
    outlet = MeliAccount(tenant_id=tenant.id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(tenant.id) as session:
        session.add_all([aurora, outlet])
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "op@aurora.example", "role": "OPERATOR"}))["data"]["inviteUser"]
    async with services.db.tenant(tenant.id) as session:
        membership = (await session.exec(select(Membership).where(Membership.role == Role.OPERATOR.value))).one()
        membership.meli_account_ids = [outlet.id]
        session.add(membership)
    owner_view = await gql(client, ACCOUNTS)
    assert {a["nickname"] for a in owner_view["data"]["meliAccounts"]} == {"LOJA_CASA_AURORA", "AURORA_OUTLET"}

    client.cookies.clear()
    await login(client, "op@aurora.example", invited["temporaryPassword"])
    assert (await gql(client, ACCOUNTS))["data"]["meliAccounts"] == [{"nickname": "AURORA_OUTLET"}]
    assert (await gql(client, REFRESH))["data"]["refreshSession"]["errors"] == []
    assert (await gql(client, ACCOUNTS))["data"]["meliAccounts"] == [{"nickname": "AURORA_OUTLET"}]
