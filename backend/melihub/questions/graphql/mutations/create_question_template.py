"""createQuestionTemplate(name, text, shortcut): a new canned answer for the tenant."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.questions import templates
from melihub.questions.graphql.templates import QUESTION_TEMPLATE_TYPE, QuestionTemplateType


@strawberry.type
class CreateQuestionTemplatePayload:
    question_template: QuestionTemplateType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


class CreateQuestionTemplate(BaseMutation[CreateQuestionTemplatePayload]):
    name = "createQuestionTemplate"
    payload = CreateQuestionTemplatePayload
    permission = Permission.ANSWER

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> CreateQuestionTemplatePayload:
        async with call.unit() as work:
            template = await templates.create_template(
                work.session,
                call.require_principal(),
                name=arguments["name"],
                text=arguments["text"],
                shortcut=arguments["shortcut"],
            )
            call.target(QUESTION_TEMPLATE_TYPE, template.id, after=templates.audit_fields(template))
        return CreateQuestionTemplatePayload(question_template=QuestionTemplateType.of(template))


async def create_question_template(
    info: Info, name: str, text: str, shortcut: str | None = None
) -> CreateQuestionTemplatePayload:
    return await CreateQuestionTemplate.run(info, name=name, text=text, shortcut=shortcut)
