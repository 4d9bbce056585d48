"""cohorts(range, meliAccountIds) and rfmSegments(meliAccountIds)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import strawberry

from melihub.accounts.permissions import Permission
from melihub.buyers import queries
from melihub.buyers.graphql.types import Cohort, RfmSegment
from melihub.db.paging import account_scope
from melihub.errors import DomainError
from melihub.graphql.accounts import account_filter_ids
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.kpis import queries as kpi_queries
from melihub.kpis.graphql.types import KpiRangeInput
from melihub.kpis.metrics import Granularity

AccountIds = Annotated[
    list[strawberry.ID] | None,
    strawberry.argument(description="Only these Mercado Livre accounts; null: every account the caller sees."),
]


async def resolve_cohorts(
    info: Info,
    range: Annotated[KpiRangeInput, strawberry.argument(description="The first-order months to list (≤ 400 days).")],
    meli_account_ids: AccountIds = None,
) -> list[Cohort]:
    principal = info.context.require(Permission.READ)
    try:
        kpi_queries.check_range(range.from_, range.to, Granularity.MONTH)
    except DomainError as error:
        raise AppError(str(error), "BAD_USER_INPUT", field=error.field) from None
    accounts = account_scope(principal, await account_filter_ids(info, None, meli_account_ids))
    async with info.context.session() as session:
        zone = await kpi_queries.tenant_time_zone(session, principal.tenant_id)
        today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
        found = await queries.cohorts(session, account_ids=accounts, first=range.from_, last=range.to, today=today)
    return [Cohort.of(cohort) for cohort in found]


async def resolve_rfm_segments(info: Info, meli_account_ids: AccountIds = None) -> list[RfmSegment]:
    principal = info.context.require(Permission.READ)
    accounts = account_scope(principal, await account_filter_ids(info, None, meli_account_ids))
    async with info.context.session() as session:
        found = await queries.rfm_segments(session, account_ids=accounts)
    return [RfmSegment.of(segment) for segment in found]
