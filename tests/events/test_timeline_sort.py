"""The timeline reads newest first by default, oldest first on request, and pages the same way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from melihub.events.models import IntegrationEvent
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD

TIMELINE = """
query($sort: IntegrationEventSort, $after: String) {
  integrationEvents(sort: $sort, first: 2, after: $after) {
    nodes { resource }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def _events(services, tenant, count: int) -> list[str]:
    start = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    resources = [f"/orders/{index}" for index in range(count)]
    async with services.db.tenant(tenant.id) as session:
        for index, resource in enumerate(resources):
            session.add(
                IntegrationEvent(
                    tenant_id=tenant.id,
                    notification_id=f"n-{index}",
                    topic="orders_v2",
                    resource=resource,
                    payload={"resource": resource},
                    received_at=start + timedelta(minutes=index),
                )
            )
    return resources


async def _read_all(client, sort: dict[str, str] | None) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        body = await gql(client, TIMELINE, {"sort": sort, "after": after})
        page = body["data"]["integrationEvents"]
        seen += [node["resource"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


async def test_newest_first_by_default_and_oldest_first_when_asked(client, services, tenant_a) -> None:
    tenant, _ = tenant_a
    resources = await _events(services, tenant, 5)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)

    assert await _read_all(client, None) == resources[::-1]
    assert await _read_all(client, {"field": "RECEIVED_AT", "direction": "ASC"}) == resources
