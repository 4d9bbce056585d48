"""The LLM review of a listing: asked for (``request_analysis``), run as a job (``run_analysis``), its
suggested title applied (``apply_title_suggestion``), and the company's monthly token budget.

A request for a listing whose input is unchanged (same digest, prompt version and model) returns the stored
analysis, or the one already on its way, without asking the LLM again. A company over its budget is told
so before any request. An unreachable LLM fails the try with a clear error and the job is tried again
later; an answer that does not validate twice fails it for good.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing
from melihub.config import Settings
from melihub.db.base import utcnow
from melihub.db.unit import UnitOfWork
from melihub.errors import DomainError
from melihub.insights import budget
from melihub.insights.llm import LlmAnswer, LlmConfig, LlmInvalidAnswer, LlmUnavailable, complete_json, llm_config
from melihub.insights.models import AnalysisStatus, ListingAnalysis, ListingScore
from melihub.insights.review import ANSWER_SCHEMA, PROMPT_VERSION, SCHEMA_NAME, review_request
from melihub.runtime import Services

OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]

JOB = "analyze_listing"
RETRY_DELAYS_S = (30, 120, 600, 1800)
ON_ITS_WAY = (AnalysisStatus.QUEUED.value, AnalysisStatus.RUNNING.value)


def configured(settings: Settings) -> LlmConfig:
    config = llm_config(settings)
    if config is None:
        message = "no LLM is configured (MELIHUB_OPENAI_BASE_URL): the score's rules work without it"
        raise DomainError(message, field=None, code="LLM_NOT_CONFIGURED")
    return config


async def _listing(session: AsyncSession, principal: Principal, listing_id: uuid.UUID) -> Listing:
    # With its payload (``visible`` leaves it out): the attributes and pictures the LLM reads are in it.
    query = select(Listing).where(col(Listing.tenant_id) == principal.tenant_id, col(Listing.id) == listing_id)
    found = (await session.exec(query)).first()
    if found is None or not principal.sees_account(found.meli_account_id):
        raise DomainError("no listing has this id", field="listingId", code="NOT_FOUND")
    return found


async def _findings(session: AsyncSession, listing: Listing) -> list[dict[str, object]]:
    query = select(ListingScore.findings).where(
        col(ListingScore.tenant_id) == listing.tenant_id,
        col(ListingScore.listing_id) == listing.id,
        col(ListingScore.is_current),
    )
    return list((await session.exec(query)).first() or [])


async def request_analysis(
    services: Services, session: AsyncSession, principal: Principal, listing_id: uuid.UUID
) -> tuple[ListingAnalysis, bool]:
    """The listing's analysis for its current input, and whether a job must be queued for it."""
    principal.require(Permission.OPERATE)
    listing = await _listing(session, principal, listing_id)  # another company's reads NOT_FOUND, configured or not
    config = configured(services.settings)
    asked = review_request(listing, await _findings(session, listing))
    held = (
        await session.exec(
            select(ListingAnalysis)
            .where(
                col(ListingAnalysis.tenant_id) == principal.tenant_id,
                col(ListingAnalysis.listing_id) == listing.id,
                col(ListingAnalysis.listing_version) == asked.listing_version,
                col(ListingAnalysis.model) == config.model,
                or_(
                    col(ListingAnalysis.status).in_([AnalysisStatus.DONE.value, *ON_ITS_WAY]),
                    col(ListingAnalysis.retry_at).is_not(None),  # failed, and to be tried again by itself
                ),
            )
            .order_by(col(ListingAnalysis.created_at).desc())
        )
    ).first()
    if held is not None:
        return held, False
    await budget.require_left(session, services.settings, principal.tenant_id)
    analysis = ListingAnalysis(
        tenant_id=principal.tenant_id,
        listing_id=listing.id,
        meli_account_id=listing.meli_account_id,
        listing_version=asked.listing_version,
        prompt_version=PROMPT_VERSION,
        language=asked.language,
        model=config.model,
        requested_by_user_id=principal.user_id,
    )
    session.add(analysis)
    await session.flush()
    return analysis, True


async def analyze_listing(
    services: Services, principal: Principal, listing_id: uuid.UUID, *, store_in: OpenUnit
) -> ListingAnalysis:
    """The listing's analysis: the stored one when its input is unchanged, else a new one queued once the
    request commits."""
    async with store_in() as work:
        analysis, new = await request_analysis(services, work.session, principal, listing_id)
        if new:
            work.after_commit(lambda: enqueue(services, analysis))
    return analysis


async def enqueue(services: Services, analysis: ListingAnalysis, *, defer_s: float | None = None) -> None:
    await services.redis.enqueue_job(
        JOB,
        str(analysis.tenant_id),
        str(analysis.id),
        _job_id=f"analysis:{analysis.id}:{analysis.attempts}",
        _defer_by=timedelta(seconds=defer_s) if defer_s is not None else None,
    )


@dataclass(frozen=True)
class RunOutcome:
    status: str
    retry_in_s: float | None = None  # set when the job should be tried again


