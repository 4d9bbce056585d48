"""Question templates as GraphQL: the type, the list, and rendering one for a question."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.pagination import Connection, PageArgs, connection_from_rows
from melihub.graphql.relay import Node, global_id, parse_global_id, register_node
from melihub.questions import templates
from melihub.questions.graphql.types import QUESTION_TYPE
from melihub.questions.models import QuestionTemplate

QUESTION_TEMPLATE_TYPE = "QuestionTemplate"


@strawberry.type(
    name="QuestionTemplate",
    description=(
        "A canned answer. Its text may hold placeholders filled by `renderQuestionTemplate`: {{comprador}}, "
        "{{titulo}}, {{preco}}, {{estoque}}, {{prazo_envio}}, {{vendedor}}, {{link}}."
    ),
)
class QuestionTemplateType(Node):
    name: str = strawberry.field(description="Unique in the tenant (case-insensitive).")
    text: str = strawberry.field(description="At most 2,000 characters, placeholders included.")
    shortcut: str | None = strawberry.field(description="One word, unique in the tenant (case-insensitive).")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, template: QuestionTemplate) -> QuestionTemplateType:
        return cls(
            id=global_id(QUESTION_TEMPLATE_TYPE, template.id),
            name=template.name,
            text=template.text,
            shortcut=template.shortcut,
            created_at=template.created_at,
            updated_at=template.updated_at,
        )


@strawberry.type(name="RenderedQuestionTemplate", description="A template filled for one question.")
class RenderedQuestionTemplateType:
    text: str = strawberry.field(description="The answer to edit before sending.")
    missing: list[str] = strawberry.field(
        description="Placeholders with no stored value (e.g. `comprador`): filled with a neutral stand-in, "
        "or left as written, for the operator to complete."
    )
    too_long: bool = strawberry.field(
        description="The filled text is over Mercado Livre's 2,000 characters: shorten it before answering."
    )

    @classmethod
    def of(cls, rendering: templates.Rendering) -> RenderedQuestionTemplateType:
        return cls(text=rendering.text, missing=list(rendering.missing), too_long=rendering.too_long)


def _sort_key(template: QuestionTemplate) -> str:
    return template.name.lower()


async def resolve_question_templates(
    info: Info, first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None
) -> Connection[QuestionTemplateType]:
    principal = info.context.require(Permission.READ)
    async with info.context.session() as session:
        rows = await templates.list_templates(session, principal)
    return connection_from_rows(
        rows,
        QuestionTemplateType.of,
        PageArgs(first, after, last, before),
        sort_name="NAME",
        value_of=_sort_key,
        id_of=lambda template: template.id,
    )


async def resolve_render_question_template(
    info: Info, template_id: strawberry.ID, question_id: strawberry.ID
) -> RenderedQuestionTemplateType:
    principal = info.context.require(Permission.READ)
    template_row = parse_global_id(template_id, "templateId", QUESTION_TEMPLATE_TYPE)
    question_row = parse_global_id(question_id, "questionId", QUESTION_TYPE)
    try:
        async with info.context.session() as session:
            rendering = await templates.render_template(session, principal, template_row, question_row)
    except DomainError as exc:
        raise AppError(str(exc), exc.code, field=exc.field) from None
    return RenderedQuestionTemplateType.of(rendering)


register_node(QUESTION_TEMPLATE_TYPE, templates.templates_by_ids, QuestionTemplateType.of)
