"""arq WorkerSettings: the process-wide services are built once on start-up and shared by jobs."""

from __future__ import annotations

import asyncio
import gc
import itertools
import os
import time
from typing import Any, ClassVar

import asyncpg
from arq import cron
from arq.connections import RedisSettings

from melihub.config import get_settings
from melihub.connections.runtime import install_meli
from melihub.events import timeline_notes
from melihub.observability import configure_logging, get_logger
from melihub.runtime import QUEUE_NAME, Services, freeze_startup_heap
from melihub.stores import resolve_stores
from melihub.tracing import configure_tracing
from melihub_workers.tasks import (
    accounts,
    catalog,
    exports,
    hub,
    hub_recipients,
    insights,
    integrator_webhooks,
    kpis,
    notifications,
    privacy,
    question_sla,
    sync,
    system,
    visits,
)

SWEEP_EVERY_S = 10
STARTUP_WAIT_S = 120.0
log = get_logger("melihub.worker")
# Every job, crons included, gets the same timeout: arq keeps a job "in progress" for the longest
# timeout of the worker + 10 s, so one long cron would hold every job of a killed worker that long.
# Long crons stop at a deadline inside that timeout and carry on at their next run.
JOB_TIMEOUT_S = get_settings().worker_job_timeout_s


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    configure_logging(settings.log_level, json=settings.log_json)
    configure_tracing(settings.otel_endpoint, service_name=f"{settings.otel_service_name}-worker")
    urls = resolve_stores(settings)
    services = await _started(Services.create(settings, urls.app_database_url, urls.redis_url))
    install_meli(services, timeline_notes.record)
    ctx["services"] = services
    await integrator_webhooks.start_fanout(ctx)  # published changes -> outbound webhook deliveries
    freeze_startup_heap()
    await system.heartbeat(ctx)


async def _started(services: Services) -> Services:
    """The services, started once PostgreSQL answers: a worker that starts during an outage (a restart, a
    failover) waits for it, as its jobs do, instead of exiting (seen in the restart test). ``start`` is the
    only step that connects, and it keeps nothing of a failed try."""
    deadline = time.monotonic() + STARTUP_WAIT_S
    for attempt in itertools.count():
        try:
            return await services.start()
        except (OSError, asyncpg.PostgresError) as exc:
            if time.monotonic() >= deadline:
                raise
            log.warning("worker.waiting_for_database", error=type(exc).__name__, attempt=attempt)
            await asyncio.sleep(min(0.5 * 2**attempt, 5.0))
    raise AssertionError("unreachable")


async def shutdown(ctx: dict[str, Any]) -> None:
    gc.unfreeze()
    await integrator_webhooks.stop_fanout(ctx)
    services: Services | None = ctx.get("services")
    if services is not None:
        await services.close()


def redis_settings() -> RedisSettings:
    return RedisSettings.from_dsn(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")


class WorkerSettings:
    functions: ClassVar[list[Any]] = [
        notifications.process_resource,
        notifications.sweep_inbox,
        notifications.poll_missed_feeds,
        accounts.refresh_tokens,
        sync.run_sync,
        sync.schedule_syncs,
        question_sla.announce_question_sla,
        catalog.run_bulk_operation,
        exports.run_export,
        exports.start_due_exports,
        exports.clean_up_exports,
        visits.fetch_visits,
        visits.schedule_visits,
        kpis.rebuild_changed_zones,
        hub.deliver_hub_notifications,
        hub.sweep_hub_notifications,
        hub_recipients.fill_hub_documents,
        insights.analyze_listing,
        insights.refresh_listing_insights,
        insights.schedule_listing_insights,
        insights.rescore_stale_listings,
        integrator_webhooks.deliver_webhook,
        integrator_webhooks.sweep_webhook_deliveries,
        privacy.purge_raw_payloads,
        system.heartbeat,
    ]
    cron_jobs: ClassVar[list[Any]] = [
        cron(system.heartbeat, second={0, 30}, run_at_startup=False),
        cron(
            notifications.sweep_inbox,
            second=set(range(0, 60, SWEEP_EVERY_S)),
            run_at_startup=True,
            unique=True,
            timeout=JOB_TIMEOUT_S,
        ),
        cron(notifications.poll_missed_feeds, minute={7}, second={0}, unique=True, timeout=JOB_TIMEOUT_S),
        cron(accounts.refresh_tokens, minute={0}, second={0}, unique=True, timeout=JOB_TIMEOUT_S),
        cron(sync.schedule_syncs, second={5, 20, 35, 50}, run_at_startup=True, unique=True, timeout=JOB_TIMEOUT_S),
        cron(question_sla.announce_question_sla, second={40}, run_at_startup=True, unique=True, timeout=JOB_TIMEOUT_S),
        cron(exports.start_due_exports, second={2}, run_at_startup=True, unique=True, timeout=JOB_TIMEOUT_S),
        cron(exports.clean_up_exports, second={45}, unique=True, timeout=JOB_TIMEOUT_S),
        cron(visits.schedule_visits, minute={17}, second={0}, unique=True, timeout=JOB_TIMEOUT_S),
        # Raw notification payloads past each tenant's retention (LGPD), hourly; the rows stay.
        cron(privacy.purge_raw_payloads, minute={41}, second={0}, unique=True, timeout=JOB_TIMEOUT_S),
        # Ready notifications queued while Redis was away, retries whose backoff ended, leases run out.
        cron(hub.sweep_hub_notifications, second=set(range(3, 60, 10)), unique=True, timeout=JOB_TIMEOUT_S),
        # Recipients' documents from ML's billing data, for the pickup desk (an order without is asked again in 6 h).
        cron(hub_recipients.fill_hub_documents, second={50}, unique=True, timeout=JOB_TIMEOUT_S),
        # Every 5 minutes, each run within 60 % of the timeout: two runs never rebuild one tenant at once.
        # Listings' Mercado Livre facts (categories weekly, ML's quality daily) and their scores, hourly;
        # listings changed since their score (melihub's own edits included), every minute.
        cron(
            insights.schedule_listing_insights,
            minute={23},
            second={0},
            run_at_startup=True,
            unique=True,
            timeout=JOB_TIMEOUT_S,
        ),
        cron(insights.rescore_stale_listings, second={25}, unique=True, timeout=JOB_TIMEOUT_S),
        # Outbound webhook deliveries whose job was lost (Redis flushed) or whose try's lease ran out.
        cron(
            integrator_webhooks.sweep_webhook_deliveries,
            second=set(range(7, 60, 15)),
            unique=True,
            timeout=JOB_TIMEOUT_S,
        ),
        cron(kpis.rebuild_changed_zones, minute=set(range(1, 60, 5)), second={30}, unique=True, timeout=JOB_TIMEOUT_S),
    ]
    on_startup = startup
    on_shutdown = shutdown
    queue_name = QUEUE_NAME
    max_jobs = 20
    poll_delay = 0.05  # arq polls its queue; 50 ms keeps notification-to-screen latency low, costs one ZRANGE
    job_timeout = JOB_TIMEOUT_S
    keep_result = 0  # a resource's job id must be free again as soon as its run ends
    max_tries = 5
    health_check_interval = 30
    allow_abort_jobs = True
