"""The messages screen in a real browser: a reply sent from /mensagens lands in the sandbox's pack
thread, a buyer message created in the sandbox appears in the open thread live, "Marcar como lida"
clears the unread count, the claims tab lists seller A's claim (and drops it live once Mercado Livre
closes it), a conversation Mercado Livre blocks refuses the reply with the box disabled, and an analyst
reads without replying.

The buyer's message travels the real path: sandbox (thread stored, `messages` notification sent) →
webhook → worker (GET /messages/{id}) → conversation recounted → conversationChanged → the page.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from melihub.testing.fixtures import SELLER_A
from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

PACK = "2000004567890123"  # seller A's pack with a thread in the reference world (fixtures/messages)
CLAIM = "5212345678"  # seller A's open claim on order 2000009876543204 (fixtures/claims)
REPLY = "Olá! Seu pedido foi postado hoje, o código de rastreio já está no Mercado Livre."
BUYER_WRITES = "Obrigada! Chega até sexta-feira?"
BUYER_AGAIN = "Ah, e pode mandar a nota fiscal?"
WHILE_BLOCKED = "Segue a nota fiscal em anexo."
ANALYST_EMAIL = "bia.analista@aurora.example"
DAY_S = 24 * 60 * 60

CONVERSATIONS = "{ conversations(first: 50) { nodes { id packMlId unreadCount canSend status } } }"
CLAIMS = "{ claims(first: 50) { nodes { mlId status dueDate } } }"
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST, name: "Bia") { temporaryPassword errors { code message } }
}"""


async def _buyer_writes(stack: Stack, text: str) -> None:
    """The buyer writes on Mercado Livre: the thread grows and the seller gets the `messages` notification."""
    await asyncio.to_thread(stack.sandbox.buyer_message, PACK, text)


async def _claim_closes(stack: Stack) -> None:
    """Mercado Livre closes the claim (nothing left for the seller to do) and notifies the seller."""
    claim = await asyncio.to_thread(stack.sandbox.get, "claims", CLAIM)
    claim["status"] = "closed"
    for player in claim["players"]:
        player["available_actions"] = []
    await asyncio.to_thread(lambda: stack.sandbox.put("claims", CLAIM, claim, notify=True))


async def _conversation(http: httpx.AsyncClient) -> dict[str, Any]:
    nodes = (await graphql(http, CONVERSATIONS))["conversations"]["nodes"]
    return next(node for node in nodes if node["packMlId"] == PACK)


async def _until_unread(http: httpx.AsyncClient, timeout_s: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    conversation = await _conversation(http)
    while conversation["unreadCount"] == 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        conversation = await _conversation(http)
    return conversation


def _script_env(stack: Stack, shots: Path, *, analyst_password: str) -> dict[str, str]:
    return browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        ANALYST_EMAIL=ANALYST_EMAIL,
        ANALYST_PASSWORD=analyst_password,
        PACK_ID=PACK,
        REPLY_TEXT=REPLY,
        BUYER_TEXT=BUYER_WRITES,
        BLOCKED_TEXT=WHILE_BLOCKED,
        CLAIM_ID=CLAIM,
    )


def _urgency(claim: dict[str, Any]) -> str:
    """What the screen should colour the deadline: the same rule as claimColumns.urgencyOf."""
    if not claim["dueDate"] or claim["status"] != "opened":
        return "none"
    left = (datetime.fromisoformat(claim["dueDate"]) - datetime.now(UTC)).total_seconds()
    return "overdue" if left < 0 else "soon" if left <= DAY_S else "later"


