"""TOTP second factor: enrolment, the second sign-in step, recovery codes, replays, disabling, and the
company's requirement."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pyotp
from sqlmodel import select

from melihub.accounts.flows import rotate_mfa_secrets
from melihub.accounts.models import MfaRecoveryCode, Tenant, User
from melihub.audit.models import AuditEntry
from melihub.runtime import Services
from melihub.security.keyring import KeyRing, generate_key_spec
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD

ANA = "ana@aurora.example"
ENABLE = "mutation($t: String) { enableMfa(ticket: $t) { secret otpauthUri errors { code field message } } }"
CONFIRM = """mutation($c: String!, $t: String) {
  confirmMfa(code: $c, ticket: $t) { recoveryCodes accessExpiresAt me { user { email } } errors { code field } }
}"""
VERIFY = """mutation($t: String!, $c: String!) {
  verifyMfa(ticket: $t, code: $c) { me { role user { email } } accessExpiresAt errors { code field message } }
}"""
DISABLE = "mutation($c: String!) { disableMfa(code: $c) { ok errors { code field } } }"
LOGIN = """mutation($e: String!, $p: String!) {
  login(email: $e, password: $p) { me { role } mfaRequired mfaEnrolmentRequired mfaTicket errors { code } }
}"""
ME = "{ me { mfaEnabled recoveryCodesLeft user { email } } }"


def code_at(secret: str, steps_from_now: int) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_from_now)


async def data(client: httpx.AsyncClient, query: str, field: str, **variables: Any) -> dict[str, Any]:
    body = await gql(client, query, variables)
    assert not body.get("errors"), body
    payload: dict[str, Any] = body["data"][field]
    return payload


async def enrol(client: httpx.AsyncClient) -> tuple[str, list[str]]:
    """Signed in: turn MFA on (confirmed with the previous step's code); the secret and recovery codes."""
    started = await data(client, ENABLE, "enableMfa")
    assert started["errors"] == [] and started["otpauthUri"].startswith("otpauth://totp/melihub:")
    confirmed = await data(client, CONFIRM, "confirmMfa", c=code_at(started["secret"], -1))
    assert confirmed["errors"] == [] and confirmed["me"] is None
    return started["secret"], confirmed["recoveryCodes"]


async def first_step(client: httpx.AsyncClient, password: str = OWNER_PASSWORD) -> dict[str, Any]:
    client.cookies.clear()
    return await data(client, LOGIN, "login", e=ANA, p=password)


async def test_enrolment_shows_the_secret_once_and_keeps_it_sealed(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    secret, codes = await enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert await data(client, ME, "me") == {"mfaEnabled": True, "recoveryCodesLeft": 10, "user": {"email": ANA}}
    async with services.db.global_session() as session:
        user = await session.get(User, tenant_a[1].id)
        stored = (await session.exec(select(MfaRecoveryCode.code_hash))).all()
    assert user is not None and user.mfa_secret_enc is not None and secret not in user.mfa_secret_enc
    assert services.keyring.decrypt(user.mfa_secret_enc, f"user-mfa:{user.id}") == secret
    assert not set(codes) & set(stored)
    again = await data(client, ENABLE, "enableMfa")
    assert [e["code"] for e in again["errors"]] == ["MFA_ALREADY_ENABLED"] and again["secret"] is None
    async with services.db.tenant(tenant_a[0].id) as session:
        rows = (await session.exec(select(AuditEntry).where(AuditEntry.action.in_(["enableMfa", "confirmMfa"])))).all()  # type: ignore[attr-defined]
    assert sorted(row.action for row in rows) == ["confirmMfa", "enableMfa"]
    assert secret not in str([row.model_dump() for row in rows]) and codes[0] not in str([r.model_dump() for r in rows])


async def test_a_wrong_first_code_does_not_enable(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    started = await data(client, ENABLE, "enableMfa")
    wrong = "000000" if code_at(started["secret"], 0) != "000000" else "111111"
    refused = await data(client, CONFIRM, "confirmMfa", c=wrong)
    assert refused["errors"] == [{"code": "INVALID_MFA_CODE", "field": "code"}] and refused["recoveryCodes"] is None
    assert (await data(client, ME, "me"))["mfaEnabled"] is False


async def test_login_asks_for_the_code_and_refuses_its_replay(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    secret, _ = await enrol(client)

    step = await first_step(client)
    assert step["me"] is None and step["mfaRequired"] is True and step["mfaEnrolmentRequired"] is False
    assert step["errors"] == [] and step["mfaTicket"] and not client.cookies.get("melihub_access")
    wrong = await data(
        client, VERIFY, "verifyMfa", t=step["mfaTicket"], c="123456" if code_at(secret, 0) != "123456" else "654321"
    )
    assert [e["code"] for e in wrong["errors"]] == ["INVALID_MFA_CODE"]
    code = code_at(secret, 0)
    signed_in = await data(client, VERIFY, "verifyMfa", t=step["mfaTicket"], c=code)
    assert signed_in["errors"] == [] and signed_in["me"] == {"role": "OWNER", "user": {"email": ANA}}
    assert client.cookies.get("melihub_access")

    spent = await data(client, VERIFY, "verifyMfa", t=step["mfaTicket"], c=code)
    assert [e["code"] for e in spent["errors"]] == ["MFA_TICKET_INVALID"]
    replay = await data(client, VERIFY, "verifyMfa", t=(await first_step(client))["mfaTicket"], c=code)
    assert [e["code"] for e in replay["errors"]] == ["INVALID_MFA_CODE"] and replay["me"] is None
    older = await data(client, VERIFY, "verifyMfa", t=(await first_step(client))["mfaTicket"], c=code_at(secret, -1))
    assert [e["code"] for e in older["errors"]] == ["INVALID_MFA_CODE"]  # before the last accepted step


async def test_a_recovery_code_signs_in_once(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    _, codes = await enrol(client)
    ticket = (await first_step(client))["mfaTicket"]
    used = await data(client, VERIFY, "verifyMfa", t=ticket, c=codes[3].upper())  # case and dashes do not matter
    assert used["errors"] == [] and used["me"]["user"]["email"] == ANA
    assert (await data(client, ME, "me"))["recoveryCodesLeft"] == 9
    again = await data(client, VERIFY, "verifyMfa", t=(await first_step(client))["mfaTicket"], c=codes[3])
    assert [e["code"] for e in again["errors"]] == ["INVALID_MFA_CODE"]


async def test_wrong_codes_count_toward_the_lockout(client: httpx.AsyncClient, services: Services, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    secret, _ = await enrol(client)
    wrong = "000000" if code_at(secret, 0) != "000000" else "111111"
    for _ in range(services.settings.signin_account_max_failures):
        ticket = (await first_step(client))["mfaTicket"]
        await data(client, VERIFY, "verifyMfa", t=ticket, c=wrong)
    locked = await first_step(client)
    assert [e["code"] for e in locked["errors"]] == ["INVALID_CREDENTIALS"] and locked["mfaTicket"] is None


async def test_a_ticket_takes_a_few_wrong_codes_then_is_gone(
    client: httpx.AsyncClient, services: Services, tenant_a, monkeypatch
) -> None:
    monkeypatch.setattr(services.settings, "signin_account_max_failures", 50)
    await login(client, ANA, OWNER_PASSWORD)
    secret, _ = await enrol(client)
    ticket = (await first_step(client))["mfaTicket"]
    wrong = "000000" if code_at(secret, 0) != "000000" else "111111"
    answers = [await data(client, VERIFY, "verifyMfa", t=ticket, c=wrong) for _ in range(5)]
    assert [a["errors"][0]["code"] for a in answers] == ["INVALID_MFA_CODE"] * 5
    late = await data(client, VERIFY, "verifyMfa", t=ticket, c=code_at(secret, 0))
    assert [e["code"] for e in late["errors"]] == ["MFA_TICKET_INVALID"]


async def test_disabling_needs_a_current_code(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    secret, _ = await enrol(client)
    wrong = "000000" if code_at(secret, 0) != "000000" else "111111"
    assert (await data(client, DISABLE, "disableMfa", c=wrong))["errors"] == [
        {"code": "INVALID_MFA_CODE", "field": "code"}
    ]
    assert (await data(client, DISABLE, "disableMfa", c=code_at(secret, 0)))["ok"] is True
    assert (await data(client, ME, "me"))["mfaEnabled"] is False
    assert (await first_step(client))["me"] == {"role": "OWNER"}  # the password alone signs in again


async def test_a_company_requirement_makes_members_enrol_before_a_session(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    update = "mutation { updateTenantSettings(input: {mfaRequired: true}) { tenant { mfaRequired } errors { code } } }"
    assert (await data(client, update, "updateTenantSettings"))["tenant"] == {"mfaRequired": True}

    step = await first_step(client)
    assert step["me"] is None and step["mfaEnrolmentRequired"] is True and step["mfaRequired"] is False
    assert not client.cookies.get("melihub_access")
    me = await gql(client, ME)
    assert me["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # no session of any kind yet
    assert [
        e["code"] for e in (await data(client, VERIFY, "verifyMfa", t=step["mfaTicket"], c="123456"))["errors"]
    ] == ["MFA_TICKET_INVALID"]  # an enrolment ticket is not a sign-in ticket

    started = await data(client, ENABLE, "enableMfa", t=step["mfaTicket"])
    done = await data(client, CONFIRM, "confirmMfa", c=code_at(started["secret"], -1), t=step["mfaTicket"])
    assert done["errors"] == [] and len(done["recoveryCodes"]) == 10 and done["me"] == {"user": {"email": ANA}}
    assert (await data(client, ME, "me"))["mfaEnabled"] is True
    refused = await data(client, DISABLE, "disableMfa", c=code_at(started["secret"], 0))
    assert refused["errors"] == [{"code": "MFA_REQUIRED_BY_TENANT", "field": None}]
    assert (await first_step(client))["mfaRequired"] is True  # from now on: the usual second step


async def test_key_rotation_reseals_the_totp_secret(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    await login(client, ANA, OWNER_PASSWORD)
    secret, _ = await enrol(client)
    services.keyring = KeyRing.from_specs([generate_key_spec("k2"), *services.settings.token_keys])
    assert await rotate_mfa_secrets(services) == 1
    assert await rotate_mfa_secrets(services) == 0  # already under the newest key
    async with services.db.global_session() as session:
        user = await session.get(User, tenant_a[1].id)
    assert user is not None and user.mfa_secret_enc is not None
    assert services.keyring.key_id_of(user.mfa_secret_enc) == "k2"
    ticket = (await first_step(client))["mfaTicket"]
    assert (await data(client, VERIFY, "verifyMfa", t=ticket, c=code_at(secret, 0)))["errors"] == []
