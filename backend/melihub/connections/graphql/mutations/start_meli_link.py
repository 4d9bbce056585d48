"""startMeliLink(site): the Mercado Livre authorize URL (PKCE, signed state) to open in the browser."""

from __future__ import annotations

import strawberry

from melihub.connections import service
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError, user_errors


@strawberry.type
class StartMeliLinkPayload:
    authorize_url: str | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


async def start_meli_link(info: Info, site: str = "MLB") -> StartMeliLinkPayload:
    principal = info.context.require()
    try:
        url = await service.start_link(info.context.services, principal, site)
    except DomainError as exc:
        return StartMeliLinkPayload(errors=user_errors(exc))
    return StartMeliLinkPayload(authorize_url=url)