async def test_a_reply_reaches_the_pack_thread_and_a_buyer_message_shows_live(stack: Stack, tmp_path: Path) -> None:
    http = await stack.owner()
    try:
        before = await _conversation(http)
        [claim] = [c for c in (await graphql(http, CLAIMS))["claims"]["nodes"] if c["mlId"] == CLAIM]
        invited = (await graphql(http, INVITE, email=ANALYST_EMAIL))["inviteUser"]
        assert invited["errors"] == [] and invited["temporaryPassword"], invited

        shots = screenshot_dir(tmp_path)
        env = _script_env(stack, shots, analyst_password=invited["temporaryPassword"])
        script = BrowserScript("messages.mjs", env)
        try:
            script.start()
            await script.expect("READY", timeout_s=60)
            _, opened = (await script.expect("OPENED", timeout_s=30)).split()
            _, counted, refused = (await script.expect("TOO_LONG", timeout_s=30)).split()
            _, sent_ms = (await script.expect("SENT", timeout_s=40)).split()

            # The reply is in Mercado Livre's thread, from the seller to the pack's buyer.
            thread = await asyncio.to_thread(stack.sandbox.get, "messages", PACK)
            [reply] = [m for m in thread["messages"] if m["text"] == REPLY]
            buyer = next(m["from"]["user_id"] for m in thread["messages"] if m["from"]["user_id"] != SELLER_A)
            assert (reply["from"]["user_id"], reply["to"]["user_id"]) == (SELLER_A, buyer), reply

            wrote_at = time.time()
            await _buyer_writes(stack, BUYER_WRITES)
            script.send("BUYER")
            _, seen_at, unread_shown = (await script.expect("SEEN", timeout_s=40)).split()
            seen_ms = round(int(seen_at) - wrote_at * 1000)
            _, read_ms = (await script.expect("READ", timeout_s=40)).split()
            after_read = await _conversation(http)
            _, rows, status, urgency = (await script.expect("CLAIMS", timeout_s=40)).split()
            closed_at = time.time()
            await _claim_closes(stack)
            script.send("CLOSED")
            _, gone_at = (await script.expect("CLAIM_CLOSED", timeout_s=40)).split()
            closed_ms = round(int(gone_at) - closed_at * 1000)
            await script.expect("DEEP_LINKS", timeout_s=40)

            # Mercado Livre blocks the conversation (melihub learns it from the refusal).
            await asyncio.to_thread(stack.sandbox.set_conversation_status, PACK, "blocked", "claim_opened")
            script.send("BLOCKED")
            _, draft_kept, send_disabled = (await script.expect("REFUSED", timeout_s=40)).split()
            blocked = await _conversation(http)
            thread_after = await asyncio.to_thread(stack.sandbox.get, "messages", PACK)

            await _buyer_writes(stack, BUYER_AGAIN)
            again = await _until_unread(http)
            script.send("AGAIN")
            _, analyst_controls = (await script.expect("ANALYST", timeout_s=40)).split()
            await script.finish(timeout_s=60)
        finally:
            script.kill()
    finally:
        await http.aclose()

    print(
        f"reply in the thread {sent_ms} ms after Enviar; the buyer's message on the open thread {seen_ms} ms "
        f"after the sandbox notified; marked read in {read_ms} ms; the closed claim left the open ones in "
        f"{closed_ms} ms"
    )
    assert opened == before["id"]
    # 351 characters: counted, refused before sending.
    assert (counted, refused) == ("351", "true")
    assert int(sent_ms) < 5_000
    assert 0 < seen_ms < 5_000
    assert unread_shown == "1"
    assert after_read["unreadCount"] == 0, after_read
    assert int(read_ms) < 5_000
    assert (int(rows) >= 1, status, urgency) == (True, "opened", _urgency(claim)), (rows, status, urgency, claim)
    assert 0 < closed_ms < 5_000
    # The refused reply never reached the thread; the box kept it, disabled, with send disabled.
    assert WHILE_BLOCKED not in [m["text"] for m in thread_after["messages"]]
    assert (blocked["canSend"], blocked["status"]) == (False, "blocked"), blocked
    assert (draft_kept, send_disabled) == ("true", "true")
    assert again["unreadCount"] >= 1, again
    assert analyst_controls == "0"
    assert [line.split()[1] for line in script.axe_lines] == ["messages", "claims"]
    assert {"messages.png", "claims.png"} <= {path.name for path in shots.iterdir()}
