"""setAiTokenBudget(monthlyTokens): the company's own monthly budget for LLM reviews."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.insights import budget
from melihub.insights.graphql.scores import AiBudgetType


@strawberry.type
class SetAiTokenBudgetPayload:
    budget: AiBudgetType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class SetAiTokenBudget(BaseMutation[SetAiTokenBudgetPayload]):
    name = "setAiTokenBudget"
    payload = SetAiTokenBudgetPayload
    permission = Permission.MANAGE_TENANT

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> SetAiTokenBudgetPayload:
        principal = call.require_principal()
        async with call.unit() as work:
            found = await budget.set_budget(
                work.session, call.services.settings, principal, arguments["monthly_tokens"]
            )
            call.note.after = {"monthlyTokens": found.monthly_tokens}
        return SetAiTokenBudgetPayload(budget=AiBudgetType.of(found))


async def set_ai_token_budget(info: Info, monthly_tokens: int) -> SetAiTokenBudgetPayload:
    return await SetAiTokenBudget.run(info, monthly_tokens=monthly_tokens)
