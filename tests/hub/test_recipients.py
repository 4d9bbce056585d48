"""Recipients' documents come from Mercado Livre's billing data (the real sandbox): a hub order gets its
buyer's CPF; one whose order has no billing data is marked checked and not asked again for 6 hours; a
failing Mercado Livre (5xx, 429) leaves it for the next run."""

from __future__ import annotations

import copy
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.hub import recipients
from melihub.hub.models import HubOrder
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A
from melihub_workers.tasks import hub_recipients
from tests.conftest import link_seller
from tests.hub.world import arrive, hub_on, only_hub_order
from tests.sandbox.conftest import login

ORDER, SHIPMENT = "2000009876543201", "44123456701"  # paid, ready to ship; buyer João Pereira
BILLING_ROUTE = "GET /orders/{id}/billing_info"


async def _linked_hub(http: httpx.AsyncClient, sandbox: Any, services: Services, tenant: Tenant) -> MeliAccount:
    """Seller A linked to tenant A (real tokens), the hub on, and the sandbox's order arrived in the hub."""
    assert (await link_seller(http, sandbox, SELLER_A)).status_code == 200
    async with services.db.tenant(tenant.id) as session:
        account = (await session.exec(text("SELECT id FROM meli_accounts"))).one()  # type: ignore[call-overload]
        found = await session.get(MeliAccount, account.id)
    assert found is not None
    await hub_on(services.db, found)
    await arrive(
        services.db, found, ("shipment", sandbox.get("shipments", SHIPMENT)), ("order", sandbox.get("orders", ORDER))
    )
    return found


def _billing_calls(sandbox: Any) -> int:
    return sum(sandbox.stats()["calls"].get(BILLING_ROUTE, {}).values())


def _sandbox_document(sandbox: Any) -> str:
    """The CPF the sandbox gives this order's buyer (asked as seller A, outside melihub)."""
    token = login(sandbox.url, SELLER_A)["access_token"]
    answer = httpx.get(
        f"{sandbox.url}/orders/{ORDER}/billing_info",
        headers={"Authorization": f"Bearer {token}", "x-version": "2"},
    )
    number: str = answer.json()["buyer"]["billing_info"]["identification"]["number"]
    return number


def _not_a_lider(sandbox: Any) -> None:
    """Seller A without its Mercado Líder status: its drop-off orders carry no billing data on MLB."""
    seller = copy.deepcopy(sandbox.get("users", SELLER_A))
    seller["seller_reputation"]["power_seller_status"] = None
    sandbox.put("users", SELLER_A, seller)


async def _fill(services: Services) -> int:
    return await recipients.fill_documents(services, deadline=time.monotonic() + 60)


async def _age_checks(services: Services, tenant: Tenant, hours: int) -> None:
    async with services.db.tenant(tenant.id) as session:
        statement = text("UPDATE hub_orders SET document_checked_at = document_checked_at - make_interval(hours => :h)")
        await session.exec(statement, params={"h": hours})  # type: ignore[call-overload]


async def test_a_hub_order_gets_its_buyers_cpf(
    meli_client_http: httpx.AsyncClient, sandbox: Any, meli_services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    account = await _linked_hub(meli_client_http, sandbox, meli_services, tenant_a[0])
    assert (await only_hub_order(meli_services.db, account)).recipient_document is None

    assert await hub_recipients.fill_hub_documents({"services": meli_services}) == {"filled": 1}

    filled: HubOrder = await only_hub_order(meli_services.db, account)
    assert filled.recipient_document == _sandbox_document(sandbox)
    assert len(filled.recipient_document) == 11 and filled.document_checked_at is not None
    assert filled.recipient_name == "João Pereira"  # from the shipment, untouched
    asked = _billing_calls(sandbox)
    assert asked == 2  # melihub's one call, and the check's above
    assert await _fill(meli_services) == 0 and _billing_calls(sandbox) == asked  # a filled order is not asked again


async def test_an_order_without_billing_data_is_checked_then_left_alone_for_six_hours(
    meli_client_http: httpx.AsyncClient, sandbox: Any, meli_services: Services, tenant_a: tuple[Tenant, User]
) -> None:
    _not_a_lider(sandbox)
    account = await _linked_hub(meli_client_http, sandbox, meli_services, tenant_a[0])

    assert await _fill(meli_services) == 0
    checked = await only_hub_order(meli_services.db, account)
    assert checked.recipient_document is None and checked.document_checked_at is not None
    assert _billing_calls(sandbox) == 1

    await _age_checks(meli_services, tenant_a[0], 5)
    assert await _fill(meli_services) == 0 and _billing_calls(sandbox) == 1  # still within the window

    # Six hours on, the shipment is cross docking now (billing data on MLB): asked again, and filled.
    shipment = sandbox.get("shipments", SHIPMENT)
    sandbox.put("shipments", SHIPMENT, {**shipment, "logistic": {**shipment["logistic"], "type": "cross_docking"}})
    await _age_checks(meli_services, tenant_a[0], 2)
    assert await _fill(meli_services) == 1 and _billing_calls(sandbox) == 2
    assert (await only_hub_order(meli_services.db, account)).recipient_document == _sandbox_document(sandbox)


@pytest.mark.parametrize("fault", ["5xx", "429"])
async def test_a_failing_mercado_livre_leaves_the_order_for_the_next_run(
    meli_client_http: httpx.AsyncClient,
    sandbox: Any,
    meli_services: Services,
    tenant_a: tuple[Tenant, User],
    fault: str,
) -> None:
    account = await _linked_hub(meli_client_http, sandbox, meli_services, tenant_a[0])
    sandbox.set_faults({"endpoints": {"orders": {fault: 1.0}}})
    try:
        assert await _fill(meli_services) == 0
    finally:
        sandbox.set_faults({})
    untouched = await only_hub_order(meli_services.db, account)
    assert untouched.recipient_document is None and untouched.document_checked_at is None
    failed = sandbox.stats()["calls"][BILLING_ROUTE]
    assert set(failed) <= {"500", "502", "503", "504", "429"} and sum(failed.values()) >= 1

    assert await _fill(meli_services) == 1  # the next run asks again
    assert (await only_hub_order(meli_services.db, account)).recipient_document == _sandbox_document(sandbox)
