"""accountScore and aiStatus: parse, check, call one query, shape."""

from __future__ import annotations

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.accounts import visible_account_ids
from melihub.graphql.context import Info
from melihub.insights import queries, status
from melihub.insights.graphql.scores import AccountScoreType, AiStatusType


async def resolve_account_score(info: Info, meli_account_id: strawberry.ID) -> AccountScoreType:
    accounts = await visible_account_ids(info, [meli_account_id], field="meliAccountId")
    assert accounts is not None
    async with info.context.session() as session:
        found = await queries.account_score(session, info.context.require(), accounts[0])
    return AccountScoreType.of(found)


async def resolve_ai_status(info: Info) -> AiStatusType:
    principal = info.context.require(Permission.READ)
    return AiStatusType.of(await status.ai_status(info.context.services, principal.tenant_id))
