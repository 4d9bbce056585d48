"""GET /oauth/meli/start and /oauth/meli/callback: the browser half of account linking."""

from __future__ import annotations

import html
import uuid
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from melihub.accounts.auth import resolve_principal
from melihub.accounts.principal import AuthError, Principal
from melihub.connections import service
from melihub.errors import DomainError
from melihub.globalids import global_id_text
from melihub.i18n import pick_locale, t
from melihub.meli.errors import MeliError, ReauthRequired, Unavailable
from melihub.observability import get_logger
from melihub.runtime import Services

log = get_logger("melihub.connections")
INTEGRATIONS_PAGE = "/integracoes/"  # the dashboard's integrations screen
ACCOUNT_TYPE = "MeliAccount"  # the account's GraphQL type: ``linked`` carries its global id
BACK_AFTER_S = 1  # how long the success page shows before the browser goes back by itself


def linked_url(account_id: uuid.UUID) -> str:
    """Where the browser returns after linking: the integrations screen, told which account it was."""
    return f"{INTEGRATIONS_PAGE}?linked={quote(global_id_text(ACCOUNT_TYPE, account_id))}"


def _page(title: str, body: str, locale: str, status: int, *, returning_to: str | None = None) -> HTMLResponse:
    """A small page linking back to the integrations screen; with ``returning_to`` (after a success) the
    browser also goes there by itself after ``BACK_AFTER_S``."""
    back, target = html.escape(t("link.back", locale)), html.escape(returning_to or INTEGRATIONS_PAGE, quote=True)
    refresh = f'<meta http-equiv="refresh" content="{BACK_AFTER_S};url={target}">' if returning_to else ""
    return HTMLResponse(
        f"<!doctype html><html lang='{locale}'><meta charset='utf-8'>{refresh}<title>{html.escape(title)}</title>"
        f"<body style='font-family:sans-serif;max-width:40rem;margin:4rem auto'><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(body)}</p><p><a href='{target}'>{back}</a></p></body></html>",
        status_code=status,
    )


async def _principal(request: Request) -> Principal | None:
    services: Services = request.app.state.services
    try:
        return await resolve_principal(
            db=services.db,
            redis=services.redis,
            settings=services.settings,
            authorization=request.headers.get("authorization"),
            cookies=request.cookies,
        )
    except AuthError:
        return None


async def start(request: Request) -> Response:
    locale = pick_locale(request.headers.get("accept-language"))
    principal = await _principal(request)
    if principal is None:
        return _page(t("link.failure.title", locale), t("error.SIGN_IN", locale), locale, 401)
    try:
        url = await service.start_link(request.app.state.services, principal, request.query_params.get("site", "MLB"))
    except AuthError as exc:
        return _page(t("link.failure.title", locale), str(exc), locale, 403)
    except DomainError as exc:
        return _page(t("link.failure.title", locale), str(exc), locale, 400)
    return RedirectResponse(url, status_code=302)


def _failure_text(exc: Exception, locale: str) -> tuple[str, int]:
    if isinstance(exc, DomainError):
        return t(f"error.{exc.code}", locale) if f"error.{exc.code}" in _known(locale) else str(exc), 400
    if isinstance(exc, Unavailable):
        return t("error.MELI_UNAVAILABLE", locale), 502
    if isinstance(exc, ReauthRequired | MeliError):
        return t("error.MELI_REFUSED", locale, detail=str(exc)), 400
    return t("error.MELI_UNAVAILABLE", locale), 502


def _known(locale: str) -> set[str]:
    from melihub.i18n import MESSAGES

    return set(MESSAGES.get(locale, {}))


async def callback(request: Request) -> Response:
    locale = pick_locale(request.headers.get("accept-language"))
    params = request.query_params
    if params.get("error"):
        return _page(t("link.failure.title", locale), t("link.denied", locale), locale, 400)
    code, state = params.get("code"), params.get("state")
    if not code or not state:
        return _page(t("link.failure.title", locale), t("error.STATE_INVALID", locale), locale, 400)
    try:
        account = await service.complete_link(request.app.state.services, await _principal(request), code, state)
    except (DomainError, MeliError) as exc:
        log.warning("meli.link_failed", error=type(exc).__name__, code=getattr(exc, "code", None))
        text, status = _failure_text(exc, locale)
        return _page(t("link.failure.title", locale), text, locale, status)
    body = t("link.success.body", locale, nickname=account.nickname or account.ml_user_id)
    return _page(t("link.success.title", locale), body, locale, 200, returning_to=linked_url(account.id))
