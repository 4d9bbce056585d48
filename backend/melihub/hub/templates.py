"""What the buyer reads when an order is ready at a pickup hub: per channel, pt-BR first, then English.

The texts sit here rather than in ``melihub.i18n`` (the seller-facing screens' table) because they are
whole messages per channel; the locale is picked the same way, with pt-BR as the fallback.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass

from melihub.hub.notifier import Channel, ReadyMessage
from melihub.i18n import DEFAULT_LOCALE, pick_locale

TEXTS: dict[str, dict[str, str]] = {
    "pt-BR": {
        "hello.named": "Olá, {first_name}!",
        "hello.anonymous": "Olá!",
        "email.subject": "Seu pedido {order_code} está pronto para retirada",
        "email.ready": "Seu pedido {order_code} já pode ser retirado.",
        "email.where": "Onde retirar",
        "email.hours": "Horário de retirada",
        "email.bring": "Ao chegar, informe o código do pedido.",
        "email.bye": "Até logo!",
        "sms": "{hello} Pedido {order_code} pronto para retirada: {hub_name}, {hub_address}. Horário: {pickup_hours}.",
        "whatsapp": (
            "{hello} 👋\n"
            "Seu pedido *{order_code}* está pronto para retirada.\n\n"
            "📍 *{hub_name}*\n{hub_address}\n\n"
            "🕒 Horário de retirada: {pickup_hours}\n\n"
            "Ao chegar, informe o código do pedido."
        ),
    },
    "en": {
        "hello.named": "Hi {first_name}!",
        "hello.anonymous": "Hi!",
        "email.subject": "Your order {order_code} is ready for pickup",
        "email.ready": "Your order {order_code} is ready to be picked up.",
        "email.where": "Where",
        "email.hours": "Pickup hours",
        "email.bring": "When you arrive, give the order code.",
        "email.bye": "See you soon!",
        "sms": "{hello} Order {order_code} ready for pickup: {hub_name}, {hub_address}. Hours: {pickup_hours}.",
        "whatsapp": (
            "{hello} 👋\n"
            "Your order *{order_code}* is ready for pickup.\n\n"
            "📍 *{hub_name}*\n{hub_address}\n\n"
            "🕒 Pickup hours: {pickup_hours}\n\n"
            "When you arrive, give the order code."
        ),
    },
}


@dataclass(frozen=True)
class Rendered:
    subject: str | None
    text: str
    html: str | None


def first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0] if parts else ""


def render(channel: Channel, message: ReadyMessage) -> Rendered:
    """The message for ``channel`` in ``message.locale`` (pt-BR when the locale is not known)."""
    table = TEXTS.get(pick_locale(message.locale), TEXTS[DEFAULT_LOCALE])
    values = _values(table, message)
    if channel is Channel.EMAIL:
        return _email(table, values)
    if channel is Channel.SMS:
        return Rendered(subject=None, text=gsm_safe(table["sms"].format(**values)), html=None)
    return Rendered(subject=None, text=table["whatsapp"].format(**values), html=None)


def _values(table: dict[str, str], message: ReadyMessage) -> dict[str, str]:
    name = first_name(message.recipient_name)
    hello = table["hello.named"].format(first_name=name) if name else table["hello.anonymous"]
    return {
        "hello": hello,
        "order_code": message.order_code.strip(),
        "hub_name": message.hub_name.strip(),
        "hub_address": " ".join(message.hub_address.split()),
        "pickup_hours": message.pickup_hours.strip(),
    }


def _email(table: dict[str, str], values: dict[str, str]) -> Rendered:
    ready = table["email.ready"].format(**values)
    lines = [
        values["hello"],
        "",
        ready,
        "",
        f"{table['email.where']}: {values['hub_name']}",
        values["hub_address"],
        "",
        f"{table['email.hours']}: {values['pickup_hours']}",
        "",
        table["email.bring"],
        "",
        table["email.bye"],
    ]
    safe = {key: html.escape(value) for key, value in values.items()}
    markup = (
        f"<p>{safe['hello']}</p>\n<p>{html.escape(ready)}</p>\n"
        f"<p><strong>{html.escape(table['email.where'])}:</strong> {safe['hub_name']}<br>{safe['hub_address']}</p>\n"
        f"<p><strong>{html.escape(table['email.hours'])}:</strong> {safe['pickup_hours']}</p>\n"
        f"<p>{html.escape(table['email.bring'])}</p>\n<p>{html.escape(table['email.bye'])}</p>\n"
    )
    return Rendered(subject=table["email.subject"].format(**values), text="\n".join(lines) + "\n", html=markup)


def gsm_safe(text: str) -> str:
    """Accents dropped: one letter outside the GSM 7-bit alphabet (ã, ç, á) cuts an SMS from 160 to 70."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
