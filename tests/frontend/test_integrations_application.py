"""The integrations screen's "Aplicativo Mercado Livre" panel in a real browser.

The owner sees the two addresses to register on Mercado Livre's developer portal (and copies one), a client
id of letters is refused under its field with nothing typed lost, the company's application is saved with a
wrong secret (the sandbox, which knows the application, answers "Testar" with invalid_client) then with the
right one ("Testar" passes). A seller linked from "Conectar conta" goes through the company's application:
the sandbox's authorize page and token endpoint are asked with its client id. An analyst reads the panel and
can change nothing. Removing it asks first, says the linked account must reauthorize, and it does.
frontend/e2e/integrations-application.mjs drives Chromium and says what it saw.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx

from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql, wait_for_runs_to_end
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

APP_ID = "7340012345678901"
APP_SECRET = "empresa-aurora-segredo"
WRONG_SECRET = "segredo-errado"
STORE_NAME = "Casa Aurora"
SELLER_NICKNAME = "TIENDA_PAMPA_SUR"
ANALYST_EMAIL = "caio.analista@aurora.example"
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: ANALYST, name: "Caio") { temporaryPassword errors { code message } }
}"""
STATE = """{
  meliApplication { clientId siteId storeName secretSet lastTestOk lastTestError linkedAccounts }
  meliApplicationUrls { webhookUrl redirectUri }
  meliAccounts { nodes { id nickname status } }
}"""


def words(line: str) -> list[str]:
    return line.split()[1:]


def said(text: str) -> str:
    """A sentence as the script prints it (one protocol word)."""
    return text.replace(" ", "_")


async def invite_analyst(http: httpx.AsyncClient) -> str:
    invited = (await graphql(http, INVITE, email=ANALYST_EMAIL))["inviteUser"]
    assert invited["errors"] == [] and invited["temporaryPassword"], invited
    return str(invited["temporaryPassword"])


async def state_of(http: httpx.AsyncClient) -> dict[str, Any]:
    data = await graphql(http, STATE)
    data["accounts"] = {account["nickname"]: account for account in data.pop("meliAccounts")["nodes"]}
    return data


def calls_to(stack: Stack, method: str, route: str) -> list[dict[str, Any]]:
    return [call for call in stack.sandbox.calls() if (call["method"], call["route"]) == (method, route)]


def script_env(stack: Stack, shots: Path, analyst_password: str) -> dict[str, str]:
    return browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        VIEWER_EMAIL=ANALYST_EMAIL,
        VIEWER_PASSWORD=analyst_password,
        APP_ID=APP_ID,
        APP_SECRET=APP_SECRET,
        WRONG_SECRET=WRONG_SECRET,
        BAD_APP_ID="meu-app",
        STORE_NAME=STORE_NAME,
        SELLER_NICKNAME=SELLER_NICKNAME,
        SELLER_SITE="MLA",
    )


async def test_the_companys_own_application_set_tested_linked_through_and_removed(stack: Stack, tmp_path: Path) -> None:
    # Mercado Livre (the sandbox) knows the company's application, as its developer portal would.
    await asyncio.to_thread(stack.sandbox.configure, applications={APP_ID: APP_SECRET})
    http = await stack.owner()
    try:
        analyst_password = await invite_analyst(http)
        before = await state_of(http)
        shots = screenshot_dir(tmp_path)
        script = BrowserScript("integrations-application.mjs", script_env(stack, shots, analyst_password)).start()
        try:
            seen = {word: words(await script.expect(word, timeout_s=60)) for word in ("URLS", "COPIED", "FIELD_ERROR")}
            for word in ("KEPT", "SAVED", "TEST_FAILED", "TEST_OK", "AUTHORIZE", "LINKED"):
                seen[word] = words(await script.expect(word, timeout_s=60))
            tested = await state_of(http)
            await wait_for_runs_to_end(http)  # the new account's backfill, before the application goes
            script.send("GO")
            for word in ("VIEWER", "CONFIRM", "REMOVED", "REAUTH_SHOWN"):
                seen[word] = words(await script.expect(word, timeout_s=90))
            await script.finish(timeout_s=60)
        finally:
            script.kill()
        after = await state_of(http)
    finally:
        await http.aclose()
    check_addresses(stack, before, seen)
    check_save_and_test(seen, tested)
    check_link(stack, seen, tested)
    check_viewer_and_removal(seen, after)
    assert [line.split()[1] for line in script.axe_lines] == [
        "integrations-application",
        "integrations-application-viewer",
        "integrations-application-remove",
    ]
    # MELIHUB_SCREENSHOT_DIR=docs/screenshots refreshes the docs' picture.
    assert (shots / "integrations-application.png").is_file()


