"""updateTenantSettings: owners and admins rename the company or move it to another time zone.

Only the fields given change; a blank name or a zone PostgreSQL does not know is an error in the payload
and changes nothing; every change is one audit row with what it was and what it became.
"""

from __future__ import annotations

import httpx
from sqlmodel import select

from melihub.accounts.models import Role, Tenant
from melihub.audit.models import AuditEntry
from melihub.runtime import Services
from melihub.testing.graphql import gid, gql, login, payload_codes
from tests.conftest import OWNER_PASSWORD, api_token_for

UPDATE = """mutation($input: UpdateTenantSettingsInput!) {
  updateTenantSettings(input: $input) { tenant { id name slug timeZone } errors { field message code } }
}"""
TENANT = "{ tenant { name timeZone } }"
INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { temporaryPassword errors { code } }
}"""


async def update(client: httpx.AsyncClient, token: str | None = None, **given: str | None) -> dict:
    body = await gql(client, UPDATE, {"input": given}, token=token)
    assert not body.get("errors"), body
    payload: dict = body["data"]["updateTenantSettings"]
    return payload


async def audit_rows(services: Services, tenant: Tenant) -> list[AuditEntry]:
    async with services.db.tenant(tenant.id) as session:
        query = select(AuditEntry).where(AuditEntry.action == "updateTenantSettings")
        return list((await session.exec(query)).all())


async def test_a_new_tenant_is_in_sao_paulo_time(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert (await gql(client, TENANT))["data"]["tenant"] == {"name": "Loja Aurora", "timeZone": "America/Sao_Paulo"}


async def test_the_owner_changes_name_and_time_zone_and_it_is_audited(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    tenant, _ = tenant_a
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    payload = await update(client, name="  Aurora Casa & Cia  ", timeZone="America/Manaus")
    assert payload == {
        "tenant": {
            "id": gid("Tenant", tenant.id),
            "name": "Aurora Casa & Cia",
            "slug": "aurora",
            "timeZone": "America/Manaus",
        },
        "errors": [],
    }
    assert (await gql(client, TENANT))["data"]["tenant"] == {"name": "Aurora Casa & Cia", "timeZone": "America/Manaus"}
    [row] = await audit_rows(services, tenant)
    assert row.target_id == gid("Tenant", tenant.id)
    assert row.before == {"name": "Loja Aurora", "timeZone": "America/Sao_Paulo"}
    assert row.after == {"name": "Aurora Casa & Cia", "timeZone": "America/Manaus"}


async def test_only_the_given_fields_change(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    tenant, _ = tenant_a
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert (await update(client, timeZone="Asia/Tokyo"))["tenant"]["name"] == "Loja Aurora"
    assert (await update(client, name="Aurora", timeZone=None))["tenant"]["timeZone"] == "Asia/Tokyo"
    assert (await update(client))["tenant"] == {
        "id": gid("Tenant", tenant.id),
        "name": "Aurora",
        "slug": "aurora",
        "timeZone": "Asia/Tokyo",
    }
    rows = sorted(await audit_rows(services, tenant), key=lambda row: row.seq)
    assert [(row.before, row.after) for row in rows] == [
        ({"timeZone": "America/Sao_Paulo"}, {"timeZone": "Asia/Tokyo"}),
        ({"name": "Loja Aurora"}, {"name": "Aurora"}),
        ({}, {}),
    ]


async def test_an_unknown_time_zone_is_refused_and_nothing_changes(
    client: httpx.AsyncClient, services: Services, tenant_a
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for zone in ("Mars/Olympus_Mons", "UTC+3", "america/sao paulo", "", "   "):
        payload = await update(client, name="Renamed", timeZone=zone)
        assert payload["tenant"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("timeZone", "INVALID_TIME_ZONE")], zone
    assert (await gql(client, TENANT))["data"]["tenant"] == {"name": "Loja Aurora", "timeZone": "America/Sao_Paulo"}
    assert await audit_rows(services, tenant_a[0]) == []


async def test_a_blank_name_is_refused_and_nothing_changes(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for name in ("", "  \t "):
        payload = await update(client, name=name, timeZone="Asia/Tokyo")
        assert payload["tenant"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("name", "INVALID")]
    assert (await gql(client, TENANT))["data"]["tenant"] == {"name": "Loja Aurora", "timeZone": "America/Sao_Paulo"}


async def test_admins_may_and_other_roles_may_not(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    tenant, _ = tenant_a
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    admin = (await gql(client, INVITE, {"email": "adm@aurora.example", "role": "ADMIN"}))["data"]["inviteUser"]
    operator = (await gql(client, INVITE, {"email": "op@aurora.example", "role": "OPERATOR"}))["data"]["inviteUser"]
    client.cookies.clear()
    await login(client, "op@aurora.example", operator["temporaryPassword"])
    body = await gql(client, UPDATE, {"input": {"timeZone": "Asia/Tokyo"}})
    assert payload_codes(body, "updateTenantSettings") == ["FORBIDDEN"]
    for role in (Role.INTEGRATOR, Role.ANALYST, Role.SUPPORT):
        token = await api_token_for(services, tenant, role)
        refused = await gql(client, UPDATE, {"input": {"timeZone": "Asia/Tokyo"}}, token=token)
        assert payload_codes(refused, "updateTenantSettings") == ["FORBIDDEN"], role
    client.cookies.clear()
    await login(client, "adm@aurora.example", admin["temporaryPassword"])
    assert (await update(client, timeZone="Asia/Tokyo"))["tenant"]["timeZone"] == "Asia/Tokyo"
    assert len(await audit_rows(services, tenant)) == 1


async def test_another_tenant_is_untouched(client: httpx.AsyncClient, services: Services, tenant_a, tenant_b) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    await update(client, name="Aurora", timeZone="Asia/Tokyo")
    client.cookies.clear()
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    assert (await gql(client, TENANT))["data"]["tenant"] == {"name": "Tienda Pampa", "timeZone": "America/Sao_Paulo"}
