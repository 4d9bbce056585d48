"""``melihub keys rotate``: re-encrypt every webhook signing secret with the key ring's first key."""

from __future__ import annotations

from sqlalchemy import text

from melihub.integrator_webhooks.models import WebhookSubscription
from melihub.integrator_webhooks.service import secret_associated, secret_of
from melihub.runtime import Services

DIRECTORY = "SELECT tenant_id, id FROM melihub_webhook_subscription_directory()"


async def rotate_secret_keys(services: Services) -> int:
    """How many subscriptions' secrets were sealed again (the secrets themselves do not change)."""
    async with services.db.global_session() as session:
        rows = (await session.exec(text(DIRECTORY))).all()  # type: ignore[call-overload]
    changed = 0
    for tenant_id, subscription_id in rows:
        async with services.db.tenant(tenant_id) as session:
            found = await session.get(WebhookSubscription, subscription_id, with_for_update=True)
            if found is None or not services.keyring.needs_rotation(found.secret_encrypted):
                continue
            found.secret_encrypted = services.keyring.encrypt(
                secret_of(found, services.keyring), secret_associated(found.id)
            )
            session.add(found)
            changed += 1
    return changed
