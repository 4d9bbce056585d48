"""Tracing: the trace id on each integration event (issue 18).

The webhook's trace id is written by the same single INSERT that makes the notification durable: the
ingest function takes it as an eighth argument (a redelivery keeps the first delivery's trace id).

Revision ID: 0024
Revises: 0023
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SIGNATURE = "melihub_ingest_notification(uuid, text, text, text, bigint, jsonb, boolean)"
NEW_SIGNATURE = "melihub_ingest_notification(uuid, text, text, text, bigint, jsonb, boolean, text)"

# 0003's function with the trace id added: an eighth parameter, written to the new column on insert.
TRACE_ID_EDITS = (
    ("    p_ignored boolean\n)", "    p_ignored boolean, p_trace_id text DEFAULT NULL\n)"),
    ("attempts, deliveries, received_at, updated_at)", "attempts, deliveries, received_at, updated_at, trace_id)"),
    ("ELSE 'received' END, 0, 1, now(), now())", "ELSE 'received' END, 0, 1, now(), now(), p_trace_id)"),
)


def _ingest_with_trace_id() -> str:
    sql = _ingest_0003()
    for old, new in TRACE_ID_EDITS:
        assert sql.count(old) == 1, old
        sql = sql.replace(old, new)
    return sql


def upgrade() -> None:
    op.execute("ALTER TABLE integration_events ADD COLUMN trace_id text")
    op.execute(f"DROP FUNCTION {OLD_SIGNATURE}")
    op.execute(_ingest_with_trace_id())


def _ingest_0003() -> str:
    """The function as migration 0003 created it (one source for its text)."""
    spec = importlib.util.spec_from_file_location("_m0003", Path(__file__).with_name("0003_notification_ingest.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.INGEST)


def downgrade() -> None:
    op.execute(f"DROP FUNCTION IF EXISTS {NEW_SIGNATURE}")
    op.execute(_ingest_0003())
    op.execute("ALTER TABLE integration_events DROP COLUMN trace_id")
