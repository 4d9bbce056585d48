"""GET /auth/oidc/start and /auth/oidc/callback: the browser half of OpenID Connect sign-in.

Both end in a redirect to the dashboard: signed in at ``/``, or refused at ``/?sso_error=CODE``, whose
code the login form explains.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from melihub.accounts import sso, sso_signin
from melihub.accounts.auth import set_session_cookies
from melihub.accounts.sso import BINDING_COOKIE, FLOW_TTL_S, OidcProvider, SsoError
from melihub.observability import get_logger
from melihub.runtime import Services

log = get_logger("melihub.sso")
DASHBOARD = "/"
COOKIE_PATH = "/auth/oidc"


def _refused(code: str) -> RedirectResponse:
    response = RedirectResponse(f"{DASHBOARD}?sso_error={quote(code)}", status_code=303)
    response.delete_cookie(BINDING_COOKIE, path=COOKIE_PATH)
    return response


def _provider(request: Request) -> tuple[Services, OidcProvider | None]:
    services: Services = request.app.state.services
    return services, OidcProvider.from_settings(services.settings)


async def start(request: Request) -> Response:
    services, provider = _provider(request)
    if provider is None:
        return _refused("SSO_NOT_CONFIGURED")
    try:
        tenant = request.query_params.get("tenant") or None
        ip = request.client.host if request.client else None
        started = await sso.start(services.redis, provider, tenant, ip=ip)
    except SsoError as exc:
        log.warning("sso.start_failed", code=exc.code, reason=str(exc))
        return _refused(exc.code)
    response = RedirectResponse(started.url, status_code=302)
    # Lax: the provider's redirect back is a top-level GET, which carries it; no other site's request does.
    response.set_cookie(
        BINDING_COOKIE,
        started.binding,
        max_age=FLOW_TTL_S,
        httponly=True,
        samesite="lax",
        secure=services.settings.cookie_secure,
        path=COOKIE_PATH,
    )
    return response


async def callback(request: Request) -> Response:
    services, provider = _provider(request)
    if provider is None:
        return _refused("SSO_NOT_CONFIGURED")
    params = request.query_params
    ip = request.client.host if request.client else None
    user_agent = request.headers.get("user-agent")
    try:
        flow = await sso.take_flow(services.redis, params.get("state", ""), request.cookies.get(BINDING_COOKIE))
    except SsoError as exc:
        log.warning("sso.sign_in_failed", code=exc.code, reason=str(exc))  # no tenant known: no audit row
        return _refused(exc.code)
    slugs = (flow.tenant,) if flow.tenant else provider.tenants
    try:
        if params.get("error") or not params.get("code"):
            # The provider's error code only: its description is free text from outside.
            raise SsoError(f"the identity provider did not sign in ({params.get('error', 'no code')})", "SSO_DENIED")
        identity = await sso.complete(provider, flow, params["code"])
    except SsoError as exc:
        log.warning("sso.sign_in_failed", code=exc.code, reason=str(exc))
        await sso_signin.record_failure(services, slugs, exc.code, identity=None, ip=ip, user_agent=user_agent)
        return _refused(exc.code)
    try:
        issued = await sso_signin.sign_in(services, provider, flow, identity, ip=ip, user_agent=user_agent)
    except SsoError as exc:
        log.warning("sso.sign_in_failed", code=exc.code, reason=str(exc))
        return _refused(exc.code)
    log.info("sso.signed_in", tenant=str(issued.claims.tenant_id), user=str(issued.claims.user_id))
    response = RedirectResponse(DASHBOARD, status_code=303)
    response.delete_cookie(BINDING_COOKIE, path=COOKIE_PATH)
    set_session_cookies(response, issued, services.settings)
    return response
