"""The hub's own settings: its name, address and pickup hours (for the ready notification), and, per company,
its own notification providers over the process-wide default (secrets encrypted with the key ring, never
shown back: only whether each is set).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.hub.models import HubSettings
from melihub.hub.notifier import NotifierConfig, NotifierOverrides, parse_smtp_url
from melihub.security.keyring import KeyRing

UNSET: Any = object()  # a field the caller did not give: it stays as it is
SECRETS = ("smtp_url", "sms_token", "whatsapp_token")  # stored encrypted, as <name>_encrypted
PLAIN = ("name", "address", "pickup_hours", "smtp_from", "sms_url", "whatsapp_url")


def _associated(tenant_id: uuid.UUID, name: str) -> str:
    return f"hub_settings:{tenant_id}:{name}"


@dataclass(frozen=True)
class SettingsChange:
    settings: HubSettings
    changed: list[str]  # the names of the fields that changed (never their secret values)


async def settings_of(session: AsyncSession, tenant_id: uuid.UUID) -> HubSettings:
    query = select(HubSettings).where(col(HubSettings.tenant_id) == tenant_id)
    return (await session.exec(query)).first() or HubSettings(tenant_id=tenant_id)


def _checked(name: str, value: str | None) -> str | None:
    """None clears a provider (back to the default); '' turns the channel off for the company."""
    if value is None:
        return None
    cleaned = value.strip()
    if name == "smtp_url" and cleaned:
        try:
            parse_smtp_url(cleaned, "smtpUrl")
        except ValueError as exc:
            raise DomainError(str(exc), field="smtpUrl", code="INVALID") from None
    if name in {"sms_url", "whatsapp_url"} and cleaned and not cleaned.split("://", 1)[0].endswith(("http", "https")):
        raise DomainError(f"{name} must be an http(s) URL", field=name, code="INVALID")
    return cleaned


async def update_settings(
    session: AsyncSession, principal: Principal, keyring: KeyRing, **given: Any
) -> SettingsChange:
    """Change the given fields (``UNSET`` leaves one as it is); secrets are encrypted before they are stored."""
    principal.require(Permission.MANAGE_TENANT)
    unknown = sorted(set(given) - set(SECRETS) - set(PLAIN))
    if unknown:
        raise DomainError(f"unknown hub settings: {', '.join(unknown)}", code="INVALID")
    row = await settings_of(session, principal.tenant_id)
    changed = []
    for name, value in given.items():
        if value is UNSET:
            continue
        if name in ("name", "address", "pickup_hours"):
            new_plain = (value or "").strip()
            if new_plain != getattr(row, name):
                setattr(row, name, new_plain)
                changed.append(name)
            continue
        cleaned = _checked(name, value)
        if name in SECRETS:
            stored = keyring.encrypt(cleaned, _associated(principal.tenant_id, name)) if cleaned is not None else None
            setattr(row, f"{name}_encrypted", stored)
        else:
            setattr(row, name, cleaned)
        changed.append(name)
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    return SettingsChange(row, changed)


def overrides_of(row: HubSettings, keyring: KeyRing) -> NotifierOverrides:
    def secret(name: str) -> str | None:
        stored = getattr(row, f"{name}_encrypted")
        return keyring.decrypt(stored, _associated(row.tenant_id, name)) if stored is not None else None

    return NotifierOverrides(
        smtp_url=secret("smtp_url"),
        smtp_from=row.smtp_from,
        sms_url=row.sms_url,
        sms_token=secret("sms_token"),
        whatsapp_url=row.whatsapp_url,
        whatsapp_token=secret("whatsapp_token"),
    )


def notifier_config(default: NotifierConfig, row: HubSettings, keyring: KeyRing) -> NotifierConfig:
    """The company's providers: its own where it set them, the process-wide default elsewhere."""
    return default.overlay(overrides_of(row, keyring))
