"""Sync over GraphQL: syncMeliAccountNow, cancelSyncRun, syncRuns, syncProgress and MeliAccount.health.

Runs, cursors and events are written directly with the domain models, as the order tests do; the
worker never runs here, so a queued run stays queued.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant, User
from melihub.audit.models import AuditEntry
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.events.models import EventStatus, IntegrationEvent
from melihub.runtime import Services
from melihub.sync import flows
from melihub.sync.models import RunKind, RunStatus, SyncCursor, SyncRun
from melihub.testing.graphql import error_codes, gid, gql
from melihub.testing.sqlcount import count_statements
from melihub.testing.ws import graphql_socket
from tests.conftest import api_token_for

SYNC_NOW = """mutation($a: ID!, $since: DateTime) {
  syncMeliAccountNow(meliAccountId: $a, since: $since) {
    syncRun { id kind status meliAccount { id } }
    joined
    errors { field code }
  }
}"""
CANCEL = """mutation($id: ID!) {
  cancelSyncRun(id: $id) { syncRun { id status cancelRequested finishedAt } errors { field code } }
}"""
RUNS = """query($filter: SyncRunFilter) {
  syncRuns(filter: $filter) { nodes { id status } }
}"""
RUN = """query($id: ID!) {
  node(id: $id) { ... on SyncRun {
    id progress { resource total done } total done etaSeconds notes reason meliAccount { id }
  } }
}"""
NOW = datetime.now(UTC)


async def add(services: Services, tenant_id: uuid.UUID, *rows: Any) -> None:
    async with services.db.tenant(tenant_id) as session:
        session.add_all(rows)


def run_of(account: MeliAccount, status: RunStatus, **fields: Any) -> SyncRun:
    fields.setdefault("kind", RunKind.BACKFILL.value)
    return SyncRun(tenant_id=account.tenant_id, meli_account_id=account.id, status=status.value, **fields)


async def new_account(services: Services, tenant: Tenant, ml_user_id: int, **fields: Any) -> MeliAccount:
    account = MeliAccount(
        tenant_id=tenant.id, ml_user_id=ml_user_id, site_id="MLB", nickname=f"S{ml_user_id}", **fields
    )
    await add(services, tenant.id, account)
    return account


@pytest_asyncio.fixture
async def token(services: Services, tenant_a: tuple[Tenant, User], client: httpx.AsyncClient) -> str:
    """An operator-level caller of tenant A (integrators may operate); ``client`` starts the app."""
    return await api_token_for(services, tenant_a[0], Role.INTEGRATOR)


# ---- syncMeliAccountNow / cancelSyncRun ------------------------------------------------------------


async def test_syncing_now_queues_a_backfill_and_a_second_call_joins_it(
    client: httpx.AsyncClient, services: Services, token: str, meli_account_a: MeliAccount
) -> None:
    account = gid("MeliAccount", meli_account_a.id)

    first = (await gql(client, SYNC_NOW, {"a": account}, token=token))["data"]["syncMeliAccountNow"]
    second = (await gql(client, SYNC_NOW, {"a": account}, token=token))["data"]["syncMeliAccountNow"]

    assert first["errors"] == [] and first["joined"] is False
    assert first["syncRun"]["kind"] == "BACKFILL" and first["syncRun"]["status"] == "QUEUED"
    assert first["syncRun"]["meliAccount"] == {"id": account}
    assert second == {**first, "joined": True}
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        audited = (
            await session.exec(
                select(AuditEntry).where(AuditEntry.action == "syncMeliAccountNow").order_by(col(AuditEntry.seq))
            )
        ).all()
    assert [(entry.target_id, entry.after["joined"]) for entry in audited] == [
        (first["syncRun"]["id"], False),
        (first["syncRun"]["id"], True),
    ]


async def test_a_since_in_the_future_is_bad_input_and_queues_nothing(
    client: httpx.AsyncClient, services: Services, token: str, meli_account_a: MeliAccount
) -> None:
    variables = {"a": gid("MeliAccount", meli_account_a.id), "since": (NOW + timedelta(days=1)).isoformat()}
    payload = (await gql(client, SYNC_NOW, variables, token=token))["data"]["syncMeliAccountNow"]
    assert payload == {"syncRun": None, "joined": False, "errors": [{"field": "since", "code": "BAD_USER_INPUT"}]}
    assert (await gql(client, RUNS, {}, token=token))["data"]["syncRuns"]["nodes"] == []


async def test_cancelling_a_queued_run_cancels_it_at_once(
    client: httpx.AsyncClient, token: str, meli_account_a: MeliAccount
) -> None:
    queued = await gql(client, SYNC_NOW, {"a": gid("MeliAccount", meli_account_a.id)}, token=token)
    run_id = queued["data"]["syncMeliAccountNow"]["syncRun"]["id"]

    payload = (await gql(client, CANCEL, {"id": run_id}, token=token))["data"]["cancelSyncRun"]

    assert payload["errors"] == []
    assert payload["syncRun"]["id"] == run_id and payload["syncRun"]["status"] == "CANCELLED"
    assert payload["syncRun"]["finishedAt"] is not None


async def test_cancelling_a_finished_run_answers_already_finished(
    client: httpx.AsyncClient, services: Services, token: str, meli_account_a: MeliAccount
) -> None:
    run = run_of(meli_account_a, RunStatus.SUCCEEDED, finished_at=NOW)
    await add(services, meli_account_a.tenant_id, run)

    payload = (await gql(client, CANCEL, {"id": gid("SyncRun", run.id)}, token=token))["data"]["cancelSyncRun"]

    assert payload == {"syncRun": None, "errors": [{"field": "id", "code": "ALREADY_FINISHED"}]}


async def test_analysts_may_read_runs_but_not_start_one(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> None:
    analyst = await api_token_for(services, tenant_a[0], Role.ANALYST)
    payload = await gql(client, SYNC_NOW, {"a": gid("MeliAccount", meli_account_a.id)}, token=analyst)
    assert payload["data"]["syncMeliAccountNow"]["errors"] == [{"field": None, "code": "FORBIDDEN"}]
    assert (await gql(client, RUNS, {}, token=analyst))["data"]["syncRuns"]["nodes"] == []


# ---- syncRuns and the run itself ------------------------------------------------------------------


async def test_sync_runs_are_newest_first_and_filter_by_account_and_status(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User], token: str, meli_account_a: Any
) -> None:
    other = await new_account(services, tenant_a[0], 2400000001)
    old = run_of(meli_account_a, RunStatus.SUCCEEDED, created_at=NOW - timedelta(hours=3))
    failed = run_of(meli_account_a, RunStatus.FAILED, created_at=NOW - timedelta(hours=2))
    queued = run_of(other, RunStatus.QUEUED, created_at=NOW - timedelta(hours=1))
    await add(services, tenant_a[0].id, old, failed, queued)
    a, o = gid("MeliAccount", meli_account_a.id), gid("MeliAccount", other.id)

    async def runs(**filter: Any) -> list[tuple[str, str]]:
        body = await gql(client, RUNS, {"filter": filter or None}, token=token)
        return [(node["id"], node["status"]) for node in body["data"]["syncRuns"]["nodes"]]

    ids = {run.id: gid("SyncRun", run.id) for run in (old, failed, queued)}
    assert await runs() == [(ids[queued.id], "QUEUED"), (ids[failed.id], "FAILED"), (ids[old.id], "SUCCEEDED")]
    assert await runs(meliAccountId=a) == [(ids[failed.id], "FAILED"), (ids[old.id], "SUCCEEDED")]
    assert await runs(status="FAILED") == [(ids[failed.id], "FAILED")]
    assert await runs(meliAccountId=o, status="FAILED") == []
    assert await runs(meliAccountId=o) == [(ids[queued.id], "QUEUED")]


async def test_a_running_run_shows_progress_in_resource_order_its_sums_and_an_eta(
    client: httpx.AsyncClient, services: Services, token: str, meli_account_a: MeliAccount
) -> None:
    progress = {"listings": {"total": 40, "done": 10}, "orders": {"total": 60, "done": 40}}
    # Relative to now, not to the module's import: the ETA is computed from the wall clock.
    started = datetime.now(UTC) - timedelta(seconds=100)
    run = run_of(meli_account_a, RunStatus.RUNNING, started_at=started, progress=progress)
    run.notes = ["shipment 41 answered 404: skipped"]
    await add(services, meli_account_a.tenant_id, run)

    node = (await gql(client, RUN, {"id": gid("SyncRun", run.id)}, token=token))["data"]["node"]

    assert [(p["resource"], p["total"], p["done"]) for p in node["progress"]] == [
        ("orders", 60, 40),
        ("shipments", 0, 0),
        ("listings", 40, 10),
        ("questions", 0, 0),
        ("messages", 0, 0),
        ("claims", 0, 0),
    ]
    assert (node["total"], node["done"]) == (100, 50)
    assert 100 <= node["etaSeconds"] <= 110  # 50 done in ~100 s, 50 to go
    assert node["notes"] == ["shipment 41 answered 404: skipped"]
    assert node["meliAccount"] == {"id": gid("MeliAccount", meli_account_a.id)}


async def test_another_tenants_runs_and_accounts_are_not_found(
    client: httpx.AsyncClient, services: Services, token: str, meli_account_a: Any, meli_account_b: MeliAccount
) -> None:
    theirs = run_of(meli_account_b, RunStatus.QUEUED)
    await add(services, meli_account_b.tenant_id, theirs)
    run_id, account_id = gid("SyncRun", theirs.id), gid("MeliAccount", meli_account_b.id)

    node = await gql(client, RUN, {"id": run_id}, token=token)
    cancel = (await gql(client, CANCEL, {"id": run_id}, token=token))["data"]["cancelSyncRun"]
    sync = (await gql(client, SYNC_NOW, {"a": account_id}, token=token))["data"]["syncMeliAccountNow"]
    listed = await gql(client, RUNS, {"filter": {"meliAccountId": account_id}}, token=token)

    assert node["data"]["node"] is None and error_codes(node) == ["NOT_FOUND"]
    assert cancel == {"syncRun": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert sync["errors"] == [{"field": "meliAccountId", "code": "NOT_FOUND"}] and sync["syncRun"] is None
    assert listed["data"] is None and error_codes(listed) == ["NOT_FOUND"]
    async with services.db.tenant(meli_account_b.tenant_id) as session:
        stored = await session.get(SyncRun, theirs.id)
    assert stored is not None and stored.status == RunStatus.QUEUED.value  # B's run goes on


# ---- MeliAccount.health -----------------------------------------------------------------------------

HEALTH = """query($first: Int) { meliAccounts(first: $first) { nodes { id health {
  state lastSyncedAt cursorLagSeconds failedEvents24h breakerOpen tokenExpiresAt
} } } }"""
HEALTH_READS = ("meli_accounts.id IN", "FROM sync_cursors", "FROM sync_runs", "FROM integration_events")


def cursor(account: MeliAccount, lag: timedelta) -> SyncCursor:
    at = datetime.now(UTC) - lag  # the wall clock of the test, not the module's import
    return SyncCursor(tenant_id=account.tenant_id, meli_account_id=account.id, orders_updated_to=at, last_synced_at=at)


def failed_events(account: MeliAccount, count: int, age: timedelta = timedelta(hours=1)) -> list[IntegrationEvent]:
    return [
        IntegrationEvent(
            tenant_id=account.tenant_id,
            meli_account_id=account.id,
            notification_id=f"n-{uuid.uuid4()}",
            topic="orders_v2",
            resource="/orders/1",
            status=EventStatus.FAILED.value,
            updated_at=datetime.now(UTC) - age,
        )
        for _ in range(count)
    ]


async def seed_situations(services: Services, tenant: Tenant) -> dict[str, MeliAccount]:
    """One account per situation; each name says the state it must have."""
    ids = iter(range(2400000100, 2400000200))
    names = ("healthy", "lagging", "one_failure", "never_synced", "first_run", "ten_failures", "run_failed")
    names += ("breaker", "paused")
    accounts = {name: await new_account(services, tenant, next(ids)) for name in names}
    accounts["relink"] = await new_account(services, tenant, next(ids), status=AccountStatus.REAUTH_REQUIRED.value)
    synced = [name for name in accounts if name not in ("lagging", "never_synced", "first_run")]
    rows: list[Any] = [cursor(accounts[name], timedelta(minutes=1)) for name in synced]
    rows.append(cursor(accounts["lagging"], timedelta(hours=1)))  # the degraded line: 3 x 600 s
    rows += [run_of(accounts["healthy"], RunStatus.SUCCEEDED), run_of(accounts["first_run"], RunStatus.QUEUED)]
    rows += failed_events(accounts["one_failure"], 1) + failed_events(accounts["ten_failures"], 10)
    rows += failed_events(accounts["healthy"], 3, age=timedelta(hours=25))  # older than a day: not counted
    rows += [run_of(accounts["run_failed"], RunStatus.FAILED), run_of(accounts["paused"], RunStatus.REAUTH_REQUIRED)]
    await add(services, tenant.id, *rows)
    assert services.meli is not None
    while (await services.meli.breaker.record_failure(str(accounts["breaker"].id), "orders")).value != "open":
        pass
    return accounts


async def test_health_states_of_prepared_situations(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User], token: str
) -> None:
    accounts = await seed_situations(services, tenant_a[0])

    body = await gql(client, HEALTH, {"first": 50}, token=token)

    health = {node["id"]: node["health"] for node in body["data"]["meliAccounts"]["nodes"]}
    by_name = {name: health[gid("MeliAccount", account.id)] for name, account in accounts.items()}
    assert {name: found["state"] for name, found in by_name.items()} == {
        "healthy": "HEALTHY",
        "lagging": "DEGRADED",
        "one_failure": "DEGRADED",
        "never_synced": "FAILING",
        "first_run": "HEALTHY",
        "ten_failures": "FAILING",
        "run_failed": "FAILING",
        "breaker": "FAILING",
        "relink": "REAUTH_REQUIRED",
        "paused": "REAUTH_REQUIRED",
    }
    assert [by_name[n]["failedEvents24h"] for n in ("healthy", "one_failure", "ten_failures")] == [0, 1, 10]
    assert [name for name, found in by_name.items() if found["breakerOpen"]] == ["breaker"]
    assert 3590 <= by_name["lagging"]["cursorLagSeconds"] <= 3700
    assert by_name["never_synced"]["cursorLagSeconds"] is None and by_name["never_synced"]["lastSyncedAt"] is None


async def test_health_of_ten_accounts_costs_the_statements_of_one(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User], token: str
) -> None:
    await seed_situations(services, tenant_a[0])

    async def health_reads(first: int) -> list[str]:
        with count_statements(services.db) as counted:
            body = await gql(client, HEALTH, {"first": first}, token=token)
        assert len(body["data"]["meliAccounts"]["nodes"]) == first
        return [s for s in counted.statements if any(read in s for read in HEALTH_READS)]

    one, ten = await health_reads(1), await health_reads(10)
    assert len(one) == len(ten) == 5, "\n".join(ten)  # accounts, cursors, newest runs, open runs, failed events


# ---- syncProgress -----------------------------------------------------------------------------------

PROGRESS = "subscription($a: ID) { syncProgress(meliAccountId: $a) { id status done meliAccount { id } } }"


async def test_sync_progress_pushes_the_runs_of_the_account_asked_for(
    live_server: str, services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> None:
    token = await api_token_for(services, tenant_a[0])
    other = await new_account(services, tenant_a[0], 2400000002)
    mine = run_of(meli_account_a, RunStatus.RUNNING, progress={"orders": {"total": 9, "done": 3}})
    elsewhere = run_of(other, RunStatus.RUNNING)
    await add(services, tenant_a[0].id, mine, elsewhere)
    account = gid("MeliAccount", meli_account_a.id)

    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(PROGRESS, {"a": account})
        await asyncio.sleep(0.3)  # subscribed before the changes are published
        await flows.announce(services, elsewhere)
        await flows.announce(services, mine)
        payload = await socket.next_payload(timeout=3.0)
        with pytest.raises(TimeoutError):
            await socket.receive(timeout=0.5)

    assert payload["data"]["syncProgress"] == {
        "id": gid("SyncRun", mine.id),
        "status": "RUNNING",
        "done": 3,
        "meliAccount": {"id": account},
    }


async def test_sync_progress_of_another_tenants_account_is_not_found(
    live_server: str, services: Services, tenant_a: tuple[Tenant, User], meli_account_b: MeliAccount
) -> None:
    token = await api_token_for(services, tenant_a[0])
    async with graphql_socket(live_server, authorization=f"Bearer {token}") as socket:
        await socket.subscribe(PROGRESS, {"a": gid("MeliAccount", meli_account_b.id)})
        message = await socket.receive(timeout=3.0)
    assert message["type"] in ("error", "next"), message
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert [error["extensions"]["code"] for error in errors] == ["NOT_FOUND"]
