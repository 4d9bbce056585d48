"""Question templates: a tenant's canned answers, kept by those who answer and read by everyone.

createQuestionTemplate/updateQuestionTemplate/deleteQuestionTemplate answer problems as data (nothing
changed), write one audit row each, refuse analysts, and never reach another tenant's templates;
questionTemplates lists them by name.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from melihub.accounts.models import Role, Tenant
from melihub.audit.models import AuditEntry
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql, login, payload_codes
from tests.conftest import OWNER_PASSWORD, api_token_for

FIELDS = "questionTemplate { id name text shortcut createdAt updatedAt } errors { field message code }"
CREATE = f"""mutation($name: String!, $text: String!, $shortcut: String) {{
  createQuestionTemplate(name: $name, text: $text, shortcut: $shortcut) {{ {FIELDS} }}
}}"""
UPDATE = f"""mutation($id: ID!, $name: String, $text: String, $shortcut: String) {{
  updateQuestionTemplate(id: $id, name: $name, text: $text, shortcut: $shortcut) {{ {FIELDS} }}
}}"""
DELETE = """mutation($id: ID!) { deleteQuestionTemplate(id: $id) { deletedId errors { field message code } } }"""
LIST = "{ questionTemplates { nodes { id name text shortcut } totalCount } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on QuestionTemplate { name text } } }"
ACTIONS = ("createQuestionTemplate", "updateQuestionTemplate", "deleteQuestionTemplate")
GREETING = "Olá, {{comprador}}! O {{titulo}} sai por {{preco}}."


async def mutate(client: httpx.AsyncClient, document: str, field: str, token: str | None = None, **args: Any) -> dict:
    body = await gql(client, document, args, token=token)
    assert not body.get("errors"), body
    payload: dict = body["data"][field]
    return payload


async def create(client: httpx.AsyncClient, token: str | None = None, **args: Any) -> dict:
    return await mutate(client, CREATE, "createQuestionTemplate", token, **args)


async def update(client: httpx.AsyncClient, token: str | None = None, **args: Any) -> dict:
    return await mutate(client, UPDATE, "updateQuestionTemplate", token, **args)


async def delete(client: httpx.AsyncClient, token: str | None = None, **args: Any) -> dict:
    return await mutate(client, DELETE, "deleteQuestionTemplate", token, **args)


async def listed(client: httpx.AsyncClient, token: str | None = None) -> list[dict]:
    body = await gql(client, LIST, token=token)
    assert not body.get("errors"), body
    nodes: list[dict] = body["data"]["questionTemplates"]["nodes"]
    assert body["data"]["questionTemplates"]["totalCount"] == len(nodes)
    return nodes


def problems(payload: dict) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def audit_rows(services: Services, tenant: Tenant) -> list[AuditEntry]:
    async with services.db.tenant(tenant.id) as session:
        query = select(AuditEntry).where(col(AuditEntry.action).in_(ACTIONS)).order_by(col(AuditEntry.seq))
        return list((await session.exec(query)).all())


@pytest.fixture
async def owner(client: httpx.AsyncClient, tenant_a) -> httpx.AsyncClient:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    return client


async def test_a_template_is_created_listed_by_name_and_audited(owner: httpx.AsyncClient, services, tenant_a) -> None:
    tenant, user = tenant_a
    made = await create(owner, name="  Frete  ", text=f"  {GREETING}\n", shortcut=" /frete ")
    template = made["questionTemplate"]
    assert made["errors"] == []
    assert (template["name"], template["text"], template["shortcut"]) == ("Frete", GREETING, "/frete")
    assert template["createdAt"] == template["updatedAt"]
    await create(owner, name="agradecimento", text="Obrigado pela compra, {{ comprador }}!")
    await create(owner, name="Zebra", text="Sem placeholders.")
    assert [t["name"] for t in await listed(owner)] == ["agradecimento", "Frete", "Zebra"]  # case-insensitive
    node = (await gql(owner, NODE, {"id": template["id"]}))["data"]["node"]
    assert node == {"id": template["id"], "name": "Frete", "text": GREETING}

    first, *_ = await audit_rows(services, tenant)
    assert (first.action, first.target_type, first.target_id) == (
        "createQuestionTemplate",
        "QuestionTemplate",
        template["id"],
    )
    assert (first.actor_user_id, first.before) == (user.id, None)
    assert first.after == {"name": "Frete", "text": GREETING, "shortcut": "/frete"}
    assert len(await audit_rows(services, tenant)) == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"name": "  \t", "text": "Olá!"}, ("name", "INVALID")),
        ({"name": "x" * 101, "text": "Olá!"}, ("name", "INVALID")),
        ({"name": "Vazio", "text": " \n "}, ("text", "EMPTY_TEXT")),
        ({"name": "Longo", "text": "a" * 2001}, ("text", "TEXT_TOO_LONG")),
        ({"name": "Chave", "text": "Olá {{cliente}}"}, ("text", "UNKNOWN_PLACEHOLDER")),
        ({"name": "Atalho", "text": "Olá!", "shortcut": "duas palavras"}, ("shortcut", "INVALID")),
    ],
)
async def test_an_invalid_template_is_refused_and_nothing_is_stored(
    owner: httpx.AsyncClient, services, tenant_a, args: dict, expected: tuple[str, str]
) -> None:
    payload = await create(owner, **args)
    assert payload["questionTemplate"] is None
    assert problems(payload) == [expected]
    assert await listed(owner) == []
    assert await audit_rows(services, tenant_a[0]) == []


async def test_the_limit_is_mercado_livres_2000_characters(owner: httpx.AsyncClient) -> None:
    exactly = await create(owner, name="No limite", text="é" * 1990 + "{{titulo}}")
    assert exactly["errors"] == [] and len(exactly["questionTemplate"]["text"]) == 2000
    over = await create(owner, name="Além", text="é" * 1991 + "{{titulo}}")
    assert problems(over) == [("text", "TEXT_TOO_LONG")]
    assert "2001" in over["errors"][0]["message"]


async def test_unknown_placeholders_are_named(owner: httpx.AsyncClient) -> None:
    payload = await create(owner, name="Errado", text="Olá {{cliente}}, {{titulo}} e {{ nome }} e {{cliente}}")
    [error] = payload["errors"]
    assert error["code"] == "UNKNOWN_PLACEHOLDER"
    assert error["message"].startswith("unknown placeholder {{cliente}}, {{nome}};")
    assert "{{comprador}}" in error["message"]  # and the known ones, to pick from


async def test_names_and_shortcuts_are_unique_in_the_tenant_whatever_the_case(
    owner: httpx.AsyncClient, services, tenant_a
) -> None:
    frete = (await create(owner, name="Frete", text="Enviamos hoje.", shortcut="frete"))["questionTemplate"]
    assert problems(await create(owner, name="FRETE", text="Outro")) == [("name", "DUPLICATE_NAME")]
    assert problems(await create(owner, name="Outro", text="Outro", shortcut="Frete")) == [
        ("shortcut", "DUPLICATE_SHORTCUT")
    ]
    other = (await create(owner, name="Outro", text="Outro", shortcut="outro"))["questionTemplate"]
    assert problems(await update(owner, id=other["id"], name="frete")) == [("name", "DUPLICATE_NAME")]
    assert problems(await update(owner, id=other["id"], shortcut="FRETE")) == [("shortcut", "DUPLICATE_SHORTCUT")]
    # Its own name and shortcut are no duplicate: renaming "Frete" to "FRETE" is allowed.
    assert (await update(owner, id=frete["id"], name="FRETE", shortcut="frete"))["errors"] == []
    assert [(t["name"], t["shortcut"]) for t in await listed(owner)] == [("FRETE", "frete"), ("Outro", "outro")]
    assert [row.action for row in await audit_rows(services, tenant_a[0])] == [
        "createQuestionTemplate",
        "createQuestionTemplate",
        "updateQuestionTemplate",
    ]


async def test_an_update_changes_only_the_fields_given_and_audits_them(
    owner: httpx.AsyncClient, services, tenant_a
) -> None:
    made = (await create(owner, name="Frete", text="Enviamos hoje.", shortcut="frete"))["questionTemplate"]
    changed = (await update(owner, id=made["id"], text="Enviamos em {{prazo_envio}}."))["questionTemplate"]
    assert (changed["name"], changed["text"], changed["shortcut"]) == ("Frete", "Enviamos em {{prazo_envio}}.", "frete")
    assert changed["updatedAt"] > made["updatedAt"]
    removed = (await update(owner, id=made["id"], shortcut=""))["questionTemplate"]
    assert removed["shortcut"] is None
    assert problems(await update(owner, id=made["id"], text="{{estoque}} {{quantidade}}")) == [
        ("text", "UNKNOWN_PLACEHOLDER")
    ]
    _, text_row, shortcut_row = await audit_rows(services, tenant_a[0])
    assert (text_row.before, text_row.after) == ({"text": "Enviamos hoje."}, {"text": "Enviamos em {{prazo_envio}}."})
    assert (shortcut_row.before, shortcut_row.after) == ({"shortcut": "frete"}, {"shortcut": None})
    assert shortcut_row.target_id == made["id"]


async def test_a_deleted_template_is_gone_and_its_row_in_the_log_keeps_it(
    owner: httpx.AsyncClient, services, tenant_a
) -> None:
    made = (await create(owner, name="Frete", text="Enviamos hoje.", shortcut="frete"))["questionTemplate"]
    assert await delete(owner, id=made["id"]) == {"deletedId": made["id"], "errors": []}
    assert await listed(owner) == []
    assert error_codes(await gql(owner, NODE, {"id": made["id"]})) == ["NOT_FOUND"]
    assert problems(await delete(owner, id=made["id"])) == [("id", "NOT_FOUND")]
    row = (await audit_rows(services, tenant_a[0]))[-1]
    assert (row.action, row.target_id, row.after) == ("deleteQuestionTemplate", made["id"], None)
    assert row.before == {"name": "Frete", "text": "Enviamos hoje.", "shortcut": "frete"}
    # The name is free again.
    assert (await create(owner, name="Frete", text="De novo."))["errors"] == []


# Fixed ids, not uuid4(): each pytest-xdist process collects the suite and must name the same tests.
NO_SUCH_TEMPLATE = gid("QuestionTemplate", uuid.UUID("5d19d92c-abd7-40a0-89a6-885dfecca522"))
NO_SUCH_QUESTION = gid("Question", uuid.UUID("9fdfdead-960e-433d-8263-72f738fbdddb"))


@pytest.mark.parametrize(
    "given", ["not-an-id", NO_SUCH_TEMPLATE, NO_SUCH_QUESTION], ids=["junk", "template", "question"]
)
async def test_an_id_that_is_no_template_of_ours_is_not_found(owner: httpx.AsyncClient, given: str) -> None:
    assert problems(await update(owner, id=given, name="Novo")) == [("id", "NOT_FOUND")]
    assert problems(await delete(owner, id=given)) == [("id", "NOT_FOUND")]


async def test_another_tenant_neither_sees_nor_changes_the_templates(
    client: httpx.AsyncClient, services, tenant_a, tenant_b
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    made = (await create(client, name="Frete", text="Enviamos hoje.", shortcut="frete"))["questionTemplate"]
    client.cookies.clear()
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    assert await listed(client) == []
    assert error_codes(await gql(client, NODE, {"id": made["id"]})) == ["NOT_FOUND"]
    assert problems(await update(client, id=made["id"], text="Roubado")) == [("id", "NOT_FOUND")]
    assert problems(await delete(client, id=made["id"])) == [("id", "NOT_FOUND")]
    # Names are unique per tenant only.
    assert (await create(client, name="Frete", text="Enviamos mañana.", shortcut="frete"))["errors"] == []
    assert await audit_rows(services, tenant_b[0]) != []
    client.cookies.clear()
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    assert await listed(client) == [{**{k: made[k] for k in ("id", "name", "text", "shortcut")}}]
    assert [row.action for row in await audit_rows(services, tenant_a[0])] == ["createQuestionTemplate"]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OPERATOR, Role.SUPPORT, Role.INTEGRATOR])
async def test_those_who_answer_manage_templates(client: httpx.AsyncClient, services, tenant_a, role: Role) -> None:
    token = await api_token_for(services, tenant_a[0], role)
    made = await create(client, token, name=f"De {role.value}", text="Olá, {{comprador}}!")
    assert made["errors"] == [], role
    template_id = made["questionTemplate"]["id"]
    assert (await update(client, token, id=template_id, shortcut="oi"))["errors"] == []
    assert (await delete(client, token, id=template_id))["errors"] == []
    rows = await audit_rows(services, tenant_a[0])
    assert [row.action for row in rows] == list(ACTIONS)
    assert {row.actor_token_id for row in rows} != {None}


async def test_analysts_read_templates_but_do_not_change_them(owner: httpx.AsyncClient, services, tenant_a) -> None:
    made = (await create(owner, name="Frete", text="Enviamos hoje."))["questionTemplate"]
    analyst = await api_token_for(services, tenant_a[0], Role.ANALYST)
    assert [t["name"] for t in await listed(owner, analyst)] == ["Frete"]
    refused = [
        await gql(owner, CREATE, {"name": "Outro", "text": "Olá"}, token=analyst),
        await gql(owner, UPDATE, {"id": made["id"], "text": "Mudado"}, token=analyst),
        await gql(owner, DELETE, {"id": made["id"]}, token=analyst),
    ]
    assert [payload_codes(body, action) for body, action in zip(refused, ACTIONS, strict=True)] == [["FORBIDDEN"]] * 3
    assert await listed(owner) == [{"id": made["id"], "name": "Frete", "text": "Enviamos hoje.", "shortcut": None}]
    assert len(await audit_rows(services, tenant_a[0])) == 1


async def test_signed_out_callers_get_nothing(client: httpx.AsyncClient, tenant_a) -> None:
    assert error_codes(await gql(client, LIST)) == ["UNAUTHENTICATED"]
    assert payload_codes(await gql(client, CREATE, {"name": "X", "text": "Y"}), "createQuestionTemplate") == [
        "UNAUTHENTICATED"
    ]
