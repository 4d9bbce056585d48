"""The sync reads threads in the background without marking them read: only a person marks a thread read.

With the reference world rebased to now, a backfill plans the threads of recent sales; each thread GET
passes ``mark_as_read=false``, the buyer's unread message stays unread on Mercado Livre (the sandbox) and
its conversation counts it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from melihub.runtime import Services
from melihub.sandbox.testing import running_sandbox
from melihub.sync import engine
from melihub.testing.fixtures import SELLER_A
from tests.conftest import link_seller
from tests.messages.conftest import PACK, THREAD_ROUTE, calls_to


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """The reference world moved to now, so its sales are inside the sync's message window."""
    with running_sandbox(rebase_clock=True) as handle:
        yield handle


async def test_a_backfill_reads_threads_without_marking_them_read(
    meli_client_http: Any, meli_services: Services, sandbox: Any, tenant_a: Any
) -> None:
    unread = sandbox.buyer_message(PACK, "Vocês enviam as duas juntas?")
    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    async with meli_services.db.tenant(tenant_a[0].id) as session:
        [(run_id,)] = (await session.exec(text("SELECT id FROM sync_runs"))).all()  # the link's backfill
    sandbox.reset_stats()

    outcome = await engine.execute(meli_services, tenant_a[0].id, run_id)

    assert outcome.status == "succeeded", outcome
    reads = calls_to(sandbox, "GET", THREAD_ROUTE)
    assert reads and all("mark_as_read=false" in call["query"] for call in reads)
    in_sandbox = next(m for m in sandbox.get("messages", PACK)["messages"] if m["id"] == unread["id"])
    assert in_sandbox["message_date"]["read"] is None
    async with meli_services.db.tenant(tenant_a[0].id) as session:
        counted = (
            await session.exec(
                text("SELECT unread_count FROM conversations WHERE thread_ml_id = :t").bindparams(t=PACK)
            )
        ).all()
    assert [tuple(row) for row in counted] == [(1,)]  # the reference's buyer message was read; the new one not
