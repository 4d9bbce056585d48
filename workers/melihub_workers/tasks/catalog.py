"""Bulk stock operations: one slice of an operation per job; the next slice is queued when the deadline cuts it."""

from __future__ import annotations

import secrets
import time
import uuid
from typing import Any

from melihub.catalog import bulk, bulk_run
from melihub.catalog.models import BulkOperation
from melihub.runtime import Services

# A slice works this share of the job timeout; its lines in flight end well before arq would cancel it.
SLICE_SHARE = 0.6


async def run_bulk_operation(ctx: dict[str, Any], tenant_id: str, operation_id: str) -> dict[str, Any]:
    services: Services = ctx["services"]
    tenant, operation = uuid.UUID(tenant_id), uuid.UUID(operation_id)
    deadline = time.monotonic() + services.settings.worker_job_timeout_s * SLICE_SHARE
    more = await bulk_run.run_operation(services, tenant, operation, deadline)
    if more:
        async with services.db.tenant(tenant) as session:
            row = await session.get(BulkOperation, operation)
        if row is not None:
            await bulk.enqueue(services, row, secrets.token_hex(4))
    return {"more": more}
