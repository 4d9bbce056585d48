"""Operators answering the same question at once: exactly one answer reaches Mercado Livre.

The question is claimed in PostgreSQL, so the rule holds across API processes; the others get
ALREADY_ANSWERED with the answer that won. A claim whose call failed is released; one left behind by a
process that died is taken over once it is stale.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text

from melihub.accounts.models import Role, Tenant, User
from melihub.app import create_app
from melihub.db.base import utcnow
from melihub.questions import answers
from melihub.runtime import Services
from melihub.testing.graphql import gid, gql, login
from melihub.testing.server import serve_in_thread
from tests.conftest import PUBLIC_URL
from tests.questions.test_answer import (
    ANSWER,
    OPEN_QUESTION,
    answer_posts,
    linked_account,
    melihub,
    member,
    payload,
    stored,
    stored_question,
)


async def _team(services: Services, tenant: Tenant, owner: User, size: int) -> list[tuple[str, str]]:
    logins = []
    for n in range(size):
        email = f"op{n}@aurora.example"
        _, password = await member(services, tenant, owner, Role.OPERATOR, email)
        logins.append((email, password))
    return logins


async def test_ten_operators_answering_at_once_send_one_answer_and_nine_learn_which_won(
    meli_services: Services, sandbox: Any, live_settings: Any, tenant_a: tuple[Tenant, User]
) -> None:
    """Half the operators on this process, half on another API process (its own loop and pool)."""
    tenant, owner = tenant_a
    other_process = live_settings.model_copy(
        update={"meli_api_url": sandbox.url, "meli_auth_url": sandbox.url, "public_url": PUBLIC_URL}
    )
    async with melihub(meli_services) as new_client:
        account = await linked_account(new_client, sandbox, meli_services, tenant)
        question_id = await stored_question(
            meli_services, account, OPEN_QUESTION, sandbox.get("questions", OPEN_QUESTION)
        )
        team = await _team(meli_services, tenant, owner, 10)
        with serve_in_thread(create_app(settings=other_process)) as base:
            clients = [new_client() if n % 2 else httpx.AsyncClient(base_url=base, timeout=30) for n in range(10)]
            for http, (email, password) in zip(clients, team, strict=True):
                assert (await login(http, email, password))["errors"] == []
            sandbox.reset_stats()
            variables = [{"questionId": gid("Question", question_id), "text": f"Resposta de {e}"} for e, _ in team]
            bodies = await asyncio.gather(*(gql(h, ANSWER, v) for h, v in zip(clients, variables, strict=True)))
            for http in clients:
                await http.aclose()

    results = [payload(body) for body in bodies]
    winners = [r for r in results if not r["errors"]]
    losers = [r for r in results if r["errors"]]
    assert len(answer_posts(sandbox)) == 1
    assert len(winners) == 1 and len(losers) == 9
    won = winners[0]["question"]["answer"]
    assert sandbox.get("questions", OPEN_QUESTION)["answer"]["text"] == won
    for loser in losers:
        assert [e["code"] for e in loser["errors"]] == ["ALREADY_ANSWERED"]
        assert won in loser["errors"][0]["message"]
        assert loser["question"]["answer"] == won and loser["question"]["status"] == "ANSWERED"
    winner_email = winners[0]["question"]["answeredBy"]["email"]
    assert won == f"Resposta de {winner_email}"
    assert {r["question"]["answeredBy"]["email"] for r in results} == {winner_email}
    row = await stored(meli_services, tenant, question_id)
    assert row.answer_text == won and row.answer_sent_at is not None


async def test_a_claim_is_won_once_and_released_only_by_its_holder(
    meli_services: Services, meli_account_a: Any, tenant_a: tuple[Tenant, User]
) -> None:
    raw = {"id": 9100000001, "item_id": "MLB1", "status": "UNANSWERED", "text": "Tem?", "answer": None}
    question_id = await stored_question(meli_services, meli_account_a, 9100000001, raw)
    async with meli_services.db.tenant(tenant_a[0].id) as session:
        first = await answers.claim(session, question_id, tenant_a[1].id)
        second = await answers.claim(session, question_id, None)
        assert first is not None and second is None
        await answers.release(session, question_id, first - timedelta(microseconds=1))  # not this claim
        assert await answers.claim(session, question_id, None) is None
        await answers.release(session, question_id, first)
        assert await answers.claim(session, question_id, None) is not None


async def test_a_stale_claim_left_by_a_dead_process_is_taken_over(
    meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]
) -> None:
    tenant, owner = tenant_a
    async with melihub(meli_services) as new_client:
        account = await linked_account(new_client, sandbox, meli_services, tenant)
        question_id = await stored_question(
            meli_services, account, OPEN_QUESTION, sandbox.get("questions", OPEN_QUESTION)
        )
        await _claimed_at(meli_services, tenant, question_id, utcnow() - answers.CLAIM_TTL - timedelta(seconds=1))
        email, password = (await _team(meli_services, tenant, owner, 1))[0]
        async with new_client() as http:
            assert (await login(http, email, password))["errors"] == []
            sandbox.reset_stats()
            body = payload(await gql(http, ANSWER, {"questionId": gid("Question", question_id), "text": "Temos"}))

    assert body["errors"] == [] and body["question"]["answeredBy"] == {"email": email}
    assert len(answer_posts(sandbox)) == 1


async def _claimed_at(services: Services, tenant: Tenant, question_id: uuid.UUID, at: Any) -> None:
    async with services.db.tenant(tenant.id) as session:
        await session.exec(
            text("UPDATE questions SET answer_sent_at = :at WHERE id = :id").bindparams(at=at, id=question_id)
        )
