"""The tenant's question SLA and business hours: set with updateTenantSettings, checked, audited, and the
unanswered questions' due times follow (answered ones keep theirs); new questions get due times from them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from sqlmodel import select

from melihub.audit.models import AuditEntry
from melihub.runtime import Services
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD
from tests.questions.sla_world import ask, sql

UPDATE = """mutation($input: UpdateTenantSettingsInput!) {
  updateTenantSettings(input: $input) {
    tenant { questionSlaMinutes businessHours { days start end } timeZone }
    errors { field code }
  }
}"""
TENANT = "{ tenant { questionSlaMinutes businessHours { days start end } } }"
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
FRIDAY_1750 = datetime(2025, 3, 14, 17, 50, tzinfo=SAO_PAULO)
WEEKDAYS = {"days": [5, 1, 2, 3, 4], "start": "09:00", "end": "18:00"}


async def update(client: httpx.AsyncClient, **given: object) -> dict:
    body = await gql(client, UPDATE, {"input": given})
    assert not body.get("errors"), body
    return body["data"]["updateTenantSettings"]


async def due_times(services: Services, tenant_id) -> dict[int, datetime]:
    return dict(await sql(services, tenant_id, "SELECT ml_id, sla_due_at FROM questions"))


async def test_a_new_tenant_answers_within_an_hour_round_the_clock(client: httpx.AsyncClient, tenant_a) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert (await gql(client, TENANT))["data"]["tenant"] == {"questionSlaMinutes": 60, "businessHours": None}


async def test_a_question_arrives_with_its_due_time(services: Services, meli_account_a) -> None:
    await ask(services, meli_account_a, 501, 0, now=FRIDAY_1750)
    assert await due_times(services, meli_account_a.tenant_id) == {501: FRIDAY_1750 + timedelta(hours=1)}


async def test_setting_hours_moves_open_questions_and_is_audited(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    tenant = meli_account_a.tenant_id
    await ask(services, meli_account_a, 601, 0, now=FRIDAY_1750)
    await ask(services, meli_account_a, 602, 0, now=FRIDAY_1750, answered_after=timedelta(minutes=5))
    await sql(services, tenant, "UPDATE questions SET sla_stage = 1")
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    payload = await update(client, questionSlaMinutes=60, businessHours=WEEKDAYS)
    assert payload == {
        "tenant": {
            "questionSlaMinutes": 60,
            "businessHours": {"days": [1, 2, 3, 4, 5], "start": "09:00", "end": "18:00"},
            "timeZone": "America/Sao_Paulo",
        },
        "errors": [],
    }
    monday_0950 = datetime(2025, 3, 17, 9, 50, tzinfo=SAO_PAULO)
    answered_due = FRIDAY_1750 + timedelta(hours=1)
    assert await due_times(services, tenant) == {601: monday_0950, 602: answered_due}
    assert dict(await sql(services, tenant, "SELECT ml_id, sla_stage FROM questions")) == {601: 0, 602: 1}

    await update(client, questionSlaMinutes=15)  # the hours stay when not given
    assert (await due_times(services, tenant))[601] == datetime(2025, 3, 17, 9, 5, tzinfo=SAO_PAULO)
    # The hours are local: in Manaus, an hour behind, the question came at 16:50, still inside Friday's hours.
    await update(client, timeZone="America/Manaus")
    assert (await due_times(services, tenant))[601] == datetime(2025, 3, 14, 17, 5, tzinfo=ZoneInfo("America/Manaus"))
    await update(client, businessHours=None, timeZone="America/Sao_Paulo")
    assert (await due_times(services, tenant))[601] == FRIDAY_1750 + timedelta(minutes=15)
    assert (await gql(client, TENANT))["data"]["tenant"] == {"questionSlaMinutes": 15, "businessHours": None}

    async with services.db.tenant(tenant) as session:
        rows = (await session.exec(select(AuditEntry).where(AuditEntry.action == "updateTenantSettings"))).all()
    first = min(rows, key=lambda row: row.seq)
    assert (first.before, first.after) == (
        {"businessHours": None},
        {"businessHours": {"days": [1, 2, 3, 4, 5], "start": "09:00", "end": "18:00"}},
    )


async def test_bad_sla_and_hours_are_refused_and_nothing_changes(
    client: httpx.AsyncClient, services: Services, meli_account_a
) -> None:
    await ask(services, meli_account_a, 701, 0, now=FRIDAY_1750)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for minutes in (0, -5, 10081):
        payload = await update(client, name="Renamed", questionSlaMinutes=minutes)
        assert (payload["tenant"], payload["errors"]) == (
            None,
            [{"field": "questionSlaMinutes", "code": "INVALID_SLA"}],
        )
    bad_hours = [
        {"days": [], "start": "09:00", "end": "18:00"},
        {"days": [1, 1], "start": "09:00", "end": "18:00"},
        {"days": [1, 9], "start": "09:00", "end": "18:00"},
        {"days": [1], "start": "18:00", "end": "09:00"},
        {"days": [1], "start": "09:00", "end": "09:00"},
        {"days": [1], "start": "nine", "end": "18:00"},
    ]
    for hours in bad_hours:
        payload = await update(client, questionSlaMinutes=30, businessHours=hours)
        assert payload["errors"] == [{"field": "businessHours", "code": "INVALID_BUSINESS_HOURS"}], hours
    assert (await gql(client, "{ tenant { name questionSlaMinutes businessHours { days } } }"))["data"]["tenant"] == {
        "name": "Loja Aurora",
        "questionSlaMinutes": 60,
        "businessHours": None,
    }
    assert await due_times(services, meli_account_a.tenant_id) == {701: FRIDAY_1750 + timedelta(hours=1)}
