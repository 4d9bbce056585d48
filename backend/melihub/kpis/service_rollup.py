"""``kpi_service_hours`` and ``kpi_first_replies``: questions and post-sale first replies per (account, UTC hour).

A question counts as answered in the hour of ``answered_at`` (with a ``date_created``: its response time is
``answered_at - date_created``, never below 0), within SLA when ``answered_at <= sla_due_at`` (the due time
``melihub.questions.sla`` stores), and as asked in the hour of ``date_created``. A thread's first reply is
its account's first message after the thread's first buyer message (``kpi_first_replies``, recomputed per
thread from ``messages``), counted in the hour of the reply.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.kpis.counted_hours import EntityHours
from melihub.kpis.sql import excluded, hour_ends, run

ENTITY = "question"
RESPONSE = "GREATEST(0, EXTRACT(EPOCH FROM q.answered_at - q.date_created))"
FIGURES = (
    "questions_answered",
    "answered_within_sla",
    "response_seconds",
    "questions_asked",
    "first_replies",
    "first_reply_seconds",
)
ANSWERED = f"""
count(*) AS questions_answered,
count(*) FILTER (WHERE q.answered_at <= q.sla_due_at) AS answered_within_sla,
COALESCE(sum(floor({RESPONSE})), 0)::bigint AS response_seconds
"""
REPLIES = "count(*) AS first_replies, COALESCE(sum(r.reply_seconds), 0)::bigint AS first_reply_seconds"
INSERT = f"INSERT INTO kpi_service_hours (id, tenant_id, meli_account_id, hour, {', '.join(FIGURES)})"
UPSERT = f"ON CONFLICT (tenant_id, meli_account_id, hour) DO UPDATE SET {excluded(FIGURES)}"
TENANT_Q = "q.tenant_id = CAST(:tenant AS uuid)"
RECOMPUTE = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), k.account_id, k.hour,
       a.questions_answered, a.answered_within_sla, a.response_seconds, c.questions_asked,
       r.first_replies, r.first_reply_seconds
FROM unnest(CAST(:accounts AS uuid[]), CAST(:hours AS timestamptz[]), CAST(:ends AS timestamptz[]))
     AS k(account_id, hour, hour_end)
CROSS JOIN LATERAL (
    SELECT {ANSWERED} FROM questions q
    WHERE {TENANT_Q} AND q.answered_at IS NOT NULL AND q.date_created IS NOT NULL
      AND q.meli_account_id IS NOT DISTINCT FROM k.account_id
      AND q.answered_at >= k.hour AND q.answered_at < k.hour_end
) AS a
CROSS JOIN LATERAL (
    SELECT count(*) AS questions_asked FROM questions q
    WHERE {TENANT_Q} AND q.meli_account_id IS NOT DISTINCT FROM k.account_id
      AND q.date_created >= k.hour AND q.date_created < k.hour_end
) AS c
CROSS JOIN LATERAL (
    SELECT {REPLIES} FROM kpi_first_replies r
    WHERE r.tenant_id = CAST(:tenant AS uuid) AND r.meli_account_id IS NOT DISTINCT FROM k.account_id
      AND r.reply_at >= k.hour AND r.reply_at < k.hour_end
) AS r
{UPSERT}
"""
REBUILD = f"""
{INSERT}
SELECT gen_random_uuid(), CAST(:tenant AS uuid), meli_account_id, hour,
       COALESCE(a.questions_answered, 0), COALESCE(a.answered_within_sla, 0), COALESCE(a.response_seconds, 0),
       COALESCE(c.questions_asked, 0), COALESCE(r.first_replies, 0), COALESCE(r.first_reply_seconds, 0)
FROM (
    SELECT q.meli_account_id, date_trunc('hour', q.answered_at, 'UTC') AS hour, {ANSWERED}
    FROM questions q WHERE {TENANT_Q} AND q.answered_at IS NOT NULL AND q.date_created IS NOT NULL
      AND q.answered_at >= :start AND q.answered_at < :end
    GROUP BY 1, 2
) AS a
FULL JOIN (
    SELECT q.meli_account_id, date_trunc('hour', q.date_created, 'UTC') AS hour, count(*) AS questions_asked
    FROM questions q WHERE {TENANT_Q} AND q.date_created >= :start AND q.date_created < :end
    GROUP BY 1, 2
) AS c USING (meli_account_id, hour)
FULL JOIN (
    SELECT r.meli_account_id, date_trunc('hour', r.reply_at, 'UTC') AS hour, {REPLIES}
    FROM kpi_first_replies r WHERE r.tenant_id = CAST(:tenant AS uuid) AND r.reply_at >= :start AND r.reply_at < :end
    GROUP BY 1, 2
) AS r USING (meli_account_id, hour)
{UPSERT}
"""
CLEAR = "DELETE FROM kpi_service_hours WHERE tenant_id = CAST(:tenant AS uuid) AND hour >= :start AND hour < :end"
QUESTION_HOURS = (
    "array_remove(ARRAY[date_trunc('hour', q.date_created, 'UTC'), "
    "CASE WHEN q.date_created IS NOT NULL THEN date_trunc('hour', q.answered_at, 'UTC') END], NULL)"
)
CURRENT = f"SELECT q.id, q.meli_account_id, {QUESTION_HOURS} FROM questions q WHERE q.id = ANY(CAST(:ids AS uuid[]))"
REMEMBER_ALL = f"""
INSERT INTO kpi_counted_hours (id, tenant_id, entity_type, entity_id, meli_account_id, hours)
SELECT gen_random_uuid(), q.tenant_id, 'question', q.id, q.meli_account_id, {QUESTION_HOURS}
FROM questions q WHERE {TENANT_Q}
ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET hours = EXCLUDED.hours
"""

