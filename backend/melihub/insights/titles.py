"""Applying an analysis's suggested title: through the same listing write as ``updateListing`` (its checks,
its conflict rule, its audit), then the listing scored again and the title noted as applied."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import col, select

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog import writes
from melihub.catalog.editing import ListingEdit
from melihub.errors import DomainError
from melihub.insights.models import AnalysisStatus, ListingAnalysis
from melihub.insights.review import title_suggestions
from melihub.insights.service import score_listings
from melihub.runtime import Services


async def suggested_title(
    services: Services, principal: Principal, analysis_id: uuid.UUID, index: int
) -> tuple[ListingAnalysis, str]:
    principal.require(Permission.OPERATE)
    async with services.db.tenant(principal.tenant_id) as session:
        query = select(ListingAnalysis).where(
            col(ListingAnalysis.tenant_id) == principal.tenant_id, col(ListingAnalysis.id) == analysis_id
        )
        analysis = (await session.exec(query)).first()
    if analysis is None or not principal.sees_account(analysis.meli_account_id):
        raise DomainError("no analysis has this id", field="analysisId", code="NOT_FOUND")
    if analysis.status != AnalysisStatus.DONE.value:
        raise DomainError("the analysis has no result yet", field="analysisId", code="NOT_READY")
    titles = title_suggestions(analysis.result)
    if not 0 <= index < len(titles):
        message = f"the analysis suggests {len(titles)} title(s): give an index from 0 to {len(titles) - 1}"
        raise DomainError(message, field="index", code="INVALID_INDEX")
    return analysis, titles[index]


async def apply_title_suggestion(
    services: Services,
    principal: Principal,
    analysis_id: uuid.UUID,
    index: int,
    expected: datetime | None,
    *,
    store_in: writes.OpenUnit | None = None,
    note: writes.Note | None = None,
) -> tuple[ListingAnalysis, writes.EditOutcome]:
    analysis, title = await suggested_title(services, principal, analysis_id, index)
    outcome = await writes.update_listing(
        services, principal, analysis.listing_id, ListingEdit(title=title), expected, store_in=store_in, note=note
    )
    if outcome.errors:
        return analysis, outcome
    async with services.db.tenant(principal.tenant_id) as session:
        stored = await session.get(ListingAnalysis, analysis.id)
        if stored is not None and title not in stored.applied_titles:
            stored.applied_titles = [*stored.applied_titles, title]
        await score_listings(session, principal.tenant_id, [analysis.listing_id])
        analysis = stored or analysis
    return analysis, outcome
