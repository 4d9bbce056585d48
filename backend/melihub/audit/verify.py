"""Recompute every tenant's audit chain and name the first row that was changed, removed or inserted.

Runs as the schema owner (``melihub audit verify``): it must see every tenant and must not trust the
application role that wrote the rows. The walk is by ``seq``: a changed row no longer matches its hash;
a removed one leaves a gap in ``seq`` (or, at the end, falls short of the chain head); an inserted one
repeats a ``seq``, goes past the head, or breaks the next row's link to its predecessor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.models import Tenant
from melihub.audit.chain import row_hash
from melihub.audit.models import AuditChainHead, AuditEntry
from melihub.db.engine import async_url

BATCH = 1000


class Damage(StrEnum):
    CHANGED = "changed"
    REMOVED = "removed"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Problem:
    """The first break in a chain: what happened, at which position, and the row when it still exists."""

    damage: Damage
    seq: int
    message: str
    entry_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ChainReport:
    tenant_id: uuid.UUID
    slug: str
    rows: int
    head_seq: int | None
    problem: Problem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def _named(entry: AuditEntry) -> str:
    return f"row {entry.id} (seq {entry.seq}, {entry.action}, {entry.created_at.isoformat()})"


def _span(first: int, last: int) -> str:
    return f"seq {first}" if first == last else f"seq {first} to {last}"


class ChainWalk:
    """Feed rows in ``seq`` order; the first problem found is kept, later rows are only counted."""

    def __init__(self, head: AuditChainHead | None) -> None:
        self.head = head
        self.rows = 0
        self.last: AuditEntry | None = None
        self.problem: Problem | None = None

    def step(self, entry: AuditEntry) -> None:
        self.rows += 1
        if self.problem is None:
            self.problem = self._check(entry)
        self.last = entry

    def _check(self, entry: AuditEntry) -> Problem | None:
        previous = self.last
        expected = previous.seq + 1 if previous else 1
        named = _named(entry)
        if entry.seq > expected:
            gap = _span(expected, entry.seq - 1)
            return Problem(Damage.REMOVED, expected, f"{gap} removed: the chain jumps to {named}")
        if entry.seq < expected:
            return Problem(Damage.INSERTED, entry.seq, f"{named} inserted: its seq repeats", entry.id)
        if self.head is None:
            return Problem(Damage.INSERTED, entry.seq, f"{named} inserted, or the chain head removed", entry.id)
        if entry.seq > self.head.seq:
            return Problem(Damage.INSERTED, entry.seq, f"{named} inserted: the chain head ends before it", entry.id)
        if entry.hash != row_hash(entry):
            return Problem(Damage.CHANGED, entry.seq, f"{named} changed: it no longer matches its hash", entry.id)
        if previous is None and entry.prev_hash is not None:
            return Problem(Damage.REMOVED, entry.seq, f"rows before {named} removed: it links to one", entry.id)
        if previous is not None and entry.prev_hash != previous.hash:
            # The row itself is intact, so its predecessor is not the row it was chained to.
            message = f"{_named(previous)} replaced or inserted: {named} does not link to it"
            return Problem(Damage.INSERTED, previous.seq, message, previous.id)
        return None

    def finish(self) -> Problem | None:
        """The first problem, including an end of chain short of (or not the row recorded by) the head."""
        if self.problem is not None or self.head is None:
            return self.problem
        last_seq = self.last.seq if self.last else 0
        if last_seq < self.head.seq:
            gap = _span(last_seq + 1, self.head.seq)
            return Problem(Damage.REMOVED, last_seq + 1, f"{gap} removed from the end of the chain")
        if self.last is not None and self.last.hash != self.head.hash:
            message = f"{_named(self.last)} replaced: it is not the last row the chain head recorded"
            return Problem(Damage.CHANGED, self.last.seq, message, self.last.id)
        return None


async def verify_tenant(session: AsyncSession, tenant_id: uuid.UUID, slug: str) -> ChainReport:
    """Walk one tenant's chain, streaming its rows (an audit log outgrows memory)."""
    head = (await session.exec(select(AuditChainHead).where(AuditChainHead.tenant_id == tenant_id))).first()
    walk = ChainWalk(head)
    query = (
        select(AuditEntry)
        .where(AuditEntry.tenant_id == tenant_id)
        .order_by(col(AuditEntry.seq), col(AuditEntry.id))
        .execution_options(yield_per=BATCH)
    )
    async for entry in await session.stream_scalars(query):
        walk.step(entry)
    return ChainReport(tenant_id, slug, walk.rows, head.seq if head else None, walk.finish())


class UnknownTenant(LookupError):
    pass


async def verify_chains(admin_url: str, slug: str | None = None) -> list[ChainReport]:
    """Every tenant's report (or only ``slug``'s), by slug; ``UnknownTenant`` when no tenant has it.

    Needs the schema owner's URL (superuser or BYPASSRLS, as ``DATABASE_URL`` must be): it reads every
    tenant, and must not depend on the application role whose writes it checks.
    """
    # One snapshot per tenant: the head and the rows must not straddle a concurrent writer's commit.
    engine = create_async_engine(async_url(admin_url), pool_size=1, isolation_level="REPEATABLE READ")
    sessions = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    try:
        async with sessions() as session:
            query = select(Tenant.id, Tenant.slug).order_by(col(Tenant.slug))
            if slug is not None:
                query = query.where(Tenant.slug == slug)
            tenants = (await session.exec(query)).all()
        if slug is not None and not tenants:
            raise UnknownTenant(slug)
        reports = []
        for tenant_id, tenant_slug in tenants:
            async with sessions() as session, session.begin():
                reports.append(await verify_tenant(session, tenant_id, tenant_slug))
        return reports
    finally:
        await engine.dispose()


def render(reports: list[ChainReport], console: Console) -> None:
    """A line per tenant, then each break on a line of its own (never wrapped: it names row ids)."""
    if not reports:
        console.print("no tenants")
        return
    table = Table(title="audit chains")
    for name, justify in (("tenant", "left"), ("rows", "right"), ("head seq", "right"), ("chain", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for report in reports:
        status = "[green]intact[/green]" if report.problem is None else f"[red]{report.problem.damage}[/red]"
        table.add_row(escape(report.slug), str(report.rows), str(report.head_seq or 0), status)
    console.print(table)
    for report in reports:
        if report.problem is not None:
            console.print(f"[red]{escape(report.slug)}[/red]: {escape(report.problem.message)}", soft_wrap=True)