# ---- first replies per thread ----------------------------------------------------------------------

THREADS_OF_MESSAGES = """
SELECT DISTINCT m.meli_account_id, m.pack_ml_id FROM messages m
WHERE m.id = ANY(CAST(:ids AS uuid[])) AND m.pack_ml_id IS NOT NULL
"""
FIRST_REPLY = """
SELECT t.account_id, t.thread_ml_id, b.buyer_at, r.reply_at
FROM unnest(CAST(:accounts AS uuid[]), CAST(:threads AS bigint[])) AS t(account_id, thread_ml_id)
JOIN meli_accounts a ON a.id = t.account_id
CROSS JOIN LATERAL (
    SELECT min(m.date_created) AS buyer_at FROM messages m
    WHERE m.tenant_id = CAST(:tenant AS uuid) AND m.pack_ml_id = t.thread_ml_id AND m.meli_account_id = t.account_id
      AND m.from_ml_user_id IS DISTINCT FROM a.ml_user_id
) AS b
LEFT JOIN LATERAL (
    SELECT min(m.date_created) AS reply_at FROM messages m
    WHERE m.tenant_id = CAST(:tenant AS uuid) AND m.pack_ml_id = t.thread_ml_id AND m.meli_account_id = t.account_id
      AND m.from_ml_user_id = a.ml_user_id AND m.date_created > b.buyer_at
) AS r ON true
"""
STORED_REPLIES = """
SELECT r.meli_account_id, r.reply_at FROM kpi_first_replies r
JOIN unnest(CAST(:accounts AS uuid[]), CAST(:threads AS bigint[])) AS t(account_id, thread_ml_id)
  ON r.meli_account_id = t.account_id AND r.thread_ml_id = t.thread_ml_id
WHERE r.reply_at IS NOT NULL
"""
STORE_REPLIES = f"""
WITH fresh AS ({FIRST_REPLY}),
gone AS (
    DELETE FROM kpi_first_replies r USING fresh f
    WHERE r.meli_account_id = f.account_id AND r.thread_ml_id = f.thread_ml_id AND f.buyer_at IS NULL
)
INSERT INTO kpi_first_replies (id, tenant_id, meli_account_id, thread_ml_id, buyer_at, reply_at, reply_seconds)
SELECT gen_random_uuid(), CAST(:tenant AS uuid), f.account_id, f.thread_ml_id, f.buyer_at, f.reply_at,
       floor(EXTRACT(EPOCH FROM f.reply_at - f.buyer_at))::bigint
FROM fresh f WHERE f.buyer_at IS NOT NULL
ON CONFLICT (tenant_id, meli_account_id, thread_ml_id) DO UPDATE SET
    buyer_at = EXCLUDED.buyer_at, reply_at = EXCLUDED.reply_at, reply_seconds = EXCLUDED.reply_seconds
"""
ALL_THREADS = """
SELECT DISTINCT m.meli_account_id, m.pack_ml_id FROM messages m
WHERE m.tenant_id = CAST(:tenant AS uuid) AND m.pack_ml_id IS NOT NULL AND m.date_created >= :since
"""

