"""OpenID Connect sign-in, the member half: who the verified e-mail is here, the session, the audit rows.

An identity signs in only as an existing member of one of the tenants the provider is configured for (no
member is created on the way). The session is the password login's (the same cookies, refresh family and
access JWT). A tenant's own MFA requirement is the identity provider's to enforce for SSO sign-ins: its
policy decides how the person proved who they are (docs/operations.md "SSO").
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlmodel import col, select

from melihub.accounts.models import Membership, Tenant, User
from melihub.accounts.sessions import IssuedSession, start_session
from melihub.accounts.sso import Flow, Identity, OidcProvider, SsoError
from melihub.audit import service as audit
from melihub.db.engine import Database
from melihub.globalids import global_id_text
from melihub.runtime import Services

USER_TYPE = "User"
SIGNED_IN = "user.sso_signed_in"
FAILED = "user.sso_sign_in_failed"

# Configured slugs → tenant ids: a tenant is invisible to a non-member under row-level security, so a
# failure by an unknown e-mail finds the tenant to audit in by reading each tenant as itself, once a process.
_tenant_ids: dict[tuple[str, str], uuid.UUID] = {}  # (database, slug): a process may serve several


async def tenant_ids(db: Database, slugs: tuple[str, ...]) -> dict[str, uuid.UUID]:
    known = {slug: _tenant_ids[(db.url, slug)] for slug in slugs if (db.url, slug) in _tenant_ids}
    missing = [slug for slug in slugs if slug not in known]
    if missing:
        async with db.global_session() as session:
            ids = (await session.exec(text("SELECT * FROM melihub_tenant_ids()"))).all()  # type: ignore[call-overload]
        for (tenant_id,) in ids:
            async with db.tenant(tenant_id) as session:
                tenant = await session.get(Tenant, tenant_id)
            if tenant is not None and tenant.slug in missing:
                known[tenant.slug] = _tenant_ids[(db.url, tenant.slug)] = tenant.id
                missing.remove(tenant.slug)
            if not missing:
                break
    return known


async def _member(db: Database, email: str, slugs: tuple[str, ...]) -> tuple[User, Membership]:
    """The person's membership in the first of ``slugs`` (configured order) they belong to."""
    async with db.global_session() as session:
        user = (await session.exec(select(User).where(User.email == email))).first()
    if user is not None and user.disabled_at is None:
        async with db.global_session(user_id=user.id) as session:
            query = select(Membership, Tenant).join(Tenant, col(Tenant.id) == Membership.tenant_id)
            rows = (await session.exec(query.where(Membership.user_id == user.id))).all()
        by_slug = {tenant.slug: membership for membership, tenant in rows}
        for slug in slugs:
            if slug in by_slug:
                return user, by_slug[slug]
    raise SsoError("this e-mail is not a member of a company that signs in with SSO here", "SSO_UNKNOWN_USER")


async def sign_in(
    services: Services,
    provider: OidcProvider,
    flow: Flow,
    identity: Identity,
    *,
    ip: str | None,
    user_agent: str | None,
) -> IssuedSession:
    """A session for the member the identity is; SsoError (audited) when it is none."""
    slugs = (flow.tenant,) if flow.tenant else provider.tenants
    try:
        user, membership = await _member(services.db, identity.email, slugs)
    except SsoError as exc:
        await record_failure(services, slugs, exc.code, identity=identity, ip=ip, user_agent=user_agent)
        raise
    issued = await start_session(services.db, services.settings, membership, user_agent=user_agent, ip=ip)
    async with services.db.tenant(membership.tenant_id) as session:
        await audit.record(
            session,
            None,
            SIGNED_IN,
            tenant_id=membership.tenant_id,
            actor_user_id=user.id,
            target_type=USER_TYPE,
            target_id=global_id_text(USER_TYPE, user.id),  # as the mutations' rows name their targets
            data={"method": "oidc", "issuer": provider.issuer, "subject": identity.subject},
            ip=ip,
            user_agent=_short(user_agent),
        )
    return issued


async def record_failure(
    services: Services,
    slugs: tuple[str, ...],
    code: str,
    *,
    identity: Identity | None,
    ip: str | None,
    user_agent: str | None,
) -> None:
    """An audit row in each tenant the sign-in was for; no token or code of the provider in it. The person
    is named by the provider's subject and the e-mail's domain: audit rows mask e-mail addresses."""
    data: dict[str, object] = {"method": "oidc", "reason": code}
    if identity is not None:
        data.update(subject=identity.subject, email_domain=identity.email.rpartition("@")[2])
    for tenant_id in (await tenant_ids(services.db, slugs)).values():
        async with services.db.tenant(tenant_id) as session:
            await audit.record(
                session, None, FAILED, tenant_id=tenant_id, data=data, ip=ip, user_agent=_short(user_agent)
            )


def _short(user_agent: str | None) -> str | None:
    return (user_agent or "")[:300] or None
