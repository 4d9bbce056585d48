"""Scores follow the listings: every applied change of a listing, or of a question on it, rescores that
listing in the applier's transaction (from stored facts: no Mercado Livre call on the hot path)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult
from melihub.insights.service import score_listings
from melihub.kpis.sql_rows import sql_rows

LISTING = "listing"
QUESTION = "question"

_LISTINGS_OF_QUESTIONS = text(
    """SELECT DISTINCT i.id FROM questions q
       JOIN items i ON i.tenant_id = q.tenant_id AND i.meli_account_id = q.meli_account_id AND i.ml_id = q.item_ml_id
       WHERE q.id = ANY(:ids)"""
)


async def after_apply(session: AsyncSession, account: MeliAccount, results: Sequence[ApplyResult]) -> None:
    changed = [r for r in results if r.changed and r.entity_id is not None]
    listing_ids = {r.entity_id for r in changed if r.entity_type == LISTING}
    question_ids = [r.entity_id for r in changed if r.entity_type == QUESTION]
    if question_ids:
        listing_ids |= {row.id for row in await sql_rows(session, _LISTINGS_OF_QUESTIONS, ids=question_ids)}
    found: list[uuid.UUID] = sorted(i for i in listing_ids if i is not None)
    if found:
        await score_listings(session, account.tenant_id, found)