async def run_analysis(services: Services, tenant_id: uuid.UUID, analysis_id: uuid.UUID) -> RunOutcome:
    """One try of the analysis; ``retry_in_s`` says when the caller should queue the next (an unreachable
    LLM), none once the delays are used up."""
    async with services.db.tenant(tenant_id) as session:
        analysis = await session.get(ListingAnalysis, analysis_id)
        if analysis is None or analysis.status == AnalysisStatus.DONE.value:
            return RunOutcome(analysis.status if analysis else "GONE")
        listing = await session.get(Listing, analysis.listing_id)
        config = llm_config(services.settings)
        problem = await _cannot_run(session, services.settings, tenant_id, config, listing)
        if problem is not None:
            _fail(analysis, problem)
            return RunOutcome(analysis.status)
        assert listing is not None and config is not None
        asked = review_request(listing, await _findings(session, listing))
        analysis.status, analysis.started_at = AnalysisStatus.RUNNING.value, utcnow()
        attempt = analysis.attempts + 1
    started = time.monotonic()
    try:
        answer = await complete_json(
            config, system=asked.system, user=asked.user, schema=ANSWER_SCHEMA, schema_name=SCHEMA_NAME
        )
    except LlmUnavailable as exc:
        retry_in = RETRY_DELAYS_S[attempt - 1] if attempt <= len(RETRY_DELAYS_S) else None
        return await _finish_failed(
            services,
            tenant_id,
            analysis_id,
            str(exc),
            "LLM_UNAVAILABLE",
            retry_in,
            latency_ms=int((time.monotonic() - started) * 1000),
        )
    except LlmInvalidAnswer as exc:
        spent = (exc.prompt_tokens, exc.completion_tokens, exc.attempts)
        return await _finish_failed(services, tenant_id, analysis_id, str(exc), "LLM_INVALID_ANSWER", None, spent=spent)
    return await _finish_done(services, tenant_id, analysis_id, answer, asked.listing_version)


async def run_and_follow(services: Services, tenant_id: uuid.UUID, analysis_id: uuid.UUID) -> RunOutcome:
    """One try, and the next one queued after its delay when the LLM could not be reached."""
    outcome = await run_analysis(services, tenant_id, analysis_id)
    if outcome.retry_in_s is not None:
        async with services.db.tenant(tenant_id) as session:
            analysis = await session.get(ListingAnalysis, analysis_id)
        if analysis is not None:
            await enqueue(services, analysis, defer_s=outcome.retry_in_s)
    return outcome


async def _cannot_run(
    session: AsyncSession, settings: Settings, tenant_id: uuid.UUID, config: LlmConfig | None, listing: Listing | None
) -> DomainError | None:
    if config is None:
        return DomainError("no LLM is configured any more", code="LLM_NOT_CONFIGURED")
    if listing is None:
        return DomainError("the listing is gone", code="NOT_FOUND")
    try:
        await budget.require_left(session, settings, tenant_id)
    except DomainError as exc:
        return exc
    return None


def _fail(analysis: ListingAnalysis, error: DomainError, retry_at: datetime | None = None) -> None:
    analysis.status, analysis.error, analysis.error_code = AnalysisStatus.FAILED.value, str(error), error.code
    analysis.finished_at, analysis.retry_at = utcnow(), retry_at


def _cost(settings: Settings, prompt: int, completion: int) -> Decimal:
    usd = (
        prompt * settings.ai_usd_per_million_prompt_tokens + completion * settings.ai_usd_per_million_completion_tokens
    )
    return Decimal(str(round(usd / 1_000_000, 6)))


def _spend(settings: Settings, analysis: ListingAnalysis, prompt: int, completion: int, attempts: int) -> None:
    """Every try's tokens count against the budget, answered or not."""
    analysis.prompt_tokens += prompt
    analysis.completion_tokens += completion
    analysis.attempts += attempts
    analysis.cost_estimate = _cost(settings, analysis.prompt_tokens, analysis.completion_tokens)


async def _finish_failed(
    services: Services,
    tenant_id: uuid.UUID,
    analysis_id: uuid.UUID,
    message: str,
    code: str,
    retry_in_s: float | None,
    *,
    latency_ms: int | None = None,
    spent: tuple[int, int, int] = (0, 0, 1),
) -> RunOutcome:
    async with services.db.tenant(tenant_id) as session:
        analysis = await session.get(ListingAnalysis, analysis_id)
        if analysis is None:
            return RunOutcome("GONE")
        retry_at = utcnow() + timedelta(seconds=retry_in_s) if retry_in_s is not None else None
        shown = f"{message}; tried again at {retry_at:%H:%M:%S} UTC" if retry_at else message
        _fail(analysis, DomainError(shown, code=code), retry_at)
        _spend(services.settings, analysis, *spent)
        analysis.latency_ms = latency_ms
    return RunOutcome(AnalysisStatus.FAILED.value, retry_in_s)


async def _finish_done(
    services: Services, tenant_id: uuid.UUID, analysis_id: uuid.UUID, answer: LlmAnswer, version: str
) -> RunOutcome:
    async with services.db.tenant(tenant_id) as session:
        analysis = await session.get(ListingAnalysis, analysis_id)
        if analysis is None:
            return RunOutcome("GONE")
        analysis.status, analysis.result = AnalysisStatus.DONE.value, answer.data
        analysis.error = analysis.error_code = None
        analysis.retry_at, analysis.finished_at = None, utcnow()
        analysis.listing_version = version
        _spend(services.settings, analysis, answer.prompt_tokens, answer.completion_tokens, answer.attempts)
        analysis.latency_ms = answer.latency_ms
    return RunOutcome(AnalysisStatus.DONE.value)


async def last_latency_ms(session: AsyncSession, tenant_id: uuid.UUID | None = None) -> int | None:
    query = select(ListingAnalysis.latency_ms).where(col(ListingAnalysis.status) == AnalysisStatus.DONE.value)
    if tenant_id is not None:
        query = query.where(col(ListingAnalysis.tenant_id) == tenant_id)
    latest = func.coalesce(col(ListingAnalysis.finished_at), col(ListingAnalysis.created_at))
    return (await session.exec(query.order_by(latest.desc()).limit(1))).first()
