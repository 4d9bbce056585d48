"""A mutation's change and its audit row commit together: when the row cannot be written, nothing changed."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlmodel import select

from melihub.accounts.models import Membership
from melihub.audit.models import AuditEntry
from melihub.graphql import mutation
from melihub.testing.graphql import error_codes, gql, login
from tests.conftest import OWNER_PASSWORD

INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST) { user { id } errors { code } }
}"""
SET_ROLE = "mutation($u: ID!) { setUserRole(userId: $u, role: OPERATOR) { user { role } errors { code } } }"


async def test_a_change_whose_audit_row_fails_is_rolled_back(
    client: httpx.AsyncClient, services: Any, tenant_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant, _ = tenant_a
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "rollback@aurora.example"}))["data"]["inviteUser"]

    async def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(mutation.audit, "record", broken)
    answer = await gql(client, SET_ROLE, {"u": invited["user"]["id"]})
    monkeypatch.undo()

    assert error_codes(answer) == ["INTERNAL_SERVER_ERROR"]
    async with services.db.tenant(tenant.id) as session:
        roles = (await session.exec(select(Membership.role).where(Membership.tenant_id == tenant.id))).all()
        actions = (await session.exec(select(AuditEntry.action))).all()
    assert sorted(roles) == ["analyst", "owner"]  # the member is still an analyst
    assert "setUserRole" not in actions and "inviteUser" in actions


async def test_a_change_and_its_audit_row_share_one_transaction(
    client: httpx.AsyncClient, services: Any, tenant_a: Any
) -> None:
    tenant, _ = tenant_a
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    invited = (await gql(client, INVITE, {"email": "together@aurora.example"}))["data"]["inviteUser"]

    changed = await gql(client, SET_ROLE, {"u": invited["user"]["id"]})

    assert changed["data"]["setUserRole"] == {"user": {"role": "OPERATOR"}, "errors": []}
    async with services.db.tenant(tenant.id) as session:
        row = (await session.exec(select(AuditEntry).where(AuditEntry.action == "setUserRole"))).one()
    assert (row.target_id, row.before, row.after) == (invited["user"]["id"], {"role": "analyst"}, {"role": "operator"})
