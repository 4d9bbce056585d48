"""User-facing text, pt-BR first. Code and logs stay in English; what a seller reads comes from here."""

from __future__ import annotations

DEFAULT_LOCALE = "pt-BR"

MESSAGES: dict[str, dict[str, str]] = {
    "pt-BR": {
        "link.success.title": "Conta conectada",
        "link.success.body": "A conta {nickname} do Mercado Livre foi conectada ao melihub.",
        "link.failure.title": "Não foi possível conectar a conta",
        "link.back": "Voltar para Integrações",
        "link.denied": "A autorização foi recusada no Mercado Livre.",
        "error.STATE_INVALID": "O pedido de conexão é inválido. Comece de novo.",
        "error.STATE_EXPIRED": "O pedido de conexão expirou (10 minutos). Comece de novo.",
        "error.STATE_USED": "Este pedido de conexão já foi usado. Comece de novo.",
        "error.STATE_OTHER_PRINCIPAL": "Esta conexão foi iniciada por outro usuário ou empresa.",
        "error.LINKED_ELSEWHERE": "Esta conta do Mercado Livre já está conectada a outra empresa no melihub.",
        "error.APPLICATION_CHANGED": "O aplicativo Mercado Livre da empresa mudou durante a conexão. Comece de novo.",
        "error.MELI_UNAVAILABLE": "O Mercado Livre não respondeu. Tente novamente em instantes.",
        "error.MELI_REFUSED": "O Mercado Livre recusou a conexão: {detail}",
        "error.SIGN_IN": "Entre no melihub para conectar uma conta.",
    },
    "en": {
        "link.success.title": "Account linked",
        "link.success.body": "The Mercado Livre account {nickname} is now linked to melihub.",
        "link.failure.title": "The account could not be linked",
        "link.back": "Back to Integrations",
        "link.denied": "Authorization was denied on Mercado Livre.",
        "error.STATE_INVALID": "The link request is invalid. Start again.",
        "error.STATE_EXPIRED": "The link request expired (10 minutes). Start again.",
        "error.STATE_USED": "This link request was already used. Start again.",
        "error.STATE_OTHER_PRINCIPAL": "This link was started by another user or company.",
        "error.LINKED_ELSEWHERE": "This Mercado Livre account is linked to another company in melihub.",
        "error.APPLICATION_CHANGED": "The company's Mercado Livre application changed while linking. Start again.",
        "error.MELI_UNAVAILABLE": "Mercado Livre did not answer. Try again shortly.",
        "error.MELI_REFUSED": "Mercado Livre refused the link: {detail}",
        "error.SIGN_IN": "Sign in to melihub to link an account.",
    },
}


def pick_locale(accept_language: str | None) -> str:
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip()
        if tag.lower().startswith("en"):
            return "en"
        if tag.lower().startswith("pt"):
            return "pt-BR"
    return DEFAULT_LOCALE


def t(key: str, locale: str = DEFAULT_LOCALE, **values: object) -> str:
    table = MESSAGES.get(locale, MESSAGES[DEFAULT_LOCALE])
    text = table.get(key) or MESSAGES[DEFAULT_LOCALE].get(key) or key
    return text.format(**values) if values else text
