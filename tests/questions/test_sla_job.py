"""The SLA job: a question crossing 80 % and then 100 % of its SLA is announced once at each crossing.

Time moves through the job's clock (``now``) or the question's own dates, never by sleeping. The
subscriber listens through the real path: a WebSocket ``questionChanged`` on the live server.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.ws import graphql_socket
from melihub_workers.settings import WorkerSettings
from melihub_workers.tasks.question_sla import announce_question_sla
from tests.conftest import api_token_for
from tests.questions.sla_world import age, ask, sql

CHANGED = "subscription { questionChanged { id mlId slaState slaDueAt } }"
T0 = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


async def stages(services: Services, tenant_id: uuid.UUID) -> dict[int, int]:
    return dict(await sql(services, tenant_id, "SELECT ml_id, sla_stage FROM questions"))


class Bus:
    """What the job published on the tenant's Redis channel."""

    def __init__(self, services: Services, tenant_id: uuid.UUID) -> None:
        self.pubsub = services.redis.pubsub()
        self.channel = tenant_channel(tenant_id)

    async def __aenter__(self) -> Bus:
        await self.pubsub.subscribe(self.channel)
        await self.pubsub.get_message(timeout=1.0)  # the subscribe confirmation
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.pubsub.unsubscribe(self.channel)
        await self.pubsub.aclose()

    async def drain(self) -> list[tuple[str, str | None]]:
        seen = []
        while (message := await self.pubsub.get_message(timeout=0.3)) is not None:
            change = json.loads(message["data"])
            seen.append((change["id"], change["version"]))
        return seen


async def test_each_crossing_is_announced_once_as_the_clock_moves(services: Services, meli_account_a) -> None:
    tenant = meli_account_a.tenant_id
    question = await ask(services, meli_account_a, 1001, 0, now=T0)
    ctx = {"services": services}
    async with Bus(services, tenant) as bus:
        for minutes, expected in (
            (47, {}),
            (48, {"warned": 1}),
            (50, {}),
            (59, {}),
            (60, {"breached": 1}),
            (61, {}),
            (600, {}),
        ):
            outcome = await announce_question_sla(ctx, now=T0 + timedelta(minutes=minutes))
            assert {k: v for k, v in outcome.items() if v} == expected, minutes
        assert await bus.drain() == [(str(question), "sla1"), (str(question), "sla2")]
    assert await stages(services, tenant) == {1001: 2}


async def test_two_workers_at_once_announce_a_crossing_once(services: Services, meli_account_a) -> None:
    ids = {await ask(services, meli_account_a, 2000 + n, 65, now=T0) for n in range(20)}
    ctx = {"services": services}
    async with Bus(services, meli_account_a.tenant_id) as bus:
        outcomes = await asyncio.gather(*(announce_question_sla(ctx, now=T0) for _ in range(4)))
        assert sum(outcome["breached"] for outcome in outcomes) == 20
        assert sum(outcome["warned"] for outcome in outcomes) == 0
        published = await bus.drain()
    assert sorted(published) == sorted((str(i), "sla2") for i in ids)


async def test_answered_questions_and_other_tenants_stay_quiet(
    services: Services, meli_account_a, meli_account_b
) -> None:
    await ask(services, meli_account_a, 3001, 90, now=T0, answered_after=timedelta(minutes=5))
    late_b = await ask(services, meli_account_b, 3002, 90, now=T0)
    async with Bus(services, meli_account_a.tenant_id) as bus_a, Bus(services, meli_account_b.tenant_id) as bus_b:
        assert await announce_question_sla({"services": services}, now=T0) == {"warned": 0, "breached": 1}
        assert await bus_a.drain() == []
        assert await bus_b.drain() == [(str(late_b), "sla2")]


def test_the_worker_runs_the_job_every_minute() -> None:
    [job] = [job for job in WorkerSettings.cron_jobs if job.coroutine is announce_question_sla]
    assert job.unique and job.second == {40} and job.minute is None
    assert announce_question_sla in WorkerSettings.functions


async def test_a_screen_sees_warning_at_fifty_minutes_and_breached_at_sixty(
    live_server: str, services: Services, meli_account_a
) -> None:
    """The issue's acceptance: asked 50 minutes ago → WARNING; ten minutes later → BREACHED; never twice."""
    question = await ask(services, meli_account_a, 4001, 50)
    token = await api_token_for(services, await _tenant(services, meli_account_a))
    ctx = {"services": services}
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(CHANGED)
        await asyncio.sleep(0.2)  # registered before the job runs
        assert await announce_question_sla(ctx) == {"warned": 1, "breached": 0}
        warned = (await socket.next_payload(timeout=2.0))["data"]["questionChanged"]
        assert (warned["mlId"], warned["slaState"]) == ("4001", "WARNING")
        assert await announce_question_sla(ctx) == {"warned": 0, "breached": 0}
        await age(services, meli_account_a.tenant_id, question, 10)
        assert await announce_question_sla(ctx) == {"warned": 0, "breached": 1}
        breached = (await socket.next_payload(timeout=2.0))["data"]["questionChanged"]
        assert (breached["mlId"], breached["slaState"]) == ("4001", "BREACHED")
        assert await announce_question_sla(ctx) == {"warned": 0, "breached": 0}
        with pytest.raises(TimeoutError):
            await socket.receive(timeout=1.0)


async def _tenant(services: Services, account):
    from melihub.accounts.models import Tenant

    async with services.db.tenant(account.tenant_id) as session:
        return await session.get(Tenant, account.tenant_id)
