"""Questions (every status, newest first, back to the run's start), post-sale messages of sales with
recent activity, and claims."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from melihub.meli import errors as meli_errors
from melihub.meli.values import ml_time
from melihub.sync import checkpoints, queries
from melihub.sync.context import Record, RunContext
from melihub.sync.fetch import together
from melihub.sync.models import CheckpointStatus, SyncCheckpoint

QUESTIONS = "questions"
MESSAGES = "messages"
CLAIMS = "claims"
QUESTIONS_PAGE = 50
CLAIMS_PAGE = 30
THREAD_PAGE = 50
THREADS_PER_UNIT = 20
THREADS_PER_STEP = 2
CLAIM_STATUSES = ("opened", "closed")
PLANNED = "planned"


def question_unit(since: datetime) -> tuple[str, str, Any, Any]:
    return (QUESTIONS, "all", None, {"since": since.isoformat()})


def claim_units(statuses: tuple[str, ...] = CLAIM_STATUSES) -> list[tuple[str, str, Any, Any]]:
    return [(CLAIMS, status, None, {"status": status}) for status in statuses]


async def run_questions(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    """Pages sorted by creation, newest first: a question asked meanwhile shifts pages, so one may be seen
    twice (applied once); none is missed. Stops at the first question older than ``since``."""
    since = datetime.fromisoformat(str(checkpoint.state["since"]))
    offset = checkpoint.next_offset
    while True:
        ctx.fetcher.between_steps()
        page = await ctx.fetcher.call(
            partial(ctx.client.search_questions, ctx.ref, offset=offset, limit=QUESTIONS_PAGE, sort_types="DESC")
        )
        fresh = [q.raw for q in page.questions if (ml_time(q.raw.get("date_created")) or since) >= since]
        if offset == 0:
            ctx.progress.found(QUESTIONS, page.total)
        offset += len(page.questions)
        finished = not page.questions or offset >= page.total or len(fresh) < len(page.questions)
        await ctx.commit(
            [Record("question", raw) for raw in fresh],
            checkpoint,
            next_offset=offset,
            done=checkpoint.done + len(fresh),
            total=page.total,
            status=CheckpointStatus.DONE.value if finished else CheckpointStatus.PENDING.value,
        )
        ctx.progress.finished(QUESTIONS, len(fresh))
        if finished:
            return


async def run_claims(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    status = str(checkpoint.state["status"])
    offset = checkpoint.next_offset
    while True:
        ctx.fetcher.between_steps()
        page = await ctx.fetcher.call(
            partial(ctx.client.search_claims, ctx.ref, status=status, offset=offset, limit=CLAIMS_PAGE)
        )
        total = int(page.paging.total or 0) if page.paging else len(page.data)
        if offset == 0:
            ctx.progress.found(CLAIMS, total)
        offset += len(page.data)
        finished = not page.data or offset >= total
        await ctx.commit(
            [Record("claim", claim.raw) for claim in page.data],
            checkpoint,
            next_offset=offset,
            done=checkpoint.done + len(page.data),
            total=total,
            status=CheckpointStatus.DONE.value if finished else CheckpointStatus.PENDING.value,
        )
        ctx.progress.finished(CLAIMS, len(page.data))
        if finished:
            return


async def plan_messages(ctx: RunContext) -> None:
    """After the orders: the threads of sales with activity in the last days, in units of a few threads."""
    days = ctx.services.settings.sync_messages_days
    async with ctx.services.db.tenant(ctx.tenant_id) as session:
        threads = await queries.active_threads(session, ctx.account.id, ctx.now - timedelta(days=days)) if days else []
        chunks = [threads[i : i + THREADS_PER_UNIT] for i in range(0, len(threads), THREADS_PER_UNIT)]
        await checkpoints.add_many(
            session, ctx.run, [(MESSAGES, f"threads:{n:05d}", None, {"threads": c}) for n, c in enumerate(chunks)]
        )
        # The marker says the threads were planned: a resumed run does not plan them again.
        await checkpoints.add(session, ctx.run, MESSAGES, PLANNED, state={"threads": len(threads)}, done=True)
    ctx.progress.found(MESSAGES, len(threads))


async def run_threads(ctx: RunContext, checkpoint: SyncCheckpoint) -> None:
    """A few threads per step (messaging has its own, lower budget): each step commits where it got to."""
    threads = [int(t) for t in checkpoint.state.get("threads", [])]
    position = checkpoint.next_offset
    while position < len(threads):
        ctx.fetcher.between_steps()
        step = threads[position : position + THREADS_PER_STEP]
        pages = await together(_thread(ctx, thread) for thread in step)
        position += len(step)
        finished = position >= len(threads)
        await ctx.commit(
            [Record("message", raw) for page in pages for raw in page],
            checkpoint,
            next_offset=position,
            done=position,
            total=len(threads),
            status=(CheckpointStatus.DONE if finished else CheckpointStatus.PENDING).value,
        )
        ctx.progress.finished(MESSAGES, len(step))
    if not threads:
        await ctx.commit([], checkpoint, status=CheckpointStatus.DONE.value)


async def _thread(ctx: RunContext, thread: int) -> list[dict[str, Any]]:
    """Every message of one thread, without marking it read (the seller has not seen it)."""
    messages: list[dict[str, Any]] = []
    offset = 0
    while True:
        try:
            page = await ctx.fetcher.call(
                partial(ctx.client.get_pack_messages, ctx.ref, thread, offset=offset, limit=THREAD_PAGE)
            )
        except (meli_errors.NotFound, meli_errors.Forbidden):
            return messages  # a sale without a conversation
        messages.extend(m.raw for m in page.messages if m.raw.get("id"))
        offset += len(page.messages)
        total = int(page.paging.total or 0) if page.paging else 0
        if not page.messages or offset >= total:
            return messages
