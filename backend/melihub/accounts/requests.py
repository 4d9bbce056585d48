"""The caller of a plain HTTP route (not GraphQL): the same cookie or API token the GraphQL context reads."""

from __future__ import annotations

from starlette.requests import Request

from melihub.accounts.auth import resolve_principal
from melihub.accounts.principal import AuthError, Principal
from melihub.runtime import Services
from melihub.security.csrf import CSRF_CODE, CSRF_MESSAGE, csrf_header_missing

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def request_principal(request: Request) -> Principal | None:
    """The signed-in caller, or None when the request carries no credentials; a bad one raises AuthError.

    A request that changes something on the strength of the session cookie alone raises CSRF_REQUIRED
    (melihub.security.csrf) unless it carries the dashboard's header.
    """
    services: Services = request.app.state.services
    if request.method not in SAFE_METHODS and csrf_header_missing(request.headers, request.cookies):
        raise AuthError(CSRF_MESSAGE, CSRF_CODE)
    return await resolve_principal(
        db=services.db,
        redis=services.redis,
        settings=services.settings,
        authorization=request.headers.get("authorization"),
        cookies=request.cookies,
    )


async def optional_principal(request: Request) -> Principal | None:
    """For routes with a public part: a stale cookie or a revoked token reads as signed out."""
    try:
        return await request_principal(request)
    except AuthError:
        return None
