"""Sync tests run against a sandbox whose dates are rebased to the real clock, so "the last 30 days"
and the 12-month search window mean the same to melihub and to the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import pytest_asyncio

from melihub.connections.runtime import install_meli
from melihub.events import timeline_notes
from melihub.runtime import Services
from tests.conftest import PUBLIC_URL


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """The reference fixture world, its clock moved to now (overrides the root fixture for sync tests)."""
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox(rebase_clock=True) as handle:
        yield handle


def point_at(services: Services, sandbox: Any, **settings: Any) -> Services:
    services.settings = services.settings.model_copy(
        update={
            "meli_api_url": sandbox.url,
            "meli_auth_url": sandbox.url,
            "public_url": PUBLIC_URL,
            "meli_max_retries": 1,
            "meli_app_rate_per_s": 1000.0,
            "meli_seller_rate_per_s": 1000.0,
            **settings,
        }
    )
    install_meli(services, timeline_notes.record)
    return services


@pytest_asyncio.fixture
async def meli_services(services: Services, sandbox: Any) -> Services:
    return point_at(services, sandbox)
