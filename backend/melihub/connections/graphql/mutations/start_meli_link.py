"""startMeliLink(site): the Mercado Livre authorize URL (PKCE, signed state) to open in the browser."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.connections import service
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall


@strawberry.type
class StartMeliLinkPayload:
    authorize_url: str | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class StartMeliLink(BaseMutation[StartMeliLinkPayload]):
    name = "startMeliLink"
    payload = StartMeliLinkPayload
    permission = Permission.MANAGE_CONNECTIONS

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> StartMeliLinkPayload:
        url = await service.start_link(call.services, call.require_principal(), arguments["site"])
        call.note.after = {"site": arguments["site"].strip().upper()}
        return StartMeliLinkPayload(authorize_url=url)


async def start_meli_link(info: Info, site: str = "MLB") -> StartMeliLinkPayload:
    return await StartMeliLink.run(info, site=site)
