"""/hub in a real browser (the pickup hub's acceptance, end to end).

A company whose hub is off turns it on from the screen's notice. A Mercado Livre sale made in the sandbox
(its shipment without a label yet) travels webhook → worker → hubOrderChanged and shows in Recebido with no
reload; the desk types the buyer's e-mail and a shelf on the card; Mercado Livre releases the label and the
card moves to Pronto by itself; the company's SMTP server (a real one on loopback) receives exactly one
e-mail naming the order; the pickup desk confirms with the receiver's document (Mercado Livre gives none,
so any is taken) and the card moves to Retirado. An order waiting on an unmapped SKU sits in "Mapeamento
necessário", the desk refuses it as not ready, and the mappings editor's "mapear" releases it live; an
analyst sees the board masked and read-only. frontend/e2e/hub.mjs drives Chromium and says what it saw.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.runtime import Services
from melihub.testing.smtp_server import LocalSmtpServer, ReceivedMail
from tests.conftest import OWNER_PASSWORD
from tests.frontend import hub_world
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

SALE = hub_world.Sale("2000009876597101", "44123497101")
RECIPIENT_EMAIL = "joao.pereira@example.com"
RECEIVER_DOCUMENT = "123.456.789-09"
ANALYST_EMAIL = "bia.analista@aurora.example"
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST, name: "Bia") { temporaryPassword errors { code message } }
}"""
SWEEP_JOB = "sweep_hub_notifications"


@pytest_asyncio.fixture
async def sweeper(meli_services: Services) -> AsyncIterator[None]:
    """What the production worker's cron does every 10 s (the test's worker runs no cron): ask for a sweep of
    the due notifications, here every half second. A notice made PRONTO by a shipment change waits for it."""

    async def sweep_forever() -> None:
        while True:
            await meli_services.redis.enqueue_job(SWEEP_JOB)
            await asyncio.sleep(0.5)

    task = asyncio.create_task(sweep_forever())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def words(line: str) -> list[str]:
    return line.split()[1:]


def text_of(mail: ReceivedMail) -> str:
    body = mail.message.get_body(("plain",))
    assert body is not None, mail.message
    return str(body.get_content())


async def wait_for_mail(smtp: LocalSmtpServer, timeout_s: float = 30) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not smtp.received:
        assert asyncio.get_running_loop().time() < deadline, f"no e-mail within {timeout_s}s"
        await asyncio.sleep(0.2)


async def test_a_sale_goes_live_from_recebido_to_pronto_with_one_email_and_is_handed_over_at_the_desk(
    stack: Stack, meli_services: Services, tenant_a: tuple[Tenant, User], sweeper: None, tmp_path: Path
) -> None:
    http = await stack.owner()
    try:
        assert await hub_world.flags(http) == dict.fromkeys(hub_world.HUB_FLAGS, False)
        await hub_world.map_sku(http)
        with LocalSmtpServer() as smtp:
            await hub_world.company_smtp(hub_world.Mail(meli_services, tenant_a[0], smtp))
            env = browser_env(
                stack.api,
                screenshot_dir(tmp_path),
                SCENARIO="flow",
                EMAIL=OWNER_EMAIL,
                PASSWORD=OWNER_PASSWORD,
                ORDER_CODE=SALE.order_id,
                RECIPIENT_EMAIL=RECIPIENT_EMAIL,
                SHELF="A-01",
                RECEIVER_DOCUMENT=RECEIVER_DOCUMENT,
            )
            script = BrowserScript("hub.mjs", env).start()
            try:
                turned_on = words(await script.expect("READY", timeout_s=90))
                flags_after = await hub_world.flags(http)

                await asyncio.to_thread(hub_world.sell, stack, SALE)
                script.send("GO")
                received_ms, received_blockers = words(await script.expect("RECEIVED", timeout_s=60))
                shelved_blockers, shelves = words(await script.expect("SHELVED", timeout_s=60))
                before_label = await hub_world.hub_order(http, SALE.order_id)
                mails_before_label = len(smtp.received)

                await asyncio.to_thread(hub_world.release_label, stack, SALE)
                script.send("GO")
                (pronto_ms,) = words(await script.expect("PRONTO", timeout_s=60))
                await wait_for_mail(smtp)
                (notified,) = words(await script.expect("NOTIFIED", timeout_s=60))
                picked_ms, desk_ok, final_status = words(await script.expect("PICKED_UP", timeout_s=60))
                await script.finish(timeout_s=60)
            finally:
                script.kill()
            mails = list(smtp.received)
        after = await hub_world.hub_order(http, SALE.order_id)
    finally:
        await http.aclose()

    print(f"\non /hub after {received_ms} ms, Pronto {pronto_ms} ms after its label, handed over in {picked_ms} ms")

    # The owner turned both switches on from the notice.
    assert turned_on == [",".join(hub_world.HUB_FLAGS)], turned_on
    assert flags_after == dict.fromkeys(hub_world.HUB_FLAGS, True)

    # Live in Recebido, waiting for its label and a shelf; the desk's e-mail and shelf leave only the label.
    assert received_blockers.split(",") == ["LABEL_NOT_READY", "VOLUMES_NOT_POSITIONED"], received_blockers
    assert (shelved_blockers, shelves) == ("LABEL_NOT_READY", "A-01")
    assert before_label is not None and before_label["status"] == "RECEBIDO"
    assert before_label["recipient"]["email"] == RECIPIENT_EMAIL
    assert mails_before_label == 0

    # The label made it PRONTO by itself, and exactly one e-mail named the order to the address typed.
    assert notified == "SENT"
    assert len(mails) == 1, [mail.message["Subject"] for mail in mails]
    [mail] = mails
    assert mail.rcpt_tos == [RECIPIENT_EMAIL]
    assert SALE.order_id in text_of(mail) and hub_world.HUB["address"] in text_of(mail)

    # The desk handed it over: Retirado on screen and in the API.
    assert (desk_ok, final_status) == ("true", "RETIRADO")
    assert after is not None and after["status"] == "RETIRADO"
    assert [(n["status"], n["channel"]) for n in after["notifications"]] == [("SENT", "email")], after