def check_addresses(stack: Stack, before: dict[str, Any], seen: dict[str, list[str]]) -> None:
    # melihub's application at first; the addresses are this API's own, as the API says, and one is copied.
    assert before["meliApplication"] is None
    urls = before["meliApplicationUrls"]
    assert urls == {"webhookUrl": f"{stack.base}/webhooks/meli", "redirectUri": f"{stack.base}/oauth/meli/callback"}
    assert seen["URLS"] == [urls["webhookUrl"], urls["redirectUri"]]
    assert seen["COPIED"] == [urls["webhookUrl"]]


def check_save_and_test(seen: dict[str, list[str]], tested: dict[str, Any]) -> None:
    # Letters as the client id: refused under its field, in Portuguese; what was typed stayed.
    assert seen["FIELD_ERROR"] == ["clientId", said("Use o número do App ID que o portal mostra (só dígitos).")]
    assert seen["KEPT"] == ["true"]
    assert seen["SAVED"] == ["true"]  # the secret shows as set, its field empty
    assert "invalid_client" in seen["TEST_FAILED"][0] and seen["TEST_FAILED"][0].startswith("O_teste_falhou"), seen
    assert re.fullmatch(r"O_Mercado_Livre_aceitou_o_aplicativo:_respondeu_em_\d+_ms\.", seen["TEST_OK"][0]), seen
    application = tested["meliApplication"]
    assert application is not None
    assert (application["clientId"], application["siteId"], application["storeName"]) == (APP_ID, "MLB", STORE_NAME)
    assert (application["secretSet"], application["lastTestOk"], application["lastTestError"]) == (True, True, None)


def check_link(stack: Stack, seen: dict[str, list[str]], tested: dict[str, Any]) -> None:
    # "Conectar conta" went through the company's application: authorize page, token exchange, the account.
    assert seen["AUTHORIZE"] == [APP_ID]
    linked_id, shown_count = seen["LINKED"]
    seller = tested["accounts"][SELLER_NICKNAME]
    assert (seller["id"], seller["status"]) == (linked_id, "ACTIVE")
    assert shown_count == "1" and tested["meliApplication"]["linkedAccounts"] == 1
    # Approved authorize pages: seller A's (the stack's set-up, melihub's application), then the browser's.
    approved = [call for call in calls_to(stack, "GET", "/authorization") if call["status"] == 302]
    asked_with = [parse_qs(call["query"])["client_id"] for call in approved]
    assert asked_with == [[stack.settings.meli_client_id], [APP_ID]], asked_with
    issued_to = [call["client_id"] for call in calls_to(stack, "POST", "/oauth/token") if call["status"] == 200]
    assert issued_to[0] == stack.settings.meli_client_id and APP_ID in issued_to, issued_to


def check_viewer_and_removal(seen: dict[str, list[str]], after: dict[str, Any]) -> None:
    # The analyst reads the company's application: no field, no button, a note saying who may change it.
    assert seen["VIEWER"] == ["own", "0", "0", "true"]
    # Removing asked first, naming what happens to the account linked through it; then it reauthorizes.
    assert said("A conta vinculada por ele vai precisar ser reautorizada no Mercado Livre.") in seen["CONFIRM"][0]
    assert seen["REMOVED"] == ["1", "default"]
    linked_id = seen["LINKED"][0]
    assert seen["REAUTH_SHOWN"] == [linked_id]
    assert after["meliApplication"] is None
    statuses = {nickname: account["status"] for nickname, account in after["accounts"].items()}
    assert statuses[SELLER_NICKNAME] == "REAUTH_REQUIRED", statuses
    assert set(statuses.values()) - {"REAUTH_REQUIRED"} == {"ACTIVE"}, statuses  # seller A: melihub's own
