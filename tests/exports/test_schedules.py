"""Export schedules: a cron in the tenant's zone, validated; the minute job starts each slot once (however
many workers run it), each run an Export linked to its schedule keeping its file keepHours; cancelled
schedules stop; analysts may not create or cancel them; create and cancel are audited."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest_asyncio
from sqlmodel import col, select

from melihub.accounts.models import Tenant, User
from melihub.audit.models import AuditEntry
from melihub.connections.models import MeliAccount
from melihub.exports import schedules
from melihub.graphql.relay import row_id_of
from melihub.runtime import Services
from melihub_workers.tasks.exports import start_due_exports
from tests.exports.world import ExportWorld, export_world, sao_paulo

CREATE = """
mutation($kind: ExportKind!, $format: ExportFormat!, $filter: ExportFilter, $cron: String!, $keep: Int) {
  createExportSchedule(kind: $kind, format: $format, filter: $filter, cron: $cron, keepHours: $keep) {
    schedule { id kind format cron timeZone active keepHours nextRunAt lastRunAt cancelledAt }
    errors { field message code }
  }
}
"""
CANCEL = """
mutation($id: ID!) {
  cancelExportSchedule(id: $id) { schedule { id active cancelledAt nextRunAt } errors { field code } }
}
"""
SCHEDULES = """
query { exportSchedules(first: 10) { nodes { id active lastRunAt
  exports(first: 10) { nodes { id status rows expiresAt finishedAt schedule { id } } } } } }
