"""Ready notifications: e-mail to a real local SMTP server, SMS and WhatsApp to a real local HTTP
receiver standing in for the provider; failures sorted into retryable and permanent; secrets kept out."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from melihub.config import Settings
from melihub.hub.drivers import (
    HttpJsonNotifier,
    SmtpNotifier,
    message_id_for,
    notifiers_for,
    register_driver,
    unregister_driver,
)
from melihub.hub.notifier import (
    Channel,
    ChannelConfig,
    DeliveryFailed,
    DeliveryReceipt,
    Destination,
    Notifier,
    NotifierConfig,
    NotifierOverrides,
    ReadyMessage,
    backoff_seconds,
)
from melihub.hub.templates import render
from melihub.testing.http_receiver import HttpReceiver, Reply
from melihub.testing.smtp_server import PERMANENT_FAILURE, TEMPORARY_FAILURE, LocalSmtpServer
from melihub.testing.stores import free_port

SENDER = "Hub Centro <retiradas@hub.example>"
ANA = Destination(email="ana.souza@example.com", phone="+5511987654321")
MESSAGE = ReadyMessage(
    order_code="2000008812345",
    recipient_name="Ana Souza",
    hub_name="Hub Centro",
    hub_address="Rua Augusta, 1500 - São Paulo",
    pickup_hours="seg a sex, 9h às 18h",
    idempotency_key="hub-ready-7f3a",
)


@pytest.fixture
def smtp() -> Iterator[LocalSmtpServer]:
    with LocalSmtpServer() as server:
        yield server


@pytest.fixture
def provider() -> Iterator[HttpReceiver]:
    with HttpReceiver() as receiver:
        yield receiver


def email_config(url: str, **values: object) -> ChannelConfig:
    return ChannelConfig(Channel.EMAIL, url, sender=SENDER, **values)  # type: ignore[arg-type]


async def failure_of(notifier: Notifier, destination: Destination = ANA) -> DeliveryFailed:
    with pytest.raises(DeliveryFailed) as caught:
        await notifier.send(MESSAGE, destination)
    return caught.value


# ---- E-mail -------------------------------------------------------------------------------------


async def test_the_email_arrives_in_pt_br_with_the_order_the_address_and_the_hours(smtp: LocalSmtpServer) -> None:
    receipt = await SmtpNotifier(email_config(smtp.url)).send(MESSAGE, ANA)

    [mail] = smtp.received
    assert mail.mail_from == "retiradas@hub.example" and mail.rcpt_tos == ["ana.souza@example.com"]
    message = mail.message
    assert message["From"] == SENDER and message["To"] == "Ana Souza <ana.souza@example.com>"
    assert message["Subject"] == "Seu pedido 2000008812345 está pronto para retirada"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("Olá, Ana!")
    for fact in ("2000008812345", "Rua Augusta, 1500 - São Paulo", "seg a sex, 9h às 18h", "Hub Centro"):
        assert fact in text
    assert "Rua Augusta" in message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert message["Message-ID"] == "<hub-ready-7f3a@hub.example>" == message_id_for("hub-ready-7f3a", SENDER)
    assert receipt.provider_id == message["Message-ID"] and receipt.detail == "accepted: OK"


async def test_a_retried_delivery_keeps_its_message_id(smtp: LocalSmtpServer) -> None:
    notifier = SmtpNotifier(email_config(smtp.url))
    await notifier.send(MESSAGE, ANA)
    await notifier.send(MESSAGE, ANA)
    first, second = (mail.message["Message-ID"] for mail in smtp.received)
    assert first == second
    assert message_id_for("pedido 1/2 <x>", SENDER) != message_id_for("pedido 1/3 <x>", SENDER)
    assert " " not in message_id_for("pedido 1/2 <x>", SENDER)


async def test_login_uses_the_user_and_password_of_the_url() -> None:
    with LocalSmtpServer(auth=("mailer", "s3cr:et/pw")) as server:
        assert "s3cr%3Aet%2Fpw" in server.url
        await SmtpNotifier(email_config(server.url)).send(MESSAGE, ANA)
        assert [mail.authenticated_as for mail in server.received] == ["mailer"]

        wrong = server.url.replace("s3cr%3Aet%2Fpw", "wrong")
        refused = await failure_of(SmtpNotifier(email_config(wrong)))
        anonymous = await failure_of(SmtpNotifier(email_config(f"smtp://127.0.0.1:{server.port}")))
    assert not refused.retryable and "535" in refused.message and "wrong" not in refused.message
    assert not anonymous.retryable and "530" in anonymous.message
    assert len(server.received) == 1


async def test_implicit_tls_for_smtps_urls() -> None:
    with LocalSmtpServer(tls=True) as server:
        assert server.url.startswith("smtps://")
        notifier = SmtpNotifier(email_config(server.url), tls_context=server.client_tls_context)
        await notifier.send(MESSAGE, ANA)
        untrusted = await failure_of(SmtpNotifier(email_config(server.url)))
    assert len(server.received) == 1
    assert untrusted.retryable  # a certificate problem is the operator's to fix; the delivery waits


async def test_451_is_retryable_and_the_retry_delivers(smtp: LocalSmtpServer) -> None:
    notifier = SmtpNotifier(email_config(smtp.url))
    smtp.fail_next(TEMPORARY_FAILURE)
    failure = await failure_of(notifier)
    assert failure.retryable and failure.message.startswith("SMTP server answered 451")
    await notifier.send(MESSAGE, ANA)
    assert smtp.data_attempts == 2 and len(smtp.received) == 1


async def test_550_is_permanent_and_the_address_is_masked(smtp: LocalSmtpServer) -> None:
    smtp.fail_always("550 5.1.1 <ana.souza@example.com>: no such user")
    failure = await failure_of(SmtpNotifier(email_config(smtp.url)))
    assert not failure.retryable and "550" in failure.message
    assert "ana.souza" not in failure.message and "a***@example.com" in failure.message
    smtp.fail_always(PERMANENT_FAILURE)
    assert not (await failure_of(SmtpNotifier(email_config(smtp.url)))).retryable
    assert smtp.received == []


async def test_a_slow_or_absent_smtp_server_is_retryable(smtp: LocalSmtpServer) -> None:
    smtp.delay_s = 1.0
    slow = await failure_of(SmtpNotifier(email_config(smtp.url, timeout_s=0.3)))
    absent = await failure_of(SmtpNotifier(email_config(f"smtp://127.0.0.1:{free_port()}")))
    assert slow.retryable and absent.retryable and "unreachable" in absent.message


async def test_no_email_address_is_a_permanent_failure(smtp: LocalSmtpServer) -> None:
    failure = await failure_of(SmtpNotifier(email_config(smtp.url)), Destination(phone="+5511987654321"))
    assert not failure.retryable and failure.message == "the recipient has no e-mail address"
    assert smtp.data_attempts == 0


# ---- SMS and WhatsApp -----------------------------------------------------------------------------


@pytest.mark.parametrize("channel", [Channel.SMS, Channel.WHATSAPP])
async def test_the_provider_gets_the_json_with_the_token_and_idempotency_key(
    provider: HttpReceiver, channel: Channel
) -> None:
    provider.reply(Reply(202, {"id": "sms-1"}))
    config = ChannelConfig(channel, f"{provider.url}/v1/messages", token="tok-123")

    receipt = await HttpJsonNotifier(config).send(MESSAGE, ANA)

    [request] = provider.requests
    assert (request.method, request.path) == ("POST", "/v1/messages")
    assert request.headers["authorization"] == "Bearer tok-123"
    assert request.headers["idempotency-key"] == "hub-ready-7f3a"
    assert request.json == {
        "to": "+5511987654321",
        "text": render(channel, MESSAGE).text,
        "channel": channel.value,
        "reference": "hub-ready-7f3a",
    }
    for fact in ("2000008812345", "Rua Augusta, 1500", "9h"):
        assert fact in request.json["text"]
    assert receipt == DeliveryReceipt(provider_id="sms-1", detail="accepted (202)")


async def test_a_503_then_200_is_one_retry_and_a_delivery(provider: HttpReceiver) -> None:
    provider.reply(Reply(503), Reply(429, headers={"Retry-After": "7"}), Reply(200, {"id": 42}))
    async with httpx.AsyncClient() as client:
        notifier = HttpJsonNotifier(ChannelConfig(Channel.SMS, provider.url, token="t"), client)
        unavailable = await failure_of(notifier)
        throttled = await failure_of(notifier)
        receipt = await notifier.send(MESSAGE, ANA)
    assert unavailable.retryable and "503" in unavailable.message
    assert throttled.retryable and throttled.retry_after_s == 7.0
    assert receipt.provider_id == "42" and len(provider.requests) == 3
    assert {request.headers["idempotency-key"] for request in provider.requests} == {"hub-ready-7f3a"}


async def test_a_400_is_permanent_and_does_not_echo_the_provider(provider: HttpReceiver) -> None:
    provider.reply(Reply(400, {"error": "invalid number +5511987654321"}))
    failure = await failure_of(HttpJsonNotifier(ChannelConfig(Channel.WHATSAPP, provider.url, token="t")))
    assert not failure.retryable and "400" in failure.message and "987654321" not in failure.message


async def test_refused_connections_and_timeouts_are_retryable(provider: HttpReceiver) -> None:
    nobody = ChannelConfig(Channel.SMS, f"http://127.0.0.1:{free_port()}/send", token="t")
    refused = await failure_of(HttpJsonNotifier(nobody))
    provider.reply(Reply(200, delay_s=1.0))
    slow = await failure_of(HttpJsonNotifier(ChannelConfig(Channel.SMS, provider.url, timeout_s=0.2)))
    assert refused.retryable and "unreachable" in refused.message
    assert slow.retryable and "did not answer in 0.2 s" in slow.message


async def test_no_phone_is_a_permanent_failure_and_nothing_is_sent(provider: HttpReceiver) -> None:
    failure = await failure_of(
        HttpJsonNotifier(ChannelConfig(Channel.SMS, provider.url)), Destination(email="ana@example.com")
    )
    assert not failure.retryable and failure.message == "the recipient has no phone number for sms"
    assert provider.requests == []


# ---- Configuration and the registry ---------------------------------------------------------------


def test_nothing_configured_means_no_channel() -> None:
    config = NotifierConfig.from_settings(Settings(env="test"))  # type: ignore[arg-type]
    assert config == NotifierConfig() and notifiers_for(config) == {}


def test_only_configured_channels_get_a_notifier() -> None:
    settings = Settings(env="test", sms_url="https://sms.example/send", sms_token="t")  # type: ignore[arg-type]
    assert list(notifiers_for(NotifierConfig.from_settings(settings))) == [Channel.SMS]

    everything = settings.model_copy(
        update={"smtp_url": "smtps://u:p@mail.example", "smtp_from": SENDER, "whatsapp_url": "https://wa.example"}
    )
    notifiers = notifiers_for(NotifierConfig.from_settings(everything))
    assert isinstance(notifiers[Channel.EMAIL], SmtpNotifier) and notifiers[Channel.EMAIL].endpoint.port == 465
    assert isinstance(notifiers[Channel.WHATSAPP], HttpJsonNotifier)
    assert {channel: n.channel for channel, n in notifiers.items()} == {c: c for c in Channel}


def test_the_environment_configures_the_channels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELIHUB_SMTP_URL", "smtp://mailer:pa%40ss@mail.example:2525")
    monkeypatch.setenv("MELIHUB_SMTP_FROM", SENDER)
    monkeypatch.setenv("MELIHUB_WHATSAPP_URL", "https://wa.example/messages")
    monkeypatch.setenv("MELIHUB_WHATSAPP_TOKEN", "wa-token")
    config = NotifierConfig.from_settings(Settings())
    assert config.email is not None and config.whatsapp is not None and config.sms is None
    endpoint = config.email.smtp
    assert (endpoint.host, endpoint.port, endpoint.username, endpoint.password) == (
        "mail.example",
        2525,
        "mailer",
        "pa@ss",
    )
    assert not endpoint.implicit_tls and config.whatsapp.token == "wa-token"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://mailer:hunter2@mail.example", "must start with smtp:// or smtps://"),
        ("smtp://mailer:hunter2@:25", "names no host"),
        ("smtp://mailer:hunter2@mail.example:port", "port that is not a number"),
        ("smtp://mailer:hunter2@mail.example/inbox", "takes no path"),
        ("smtp://:hunter2@mail.example", "password but no user"),
        ("mailer:hunter2@mail.example", "is not a URL"),
    ],
)
def test_a_malformed_smtp_url_names_the_setting_and_hides_the_password(
    monkeypatch: pytest.MonkeyPatch, url: str, problem: str
) -> None:
    monkeypatch.setenv("MELIHUB_SMTP_URL", url)
    monkeypatch.setenv("MELIHUB_SMTP_FROM", SENDER)
    with pytest.raises(ValueError, match=f"MELIHUB_SMTP_URL.*{problem}|{problem}.*MELIHUB_SMTP_URL") as caught:
        NotifierConfig.from_settings(Settings())
    assert "hunter2" not in str(caught.value)


def test_an_smtp_url_needs_a_from_address() -> None:
    with pytest.raises(ValueError, match="MELIHUB_SMTP_FROM must be an e-mail address"):
        NotifierConfig.from_settings(Settings(env="test", smtp_url="smtp://mail.example"))  # type: ignore[arg-type]


def test_reprs_hide_passwords_tokens_and_addresses() -> None:
    settings = Settings(
        env="test",  # type: ignore[arg-type]
        smtp_url="smtp://mailer:hunter2@mail.example",
        smtp_from=SENDER,
        sms_url="https://sms.example/send?key=k3y",
        sms_token="sms-s3cret",
        whatsapp_url="https://wa.example",
        whatsapp_token="wa-s3cret",
    )
    config = NotifierConfig.from_settings(settings)
    overrides = NotifierOverrides(smtp_url="smtp://a:hunter2@b", sms_token="sms-s3cret")
    for secret in ("hunter2", "sms-s3cret", "wa-s3cret"):
        assert secret not in repr(settings)
    shown = " ".join([repr(config), repr(config.email.smtp if config.email else None), repr(overrides), repr(ANA)])
    for secret in ("hunter2", "sms-s3cret", "wa-s3cret", "k3y", "ana.souza", "987654321"):
        assert secret not in shown
    assert "mail.example" in repr(config.email) and "a***@example.com" in repr(ANA)


def test_a_company_overlays_its_own_providers_on_the_default() -> None:
    default = NotifierConfig(
        email=email_config("smtp://mail.example"),
        sms=ChannelConfig(Channel.SMS, "https://sms.example", token="process-token"),
    )
    assert default.overlay(None) is default and default.overlay({}) == default

    own = default.overlay({"sms_url": "https://sms.company.example", "smtp_url": ""})
    assert own.email is None and own.sms is not None
    assert own.sms.url == "https://sms.company.example" and own.sms.token == ""  # the process token stays home
    assert default.overlay(NotifierOverrides(sms_token="own-token")).sms == ChannelConfig(
        Channel.SMS, "https://sms.example", token="own-token"
    )
    with pytest.raises(ValueError, match="smtp_url \\(company settings\\)") as caught:
        default.overlay({"smtp_url": "smtp://u:hunter2@"})
    assert "hunter2" not in str(caught.value)
    with pytest.raises(ValueError, match="unknown notification settings: sms_password"):
        default.overlay({"sms_password": "x"})


class EchoNotifier:
    """A provider-specific driver, plugged in by URL scheme."""

    def __init__(self, config: ChannelConfig) -> None:
        self.channel = config.channel
        self.config = config

    async def send(self, message: ReadyMessage, destination: Destination) -> DeliveryReceipt:
        return DeliveryReceipt(provider_id=message.idempotency_key, detail=self.config.url)


async def test_a_provider_specific_driver_plugs_in_by_scheme() -> None:
    config = NotifierConfig(sms=ChannelConfig(Channel.SMS, "echo+https://api.echo.example", token="t"))
    with pytest.raises(ValueError, match="MELIHUB_SMS_URL: no driver for echo\\+https://"):
        notifiers_for(config)
    register_driver("echo+https", lambda channel_config, _client: EchoNotifier(channel_config))
    try:
        notifier = notifiers_for(config)[Channel.SMS]
        assert (await notifier.send(MESSAGE, ANA)).provider_id == "hub-ready-7f3a"
    finally:
        unregister_driver("echo+https")


# ---- Texts and backoff ----------------------------------------------------------------------------


def test_sms_is_short_and_without_accents_whatsapp_richer_english_on_request() -> None:
    sms = render(Channel.SMS, MESSAGE).text
    assert len(sms) <= 160 and sms.isascii() and sms.startswith("Ola, Ana!") and "Sao Paulo" in sms
    whatsapp = render(Channel.WHATSAPP, MESSAGE).text
    assert "*2000008812345*" in whatsapp and "São Paulo" in whatsapp and whatsapp.count("\n") >= 4

    english = render(Channel.EMAIL, ReadyMessage(**{**MESSAGE.__dict__, "locale": "en", "recipient_name": ""}))
    assert english.subject == "Your order 2000008812345 is ready for pickup" and english.text.startswith("Hi!")
    unknown = render(Channel.EMAIL, ReadyMessage(**{**MESSAGE.__dict__, "locale": "es-AR"}))
    assert unknown.subject == render(Channel.EMAIL, MESSAGE).subject


def test_html_escapes_what_the_seller_typed() -> None:
    rendered = render(Channel.EMAIL, ReadyMessage(**{**MESSAGE.__dict__, "hub_name": "<b>Hub</b> & Cia"}))
    assert rendered.html is not None and "&lt;b&gt;Hub&lt;/b&gt; &amp; Cia" in rendered.html
    assert "<b>Hub</b> & Cia" in rendered.text


def test_backoff_doubles_from_30_seconds_and_stops_at_an_hour() -> None:
    assert [backoff_seconds(n) for n in range(1, 9)] == [30, 60, 120, 240, 480, 960, 1920, 3600]
    assert backoff_seconds(10_000) == 3600
    with pytest.raises(ValueError, match="from 1"):
        backoff_seconds(0)
