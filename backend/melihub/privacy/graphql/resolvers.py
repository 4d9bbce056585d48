"""privacySettings."""

from __future__ import annotations

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.privacy import retention
from melihub.privacy.graphql.types import PrivacySettingsType


async def resolve_privacy_settings(info: Info) -> PrivacySettingsType:
    info.context.require(Permission.MANAGE_PERSONAL_DATA)
    async with info.context.session() as session:
        days = await retention.retention_days(session)
    return PrivacySettingsType(raw_payload_retention_days=days)
