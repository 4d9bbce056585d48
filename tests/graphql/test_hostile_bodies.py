"""Bodies too deep or too large are a clear 4xx on /graphql and both webhooks, and the server keeps serving."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from pydantic import SecretStr

from melihub.app import create_app
from melihub.config import Settings
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import gql
from melihub.testing.server import serve_in_thread

NOTIFICATION = load_fixture("notifications/orders_v2.json")
SECRET = "test-webhook-secret"
DEEP_ARRAY = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000
MIB = 1024 * 1024


def signed_headers(body: bytes, tenant: uuid.UUID | str) -> dict[str, str]:
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return {
        "content-type": "application/json",
        "x-ml-signature": signature,
        "x-tenant": str(tenant),
        "x-event-type": NOTIFICATION["topic"],
    }


# ---- JSON nested a thousand deep -----------------------------------------------------------------


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
async def test_deep_json_in_graphql_variables_or_body_is_400(client: httpx.AsyncClient, deep: str) -> None:
    for body in ('{"query": "{ __typename }", "variables": {"v": ' + deep + "}}", deep):
        response = await client.post("/graphql", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text
        assert "nested too deeply" in response.json()["errors"][0]["message"]
    assert (await gql(client, "{ __typename }"))["data"] == {"__typename": "Query"}


async def test_deep_json_in_graphql_get_variables_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "{ __typename }", "variables": DEEP_ARRAY})
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
async def test_deep_json_notification_is_400(client: httpx.AsyncClient, meli_account_a, deep: str) -> None:
    response = await client.post("/webhooks/meli", content=deep, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_notification", "message": "body is nested too deeply"}
    assert (await client.post("/webhooks/meli", json=NOTIFICATION)).status_code == 200


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
async def test_deep_json_signed_notification_is_400(client: httpx.AsyncClient, services, meli_account_a, deep) -> None:
    services.settings = services.settings.model_copy(update={"webhook_hmac_secret": SecretStr(SECRET)})
    tenant = meli_account_a.tenant_id
    response = await client.post("/webhooks/meli/signed", content=deep, headers=signed_headers(deep.encode(), tenant))
    assert response.status_code == 400
    assert response.json()["message"] == "body is nested too deeply"
    normal = json.dumps(NOTIFICATION).encode()
    accepted = await client.post("/webhooks/meli/signed", content=normal, headers=signed_headers(normal, tenant))
    assert accepted.status_code == 202


# ---- Too large, against a real server: the client reads the 413, its connection is not reset ---------


@pytest.fixture
def server(live_settings: Settings) -> Iterator[str]:
    settings = live_settings.model_copy(update={"webhook_hmac_secret": SecretStr(SECRET)})
    with serve_in_thread(create_app(settings=settings)) as url:
        yield url


def raw_post(base: str, path: str, size: int, headers: dict[str, str] | None = None) -> bytes:
    """POST ``size`` bytes through a plain socket, sending all of them, then read the answer's head."""
    address = urlsplit(base)
    head = f"POST {path} HTTP/1.1\r\nhost: {address.netloc}\r\ncontent-type: application/json\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(f"{head}content-length: {size}\r\n\r\n".encode())
        sock.sendall(b" " * size)  # a reset connection raises here or below
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


@pytest.mark.parametrize(
    ("path", "size"),
    [("/graphql", 4 * MIB), ("/graphql", MIB + 1), ("/webhooks/meli", MIB), ("/webhooks/meli/signed", MIB)],
)
def test_a_body_over_the_limit_is_answered_413_without_a_reset(server: str, path: str, size: int) -> None:
    answer = raw_post(server, path, size)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert httpx.post(f"{server}/graphql", json={"query": "{ __typename }"}).json()["data"] == {"__typename": "Query"}


def test_graphql_413_says_why_for_declared_and_chunked_bodies(server: str) -> None:
    declared = httpx.post(f"{server}/graphql", content=b" " * (MIB + 1), headers={"content-type": "application/json"})
    assert declared.status_code == 413
    assert declared.json() == {"errors": [{"message": f"the request body is larger than {MIB} bytes"}]}

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ __typename }", "variables": {"pad": "'
        for _ in range(20):
            yield b"x" * 65536
        yield b'"}}'

    chunked = httpx.post(f"{server}/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413 and "larger than" in chunked.json()["errors"][0]["message"]
    # Just under the limit is a normal request.
    padded = {"query": "{ __typename }", "variables": {"pad": "x" * (MIB - 100)}}
    assert httpx.post(f"{server}/graphql", json=padded).json()["data"] == {"__typename": "Query"}
