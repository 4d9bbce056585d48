"""The vocabulary of ready notifications: channels, messages, receipts, failures and configuration.

A channel without configuration is unavailable; the drivers and the registry that picks them by URL
scheme live in ``melihub.hub.drivers``. Secrets (the SMTP password, providers' tokens) never appear
in a ``repr`` or an error message, and addresses only masked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from email.utils import parseaddr
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote, urlsplit

from melihub.hub.privacy import mask_email, mask_phone

if TYPE_CHECKING:
    from melihub.config import Settings

DEFAULT_TIMEOUT_S = 10.0
BACKOFF_BASE_S = 30.0
BACKOFF_CAP_S = 3600.0
SMTP_PORTS = {"smtp": 587, "smtps": 465}  # submission (STARTTLS when offered) and implicit TLS


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WHATSAPP = "whatsapp"


# The environment variables behind each channel, named in configuration errors.
URL_SETTING = {
    Channel.EMAIL: "MELIHUB_SMTP_URL",
    Channel.SMS: "MELIHUB_SMS_URL",
    Channel.WHATSAPP: "MELIHUB_WHATSAPP_URL",
}


@dataclass(frozen=True)
class ReadyMessage:
    """What the buyer is told: the order is ready at this hub. ``idempotency_key`` is stable per delivery."""

    order_code: str
    recipient_name: str
    hub_name: str
    hub_address: str
    pickup_hours: str
    idempotency_key: str
    locale: str = "pt-BR"


_EMAILS_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_emails_in(text: str) -> str:
    """Servers' replies may quote the recipient (``550 <ana@x.com> unknown``)."""
    return _EMAILS_IN_TEXT.sub(lambda match: mask_email(match.group(0)), text)


@dataclass(frozen=True)
class Destination:
    email: str | None = None
    phone: str | None = None

    def __repr__(self) -> str:
        email = mask_email(self.email) if self.email else None
        phone = mask_phone(self.phone) if self.phone else None
        return f"Destination(email={email!r}, phone={phone!r})"


@dataclass(frozen=True)
class DeliveryReceipt:
    provider_id: str | None
    detail: str


class DeliveryFailed(Exception):
    """A delivery did not happen. ``retryable``: the same delivery may succeed later (backoff and retry)."""

    def __init__(self, message: str, retryable: bool, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.retry_after_s = retry_after_s


class Notifier(Protocol):
    channel: Channel

    async def send(self, message: ReadyMessage, destination: Destination) -> DeliveryReceipt: ...


def backoff_seconds(attempt: int) -> float:
    """Delay before retry number ``attempt`` (1-based): 30 s, 60 s, 120 s, … at most one hour."""
    if attempt < 1:
        raise ValueError(f"attempt counts from 1, got {attempt}")
    return min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2.0 ** min(attempt - 1, 32))


# ---- Configuration ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpEndpoint:
    host: str
    port: int
    implicit_tls: bool
    username: str | None = None
    password: str | None = field(default=None, repr=False)


def parse_smtp_url(url: str, setting: str = "MELIHUB_SMTP_URL") -> SmtpEndpoint:
    """``smtp://user:pass@host:port`` (STARTTLS when the server offers it) or ``smtps://…`` (implicit TLS)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in SMTP_PORTS:
        raise ValueError(f"{setting} must start with smtp:// or smtps:// (smtp://user:password@host:port)")
    if not parts.hostname:
        raise ValueError(f"{setting} names no host (smtp://user:password@host:port)")
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"{setting} has a port that is not a number between 0 and 65535") from None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{setting} takes no path or query, only smtp://user:password@host:port")
    if parts.password is not None and not parts.username:
        raise ValueError(f"{setting} has a password but no user")
    return SmtpEndpoint(
        host=parts.hostname,
        port=port or SMTP_PORTS[parts.scheme],
        implicit_tls=parts.scheme == "smtps",
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def redacted_url(url: str) -> str:
    """The URL without credentials or query (where some providers put keys), for reprs and logs."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ":?"
    user = "***@" if parts.username or parts.password else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}" + ("?***" if parts.query else "")


