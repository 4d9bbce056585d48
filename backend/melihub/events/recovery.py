"""Safety nets: enqueue inbox rows that have no job, and ingest what Mercado Livre could not deliver."""

from __future__ import annotations

import json
import time

from sqlalchemy import text
from sqlmodel import col, select

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


async def _one_account_per_application(services: Services) -> dict[str, MeliAccount]:
    """An active account of each application in use, melihub's and the companies' own (feeds are per application)."""
    tenants = dict.fromkeys(e.tenant_id for e in await directory(services) if e.status == AccountStatus.ACTIVE.value)
    chosen: dict[str, MeliAccount] = {}
    for tenant_id in tenants:
        async with services.db.tenant(tenant_id) as session:
            active = select(MeliAccount).where(col(MeliAccount.status) == AccountStatus.ACTIVE.value)
            for account in (await session.exec(active)).all():
                chosen.setdefault(account.oauth_client_id or services.settings.meli_client_id, account)
    return chosen


async def poll_missed_feeds(services: Services, *, deadline: float | None = None) -> int:
    """Read /missed_feeds per application and topic (any of its authorized sellers' tokens works) and
    ingest through the inbox.

    Stops at ``deadline`` (monotonic seconds); re-reading a page later is harmless (ingest dedupes).
    """
    if services.pg is None:
        return 0
    ingested = 0
    for app_id, account in (await _one_account_per_application(services)).items():
        for topic in MISSED_FEEDS_TOPICS:
            done, count = await _poll_topic(services, account, int(app_id), topic, deadline)
            ingested += count
            if not done:
                return ingested
    return ingested


async def _poll_topic(
    services: Services, account: MeliAccount, app_id: int, topic: str, deadline: float | None
) -> tuple[bool, int]:
    """Every page of one topic's feed; ``(False, n)`` when the deadline came first."""
    client, offset, ingested = meli_client(services), 0, 0
    while True:
        page = await client.get_missed_feeds(
            account_ref(account), app_id, topic=topic, offset=offset, limit=MISSED_FEEDS_PAGE
        )
        messages = page.raw.get("messages") or []
        for message in messages:
            ingested += await _ingest_missed(services, message)
        offset += len(messages)
        if not messages or offset >= int(page.raw.get("total") or 0):
            return True, ingested
        if deadline is not None and time.monotonic() > deadline:
            return False, ingested


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
