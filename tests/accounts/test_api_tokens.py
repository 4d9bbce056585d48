"""API tokens: created once, usable as Bearer, dead once revoked; roles bound what they do."""

from __future__ import annotations

import httpx

from melihub.testing.graphql import error_codes, gql, login, payload_codes
from tests.conftest import OWNER_PASSWORD

CREATE = """mutation($name: String!, $role: Role!) {
  createApiToken(name: $name, role: $role) {
    secret apiToken { id prefix role } errors { field code message }
  }
}"""
REVOKE = "mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { revokedAt } errors { code } } }"
ME = "{ me { authMethod role user { email } tenant { slug } } }"


async def _owner_token(client: httpx.AsyncClient, role: str = "INTEGRATOR") -> dict:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    body = await gql(client, CREATE, {"name": "ERP", "role": role})
    client.cookies.clear()
    return body["data"]["createApiToken"]


async def test_api_token_works_as_bearer_until_revoked(client: httpx.AsyncClient, tenant_a) -> None:
    created = await _owner_token(client)
    assert created["errors"] == [] and created["secret"].startswith("mhk_")
    assert created["apiToken"]["prefix"] == created["secret"][:12]

    me = await gql(client, ME, token=created["secret"])
    assert me["data"]["me"] == {
        "authMethod": "API_TOKEN",
        "role": "INTEGRATOR",
        "user": None,
        "tenant": {"slug": "aurora"},
    }

    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    revoked = await gql(client, REVOKE, {"id": created["apiToken"]["id"]})
    assert revoked["data"]["revokeApiToken"]["apiToken"]["revokedAt"]
    client.cookies.clear()
    assert error_codes(await gql(client, ME, token=created["secret"])) == ["UNAUTHENTICATED"]


async def test_token_is_stored_hashed(client: httpx.AsyncClient, services, tenant_a) -> None:
    from sqlalchemy import text

    created = await _owner_token(client)
    async with services.db.tenant(tenant_a[0].id) as session:
        stored = (await session.exec(text("SELECT token_hash FROM api_tokens"))).all()  # type: ignore[call-overload]
    assert len(stored) == 1 and created["secret"] not in stored[0][0] and len(stored[0][0]) == 64


async def test_integrator_cannot_mint_tokens_or_invite(client: httpx.AsyncClient, tenant_a) -> None:
    created = await _owner_token(client)
    body = await gql(client, CREATE, {"name": "again", "role": "ANALYST"}, token=created["secret"])
    assert payload_codes(body, "createApiToken") == ["FORBIDDEN"]
    assert body["data"]["createApiToken"]["secret"] is None
    invite = await gql(
        client,
        'mutation { inviteUser(email: "x@y.example", role: ANALYST) { errors { code } } }',
        token=created["secret"],
    )
    assert payload_codes(invite, "inviteUser") == ["FORBIDDEN"]


async def test_owner_role_tokens_are_refused(client: httpx.AsyncClient, tenant_a) -> None:
    created = await _owner_token(client, role="OWNER")
    assert created["secret"] is None and created["errors"][0]["field"] == "role"


async def test_tampered_token_of_another_tenant_is_refused(client: httpx.AsyncClient, tenant_a, tenant_b) -> None:
    created = await _owner_token(client)
    _, _tenant_hex, secret = created["secret"].split("_", 2)
    moved = f"mhk_{tenant_b[0].id.hex}_{secret}"
    assert error_codes(await gql(client, ME, token=moved)) == ["UNAUTHENTICATED"]
