"""The account security page in a real browser: the owner turns on two-step verification with a code
this test computes with pyotp from the key the page shows, signs out, signs in again with a code, then
ends a second session (opened here through the API with a recovery code) from the sessions list; that
session's access token is refused at once. Every step is checked by axe-core and pictured at 1280x800
(docs/screenshots/security*.png, login-mfa.png). frontend/e2e/security.mjs drives Chromium.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pyotp

from melihub.config import Settings
from melihub.testing.graphql import error_codes, gql
from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL
from tests.frontend.harness import BrowserScript, api_port, browser_env, running_api, screenshot_dir

LOGIN = """mutation($e: String!, $p: String!) {
  login(email: $e, password: $p) { mfaRequired mfaTicket errors { code } }
}"""
VERIFY = "mutation($t: String!, $c: String!) { verifyMfa(ticket: $t, code: $c) { me { role } errors { code } } }"
ME = "{ me { mfaEnabled recoveryCodesLeft } }"


def code_at(secret: str, steps_from_now: int) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_from_now)


async def second_session(base: str, recovery_code: str) -> tuple[httpx.AsyncClient, str]:
    """Another device signed in through the API with a recovery code; the client and its access token."""
    http = httpx.AsyncClient(base_url=base, timeout=10, headers={"user-agent": "curl/8.5 melihub-test"})
    http.headers["x-melihub-csrf"] = "1"
    step = (await gql(http, LOGIN, {"e": OWNER_EMAIL, "p": OWNER_PASSWORD}))["data"]["login"]
    assert step["mfaRequired"] is True and step["errors"] == [], step
    verified = (await gql(http, VERIFY, {"t": step["mfaTicket"], "c": recovery_code}))["data"]["verifyMfa"]
    assert verified["errors"] == [] and verified["me"] == {"role": "OWNER"}, verified
    return http, http.cookies["melihub_access"]


async def test_enrol_sign_in_with_a_code_and_end_another_session(
    browser_tools: None, live_settings: Settings, tenant_a: Any, tmp_path: Path
) -> None:
    port = api_port()
    settings = live_settings.model_copy(update={"public_url": f"http://127.0.0.1:{port}"})
    shots = screenshot_dir(tmp_path)
    with running_api(settings, port) as api:
        script = BrowserScript("security.mjs", browser_env(api, shots, EMAIL=OWNER_EMAIL, PASSWORD=OWNER_PASSWORD))
        script.start()
        other: httpx.AsyncClient | None = None
        try:
            secret = (await script.expect("SECRET")).split()[1]
            assert len(secret) >= 16
            script.send(f"CODE {code_at(secret, -1)}")  # the previous step: the sign-in below uses a later one
            codes = (await script.expect("RECOVERY")).split()[1].split(",")
            assert len(codes) == 10 and len(set(codes)) == 10
            await script.expect("ENABLED")

            await script.expect("CODE_ASKED")
            script.send(f"CODE {code_at(secret, 0)}")
            assert await script.expect("SIGNED_IN") == "SIGNED_IN /conta/seguranca/"  # back where they were

            other, other_access = await second_session(api.base, codes[0])
            assert (await gql(other, ME))["data"]["me"] == {"mfaEnabled": True, "recoveryCodesLeft": 9}
            script.send("LIST")
            assert await script.expect("SESSIONS") == "SESSIONS 2"
            assert await script.expect("REVOKED") == "REVOKED 1"
            other.cookies.clear()
            assert error_codes(await gql(other, ME, token=other_access)) == ["UNAUTHENTICATED"]
            await script.finish()
        finally:
            script.kill()
            if other is not None:
                await other.aclose()
    for name in ("security-enrol.png", "security-recovery.png", "login-mfa.png", "security.png"):
        assert (shots / name).stat().st_size > 10_000, name
