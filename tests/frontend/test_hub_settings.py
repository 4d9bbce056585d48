"""/hub/configuracoes in a real browser: the pickup hub's settings screen, end to end.

The owner opens it from the hub's header and saves the hub's name, address and pickup hours and an SMS
provider (URL and token); the API stores them (the token encrypted, exactly as typed). After a reload the
values are back and the token reads "definido" ("set" in English) while its value is nowhere on the page;
replacing it starts from an empty input and can be undone.
A bad SMTP URL is refused on its own field, in Portuguese, with what was typed still there and nothing
stored; both flow switches go on from the screen. An operator (no MANAGE_TENANT) sees everything
read-only. axe-core checks each state, and the screen is pictured at 1280x800 (docs/screenshots/
hub-settings.png when MELIHUB_SCREENSHOT_DIR points there, as `make screenshots` does).
frontend/e2e/hub-settings.mjs drives Chromium and says what it saw.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from melihub.accounts.models import Tenant, User
from melihub.hub import hub_settings
from melihub.runtime import Services
from tests.conftest import OWNER_PASSWORD
from tests.frontend import hub_world
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

HUB = {"name": "Hub Pinheiros", "address": "Rua dos Pinheiros 870, São Paulo", "hours": "seg-sáb 8h-20h"}
SMS_URL = "https://sms.example.com/v1/send"
SMS_TOKEN = "sk-live-7f3a9c2e41b8"
BAD_SMTP_URL = "http://mail.example.com"
READER_EMAIL = "otavio.operador@aurora.example"
INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: OPERATOR, name: "Otávio") { temporaryPassword errors { code message } }
}"""
SETTINGS = "{ hubSettings { name address pickupHours smtpConfigured smtpFrom smsUrl smsTokenSet whatsappTokenSet } }"


def seen(line: str) -> dict[str, Any]:
    """The JSON a line carries after its word ("SAVED {...}")."""
    found: dict[str, Any] = json.loads(line.split(maxsplit=1)[1])
    return found


async def invite_reader(http: httpx.AsyncClient) -> str:
    invited = (await graphql(http, INVITE, email=READER_EMAIL))["inviteUser"]
    assert invited["errors"] == [] and invited["temporaryPassword"], invited
    return str(invited["temporaryPassword"])


async def stored_sms_token(services: Services, tenant: Tenant) -> str | None:
    async with services.db.tenant(tenant.id) as session:
        row = await hub_settings.settings_of(session, tenant.id)
    return hub_settings.overrides_of(row, services.keyring).sms_token


async def run_scenario(stack: Stack, shots: Path, reader_password: str) -> dict[str, dict[str, Any]]:
    env = browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        HUB_NAME=HUB["name"],
        HUB_ADDRESS=HUB["address"],
        HUB_HOURS=HUB["hours"],
        SMS_URL=SMS_URL,
        SMS_TOKEN=SMS_TOKEN,
        BAD_SMTP_URL=BAD_SMTP_URL,
        READER_EMAIL=READER_EMAIL,
        READER_PASSWORD=reader_password,
    )
    script = BrowserScript("hub-settings.mjs", env).start()
    try:
        lines = {}
        for word in ("SAVED", "RELOADED", "ENGLISH", "REPLACE", "SMTP_ERROR", "FLOW", "READ_ONLY"):
            lines[word] = seen(await script.expect(word, timeout_s=90))
        await script.finish(timeout_s=60)
    finally:
        script.kill()
    lines["AXE"] = {"screens": [line.split()[1] for line in script.axe_lines]}
    return lines


async def test_the_owner_saves_the_hub_settings_and_a_reader_sees_them_read_only(
    stack: Stack, meli_services: Services, tenant_a: tuple[Tenant, User], tmp_path: Path
) -> None:
    http = await stack.owner()
    try:
        reader_password = await invite_reader(http)
        shots = screenshot_dir(tmp_path)
        seen_lines = await run_scenario(stack, shots, reader_password)
        settings = (await graphql(http, SETTINGS))["hubSettings"]
        flags = await hub_world.flags(http)
    finally:
        await http.aclose()
    token = await stored_sms_token(meli_services, tenant_a[0])

    # Saved: the button took no second click while the request ran, and nothing was left to save after.
    assert seen_lines["SAVED"] == {"whileSaving": True, "afterSave": True}, seen_lines["SAVED"]
    # Stored as typed (the token encrypted, and exactly the one typed); the bad SMTP URL stored nothing.
    assert settings == {
        "name": HUB["name"],
        "address": HUB["address"],
        "pickupHours": HUB["hours"],
        "smtpConfigured": False,
        "smtpFrom": None,
        "smsUrl": SMS_URL,
        "smsTokenSet": True,
        "whatsappTokenSet": False,
    }, settings
    assert token == SMS_TOKEN

    # After a reload: the values are back, the token is "definido" and its value is nowhere on the page.
    reloaded = seen_lines["RELOADED"]
    assert reloaded["values"] == {
        "name": HUB["name"],
        "address": HUB["address"],
        "pickupHours": HUB["hours"],
        "smsUrl": SMS_URL,
    }, reloaded
    assert reloaded["states"] == {"smtpUrl": "unset", "smsToken": "set", "whatsappToken": "unset"}, reloaded
    assert (reloaded["tokenState"], reloaded["tokenOnPage"]) == ("definido", False), reloaded
    assert seen_lines["ENGLISH"] == {"tokenState": "set", "tokenOnPage": False}, seen_lines["ENGLISH"]

    # "Substituir" starts from an empty, focused input (the token is never prefilled); alone it saves nothing.
    assert seen_lines["REPLACE"] == {"state": "replacing", "value": "", "focused": True, "saveDisabled": True}

    # The bad SMTP URL: refused on its field, in Portuguese, and what was typed is still there.
    smtp = seen_lines["SMTP_ERROR"]
    assert smtp["invalid"] == "true" and smtp["text"].startswith("Use smtp://"), smtp
    assert smtp["kept"] == {"smtpUrl": BAD_SMTP_URL, "smtpFrom": "hub@aurora.example"}, smtp
    assert smtp["saveEnabled"] is True, smtp

    # The flow switches turned both flags on.
    assert seen_lines["FLOW"] == {"flowing": True}
    assert flags == dict.fromkeys(hub_world.HUB_FLAGS, True)

    # The operator reads it all and can change nothing.
    assert seen_lines["READ_ONLY"] == {
        "editable": 0,
        "buttons": 0,
        "notice": True,
        "name": HUB["name"],
        "tokenState": "set",
    }, seen_lines["READ_ONLY"]

    # axe-core checked every state (finish() failed on any serious or critical violation); pictured.
    assert seen_lines["AXE"]["screens"] == [
        "hub-settings-en",
        "hub-settings-error",
        "hub-settings",
        "hub-settings-read-only",
    ]
    assert "hub-settings.png" in {path.name for path in shots.iterdir()}
