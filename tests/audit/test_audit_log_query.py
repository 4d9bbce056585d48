"""auditLog: owners and admins read their tenant's changes, newest first, filtered; nobody else does."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.audit.service import record
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD, api_token_for

ENTRY_FIELDS = """
  id action targetType targetId before after data ip userAgent requestId createdAt seq hash prevHash
  actor { kind id name email }
"""
AUDIT_LOG = f"""query($filter: AuditLogFilter, $first: Int, $after: String) {{
  auditLog(filter: $filter, first: $first, after: $after) {{
    edges {{ cursor node {{ {ENTRY_FIELDS} }} }}
    pageInfo {{ hasNextPage endCursor }}
    totalCount
  }}
}}"""
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on AuditEntry {{ {ENTRY_FIELDS} }} }} }}"
TESTED = "audit.spec."  # the actions these tests record; whatever else sign-in audits is left aside


async def _record(services: Services, tenant: Tenant, principal: Principal | None, action: str, **facts: Any):
    async with services.db.tenant(tenant.id) as session:
        return await record(session, principal, TESTED + action, tenant_id=tenant.id, **facts)


def _owner(tenant: Tenant, user: User) -> Principal:
    return Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=user.id)


async def _log(client: httpx.AsyncClient, token: str | None = None, **variables: Any) -> dict[str, Any]:
    return await gql(client, AUDIT_LOG, variables, token=token)


def _tested(body: dict[str, Any]) -> list[dict[str, Any]]:
    assert "errors" not in body, body
    nodes = [edge["node"] for edge in body["data"]["auditLog"]["edges"]]
    return [node for node in nodes if node["action"].startswith(TESTED)]


@pytest.fixture
async def history(services: Services, tenant_a, tenant_b) -> dict[str, Any]:
    """Aurora: a change by its owner, one by an API token, one by melihub itself; Pampa: one of its own."""
    (aurora, ana), (pampa, bruno) = tenant_a, tenant_b
    token_id = uuid.uuid4()
    token = Principal(tenant_id=aurora.id, role=Role.INTEGRATOR, method=AuthMethod.API_TOKEN, api_token_id=token_id)
    role_changed = await _record(
        services,
        aurora,
        _owner(aurora, ana),
        "setUserRole",
        target_type="User",
        target_id=gid("User", ana.id),
        before={"role": "analyst"},
        after={"role": "admin", "password": "never-shown"},
        ip="203.0.113.7",
        user_agent="Mozilla/5.0 (spec)",
    )
    by_token = await _record(services, aurora, token, "reprocessEvent", target_type="IntegrationEvent")
    by_system = await _record(services, aurora, None, "nightlySync", target_id=ana.id)  # a bare row id, as before
    elsewhere = await _record(services, pampa, _owner(pampa, bruno), "setUserRole")
    return {
        "aurora": aurora,
        "ana": ana,
        "token_id": token_id,
        "role_changed": role_changed,
        "by_token": by_token,
        "by_system": by_system,
        "elsewhere": elsewhere,
    }


async def test_an_owner_reads_the_tenants_changes_newest_first(client: httpx.AsyncClient, history) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    nodes = _tested(await _log(client))

    assert [n["action"] for n in nodes] == [TESTED + a for a in ("nightlySync", "reprocessEvent", "setUserRole")]
    system, token, changed = nodes
    ana, entry = history["ana"], history["role_changed"]
    assert changed == {
        "id": gid("AuditEntry", entry.id),
        "action": TESTED + "setUserRole",
        "targetType": "User",
        "targetId": gid("User", ana.id),
        "before": {"role": "analyst"},
        "after": {"role": "admin", "password": "[redacted]"},
        "data": {},
        "ip": "203.0.113.7",
        "userAgent": "Mozilla/5.0 (spec)",
        "requestId": None,
        "createdAt": entry.created_at.isoformat(),
        "seq": entry.seq,
        "hash": entry.hash,
        "prevHash": entry.prev_hash,
        "actor": {"kind": "USER", "id": gid("User", ana.id), "name": ana.name, "email": "ana@aurora.example"},
    }
    token_id = gid("ApiToken", history["token_id"])
    assert token["actor"] == {"kind": "API_TOKEN", "id": token_id, "name": None, "email": None}
    assert system["actor"] == {"kind": "SYSTEM", "id": None, "name": None, "email": None}


async def test_another_tenants_rows_never_show(client: httpx.AsyncClient, history) -> None:
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    nodes = _tested(await _log(client))
    assert [n["id"] for n in nodes] == [gid("AuditEntry", history["elsewhere"].id)]

    aurora_entry = gid("AuditEntry", history["role_changed"].id)
    foreign = await gql(client, NODE, {"id": aurora_entry})
    assert foreign["data"]["node"] is None and error_codes(foreign) == ["NOT_FOUND"]


async def test_an_entry_is_a_node(client: httpx.AsyncClient, history) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    entry = history["by_token"]
    body = await gql(client, NODE, {"id": gid("AuditEntry", entry.id)})
    assert body["data"]["node"]["seq"] == entry.seq and body["data"]["node"]["actor"]["kind"] == "API_TOKEN"


async def test_filters_narrow_by_actor_action_target_and_time(client: httpx.AsyncClient, history) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    ana, changed = history["ana"], history["role_changed"]

    async def actions(**filter: Any) -> list[str]:
        return [n["action"].removeprefix(TESTED) for n in _tested(await _log(client, filter=filter))]

    assert await actions(actorId=gid("User", ana.id)) == ["setUserRole"]
    assert await actions(actorId=gid("ApiToken", history["token_id"])) == ["reprocessEvent"]
    assert await actions(action=TESTED + "reprocessEvent") == ["reprocessEvent"]
    either = [TESTED + "reprocessEvent", TESTED + "setUserRole"]
    assert await actions(actions=either) == ["reprocessEvent", "setUserRole"]
    assert await actions(actions=either, action=TESTED + "setUserRole") == ["setUserRole"]
    # Rows recorded before global ids hold the bare row id: the same target finds both.
    assert await actions(targetId=gid("User", ana.id)) == ["nightlySync", "setUserRole"]
    at = changed.created_at
    assert await actions(to=at.isoformat()) == []
    assert await actions(**{"from": at.isoformat(), "to": (at + timedelta(microseconds=1)).isoformat()}) == [
        "setUserRole"
    ]
    later = datetime.now(UTC) + timedelta(minutes=1)
    assert await actions(**{"from": later.isoformat()}) == []


async def test_a_malformed_actor_id_is_not_found(client: httpx.AsyncClient, history) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for actor_id in ("not-an-id", gid("Order", uuid.uuid4())):
        body = await _log(client, filter={"actorId": actor_id})
        assert error_codes(body) == ["NOT_FOUND"] and body["errors"][0]["extensions"]["field"] == "actorId"


async def test_pages_follow_one_another(client: httpx.AsyncClient, history) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    first = (await _log(client, first=2))["data"]["auditLog"]
    second = (await _log(client, first=2, after=first["pageInfo"]["endCursor"]))["data"]["auditLog"]
    seqs = [edge["node"]["seq"] for page in (first, second) for edge in page["edges"]]
    assert first["pageInfo"]["hasNextPage"] and first["totalCount"] >= 4
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs) == min(4, first["totalCount"])


@pytest.mark.parametrize("role", [Role.ANALYST, Role.OPERATOR, Role.SUPPORT, Role.INTEGRATOR])
async def test_other_roles_are_forbidden(client: httpx.AsyncClient, services: Services, history, role: Role) -> None:
    secret = await api_token_for(services, history["aurora"], role)
    body = await _log(client, secret)
    assert body["data"] is None and error_codes(body) == ["FORBIDDEN"]
    node = await gql(client, NODE, {"id": gid("AuditEntry", history["role_changed"].id)}, token=secret)
    assert node["data"]["node"] is None and error_codes(node) == ["FORBIDDEN"]


async def test_an_admin_may_read_it(client: httpx.AsyncClient, services: Services, history) -> None:
    secret = await api_token_for(services, history["aurora"], Role.ADMIN)
    assert len(_tested(await _log(client, secret))) == 3
