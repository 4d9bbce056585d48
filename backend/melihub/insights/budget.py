"""A company's monthly token budget for LLM reviews: its own (``ai_budgets``) or the setting's default, and
what this calendar month (UTC) has spent: every analysis's prompt and completion tokens, failed tries
included (they were spent)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.config import Settings
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.insights.models import AiBudget, ListingAnalysis

MAX_MONTHLY_TOKENS = 1_000_000_000


@dataclass(frozen=True)
class Budget:
    monthly_tokens: int
    spent_tokens: int
    month_start: datetime
    own: bool  # the company set it (False: the setting's default)

    @property
    def left_tokens(self) -> int:
        return max(0, self.monthly_tokens - self.spent_tokens)


def month_start(now: datetime) -> datetime:
    return datetime(now.year, now.month, 1, tzinfo=UTC)


async def budget_of(session: AsyncSession, settings: Settings, tenant_id: uuid.UUID) -> Budget:
    own = (await session.exec(select(AiBudget).where(col(AiBudget.tenant_id) == tenant_id))).first()
    start = month_start(utcnow())
    spent = (
        await session.exec(
            select(func.coalesce(func.sum(ListingAnalysis.prompt_tokens + ListingAnalysis.completion_tokens), 0)).where(
                col(ListingAnalysis.tenant_id) == tenant_id, col(ListingAnalysis.created_at) >= start
            )
        )
    ).one()
    monthly = own.monthly_tokens if own is not None else settings.ai_monthly_token_budget
    return Budget(monthly, int(spent), start, own is not None)


async def require_left(session: AsyncSession, settings: Settings, tenant_id: uuid.UUID) -> Budget:
    found = await budget_of(session, settings, tenant_id)
    if found.left_tokens <= 0:
        message = (
            f"the company's LLM budget for this month is spent ({found.spent_tokens:,} of "
            f"{found.monthly_tokens:,} tokens); it renews on the 1st, or an admin raises it"
        )
        raise DomainError(message, field=None, code="BUDGET_EXCEEDED")
    return found


async def set_budget(session: AsyncSession, settings: Settings, principal: Principal, monthly_tokens: int) -> Budget:
    principal.require(Permission.MANAGE_TENANT)
    if not 0 <= monthly_tokens <= MAX_MONTHLY_TOKENS:
        message = f"a monthly budget is 0 to {MAX_MONTHLY_TOKENS:,} tokens"
        raise DomainError(message, field="monthlyTokens", code="INVALID_BUDGET")
    own = (await session.exec(select(AiBudget).where(col(AiBudget.tenant_id) == principal.tenant_id))).first()
    if own is None:
        session.add(AiBudget(tenant_id=principal.tenant_id, monthly_tokens=monthly_tokens))
    else:
        own.monthly_tokens, own.updated_at = monthly_tokens, utcnow()
    await session.flush()
    return await budget_of(session, settings, principal.tenant_id)