@dataclass(frozen=True)
class ChannelConfig:
    """One channel's provider. SMTP: ``url`` + ``sender`` (the From); HTTP providers: ``url`` + ``token``.

    ``setting`` names where the URL came from, for error messages. Other URL schemes than smtp(s) and
    http(s) are accepted here and must have a driver registered (``drivers.register_driver``).
    """

    channel: Channel
    url: str = field(repr=False)
    token: str = field(default="", repr=False)
    sender: str = ""
    timeout_s: float = DEFAULT_TIMEOUT_S
    setting: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        setting = self.setting or URL_SETTING[self.channel]
        scheme = urlsplit(self.url.strip()).scheme.lower()
        if not scheme or "://" not in self.url:
            raise ValueError(f"{setting} is not a URL (scheme://host…)")
        if scheme in SMTP_PORTS or (self.channel is Channel.EMAIL and scheme in ("http", "https")):
            if self.channel is not Channel.EMAIL:
                raise ValueError(f"{setting}: smtp URLs are for e-mail, not {self.channel.value}")
            parse_smtp_url(self.url, setting)
            if "@" not in parseaddr(self.sender)[1]:
                raise ValueError(f"{_sender_setting(setting)} must be an e-mail address when {setting} is set")
        elif scheme in ("http", "https") and not urlsplit(self.url.strip()).hostname:
            raise ValueError(f"{setting} names no host")
        if self.timeout_s <= 0:
            raise ValueError(f"{setting}: the timeout must be positive")

    @property
    def scheme(self) -> str:
        return urlsplit(self.url.strip()).scheme.lower()

    @property
    def smtp(self) -> SmtpEndpoint:
        return parse_smtp_url(self.url, self.setting or URL_SETTING[self.channel])

    def __repr__(self) -> str:
        token = ", token='***'" if self.token else ""
        sender = f", sender={self.sender!r}" if self.sender else ""
        return (
            f"ChannelConfig(channel={self.channel.value!r}, url={redacted_url(self.url)!r}{token}{sender}, "
            f"timeout_s={self.timeout_s})"
        )


def _sender_setting(url_setting: str) -> str:
    return url_setting.replace("SMTP_URL", "SMTP_FROM").replace("smtp_url", "smtp_from")


@dataclass(frozen=True)
class NotifierOverrides:
    """A company's own providers; None keeps the process default, an empty URL turns the channel off.

    A company that names its own URL for a channel brings that channel's token too: the process's
    token is never sent to a URL the company chose.
    """

    smtp_url: str | None = field(default=None, repr=False)
    smtp_from: str | None = None
    sms_url: str | None = field(default=None, repr=False)  # some providers take a key in the query
    sms_token: str | None = field(default=None, repr=False)
    whatsapp_url: str | None = field(default=None, repr=False)
    whatsapp_token: str | None = field(default=None, repr=False)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str | None]) -> NotifierOverrides:
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown notification settings: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**values)


@dataclass(frozen=True)
class NotifierConfig:
    email: ChannelConfig | None = None
    sms: ChannelConfig | None = None
    whatsapp: ChannelConfig | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> NotifierConfig:
        """The process-wide default, from ``MELIHUB_SMTP_URL`` and friends; unset channels are None."""
        return cls(
            email=_email(_secret(settings.smtp_url), settings.smtp_from, "MELIHUB_SMTP_URL"),
            sms=_http(Channel.SMS, settings.sms_url, _secret(settings.sms_token), "MELIHUB_SMS_URL"),
            whatsapp=_http(
                Channel.WHATSAPP, settings.whatsapp_url, _secret(settings.whatsapp_token), "MELIHUB_WHATSAPP_URL"
            ),
        )

    def overlay(self, overrides: NotifierOverrides | Mapping[str, str | None] | None) -> NotifierConfig:
        """This default with a company's own values on top (None: the default as it is)."""
        if overrides is None:
            return self
        if not isinstance(overrides, NotifierOverrides):
            overrides = NotifierOverrides.from_mapping(overrides)
        return NotifierConfig(
            email=_overlay_email(self.email, overrides),
            sms=_overlay_http(self.sms, Channel.SMS, overrides.sms_url, overrides.sms_token),
            whatsapp=_overlay_http(self.whatsapp, Channel.WHATSAPP, overrides.whatsapp_url, overrides.whatsapp_token),
        )

    def for_channel(self, channel: Channel) -> ChannelConfig | None:
        return {Channel.EMAIL: self.email, Channel.SMS: self.sms, Channel.WHATSAPP: self.whatsapp}[channel]

    @property
    def channels(self) -> tuple[Channel, ...]:
        return tuple(channel for channel in Channel if self.for_channel(channel) is not None)


def _secret(value: object) -> str:
    reveal = getattr(value, "get_secret_value", None)
    return str(reveal() if reveal else (value or ""))


def _email(url: str, sender: str, setting: str) -> ChannelConfig | None:
    if not url.strip():
        return None
    return ChannelConfig(Channel.EMAIL, url.strip(), sender=sender.strip(), setting=setting)


def _http(channel: Channel, url: str, token: str, setting: str) -> ChannelConfig | None:
    if not url.strip():
        return None
    return ChannelConfig(channel, url.strip(), token=token.strip(), setting=setting)


def _overlay_email(default: ChannelConfig | None, overrides: NotifierOverrides) -> ChannelConfig | None:
    url = overrides.smtp_url if overrides.smtp_url is not None else (default.url if default else "")
    sender = overrides.smtp_from if overrides.smtp_from is not None else (default.sender if default else "")
    if overrides.smtp_url is None and overrides.smtp_from is None:
        return default
    return _email(url, sender, "smtp_url (company settings)")


def _overlay_http(
    default: ChannelConfig | None, channel: Channel, url: str | None, token: str | None
) -> ChannelConfig | None:
    if url is not None:
        return _http(channel, url, token or "", f"{channel.value}_url (company settings)")
    if token is not None and default is not None:
        return _http(channel, default.url, token, default.setting)
    return default
