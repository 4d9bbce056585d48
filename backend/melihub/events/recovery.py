"""Safety nets: enqueue inbox rows that have no job, and ingest what Mercado Livre could not deliver."""

from __future__ import annotations

import json
import time

from sqlalchemy import text

from melihub.connections.maintenance import directory
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.events.inbox import ingest
from melihub.events.jobs import PROCESS_RESOURCE, resource_job_id
from melihub.events.notifications import NotificationError, parse_notification
from melihub.observability import get_logger
from melihub.resources.registry import MISSED_FEEDS_TOPICS
from melihub.runtime import Services

log = get_logger("melihub.recovery")
SWEEP_LIMIT = 5000
MISSED_FEEDS_PAGE = 50


async def sweep_inbox(services: Services) -> int:
    """Enqueue every resource with pending events (received and not taken, due retries, abandoned).

    Enqueueing is idempotent (one job id per resource), so running this often is cheap and safe.
    """
    settings = services.settings
    async with services.db.global_session() as session:
        rows = (
            await session.exec(
                text(  # type: ignore[call-overload]
                    "SELECT tenant_id, topic, resource FROM melihub_pending_resources(:grace, :stale, :limit)"
                ),
                params={
                    "grace": settings.event_sweep_grace_s,
                    "stale": settings.event_stale_processing_s,
                    "limit": SWEEP_LIMIT,
                },
            )
        ).all()
    for tenant_id, topic, resource in rows:
        await services.redis.enqueue_job(
            PROCESS_RESOURCE,
            str(tenant_id),
            topic,
            resource,
            _job_id=resource_job_id(tenant_id, topic, resource),
        )
    return len(rows)


async def _any_active_account(services: Services) -> MeliAccount | None:
    for entry in await directory(services):
        if entry.status == AccountStatus.ACTIVE.value:
            async with services.db.tenant(entry.tenant_id) as session:
                return await session.get(MeliAccount, entry.account_id)
    return None


async def poll_missed_feeds(services: Services, *, deadline: float | None = None) -> int:
    """Read /missed_feeds per topic (any authorized seller's token works) and ingest through the inbox.

    Stops at ``deadline`` (monotonic seconds); re-reading a page later is harmless (ingest dedupes).
    """
    account = await _any_active_account(services)
    if account is None or services.pg is None:
        return 0
    client = meli_client(services)
    app_id = int(services.settings.meli_client_id)
    ingested = 0
    for topic in MISSED_FEEDS_TOPICS:
        offset = 0
        while True:
            page = await client.get_missed_feeds(
                account_ref(account), app_id, topic=topic, offset=offset, limit=MISSED_FEEDS_PAGE
            )
            messages = page.raw.get("messages") or []
            for message in messages:
                ingested += await _ingest_missed(services, message)
            offset += len(messages)
            if not messages or offset >= int(page.raw.get("total") or 0):
                break
            if deadline is not None and time.monotonic() > deadline:
                return ingested
    return ingested


async def _ingest_missed(services: Services, message: dict[str, object]) -> int:
    body = {k: v for k, v in message.items() if k not in {"request", "response"}}
    try:
        notification = parse_notification(json.dumps(body).encode())
    except NotificationError as exc:
        log.warning("missed_feeds.unreadable", error=str(exc))
        return 0
    assert services.pg is not None
    receipt = await ingest(services.pg, notification)
    if receipt.needs_processing and notification.handled and receipt.tenant_id is not None:
        await services.redis.enqueue_job(
            PROCESS_RESOURCE,
            str(receipt.tenant_id),
            notification.topic,
            notification.resource,
            _job_id=resource_job_id(receipt.tenant_id, notification.topic, notification.resource),
        )
    return 1 if receipt.inserted else 0
