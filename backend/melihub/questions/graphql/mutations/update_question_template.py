"""updateQuestionTemplate(id, name, text, shortcut): only the fields given change."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.questions import templates
from melihub.questions.graphql.templates import QUESTION_TEMPLATE_TYPE, QuestionTemplateType


@strawberry.type
class UpdateQuestionTemplatePayload:
    question_template: QuestionTemplateType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class UpdateQuestionTemplate(BaseMutation[UpdateQuestionTemplatePayload]):
    name = "updateQuestionTemplate"
    payload = UpdateQuestionTemplatePayload
    permission = Permission.ANSWER

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> UpdateQuestionTemplatePayload:
        template_id = call.id_of("id", arguments["id"], QUESTION_TEMPLATE_TYPE)
        async with call.unit() as work:
            change = await templates.update_template(
                work.session,
                call.require_principal(),
                template_id,
                name=arguments["name"],
                text=arguments["text"],
                shortcut=arguments["shortcut"],
            )
            call.target(QUESTION_TEMPLATE_TYPE, change.template.id, before=change.before, after=change.after)
        return UpdateQuestionTemplatePayload(question_template=QuestionTemplateType.of(change.template))


async def update_question_template(
    info: Info,
    id: strawberry.ID,
    name: str | None = None,
    text: str | None = None,
    shortcut: Annotated[str | None, strawberry.argument(description="An empty string removes the shortcut.")] = None,
) -> UpdateQuestionTemplatePayload:
    return await UpdateQuestionTemplate.run(info, id=id, name=name, text=text, shortcut=shortcut)
