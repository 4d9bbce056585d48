"""The signature scheme (what a receiver verifies) and the SSRF guard on subscription URLs."""

from __future__ import annotations

import ipaddress
import socket
import time

import pytest

from melihub.config import Settings
from melihub.errors import DomainError
from melihub.integrator_webhooks import signing
from melihub.integrator_webhooks.urls import UrlPolicy, check_host, parse_url

PRODUCTION = UrlPolicy(require_https=True, allow_private=False)
DEV = UrlPolicy(require_https=False, allow_private=True)


def test_a_signature_verifies_with_its_secret_only_and_within_the_tolerance() -> None:
    secret, body = signing.new_secret(), b'{"id":"1"}'
    header = signing.signature_header(secret, body)
    assert signing.verify(secret, header, body) == int(header.split(",")[0].removeprefix("t="))
    with pytest.raises(signing.SignatureError, match="no signature"):
        signing.verify(signing.new_secret(), header, body)
    with pytest.raises(signing.SignatureError, match="no signature"):
        signing.verify(secret, header, body + b" ")
    old = signing.signature_header(secret, body, timestamp=int(time.time()) - 301)
    with pytest.raises(signing.SignatureError, match="tolerance"):
        signing.verify(secret, old, body)
    with pytest.raises(signing.SignatureError, match="malformed"):
        signing.verify(secret, "v1=abc", body)


def test_the_policy_follows_the_environment() -> None:
    assert UrlPolicy.of(Settings(env="test")) == DEV  # type: ignore[arg-type]
    production = Settings.model_construct(env="production", outbound_webhook_allow_private=False)
    assert UrlPolicy.of(production) == PRODUCTION
    inside = Settings.model_construct(env="production", outbound_webhook_allow_private=True)
    assert UrlPolicy.of(inside) == UrlPolicy(require_https=True, allow_private=True)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hooks.example.com/in", "https://"),
        ("ftp://hooks.example.com/in", "https://"),
        ("https://127.0.0.1/in", "private"),
        ("https://10.1.2.3/in", "private"),
        ("https://169.254.169.254/latest/meta-data", "private"),
        ("https://[::1]/in", "private"),
        ("https://[::ffff:192.168.0.1]/in", "private"),
        ("https://localhost:8443/in", "this machine"),
        ("https://user:pw@hooks.example.com/in", "credentials"),
        ("https:///in", "no host"),
        ("", "1 to"),
    ],
)
def test_production_refuses_what_could_reach_inside(url: str, message: str) -> None:
    with pytest.raises(DomainError, match=message) as refused:
        parse_url(url, PRODUCTION)
    assert refused.value.field == "url" and refused.value.code == "INVALID_URL"


def test_outside_production_local_receivers_are_fine() -> None:
    assert parse_url(" http://127.0.0.1:8080/in ", DEV) == "http://127.0.0.1:8080/in"
    assert parse_url("https://hooks.example.com/in", PRODUCTION) == "https://hooks.example.com/in"


async def test_names_are_resolved_and_every_address_checked() -> None:
    """This machine's own name resolves to a loopback address (/etc/hosts): refused once resolved."""
    name = socket.gethostname()
    assert ipaddress.ip_address(socket.gethostbyname(name)).is_private
    with pytest.raises(DomainError, match="resolves to a private"):
        await check_host(f"https://{name}/in", PRODUCTION)
    with pytest.raises(DomainError, match="does not resolve"):
        await check_host("https://no-such-host.invalid/in", PRODUCTION)
    await check_host(f"http://{name}:9/in", DEV)  # outside production: not even resolved