"""


@pytest_asyncio.fixture
async def world(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> AsyncIterator[ExportWorld]:
    async with export_world(services, *tenant_a, meli_account_a) as built:
        yield built


async def create(world: ExportWorld, who: str, cron: str, keep: int | None = 3, **filter_: Any) -> dict[str, Any]:
    variables = {"kind": "ORDERS", "format": "CSV", "filter": filter_ or None, "cron": cron, "keep": keep}
    payload: dict[str, Any] = (await world.call(who, CREATE, variables))["createExportSchedule"]
    return payload


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


async def tick(world: ExportWorld, now: datetime) -> int:
    outcome = await start_due_exports({"services": world.services}, now=now)
    return outcome["started"]


async def test_a_cron_is_read_in_the_tenants_time_zone(world: ExportWorld) -> None:
    created = await create(world, "operator", "0 8 * * 1-5")
    schedule = created["schedule"]
    assert created["errors"] == [] and schedule["timeZone"] == "America/Sao_Paulo"
    assert schedule["keepHours"] == 3 and schedule["active"] is True
    # 08:00 in São Paulo is 11:00 UTC; the next weekday slot after now.
    first = at(schedule["nextRunAt"])
    assert (first.hour, first.minute) == (11, 0) and first.weekday() < 5 and first > datetime.now(UTC)
    assert schedules.next_slot("0 8 * * *", "America/Sao_Paulo", sao_paulo(2026, 12, 1, 8)) == sao_paulo(2026, 12, 2, 8)


async def test_a_schedule_runs_on_its_cron_once_per_slot(world: ExportWorld) -> None:
    await world.order(world.account, sao_paulo(2026, 11, 2))
    schedule = (await create(world, "operator", "* * * * *"))["schedule"]
    slot = at(schedule["nextRunAt"])

    early = await tick(world, slot - timedelta(seconds=1))
    first = await tick(world, slot + timedelta(seconds=2))
    again = await tick(world, slot + timedelta(seconds=30))  # the same minute: nothing new
    racing = await asyncio.gather(*(tick(world, slot + timedelta(minutes=1, seconds=2)) for _ in range(3)))

    assert (early, first, again, sorted(racing)) == (0, 1, 0, [0, 0, 1])
    rows = await world.sql(
        "SELECT slot_at, status FROM exports WHERE schedule_id = :s ORDER BY slot_at",
        s=row_id_of(schedule["id"], "ExportSchedule"),
    )
    assert [(slot_at, status) for slot_at, status in rows] == [
        (slot, "QUEUED"),
        (slot + timedelta(minutes=1), "QUEUED"),
    ]


async def test_each_run_is_an_export_of_the_schedule_keeping_its_file_keep_hours(world: ExportWorld) -> None:
    await world.order(world.account, sao_paulo(2026, 11, 2))
    schedule = (await create(world, "operator", "*/5 * * * *", keep=3))["schedule"]
    assert await tick(world, at(schedule["nextRunAt"]) + timedelta(seconds=1)) == 1
    export_id = (await world.call("analyst", SCHEDULES))["exportSchedules"]["nodes"][0]["exports"]["nodes"][0]["id"]

    done = await world.finished("analyst", export_id)  # the team's: an analyst reads the schedule's runs

    assert (done["status"], done["rows"], done["schedule"]) == ("DONE", 1, {"id": schedule["id"]})
    kept = at(done["expiresAt"]) - at(done["finishedAt"])
    assert kept == timedelta(hours=3)
    listed = (await world.call("owner", SCHEDULES))["exportSchedules"]["nodes"][0]
    assert listed["lastRunAt"] == schedule["nextRunAt"]


async def test_a_cancelled_schedule_starts_nothing_more(world: ExportWorld) -> None:
    schedule = (await create(world, "operator", "* * * * *"))["schedule"]
    cancelled = (await world.call("operator", CANCEL, {"id": schedule["id"]}))["cancelExportSchedule"]
    twice = (await world.call("operator", CANCEL, {"id": schedule["id"]}))["cancelExportSchedule"]

    assert cancelled["errors"] == [] and cancelled["schedule"]["active"] is False
    assert cancelled["schedule"]["nextRunAt"] is None and cancelled["schedule"]["cancelledAt"] is not None
    assert twice["schedule"]["cancelledAt"] == cancelled["schedule"]["cancelledAt"]
    assert await tick(world, at(schedule["nextRunAt"]) + timedelta(minutes=5)) == 0


async def test_analysts_may_not_create_or_cancel_schedules(world: ExportWorld) -> None:
    schedule = (await create(world, "operator", "0 6 * * *"))["schedule"]
    denied_create = await create(world, "analyst", "0 6 * * *")
    denied_cancel = (await world.call("analyst", CANCEL, {"id": schedule["id"]}))["cancelExportSchedule"]

    assert denied_create["schedule"] is None and [e["code"] for e in denied_create["errors"]] == ["FORBIDDEN"]
    assert denied_cancel["schedule"] is None and [e["code"] for e in denied_cancel["errors"]] == ["FORBIDDEN"]
    still = (await world.call("owner", SCHEDULES))["exportSchedules"]["nodes"]
    assert [node["active"] for node in still] == [True]


async def test_bad_crons_and_keep_hours_are_field_errors(world: ExportWorld) -> None:
    answers = [
        [(e["field"], e["code"]) for e in (await create(world, "operator", cron, keep))["errors"]]
        for cron, keep in (("every day", 3), ("61 * * * *", 3), ("0 0 * * * *", 3), ("0 8 * * *", 0))
    ]
    assert answers == [[("cron", "INVALID")]] * 3 + [[("keepHours", "INVALID")]]
    assert await world.sql("SELECT count(*) FROM export_schedules") == [(0,)]


async def test_creating_and_cancelling_a_schedule_are_audited(world: ExportWorld) -> None:
    schedule = (await create(world, "operator", "0 6 * * *"))["schedule"]
    await world.call("operator", CANCEL, {"id": schedule["id"]})
    async with world.services.db.tenant(world.tenant.id) as session:
        query = select(AuditEntry).where(col(AuditEntry.target_id) == schedule["id"]).order_by(col(AuditEntry.seq))
        entries = (await session.exec(query)).all()
    assert [(e.action, e.actor_user_id) for e in entries] == [
        ("createExportSchedule", world.user_ids["operator"]),
        ("cancelExportSchedule", world.user_ids["operator"]),
    ]
    assert entries[0].after is not None and entries[0].after["cron"] == "0 6 * * *"
    assert entries[1].before == {"active": True} and entries[1].after == {"active": False}


async def test_a_run_of_a_creator_who_left_fails_with_a_clear_error(world: ExportWorld) -> None:
    schedule = (await create(world, "operator", "* * * * *"))["schedule"]
    await world.sql("DELETE FROM memberships WHERE user_id = :u", u=world.user_ids["operator"])
    assert await tick(world, at(schedule["nextRunAt"]) + timedelta(seconds=1)) == 1
    rows = await world.sql("SELECT status, error FROM exports")
    assert rows == [("FAILED", "the member who created this schedule is no longer in the company: create the "
                     "schedule again")]  # fmt: skip
