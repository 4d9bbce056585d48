"""Single sign-on in a real browser: "Entrar com SSO" on the login page, through a real local OpenID Connect
provider, to the dashboard signed in; a person who is no member comes back with the refusal explained.
The login page is pictured at 1280x800 (docs/screenshots/login-sso.png when MELIHUB_SCREENSHOT_DIR points
there). frontend/e2e/sso.mjs drives Chromium and says what it saw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import SecretStr

from melihub.accounts import sso
from melihub.config import Settings
from melihub.testing.oidc_provider import LocalOidcProvider
from tests.frontend.harness import BrowserScript, api_port, browser_env, running_api, screenshot_dir


async def test_sign_in_with_sso_from_the_login_page(
    browser_tools: None, live_settings: Settings, tenant_a: Any, tmp_path: Path
) -> None:
    sso._metadata.clear()
    sso._keys.clear()
    port = api_port()
    base = f"http://127.0.0.1:{port}"
    with LocalOidcProvider(redirect_uri=f"{base}/auth/oidc/callback") as idp:
        idp.sign_in_as("ana@aurora.example", name="Ana")
        settings = live_settings.model_copy(
            update={
                "public_url": base,
                "oidc_issuer": idp.issuer,
                "oidc_client_id": idp.client_id,
                "oidc_client_secret": SecretStr(idp.client_secret),
                "oidc_tenants": ["aurora"],
            }
        )
        shots = screenshot_dir(tmp_path)
        with running_api(settings, port) as api:
            script = BrowserScript("sso.mjs", browser_env(api, shots)).start()
            try:
                assert await script.expect("OFFERED") == "OFFERED Entrar com SSO"
                assert await script.expect("SIGNED_IN") == "SIGNED_IN /"
                await script.expect("SIGNED_OUT")
                idp.sign_in_as("estranho@aurora.example")
                script.send("STRANGER")
                refused = await script.expect("REFUSED")
                assert "não é de um membro" in refused, refused
                await script.finish()
            finally:
                script.kill()
        assert len(idp.token_requests) == 2  # both sign-ins reached the provider's token endpoint
    assert (shots / "login-sso.png").stat().st_size > 10_000
