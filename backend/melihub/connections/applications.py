"""A company's own Mercado Livre application: its accounts link, refresh and are rate-limited through it.

melihub's own application (``MELIHUB_MELI_CLIENT_ID``) stays the default. A company that registered its
own on Mercado Livre's developer portal gives its id and secret here (the secret encrypted with the key
ring, never shown back); from then on new links go through it. Grants belong to the application that
issued them (reference §2), so the accounts linked through an application that is replaced or removed
are asked to reauthorize.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections.models import AccountStatus, MeliAccount, MeliApplication
from melihub.connections.notes import AccountNotes
from melihub.db.base import utcnow
from melihub.db.engine import Database
from melihub.errors import DomainError
from melihub.meli.config import AppCredentials
from melihub.meli.errors import InvalidClient, MeliError
from melihub.meli.oauth import MeliOAuth
from melihub.security.keyring import KeyRing

SITES = frozenset({"MLB", "MLA", "MLM", "MLC", "MCO", "MLU", "MPE", "MLV", "MEC"})


class ApplicationError(DomainError):
    pass


@dataclass(frozen=True)
class ApplicationChange:
    application: MeliApplication | None  # None: removed, melihub's own application again
    changed: list[str]  # names of the fields that changed (never the secret's value)
    to_reauthorize: list[MeliAccount]  # linked through the application that is gone


@dataclass(frozen=True)
class ApplicationTest:
    ok: bool
    latency_ms: float
    error: str | None
    application: MeliApplication


def _associated(tenant_id: uuid.UUID) -> str:
    return f"meli_application:{tenant_id}"


async def application_of(session: AsyncSession) -> MeliApplication | None:
    """The session's company's own application (row-level security scopes the read)."""
    return (await session.exec(select(MeliApplication))).first()


def credentials_of(application: MeliApplication, keyring: KeyRing) -> AppCredentials:
    secret = keyring.decrypt(application.client_secret_enc, _associated(application.tenant_id))
    return AppCredentials(application.client_id, secret)


def _cleaned_client_id(client_id: str, default_client_id: str) -> str:
    cleaned = client_id.strip()
    if not cleaned.isdigit():
        raise ApplicationError("the application id is the number Mercado Livre shows", field="clientId", code="INVALID")
    if cleaned == default_client_id:
        raise ApplicationError(
            "this is melihub's own application, already the default", field="clientId", code="SAME_AS_DEFAULT"
        )
    return cleaned


def cleaned_site(site_id: str, field: str) -> str:
    """The site code in upper case; ``UNKNOWN_SITE`` on ``field`` for one Mercado Livre does not run."""
    site = site_id.strip().upper()
    if site not in SITES:
        raise DomainError(f"unknown Mercado Livre site {site_id!r}", field=field, code="UNKNOWN_SITE")
    return site


async def set_application(
    session: AsyncSession,
    principal: Principal,
    keyring: KeyRing,
    notes: AccountNotes,
    *,
    default_client_id: str,
    client_id: str,
    client_secret: str | None,
    site_id: str,
    store_name: str,
) -> ApplicationChange:
    """Create or change the company's application; a new client id retires the old one's grants."""
    principal.require(Permission.MANAGE_CONNECTIONS)
    cleaned_id = _cleaned_client_id(client_id, default_client_id)
    secret = (client_secret or "").strip()
    application = await application_of(session)
    old_id = application.client_id if application is not None and application.client_id != cleaned_id else None
    replaced = old_id is not None
    if not secret and (application is None or replaced):
        raise ApplicationError("the application's secret is needed", field="clientSecret", code="REQUIRED")
    row = application or MeliApplication(tenant_id=principal.tenant_id, client_id=cleaned_id, client_secret_enc="")
    changed = [] if application is not None else ["clientId"]
    if replaced:
        changed.append("clientId")
    values = {"client_id": cleaned_id, "site_id": cleaned_site(site_id, "siteId"), "store_name": store_name.strip()}
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            if name != "client_id":
                changed.append({"site_id": "siteId", "store_name": "storeName"}[name])
    if secret:
        row.client_secret_enc = keyring.encrypt(secret, _associated(principal.tenant_id))
        changed.append("clientSecret")
    if changed:  # the last test said nothing of these credentials
        row.last_test_at, row.last_test_ok, row.last_test_error = None, None, None
    row.updated_by, row.updated_at = principal.user_id, utcnow()
    session.add(row)
    retired = await _retire_grants(session, notes, old_id) if old_id else []
    await session.flush()
    return ApplicationChange(row, changed, retired)


async def remove_application(session: AsyncSession, principal: Principal, notes: AccountNotes) -> ApplicationChange:
    """Back to melihub's own application; the accounts linked through the company's must reauthorize."""
    principal.require(Permission.MANAGE_CONNECTIONS)
    application = await application_of(session)
    if application is None:
        raise ApplicationError("the company uses melihub's own application already", code="NOT_FOUND")
    retired = await _retire_grants(session, notes, application.client_id)
    await session.delete(application)
    await session.flush()
    return ApplicationChange(None, ["removed"], retired)


async def _retire_grants(session: AsyncSession, notes: AccountNotes, client_id: str) -> list[MeliAccount]:
    query = select(MeliAccount).where(
        col(MeliAccount.oauth_client_id) == client_id, col(MeliAccount.status) == AccountStatus.ACTIVE.value
    )
    accounts = list((await session.exec(query)).all())
    reason = "the company's Mercado Livre application changed: reauthorize the account"
    for account in accounts:
        account.status, account.last_error = AccountStatus.REAUTH_REQUIRED.value, reason
        account.last_error_at, account.updated_at = datetime.now(UTC), utcnow()
        session.add(account)
        await notes(session, account, "reauth_required", reason, failed=True)
    return accounts


async def check_application(db: Database, principal: Principal, oauth: MeliOAuth, keyring: KeyRing) -> ApplicationTest:
    """Ask Mercado Livre whether it takes the application's id and secret; the outcome is kept on it."""
    principal.require(Permission.MANAGE_CONNECTIONS)
    async with db.tenant(principal.tenant_id) as session:  # no transaction held across the call
        application = await application_of(session)
        if application is None:
            raise ApplicationError("the company has no application of its own", code="NOT_FOUND")
        credentials = credentials_of(application, keyring)
    started, error = time.perf_counter(), None
    try:
        await oauth.check_credentials(credentials)
    except InvalidClient:
        error = "Mercado Livre refused the application's id or secret (invalid_client)"
    except MeliError as exc:
        error = f"Mercado Livre could not be asked: {exc}"
    latency = round((time.perf_counter() - started) * 1000, 1)
    async with db.tenant(principal.tenant_id) as session:
        row = await application_of(session)
        if row is None or row.client_id != credentials.client_id:
            raise ApplicationError("the application changed meanwhile; test it again", code="CONFLICT")
        row.last_test_at, row.last_test_ok, row.last_test_error = datetime.now(UTC), error is None, error
        session.add(row)
    return ApplicationTest(ok=error is None, latency_ms=latency, error=error, application=row)
