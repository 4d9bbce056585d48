"""Which URLs a subscription may target: the SSRF guard.

In production a webhook URL must be ``https://`` and its host must resolve only to public addresses
(no loopback, private, link-local — cloud metadata at 169.254.169.254 —, multicast or reserved ones);
the host is checked when the subscription is saved and again before every try, since DNS may change.
Outside production, or with ``MELIHUB_OUTBOUND_WEBHOOK_ALLOW_PRIVATE``, local receivers are fine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from melihub.config import Environment, Settings
from melihub.errors import DomainError

MAX_URL_LENGTH = 2000
BAD_URL = "INVALID_URL"


@dataclass(frozen=True)
class UrlPolicy:
    require_https: bool
    allow_private: bool

    @classmethod
    def of(cls, settings: Settings) -> UrlPolicy:
        production = settings.env == Environment.PRODUCTION
        return cls(require_https=production, allow_private=not production or settings.outbound_webhook_allow_private)


def _refuse(message: str) -> DomainError:
    return DomainError(message, field="url", code=BAD_URL)


def parse_url(url: str, policy: UrlPolicy) -> str:
    """The URL to store, or a ``DomainError`` on ``url`` saying what is wrong with it (no DNS here)."""
    cleaned = url.strip()
    if not cleaned or len(cleaned) > MAX_URL_LENGTH:
        raise _refuse(f"the URL must be 1 to {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        raise _refuse("this is not a valid URL") from None
    allowed = ("https",) if policy.require_https else ("https", "http")
    if parts.scheme not in allowed:
        raise _refuse("the URL must start with https://" if policy.require_https else "the URL must be http(s)://")
    if not parts.hostname:
        raise _refuse("the URL has no host")
    if parts.username or parts.password:
        raise _refuse("the URL must not carry credentials: the signature authenticates melihub")
    if port == 0:
        raise _refuse("the URL's port is not valid")
    if not policy.allow_private:
        _refuse_private_literal(parts.hostname)
    return cleaned


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _refuse_private_literal(host: str) -> None:
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        raise _refuse("the URL must not point at this machine")
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return  # a name: resolved and checked by ``check_host``
    if not _is_public(address):
        raise _refuse("the URL must not point at a private, loopback or reserved address")


async def check_host(url: str, policy: UrlPolicy) -> None:
    """Every address the URL's host resolves to is public (when the policy asks); ``DomainError`` if not."""
    parse_url(url, policy)
    if policy.allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise _refuse(f"the URL's host {host!r} does not resolve") from None
    for info in infos:
        if not _is_public(ipaddress.ip_address(info[4][0])):
            raise _refuse("the URL's host resolves to a private, loopback or reserved address")
