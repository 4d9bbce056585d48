"""Linking Mercado Livre seller accounts to a tenant (OAuth2 + PKCE), testing and unlinking them."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import AuthError, Principal
from melihub.audit import service as audit
from melihub.connections.applications import ApplicationChange, application_of, cleaned_site, credentials_of
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import account_notes, meli_client
from melihub.connections.state import LinkState, new_state, read_state, remember_verifier, sign_state, take_verifier
from melihub.connections.tokens import account_ref, store_pair
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.meli.config import AppCredentials
from melihub.meli.errors import MeliError
from melihub.meli.tokens import TokenPair
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services


class LinkError(DomainError):
    pass


@dataclass(frozen=True)
class ConnectionTest:
    ok: bool
    latency_ms: float
    error: str | None
    account: MeliAccount


async def start_link(services: Services, principal: Principal, site_id: str) -> str:
    """The authorize URL to send the signed-in owner/admin to."""
    principal.require(Permission.MANAGE_CONNECTIONS)
    if principal.user_id is None:
        raise AuthError("linking needs a signed-in person, not an API token", "FORBIDDEN")
    site = cleaned_site(site_id, "site")
    async with services.db.tenant(principal.tenant_id) as session:
        application = await application_of(session)
    client_id = application.client_id if application is not None else None
    state = new_state(principal.tenant_id, principal.user_id, site, client_id)
    signed = sign_state(state, services.settings.jwt_secret.get_secret_value())
    request = meli_client(services).oauth.authorization_url(
        site, redirect_uri=services.settings.meli_redirect_uri, state=signed, client_id=client_id
    )
    await remember_verifier(services.redis, state, request.code_verifier)
    return request.url


async def _owner_of(session: AsyncSession, ml_user_id: int) -> uuid.UUID | None:
    row = (
        await session.exec(
            text("SELECT tenant_id FROM melihub_route_meli_user(:u)"),  # type: ignore[call-overload]
            params={"u": ml_user_id},
        )
    ).first()
    return row[0] if row else None


async def complete_link(services: Services, principal: Principal | None, code: str, state_token: str) -> MeliAccount:
    """Exchange the code (with the stored verifier), store the tokens encrypted, read /users/me."""
    state = read_state(state_token, services.settings.jwt_secret.get_secret_value())
    if principal is None or (principal.tenant_id, principal.user_id) != (state.tenant_id, state.user_id):
        raise LinkError(
            "this link was started by another user or company; sign in as them and retry",
            code="STATE_OTHER_PRINCIPAL",
        )
    verifier = await take_verifier(services.redis, state)
    credentials = await _link_credentials(services, state.tenant_id, state.client_id)
    client = meli_client(services)
    tokens = await client.oauth.exchange_code(
        code, verifier, services.settings.meli_redirect_uri, credentials=credentials
    )
    pair = TokenPair.from_response(tokens)
    account, relinked = await _store_linked_account(services, state, tokens.user_id, pair)
    client.refresher.forget(account_ref(account))
    await _read_profile(services, account, principal)
    if services.account_linked is not None:
        await services.account_linked(account, relinked)
    return account


async def _link_credentials(services: Services, tenant_id: uuid.UUID, client_id: str | None) -> AppCredentials | None:
    """The company's application the link was started with (None: melihub's), if it is still the one."""
    if client_id is None:
        return None
    async with services.db.tenant(tenant_id) as session:
        application = await application_of(session)
    if application is None or application.client_id != client_id:
        raise LinkError(
            "the company's Mercado Livre application changed while linking; start again",
            code="APPLICATION_CHANGED",
        )
    return credentials_of(application, services.keyring)


async def _store_linked_account(
    services: Services, state: LinkState, ml_user_id: int, pair: TokenPair
) -> tuple[MeliAccount, bool]:
    tenant_id, user_id, site_id = state.tenant_id, state.user_id, state.site_id
    try:
        async with services.db.tenant(tenant_id, user_id=user_id) as session:
            owner = await _owner_of(session, ml_user_id)
            if owner is not None and owner != tenant_id:
                raise LinkError(
                    "this Mercado Livre account is linked to another company in melihub",
                    code="LINKED_ELSEWHERE",
                )
            account = (await session.exec(select(MeliAccount).where(MeliAccount.ml_user_id == ml_user_id))).first()
            relinked = account is not None
            account = account or MeliAccount(tenant_id=tenant_id, ml_user_id=ml_user_id, site_id=site_id)
            account.status, account.last_error, account.linked_by = AccountStatus.ACTIVE.value, None, user_id
            account.oauth_client_id = state.client_id
            store_pair(account, pair, services.keyring)
            session.add(account)
            await session.flush()
            await account_notes(services)(
                session, account, "relinked" if relinked else "linked", "Mercado Livre account linked"
            )
    except IntegrityError:
        raise LinkError(
            "this Mercado Livre account is linked to another company in melihub", code="LINKED_ELSEWHERE"
        ) from None
    return account, relinked


async def _read_profile(services: Services, account: MeliAccount, principal: Principal) -> None:
    """Nickname and site from /users/me; a failure is recorded, the link stays."""
    try:
        me = await meli_client(services).get_me(account_ref(account))
        profile, error = me.raw, None
    except MeliError as exc:
        profile, error = None, f"could not read the seller profile: {exc}"
    async with services.db.tenant(account.tenant_id) as session:
        row = await session.get(MeliAccount, account.id)
        assert row is not None
        if profile is not None:
            row.nickname = str(profile.get("nickname") or row.nickname)
            row.site_id = str(profile.get("site_id") or row.site_id)
            row.profile = profile
        else:
            row.last_error, row.last_error_at = error, datetime.now(UTC)
            await account_notes(services)(session, row, "profile_failed", error or "", failed=True)
        row.updated_at = utcnow()
        session.add(row)
        await audit.record(
            session,
            principal,
            "meli_account.linked",
            target_type="meli_account",
            target_id=row.id,
            data={"ml_user_id": row.ml_user_id, "site": row.site_id},
        )
        account.nickname, account.site_id = row.nickname, row.site_id
    await publish(
        services.redis,
        Change(str(account.tenant_id), "meli_account", str(account.id), meli_account_id=str(account.id)),
    )


async def list_accounts(session: AsyncSession, principal: Principal) -> list[MeliAccount]:
    principal.require(Permission.READ)
    rows = (await session.exec(select(MeliAccount).order_by(col(MeliAccount.created_at)))).all()
    return [row for row in rows if principal.sees_account(row.id)]


async def get_account(session: AsyncSession, principal: Principal, account_id: uuid.UUID) -> MeliAccount:
    account = await session.get(MeliAccount, account_id)
    if account is None or not principal.sees_account(account.id):
        raise LinkError("no such Mercado Livre account", field="id", code="NOT_FOUND")
    return account


async def unlink(services: Services, principal: Principal, account_id: uuid.UUID) -> MeliAccount:
    """Forget the tokens and stop syncing; the data already imported stays."""
    principal.require(Permission.MANAGE_CONNECTIONS)
    async with services.db.tenant(principal.tenant_id) as session:
        account = await get_account(session, principal, account_id)
        account.status = AccountStatus.DISABLED.value
        account.access_token_enc = account.refresh_token_enc = None
        account.token_expires_at = None
        account.updated_at = utcnow()
        session.add(account)
        await account_notes(services)(session, account, "unlinked", "Mercado Livre account unlinked")
    meli_client(services).refresher.forget(account_ref(account))
    await publish(
        services.redis,
        Change(str(account.tenant_id), "meli_account", str(account.id), meli_account_id=str(account.id)),
    )
    return account


async def test_connection(services: Services, principal: Principal, account_id: uuid.UUID) -> ConnectionTest:
    principal.require(Permission.OPERATE)
    async with services.db.tenant(principal.tenant_id) as session:
        account = await get_account(session, principal, account_id)
    started = time.perf_counter()
    error = None
    try:
        await meli_client(services).get_me(account_ref(account))
    except MeliError as exc:
        error = str(exc)
    latency = round((time.perf_counter() - started) * 1000, 1)
    async with services.db.tenant(principal.tenant_id) as session:
        row = await get_account(session, principal, account_id)
        await account_notes(services)(
            session,
            row,
            "connection_tested",
            error or f"ok in {latency} ms",
            failed=error is not None,
            details={"latency_ms": latency},
        )
    return ConnectionTest(ok=error is None, latency_ms=latency, error=error, account=row)


async def announce_application_change(services: Services, change: ApplicationChange) -> None:
    """After the change committed: the accounts asked to reauthorize show it live and drop their cached tokens."""
    client = meli_client(services)
    for account in change.to_reauthorize:
        client.refresher.forget(account_ref(account))
        await publish(
            services.redis,
            Change(str(account.tenant_id), "meli_account", str(account.id), meli_account_id=str(account.id)),
        )
