"""Helpers of the sandbox's own tests: real HTTP over loopback, the real OAuth dance."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from melihub.sandbox.testing import SandboxHandle, running_sandbox
from melihub.testing.fixtures import APPLICATION_ID, SELLER_A, SELLER_B

CLIENT_ID = str(APPLICATION_ID)
REDIRECT_URI = "http://127.0.0.1:9/oauth/meli/callback"


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def authorize_code(url: str, seller: int, *, verifier: str | None = None, **params: str) -> str:
    """Approve at the sandbox's authorize page; returns the code (state checked)."""
    state = secrets.token_urlsafe(16)
    query = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "state": state,
        "user_id": str(seller),
    }
    if verifier:
        query |= {"code_challenge": s256(verifier), "code_challenge_method": "S256"}
    query |= params
    answer = httpx.get(f"{url}/authorization", params=query)
    assert answer.status_code == 302, answer.text
    location = httpx.URL(answer.headers["location"])
    assert location.params["state"] == state
    return location.params["code"]


def token_call(url: str, **form: str) -> httpx.Response:
    body = {"client_id": CLIENT_ID, "client_secret": "any-secret", **form}
    return httpx.post(f"{url}/oauth/token", data=body, headers={"Accept": "application/json"})


def login(url: str, seller: int) -> dict[str, Any]:
    """The full PKCE flow; returns the token response body."""
    verifier = secrets.token_urlsafe(48)
    code = authorize_code(url, seller, verifier=verifier)
    answer = token_call(
        url, grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI, code_verifier=verifier
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


class Api:
    """GETs/PUTs against the sandbox as one seller."""

    def __init__(self, handle: SandboxHandle, tokens: dict[int, str]) -> None:
        self.handle, self.tokens = handle, tokens

    def request(self, method: str, path: str, seller: int = SELLER_A, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[seller]}", **kwargs.pop("headers", {})}
        return httpx.request(method, f"{self.handle.url}{path}", headers=headers, timeout=30, **kwargs)

    def get(self, path: str, seller: int = SELLER_A, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, seller, **kwargs)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    with running_sandbox(time_scale=0.001) as handle:
        yield handle


@pytest.fixture(scope="module")
def api(sandbox: SandboxHandle) -> Api:
    return Api(sandbox, {seller: login(sandbox.url, seller)["access_token"] for seller in (SELLER_A, SELLER_B)})
