"""Answering a buyer's question through Mercado Livre: one answer per question, whoever sends first.

The flow, for the API, the CLI and workers alike (:func:`answer_question`):

1. the text is checked before Mercado Livre sees it (``EMPTY_TEXT``, ``TEXT_TOO_LONG``);
2. the question is *claimed* in a committed statement (``answer_sent_at`` set where it is null and the
   question is ``UNANSWERED``), so of any number of operators, in any number of API processes, one wins;
   the others wait for the winner's outcome and get ``ALREADY_ANSWERED`` with the winning answer, or try
   again if the winner's ``POST /answers`` failed (its claim is released). A claim older than
   :data:`CLAIM_TTL` belongs to a process that died mid-call, and may be taken over;
3. ``POST /answers``; on success the answer, who sent it and when are stored and ``questionChanged`` is
   published; on a refusal the question is fetched again from Mercado Livre (it may have been answered
   there directly), stored, and the refusal reported as ``ALREADY_ANSWERED``, ``QUESTION_CLOSED`` or
   ``REFUSED`` with Mercado Livre's message.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub import texts
from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.kpis import upkeep as kpi_upkeep
from melihub.meli import errors as meli_errors
from melihub.meli.models import Question as MeliQuestion
from melihub.questions import queries
from melihub.questions.models import Question
from melihub.questions.service import ENTITY, apply_question
from melihub.realtime.bus import Change, publish
from melihub.runtime import Services

MAX_ANSWER_CHARS = 2000  # Mercado Livre's limit (reference §8)
CLAIM_TTL = timedelta(minutes=2)  # far beyond the client's timeouts: only a dead process holds one so long
WAIT_FOR_WINNER_S = 20.0
POLL_S = 0.1
CLOSED = frozenset({"CLOSED_UNANSWERED", "DELETED", "DISABLED", "UNDER_REVIEW"})

OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]


@dataclass(frozen=True)
class AnswerOutcome:
    """The question as stored after the attempt, and why it was not answered (None: answered)."""

    question: Question
    refusal: DomainError | None = None


@dataclass(frozen=True)
class _Claim:
    question: Question
    account: MeliAccount
    at: datetime  # the claim's token: released only while it still reads this


def checked_text(text: str) -> str:
    """The answer as it will be sent (trimmed), or the reason Mercado Livre would refuse it."""
    return texts.checked_text(text, MAX_ANSWER_CHARS, noun="answer")


async def answer_question(
    services: Services,
    principal: Principal,
    question_id: uuid.UUID,
    text: str,
    *,
    store_in: OpenUnit | None = None,
) -> AnswerOutcome:
    """Send the answer unless someone already did; ``store_in`` opens the transaction that stores it
    (a mutation's, so its audit row commits with the answer), by default a new one."""
    principal.require(Permission.ANSWER)
    answer = checked_text(text)
    claimed = await _claim(services, principal, question_id)
    if isinstance(claimed, AnswerOutcome):
        return claimed
    try:
        sent = await meli_client(services).post_answer(account_ref(claimed.account), claimed.question.ml_id, answer)
    except meli_errors.MeliError as exc:
        return await _after_failure(services, principal, claimed, answer, exc, store_in)
    except BaseException:
        await _release(services, principal, claimed)
        raise
    opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
    return AnswerOutcome(await _store_answer(services, principal, claimed, sent, answer, opener))


# ---- the claim ------------------------------------------------------------------------------------


async def _claim(services: Services, principal: Principal, question_id: uuid.UUID) -> _Claim | AnswerOutcome:
    """Claim the question, or the outcome that makes answering it pointless (answered, closed)."""
    deadline = time.monotonic() + WAIT_FOR_WINNER_S
    while True:
        async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
            question = await queries.get_question(session, principal, question_id)
            if question is None:
                raise DomainError("no question with this id is visible to you", field="questionId", code="NOT_FOUND")
            refusal = not_answerable(question)
            if refusal is not None:
                return AnswerOutcome(question, refusal)
            account = await _active_account(session, question)
            at = await claim(session, question_id, principal.user_id)
            if at is not None:
                return _Claim(question, account, at)
        if time.monotonic() >= deadline:
            message = "another operator is answering this question right now"
            return AnswerOutcome(question, DomainError(message, field="questionId", code="ALREADY_ANSWERED"))
        await asyncio.sleep(POLL_S)  # the winner's outcome: answered, or released for another try


def not_answerable(question: Question) -> DomainError | None:
    """Why this stored question cannot be answered; None when it can (or is being answered)."""
    if question.status == "ANSWERED" or question.answer_text:
        return already_answered(question.answer_text)
    if question.status in CLOSED:
        message = f"the question is {question.status} on Mercado Livre and can no longer be answered"
        return DomainError(message, field="questionId", code="QUESTION_CLOSED")
    if question.status != "UNANSWERED":
        return DomainError(f"Mercado Livre holds the question as {question.status}", field="questionId", code="REFUSED")
    return None


def already_answered(answer: str | None, said: str | None = None) -> DomainError:
    winner = f': "{answer}"' if answer else ""
    message = f"{said} — " if said else ""
    return DomainError(
        f"{message}this question is already answered{winner}", field="questionId", code="ALREADY_ANSWERED"
    )


async def _active_account(session: AsyncSession, question: Question) -> MeliAccount:
    account = await session.get(MeliAccount, question.meli_account_id)
    if account is None or account.status != AccountStatus.ACTIVE.value:
        raise DomainError(
            "the question's Mercado Livre account is not connected (link it again)",
            field="questionId",
            code="ACCOUNT_INACTIVE",
        )
    return account


async def claim(session: AsyncSession, question_id: uuid.UUID, user_id: uuid.UUID | None) -> datetime | None:
    """Atomically mark the question as being answered; its time when this call won, None otherwise."""
    now = utcnow()
    statement = (
        update(Question)
        .where(
            col(Question.id) == question_id,
            col(Question.status) == "UNANSWERED",
            or_(col(Question.answer_sent_at).is_(None), col(Question.answer_sent_at) < now - CLAIM_TTL),
        )
        .values(answer_sent_at=now, answered_by_user_id=user_id)
        .returning(col(Question.id))
    )
    won = (await session.exec(statement)).first()
    return now if won is not None else None


async def release(session: AsyncSession, question_id: uuid.UUID, at: datetime) -> None:
    """Give the question back (the answer did not go out), if the claim is still this one."""
    await session.exec(
        update(Question)
        .where(col(Question.id) == question_id, col(Question.answer_sent_at) == at)
        .values(answer_sent_at=None, answered_by_user_id=None)
    )


async def _release(services: Services, principal: Principal, claimed: _Claim) -> None:
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        await release(session, claimed.question.id, claimed.at)


# ---- the outcome --------------------------------------------------------------------------------


async def mark_answered(
    session: AsyncSession, question_id: uuid.UUID, sent: MeliQuestion, text: str, *, by: uuid.UUID | None, at: datetime
) -> None:
    """Record the answer that went out through melihub (Mercado Livre's copy when it returned one)."""
    answer = sent.answer
    await session.exec(
        update(Question)
        .where(col(Question.id) == question_id)
        .values(
            status="ANSWERED",
            answer_text=answer.text if answer and answer.text else text,
            answer_status=(answer.status if answer else None) or "ACTIVE",
            answered_at=(answer.date_created if answer else None) or utcnow(),
            answered_by_user_id=by,
            answer_sent_at=at,
        )
    )


async def _store_answer(
    services: Services, principal: Principal, claimed: _Claim, sent: MeliQuestion, text: str, opener: OpenUnit
) -> Question:
    async with opener() as work:
        result = await apply_question(work.session, claimed.account, sent.raw)
        await mark_answered(work.session, claimed.question.id, sent, text, by=principal.user_id, at=claimed.at)
        answered = replace(result, entity_id=claimed.question.id, changed=True)  # mark_answered changed it
        await kpi_upkeep.after_apply(work.session, claimed.account, [answered])
        stored = await _reloaded(work.session, principal, claimed.question.id)
        change = _change(stored, result.version)
        work.after_commit(lambda: publish(services.redis, change))
    return stored


async def _after_failure(
    services: Services,
    principal: Principal,
    claimed: _Claim,
    text: str,
    exc: meli_errors.MeliError,
    store_in: OpenUnit | None,
) -> AnswerOutcome:
    """The POST failed: learn the question's state from Mercado Livre, store it, and say why."""
    fresh = await _fetch_fresh(services, claimed)
    answered_by_us = fresh is not None and _holds_answer(fresh, text) and not isinstance(exc, _REFUSALS)
    if answered_by_us and fresh is not None:  # a lost response: the answer did reach Mercado Livre
        opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
        return AnswerOutcome(await _store_answer(services, principal, claimed, fresh, text, opener))
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        await release(session, claimed.question.id, claimed.at)
        version = None
        if fresh is not None:
            applied = await apply_question(session, claimed.account, fresh.raw)
            await kpi_upkeep.after_apply(session, claimed.account, [applied])
            version = applied.version
        stored = await _reloaded(session, principal, claimed.question.id)
    if fresh is not None:
        await publish(services.redis, _change(stored, version))
    return AnswerOutcome(stored, refusal_of(exc, fresh))


_REFUSALS = (meli_errors.ValidationError, meli_errors.Forbidden, meli_errors.NotFound, meli_errors.Conflict)


def refusal_of(exc: meli_errors.MeliError, fresh: MeliQuestion | None) -> DomainError:
    """Mercado Livre's refusal as a UserError code, judged by the question's state it now reports."""
    said = exc.message or str(exc)
    if fresh is not None and (fresh.status == "ANSWERED" or fresh.answer is not None):
        return already_answered(fresh.answer.text if fresh.answer else None, said)
    if isinstance(exc, meli_errors.NotFound) or (fresh is not None and fresh.status in CLOSED):
        return DomainError(said, field="questionId", code="QUESTION_CLOSED")
    if isinstance(exc, _REFUSALS) or (exc.status is not None and 400 <= exc.status < 500):
        return DomainError(said, field="questionId", code="REFUSED")
    message = f"Mercado Livre did not take the answer ({said}); nothing was sent, try again"
    return DomainError(message, field="questionId", code="MELI_UNAVAILABLE")


def _holds_answer(fresh: MeliQuestion, text: str) -> bool:
    return fresh.status == "ANSWERED" and fresh.answer is not None and fresh.answer.text.strip() == text


async def _fetch_fresh(services: Services, claimed: _Claim) -> MeliQuestion | None:
    try:
        return await meli_client(services).get_question(account_ref(claimed.account), claimed.question.ml_id)
    except meli_errors.MeliError:
        return None


async def _reloaded(session: AsyncSession, principal: Principal, question_id: uuid.UUID) -> Question:
    session.expire_all()
    stored = await queries.get_question(session, principal, question_id)
    assert stored is not None, "the question was visible a moment ago"
    return stored


def _change(question: Question, version: str | None) -> Change:
    return Change(str(question.tenant_id), ENTITY, str(question.id), version, str(question.meli_account_id))
