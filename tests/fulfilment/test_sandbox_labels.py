"""The sandbox's /shipment_labels, as reference §7.3 says Mercado Livre's answers: a PDF with one page per
shipment, or for zpl2 a ZIP holding the ZPL as .txt; at most 50 ids; shipments not ready to print refused
with a 400 whose cause lists them; a first print moves ready_to_print to printed and notifies it."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.routing import Route

from melihub.sandbox.testing import SandboxHandle, running_sandbox
from melihub.testing.fixtures import SELLER_A
from melihub.testing.server import serve_in_thread
from tests.fulfilment.world import new_shipment_id, shipment_raw
from tests.sandbox.conftest import login
from tests.sandbox.test_notifier import Receiver


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver()
    app = Starlette(routes=[Route("/webhooks/meli", receiver.webhook, methods=["POST"])])
    with serve_in_thread(app) as url:
        yield receiver, f"{url}/webhooks/meli"


@pytest.fixture
def notifying(receiver: tuple[Receiver, str]) -> Iterator[SandboxHandle]:
    with running_sandbox(time_scale=0.0002, callback_url=receiver[1]) as sandbox:
        yield sandbox


def labels(sandbox: SandboxHandle, ids: list[int], kind: str = "pdf") -> httpx.Response:
    token = login(sandbox.url, SELLER_A)["access_token"]
    params = {"shipment_ids": ",".join(map(str, ids)), "response_type": kind}
    return httpx.get(f"{sandbox.url}/shipment_labels", params=params, headers={"Authorization": f"Bearer {token}"})


def put_shipments(sandbox: SandboxHandle, count: int, **state: Any) -> list[int]:
    ids = [new_shipment_id() for _ in range(count)]
    for ml_id in ids:
        sandbox.put("shipments", ml_id, shipment_raw(ml_id, **state))
    return ids


def test_a_pdf_has_one_page_per_shipment_in_the_order_asked(sandbox: SandboxHandle) -> None:
    ids = put_shipments(sandbox, 7)
    asked = [ids[3], *ids[:3], *ids[4:]]

    answer = labels(sandbox, asked)

    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(answer.content), strict=True)
    assert len(pdf.pages) == 7
    assert [int(page.extract_text().split("Envio ")[1].split()[0]) for page in pdf.pages] == asked


def test_zpl2_is_a_zip_holding_one_zpl_label_per_shipment(sandbox: SandboxHandle) -> None:
    ids = put_shipments(sandbox, 3)

    answer = labels(sandbox, ids, "zpl2")

    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        [name] = archive.namelist()
        zpl = archive.read(name).decode()
    assert name.endswith(".txt") and zpl.count("^XA") == zpl.count("^XZ") == 3
    assert all(f"^FD{ml_id}^FS" in zpl for ml_id in ids)


def test_shipments_not_ready_are_listed_in_a_400_and_nothing_prints(sandbox: SandboxHandle) -> None:
    ready = put_shipments(sandbox, 2)
    handling = put_shipments(sandbox, 1, status="handling", substatus="waiting_for_label_generation")
    invoice = put_shipments(sandbox, 1, substatus="invoice_pending")
    full = put_shipments(sandbox, 1, logistic_type="fulfillment")
    flex = put_shipments(sandbox, 1, logistic_type="self_service")

    answer = labels(sandbox, [ready[0], *handling, *invoice, ready[1], *full, *flex])

    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "bad_request" and body["status"] == 400
    assert body["cause"] == [str(ml_id) for ml_id in (*handling, *invoice, *full, *flex)]
    assert [sandbox.get("shipments", ml_id)["substatus"] for ml_id in ready] == ["ready_to_print"] * 2


def test_more_than_fifty_ids_are_refused(sandbox: SandboxHandle) -> None:
    ids = put_shipments(sandbox, 51)

    assert labels(sandbox, ids).status_code == 400
    assert labels(sandbox, ids[:50]).status_code == 200


def test_a_first_print_moves_ready_to_print_to_printed_and_notifies_each_shipment_once(
    notifying: SandboxHandle, receiver: tuple[Receiver, str]
) -> None:
    ids = put_shipments(notifying, 3)
    before = {ml_id: notifying.get("shipments", ml_id)["last_updated"] for ml_id in ids}

    assert labels(notifying, ids).status_code == 200
    assert labels(notifying, ids).status_code == 200  # a reprint changes nothing more

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(receiver[0].of(f"/shipments/{ml_id}") for ml_id in ids):
        time.sleep(0.05)
    time.sleep(0.2)
    for ml_id in ids:
        printed = notifying.get("shipments", ml_id)
        assert (printed["status"], printed["substatus"]) == ("ready_to_ship", "printed")
        assert printed["last_updated"] != before[ml_id]
        notes = receiver[0].of(f"/shipments/{ml_id}")
        assert [(note["topic"], note["user_id"]) for note in notes] == [("shipments", SELLER_A)]
