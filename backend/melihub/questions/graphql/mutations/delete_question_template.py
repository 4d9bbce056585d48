"""deleteQuestionTemplate(id): the template is gone; answers already sent with it stay."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.accounts.permissions import Permission
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import BaseMutation, MutationCall
from melihub.graphql.relay import global_id
from melihub.questions import templates
from melihub.questions.graphql.templates import QUESTION_TEMPLATE_TYPE


@strawberry.type
class DeleteQuestionTemplatePayload:
    deleted_id: strawberry.ID | None = strawberry.field(default=None, description="The deleted template's id.")
    errors: list[UserError] = strawberry.field(default_factory=list)


class DeleteQuestionTemplate(BaseMutation[DeleteQuestionTemplatePayload]):
    name = "deleteQuestionTemplate"
    payload = DeleteQuestionTemplatePayload
    permission = Permission.ANSWER

    @classmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> DeleteQuestionTemplatePayload:
        template_id = call.id_of("id", arguments["id"], QUESTION_TEMPLATE_TYPE)
        async with call.unit() as work:
            template = await templates.delete_template(work.session, call.require_principal(), template_id)
            call.target(QUESTION_TEMPLATE_TYPE, template.id, before=templates.audit_fields(template), after=None)
        return DeleteQuestionTemplatePayload(deleted_id=global_id(QUESTION_TEMPLATE_TYPE, template.id))


async def delete_question_template(info: Info, id: strawberry.ID) -> DeleteQuestionTemplatePayload:
    return await DeleteQuestionTemplate.run(info, id=id)
