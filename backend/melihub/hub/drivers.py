"""Ready-notification drivers (SMTP, a generic HTTP JSON provider) and the registry that picks them.

A driver is chosen by its channel URL's scheme: ``smtp``/``smtps`` for e-mail, ``http``/``https`` for
the generic JSON provider. A provider-specific driver registers its own scheme (``register_driver``)
and is configured with the same variables, e.g. ``MELIHUB_SMS_URL=acme+https://api.acme.example``.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import ssl
from collections.abc import Callable
from email.message import EmailMessage

import aiosmtplib
import httpx

from melihub.hub.notifier import (
    URL_SETTING,
    Channel,
    ChannelConfig,
    DeliveryFailed,
    DeliveryReceipt,
    Destination,
    Notifier,
    NotifierConfig,
    ReadyMessage,
    mask_emails_in,
)
from melihub.hub.templates import render

NotifierFactory = Callable[[ChannelConfig, httpx.AsyncClient | None], Notifier]

_MESSAGE_ID_SAFE = re.compile(r"(?=.{1,64}$)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")  # a dot-atom


def message_id_for(idempotency_key: str, sender: str) -> str:
    """The e-mail's Message-ID: the same delivery retried carries the same id, so receivers can spot repeats."""
    local = idempotency_key if _MESSAGE_ID_SAFE.fullmatch(idempotency_key) else _digest(idempotency_key)
    domain = email.utils.parseaddr(sender)[1].rpartition("@")[2] or "melihub.invalid"
    return f"<{local}@{domain}>"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class SmtpNotifier:
    """E-mail through an SMTP server (aiosmtplib); ``tls_context`` overrides certificate checks (tests)."""

    channel = Channel.EMAIL

    def __init__(self, config: ChannelConfig, *, tls_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self.endpoint = config.smtp
        self.tls_context = tls_context

    def build(self, message: ReadyMessage, destination: Destination) -> EmailMessage:
        address = (destination.email or "").strip()
        if "@" not in address:
            raise DeliveryFailed("the recipient has no e-mail address", retryable=False)
        rendered = render(Channel.EMAIL, message)
        mail = EmailMessage()
        mail["From"] = self.config.sender
        mail["To"] = email.utils.formataddr((_one_line(message.recipient_name), address))
        mail["Subject"] = _one_line(rendered.subject or "")
        mail["Date"] = email.utils.formatdate(localtime=False)
        mail["Message-ID"] = message_id_for(message.idempotency_key, self.config.sender)
        mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a no-reply sender
        mail.set_content(rendered.text)
        if rendered.html:
            mail.add_alternative(rendered.html, subtype="html")
        return mail

    async def send(self, message: ReadyMessage, destination: Destination) -> DeliveryReceipt:
        mail = self.build(message, destination)
        endpoint = self.endpoint
        try:
            _, reply = await aiosmtplib.send(
                mail,
                sender=email.utils.parseaddr(self.config.sender)[1],
                recipients=[(destination.email or "").strip()],
                hostname=endpoint.host,
                port=endpoint.port,
                username=endpoint.username,
                password=endpoint.password if endpoint.username else None,
                use_tls=endpoint.implicit_tls,
                start_tls=False if endpoint.implicit_tls else None,
                tls_context=self.tls_context,
                timeout=self.config.timeout_s,
            )
        except aiosmtplib.SMTPRecipientsRefused as refused:
            first = refused.recipients[0]
            raise _smtp_refusal(first.code, first.message) from None
        except aiosmtplib.SMTPResponseException as error:
            raise _smtp_refusal(error.code, error.message) from None
        except aiosmtplib.SMTPNotSupported as error:
            raise DeliveryFailed(f"the SMTP server does not support this: {error.message}", retryable=False) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            where = f"{endpoint.host}:{endpoint.port}"
            raise DeliveryFailed(f"SMTP server {where} unreachable ({type(error).__name__})", retryable=True) from None
        return DeliveryReceipt(provider_id=str(mail["Message-ID"]), detail=f"accepted: {mask_emails_in(reply)}")


def _smtp_refusal(code: int, text: str) -> DeliveryFailed:
    # 4xx is the server's "try again later"; 5xx (and anything odd) will not change by retrying.
    return DeliveryFailed(f"SMTP server answered {code} {mask_emails_in(text)}".strip(), retryable=400 <= code < 500)


class HttpJsonNotifier:
    """SMS or WhatsApp through a provider that takes ``POST {to, text, channel, reference}`` as JSON."""

    def __init__(self, config: ChannelConfig, client: httpx.AsyncClient | None = None) -> None:
        if config.channel is Channel.EMAIL:
            raise ValueError("the HTTP JSON driver sends SMS and WhatsApp, not e-mail")
        self.channel: Channel = config.channel
        self.config = config
        self.client = client

    def payload(self, message: ReadyMessage, destination: Destination) -> dict[str, str]:
        phone = (destination.phone or "").strip()
        if not phone:
            raise DeliveryFailed(f"the recipient has no phone number for {self.channel.value}", retryable=False)
        text = render(self.channel, message).text
        return {"to": phone, "text": text, "channel": self.channel.value, "reference": message.idempotency_key}

    def headers(self, message: ReadyMessage) -> dict[str, str]:
        headers = {"Idempotency-Key": message.idempotency_key, "Accept": "application/json"}
        if self.config.token:
            headers["Authorization"] = f"Bearer {self.config.token}"
        return headers

    async def send(self, message: ReadyMessage, destination: Destination) -> DeliveryReceipt:
        body = self.payload(message, destination)
        try:
            if self.client is not None:
                response = await self._post(self.client, body, message)
            else:
                async with httpx.AsyncClient() as client:
                    response = await self._post(client, body, message)
        except httpx.TimeoutException:
            raise DeliveryFailed(
                f"{self._provider} did not answer in {self.config.timeout_s:g} s", retryable=True
            ) from None
        except httpx.TransportError as error:
            raise DeliveryFailed(f"{self._provider} unreachable ({type(error).__name__})", retryable=True) from None
        return self._receipt(response)

    async def _post(self, client: httpx.AsyncClient, body: dict[str, str], message: ReadyMessage) -> httpx.Response:
        return await client.post(
            self.config.url, json=body, headers=self.headers(message), timeout=self.config.timeout_s
        )

    @property
    def _provider(self) -> str:
        return f"the {self.channel.value} provider"

    def _receipt(self, response: httpx.Response) -> DeliveryReceipt:
        status = response.status_code
        if 200 <= status < 300:
            return DeliveryReceipt(provider_id=_provider_id(response), detail=f"accepted ({status})")
        # The body is not quoted: providers echo the phone number and the text.
        text = f"{self._provider} answered {status} {response.reason_phrase}".strip()
        retryable = status == 429 or status >= 500
        raise DeliveryFailed(text, retryable=retryable, retry_after_s=_retry_after(response) if retryable else None)


def _provider_id(response: httpx.Response) -> str | None:
    try:
        document = response.json()
    except ValueError:
        return None
    identifier = document.get("id") if isinstance(document, dict) else None
    return str(identifier) if identifier not in (None, "") else None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from APIs, and the caller's backoff applies anyway


# ---- The registry -------------------------------------------------------------------------------


def _smtp(config: ChannelConfig, _client: httpx.AsyncClient | None) -> Notifier:
    return SmtpNotifier(config)


def _http_json(config: ChannelConfig, client: httpx.AsyncClient | None) -> Notifier:
    return HttpJsonNotifier(config, client)


_DRIVERS: dict[str, NotifierFactory] = {"smtp": _smtp, "smtps": _smtp, "http": _http_json, "https": _http_json}


def register_driver(scheme: str, factory: NotifierFactory) -> None:
    """Channels whose URL has this scheme are sent by ``factory(config, http_client)``'s notifier."""
    _DRIVERS[scheme.lower()] = factory


def unregister_driver(scheme: str) -> None:
    if scheme.lower() in ("smtp", "smtps", "http", "https"):
        raise ValueError(f"the built-in {scheme} driver cannot be removed")
    _DRIVERS.pop(scheme.lower(), None)


def notifiers_for(config: NotifierConfig, http_client: httpx.AsyncClient | None = None) -> dict[Channel, Notifier]:
    """One notifier per configured channel; channels without configuration are absent."""
    notifiers: dict[Channel, Notifier] = {}
    for channel in config.channels:
        channel_config = config.for_channel(channel)
        assert channel_config is not None  # config.channels lists only configured ones
        factory = _DRIVERS.get(channel_config.scheme)
        if factory is None:
            known = ", ".join(sorted(_DRIVERS))
            setting = channel_config.setting or URL_SETTING[channel]
            raise ValueError(f"{setting}: no driver for {channel_config.scheme}:// URLs (known: {known})")
        notifiers[channel] = factory(channel_config, http_client)
    return notifiers
