"""printShippingLabels against the sandbox: batches of 50, one merged download, refusals per shipment.

120 shipments take 3 label calls and make one PDF of 120 pages (counted with pypdf), or one ZPL of 120
labels; a batch Mercado Livre answers 400 is asked again without the shipments it names; shipments melihub
knows have no label never reach Mercado Livre; each account's shipments go with its own token. The print is
reflected (ready_to_print → printed), audited and published; the download is a signed URL that expires.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest_asyncio
from pypdf import PdfReader
from sqlmodel import select

from melihub.accounts.models import Role, Tenant, User
from melihub.audit.models import AuditEntry
from melihub.connections.models import MeliAccount
from melihub.fulfilment.downloads import DOWNLOAD_TTL_S, KEY, check_signature, signature_of
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_B
from melihub.testing.graphql import gid
from tests.conftest import link_seller
from tests.fulfilment.world import (
    Bench,
    Line,
    add_member,
    linked_account_a,
    melihub,
    new_shipment_id,
    shipment_raw,
    shipments_by_ml_id,
    store_pack,
    store_shipments,
)

PRINT = """
mutation Print($ids: [ID!]!, $format: LabelFormat!) {
  printShippingLabels(shipmentIds: $ids, format: $format) {
    download { url fileName contentType size expiresAt }
    labelCount
    shipments { id mlId status substatus labelPrintedAt }
    errors { field message code }
  }
}
"""


@pytest_asyncio.fixture
async def labels_bench(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[Bench]:
    """Seller A linked through the sandbox (melihub holds its tokens); an operator and support signed in."""
    tenant, owner = tenant_a
    async with melihub(meli_services) as new_client, AsyncExitStack() as stack:
        account = await linked_account_a(new_client, sandbox, meli_services, tenant)
        bench = Bench(tenant, owner, account, new_client)
        for role in (Role.OPERATOR, Role.SUPPORT):
            await add_member(bench, meli_services, role, stack)
        yield bench


@dataclass
class Ready:
    """Shipments ready to print, in the sandbox and stored in melihub."""

    ids: list[str]  # global ids
    ml_ids: list[int]


async def ready_shipments(
    services: Services, sandbox: Any, account: MeliAccount, count: int, *, seller: int | None = None
) -> Ready:
    raws = [shipment_raw(new_shipment_id(), seller=seller or account.ml_user_id) for _ in range(count)]
    for raw in raws:
        sandbox.put("shipments", raw["id"], raw)
    stored = await store_shipments(services, account, *raws)
    return Ready([gid("Shipment", shipment.id) for shipment in stored], [shipment.ml_id for shipment in stored])


def label_calls(sandbox: Any) -> list[dict[str, Any]]:
    return [call for call in sandbox.calls() if call["route"] == "/shipment_labels"]


def asked_ids(call: dict[str, Any]) -> list[int]:
    return [int(i) for i in parse_qs(call["query"])["shipment_ids"][0].split(",")]


async def print_labels(bench: Bench, role: str, ids: list[str], fmt: str = "PDF") -> dict[str, Any]:
    body = await bench.call(role, PRINT, {"ids": ids, "format": fmt})
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["printShippingLabels"]
    return result


async def download(bench: Bench, url: str) -> Any:
    async with bench.new_client() as anyone:  # no session: the signed URL is the credential
        return await anyone.get(url)


def ml_ids_of(result: dict[str, Any]) -> list[int]:
    return [int(shipment["mlId"]) for shipment in result["shipments"]]


# ---- the acceptance: 120 shipments, 3 calls, one file -------------------------------------------------------


async def test_120_shipments_take_three_label_calls_and_make_one_pdf_of_120_pages(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    ids = (await ready_shipments(meli_services, sandbox, labels_bench.account, 120)).ids
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "operator", ids)

    calls = label_calls(sandbox)
    assert [(call["status"], len(asked_ids(call))) for call in calls] == [(200, 50), (200, 50), (200, 20)]
    assert result["errors"] == [] and result["labelCount"] == 120
    answer = await download(labels_bench, result["download"]["url"])
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(answer.content))
    assert len(pdf.pages) == 120
    asked = [ml_id for call in calls for ml_id in asked_ids(call)]
    assert [int(page.extract_text().split("Envio ")[1].split()[0]) for page in pdf.pages] == asked
    assert ml_ids_of(result) == asked  # in print order, the order the ids were given
    assert result["download"]["fileName"].endswith("-120.pdf") and result["download"]["size"] == len(answer.content)


async def test_120_shipments_make_one_zpl_file_of_120_labels(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    ids = (await ready_shipments(meli_services, sandbox, labels_bench.account, 120)).ids
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "operator", ids, "ZPL")

    assert [len(asked_ids(call)) for call in label_calls(sandbox)] == [50, 50, 20]
    assert all("response_type=zpl2" in call["query"] for call in label_calls(sandbox))
    answer = await download(labels_bench, result["download"]["url"])
    zpl = answer.content.decode()
    assert answer.headers["content-type"].startswith("text/plain") and zpl.count("^XA") == zpl.count("^XZ") == 120
    assert result["labelCount"] == 120 and "attachment" in answer.headers["content-disposition"]


async def test_a_pack_of_three_orders_prints_one_label(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    pack = await store_pack(meli_services, labels_bench.account, [[Line()], [Line()], [Line()]])
    sandbox.put("shipments", pack.shipment.ml_id, shipment_raw(pack.shipment.ml_id))
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "operator", [pack.shipment_id])

    assert [asked_ids(call) for call in label_calls(sandbox)] == [[pack.shipment.ml_id]]
    assert result["labelCount"] == 1 and ml_ids_of(result) == [pack.shipment.ml_id]


# ---- refusals per shipment ----------------------------------------------------------------------------------


async def test_shipments_mercado_livre_says_are_not_ready_come_back_with_its_reason_and_the_rest_prints(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    ready = await ready_shipments(meli_services, sandbox, labels_bench.account, 6)
    for ml_id in ready.ml_ids[1:3]:  # melihub still holds them ready; Mercado Livre moved them back
        moved = {"status": "handling", "substatus": "waiting_for_label_generation"}
        sandbox.put("shipments", ml_id, {**sandbox.get("shipments", ml_id), **moved})
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "operator", ready.ids)

    assert [(call["status"], len(asked_ids(call))) for call in label_calls(sandbox)] == [(400, 6), (200, 4)]
    assert [(error["field"], error["code"]) for error in result["errors"]] == [
        (ready.ids[1], "NOT_READY_TO_PRINT"),
        (ready.ids[2], "NOT_READY_TO_PRINT"),
    ]
    assert "not ready to print" in result["errors"][0]["message"].lower()
    assert result["labelCount"] == 4 and ml_ids_of(result) == [ready.ml_ids[0], *ready.ml_ids[3:]]


async def test_shipments_melihub_knows_have_no_label_never_reach_mercado_livre(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    account = labels_bench.account
    states = [
        {"status": "cancelled", "substatus": None},
        {"status": "shipped", "substatus": "in_hub"},
        {"status": "delivered", "substatus": None},
        {"logistic_type": "fulfillment"},
        {"logistic_type": "self_service"},
    ]
    raws = [shipment_raw(new_shipment_id(), **state) for state in states]  # type: ignore[arg-type]
    stored = await store_shipments(meli_services, account, *raws)
    ids = [gid("Shipment", s.id) for s in stored]
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "operator", [*ids, gid("Shipment", account.id), "nonsense"])

    assert label_calls(sandbox) == []
    assert [error["code"] for error in result["errors"]] == [
        "CANCELLED",
        "ALREADY_SHIPPED",
        "ALREADY_SHIPPED",
        "NO_LABEL",
        "NO_LABEL",
        "NOT_FOUND",
        "NOT_FOUND",
    ]
    assert result["download"] is None and result["shipments"] == [] and result["labelCount"] is None


# ---- the print is reflected, audited, published -------------------------------------------------------------


async def test_the_print_moves_ready_to_print_to_printed_here_and_in_mercado_livre(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    ids = (await ready_shipments(meli_services, sandbox, labels_bench.account, 3)).ids
    pubsub = meli_services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(labels_bench.tenant.id))
    try:
        await pubsub.get_message(timeout=1)
        result = await print_labels(labels_bench, "operator", ids)
        changes = []
        for _ in range(15):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
            if message is not None:
                changes.append(json.loads(message["data"]))
    finally:
        await pubsub.aclose()

    assert {(s["id"], s["substatus"]) for s in result["shipments"]} == {(i, "printed") for i in ids}
    assert all(s["labelPrintedAt"] for s in result["shipments"])
    assert [sandbox.get("shipments", ml_id)["substatus"] for ml_id in ml_ids_of(result)] == ["printed"] * 3
    stored = await shipments_by_ml_id(meli_services, labels_bench.account, ml_ids_of(result))
    assert [(s.substatus, s.raw["substatus"]) for s in stored] == [("printed", "printed")] * 3
    assert {c["id"] for c in changes if c["type"] == "shipment"} == {str(s.id) for s in stored}
    async with meli_services.db.tenant(labels_bench.tenant.id) as session:
        [audit] = (await session.exec(select(AuditEntry).where(AuditEntry.action == "printShippingLabels"))).all()
    assert audit.after == {"format": "PDF", "shipments": ids}

    again = await print_labels(labels_bench, "operator", ids)  # a reprint: Mercado Livre allows it
    assert again["errors"] == [] and again["labelCount"] == 3


async def test_each_accounts_shipments_go_with_its_own_token(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    async with labels_bench.new_client() as owner:
        assert (await link_seller(owner, sandbox, SELLER_B, site="MLA")).status_code == 200
    async with meli_services.db.tenant(labels_bench.tenant.id) as session:
        account_b = (await session.exec(select(MeliAccount).where(MeliAccount.ml_user_id == SELLER_B))).one()
    a = await ready_shipments(meli_services, sandbox, labels_bench.account, 2)
    b = await ready_shipments(meli_services, sandbox, account_b, 2)
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "operator", [a.ids[0], b.ids[0], a.ids[1], b.ids[1]])

    calls = label_calls(sandbox)
    assert sorted((call["user_id"], call["status"], asked_ids(call)) for call in calls) == sorted(
        [(labels_bench.account.ml_user_id, 200, a.ml_ids), (SELLER_B, 200, b.ml_ids)]
    )
    assert result["errors"] == [] and result["labelCount"] == 4


# ---- roles and the download link ----------------------------------------------------------------------------


async def test_support_may_not_print_and_mercado_livre_is_not_asked(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    ids = (await ready_shipments(meli_services, sandbox, labels_bench.account, 1)).ids
    sandbox.reset_stats()

    result = await print_labels(labels_bench, "support", ids)

    assert [error["code"] for error in result["errors"]] == ["FORBIDDEN"] and result["download"] is None
    assert label_calls(sandbox) == []


async def test_the_download_link_is_signed_and_short_lived(
    labels_bench: Bench, meli_services: Services, sandbox: Any
) -> None:
    ids = (await ready_shipments(meli_services, sandbox, labels_bench.account, 1)).ids
    url = (await print_labels(labels_bench, "operator", ids))["download"]["url"]
    parts = urlsplit(url)
    token = parts.path.rsplit("/", 1)[1]
    query = parse_qs(parts.query)
    expires = int(query["expires"][0])

    assert (await download(labels_bench, url)).status_code == 200
    assert (await download(labels_bench, url)).status_code == 200  # until it expires, as often as needed
    later = f"{parts.path}?expires={expires + 3600}&signature={query['signature'][0]}"
    assert (await download(labels_bench, later)).status_code == 403  # a longer life is not ours to give
    assert (await download(labels_bench, f"{parts.path}?expires={expires}&signature=x")).status_code == 403
    assert 0 < await meli_services.redis.ttl(KEY.format(token)) <= DOWNLOAD_TTL_S
    assert expires - time.time() <= DOWNLOAD_TTL_S + 1
    secret = meli_services.settings.jwt_secret.get_secret_value()
    good = signature_of(token, expires, secret)
    assert check_signature(token, str(expires), good, secret, now=time.time()) is None
    gone = check_signature(token, str(expires), good, secret, now=expires + 1)
    assert gone is not None and gone.status_code == 410
    await meli_services.redis.delete(KEY.format(token))
    assert (await download(labels_bench, url)).status_code == 410  # signed, but no longer kept