Key = tuple[uuid.UUID, datetime]
Thread = tuple[uuid.UUID, int]


async def current_hours(session: AsyncSession, question_ids: Sequence[uuid.UUID]) -> EntityHours:
    rows = await run(session, CURRENT, ids=list(question_ids))
    return {row[0]: (row[1], list(row[2])) for row in rows}


async def threads_of_messages(session: AsyncSession, message_ids: Sequence[uuid.UUID]) -> list[Thread]:
    return [(row[0], int(row[1])) for row in await run(session, THREADS_OF_MESSAGES, ids=list(message_ids))]


def thread_lock_keys(threads: Sequence[Thread]) -> list[str]:
    return [f"thread|{account}|{thread}" for account, thread in threads]


def lock_keys(keys: Sequence[Key]) -> list[str]:
    return [f"service|{account}|{hour.isoformat()}" for account, hour in keys]


async def reply_hours(session: AsyncSession, tenant_id: uuid.UUID, threads: Sequence[Thread]) -> set[Key]:
    """The (account, hour) of every first reply these threads had or now have (read under the thread locks)."""
    if not threads:
        return set()
    params = {"accounts": [t[0] for t in threads], "threads": [t[1] for t in threads]}
    before = await run(session, STORED_REPLIES, **params)
    after = [(row[0], row[3]) for row in await run(session, FIRST_REPLY, tenant=tenant_id, **params)]
    return {(row[0], hour_of(row[1])) for row in (*before, *after) if row[1] is not None}


async def store_replies(session: AsyncSession, tenant_id: uuid.UUID, threads: Sequence[Thread]) -> None:
    if threads:
        await run(
            session, STORE_REPLIES, tenant=tenant_id, accounts=[t[0] for t in threads], threads=[t[1] for t in threads]
        )


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


async def recompute(session: AsyncSession, tenant_id: uuid.UUID, keys: Sequence[Key]) -> None:
    if keys:
        await run(
            session,
            RECOMPUTE,
            tenant=tenant_id,
            accounts=[k[0] for k in keys],
            hours=[k[1] for k in keys],
            ends=hour_ends(k[1] for k in keys),
        )


async def rebuild_replies(session: AsyncSession, tenant_id: uuid.UUID, since: datetime) -> int:
    threads = [(row[0], int(row[1])) for row in await run(session, ALL_THREADS, tenant=tenant_id, since=since)]
    for offset in range(0, len(threads), 1000):
        await store_replies(session, tenant_id, threads[offset : offset + 1000])
    return len(threads)


async def rebuild(session: AsyncSession, tenant_id: uuid.UUID, start: datetime, end: datetime) -> None:
    await run(session, CLEAR, tenant=tenant_id, start=start, end=end)
    await run(session, REBUILD, tenant=tenant_id, start=start, end=end)


async def remember_all(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    await run(session, REMEMBER_ALL, tenant=tenant_id)