async def invite_analyst(http: httpx.AsyncClient) -> str:
    invited = (await graphql(http, INVITE, email=ANALYST_EMAIL))["inviteUser"]
    assert invited["errors"] == [] and invited["temporaryPassword"], invited
    return str(invited["temporaryPassword"])


async def test_mapear_releases_a_waiting_order_live_and_the_desk_refuses_what_is_not_ready(
    stack: Stack, meli_services: Services, tenant_a: tuple[Tenant, User], tmp_path: Path
) -> None:
    http = await stack.owner()
    try:
        with LocalSmtpServer() as smtp:
            await hub_world.populate_board(stack, http, hub_world.Mail(meli_services, tenant_a[0], smtp))
        analyst_password = await invite_analyst(http)
        shots = screenshot_dir(tmp_path)
        env = browser_env(
            stack.api,
            shots,
            SCENARIO="mapping",
            EMAIL=OWNER_EMAIL,
            PASSWORD=OWNER_PASSWORD,
            ORDER_CODE=hub_world.WAITING.order_id,
            RECEIVER_DOCUMENT=RECEIVER_DOCUMENT,
            INTERNAL_SKU="INT-KIT-PRESENTE",
            ANALYST_EMAIL=ANALYST_EMAIL,
            ANALYST_PASSWORD=analyst_password,
        )
        script = BrowserScript("hub.mjs", env).start()
        try:
            (board,) = words(await script.expect("BOARD", timeout_s=90))
            refused = (await script.expect("DESK_REFUSED", timeout_s=60)).split(maxsplit=2)[1:]
            (searched,) = words(await script.expect("SEARCH", timeout_s=60))
            released_ms, released_blockers = words(await script.expect("RELEASED", timeout_s=60))
            (mapped,) = words(await script.expect("MAPPED", timeout_s=30))
            analyst_writes, analyst_notice, analyst_masked = words(await script.expect("ANALYST", timeout_s=90))
            await script.finish(timeout_s=60)
        finally:
            script.kill()
        waiting_after = await hub_world.hub_order(http, hub_world.WAITING.order_id)
    finally:
        await http.aclose()

    print(f"\nboard {board}; 'mapear' released the waiting order in {released_ms} ms")

    # One order in each column: waiting on a mapping, received, ready, picked up.
    assert board == "1,1,1,1", board
    assert "hub.png" in {path.name for path in shots.iterdir()}

    # The desk refuses an order that is not ready, in Portuguese, and hands nothing over.
    assert refused[0] == "INVALID_TRANSITION" and "não está pronto" in refused[1], refused

    # The search narrows the board to the code typed.
    assert searched == "1"

    # "Mapear" released it live: in Recebido now, waiting only for its label and shelf, its SKU mapped.
    assert released_blockers.split(",") == ["LABEL_NOT_READY", "VOLUMES_NOT_POSITIONED"], released_blockers
    assert mapped == f"{hub_world.WAITING.sku}=INT-KIT-PRESENTE"
    assert waiting_after is not None and waiting_after["unmappedSkus"] == [] and waiting_after["status"] == "RECEBIDO"

    # The analyst reads the board masked, with no control that writes.
    assert (analyst_writes, analyst_notice, analyst_masked) == ("0", "true", "true")
