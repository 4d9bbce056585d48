"""Inviting people and changing roles: who may, and the owner that always remains."""

from __future__ import annotations

import httpx

from melihub.testing.graphql import gid, gql, login, payload_codes
from tests.conftest import OWNER_PASSWORD

INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id email role } temporaryPassword errors { field code } }
}"""
SET_ROLE = "mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { user { role } errors { code } } }"


async def test_owner_invites_and_the_invitee_signs_in(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = (await gql(client, INVITE, {"email": "Caio@Aurora.example", "role": "SUPPORT"}))["data"]["inviteUser"]
    assert body["errors"] == [] and body["user"]["email"] == "caio@aurora.example"
    users = await gql(client, "{ users { nodes { email role } } }")
    assert {u["email"]: u["role"] for u in users["data"]["users"]["nodes"]} == {
        "ana@aurora.example": "OWNER",
        "caio@aurora.example": "SUPPORT",
    }
    client.cookies.clear()
    signed_in = await login(client, "caio@aurora.example", body["temporaryPassword"])
    assert signed_in["me"]["role"] == "SUPPORT"
    denied = await gql(client, INVITE, {"email": "d@aurora.example", "role": "ANALYST"})
    assert payload_codes(denied, "inviteUser") == ["FORBIDDEN"]


async def test_last_owner_cannot_be_demoted(client: httpx.AsyncClient, tenant_a) -> None:
    _, owner = tenant_a
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await gql(client, SET_ROLE, {"u": gid("User", owner.id), "r": "ANALYST"})
    assert body["data"]["setUserRole"]["errors"][0]["code"] == "LAST_OWNER"


async def test_owner_changes_a_role(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "e@aurora.example", "role": "ANALYST"}))["data"]["inviteUser"]
    changed = await gql(client, SET_ROLE, {"u": invited["user"]["id"], "r": "OPERATOR"})
    assert changed["data"]["setUserRole"] == {"user": {"role": "OPERATOR"}, "errors": []}


async def test_unknown_role_is_a_validation_error(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    response = await client.post(
        "/graphql", json={"query": INVITE, "variables": {"email": "f@aurora.example", "role": "KING"}}
    )
    assert response.status_code in {200, 400}
    assert "KING" in response.text and "errors" in response.json()


async def test_members_of_another_tenant_are_invisible(client: httpx.AsyncClient, tenant_a, tenant_b) -> None:
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    users = await gql(client, "{ users { nodes { email } } }")
    assert [u["email"] for u in users["data"]["users"]["nodes"]] == ["bruno@pampa.example"]
    _, ana = tenant_a
    body = await gql(client, SET_ROLE, {"u": gid("User", ana.id), "r": "ANALYST"})
    assert body["data"]["setUserRole"]["errors"][0]["code"] == "NOT_FOUND"
