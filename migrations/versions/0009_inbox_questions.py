"""The questions inbox: who answered through melihub, each question's SLA, and answer templates.

``questions.answered_by_user_id`` / ``answer_sent_at`` record an answer melihub sent (an answer given on
Mercado Livre itself leaves them empty). ``questions.sla_due_at`` is when an unanswered question breaches
the tenant's SLA (``tenants.question_sla_minutes``, counted in ``tenants.business_hours`` when set), and
``questions.sla_stage`` how far the SLA job has announced it (0 nothing, 1 warning at 80 %, 2 breached),
so a replayed job never announces twice. ``question_templates`` are a tenant's canned answers.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The SLA job's cross-tenant routing fact: which tenants hold an unanswered question that has crossed its
# warning point (80 % of the span from asking to due) or its due time, beyond the stage already announced.
SLA_DUE_TENANTS = """
CREATE FUNCTION melihub_sla_due_tenants(p_now timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT q.tenant_id
    FROM questions q
    WHERE q.status = 'UNANSWERED' AND q.sla_due_at IS NOT NULL
      AND ((q.sla_stage < 2 AND q.sla_due_at <= p_now)
        OR (q.sla_stage < 1 AND q.date_created + (q.sla_due_at - q.date_created) * 0.8 <= p_now))
$$
"""


def upgrade() -> None:
    op.add_column("tenants", sa.Column("question_sla_minutes", sa.Integer(), server_default="60", nullable=False))
    op.add_column("tenants", sa.Column("business_hours", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("questions", sa.Column("answered_by_user_id", sa.Uuid(), nullable=True))
    op.add_column("questions", sa.Column("answer_sent_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("questions", sa.Column("sla_due_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("questions", sa.Column("sla_stage", sa.SmallInteger(), server_default="0", nullable=False))
    op.create_foreign_key(
        "questions_answered_by_user_id_fkey", "questions", "users", ["answered_by_user_id"], ["id"], ondelete="SET NULL"
    )
    # The SLA job and the queue read unanswered questions by due time, nothing else.
    op.create_index(
        "ix_questions_tenant_open_sla",
        "questions",
        ["tenant_id", "sla_due_at"],
        unique=False,
        postgresql_where=sa.text("status = 'UNANSWERED'"),
    )
    op.create_table(
        "question_templates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("shortcut", sa.Text(), nullable=True),
        sa.Column("created_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "name"),
    )
    op.create_index(
        "ix_question_templates_tenant_shortcut",
        "question_templates",
        ["tenant_id", "shortcut"],
        unique=True,
        postgresql_where=sa.text("shortcut IS NOT NULL"),
    )
    op.execute("ALTER TABLE question_templates ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE question_templates FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY tenant_isolation ON question_templates "
        "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
    )
    op.execute(SLA_DUE_TENANTS)


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_sla_due_tenants(timestamptz)")
    op.execute("DROP POLICY IF EXISTS tenant_isolation ON question_templates")
    op.drop_index("ix_question_templates_tenant_shortcut", table_name="question_templates")
    op.drop_table("question_templates")
    op.drop_index("ix_questions_tenant_open_sla", table_name="questions")
    op.drop_constraint("questions_answered_by_user_id_fkey", "questions", type_="foreignkey")
    for column in ("sla_stage", "sla_due_at", "answer_sent_at", "answered_by_user_id"):
        op.drop_column("questions", column)
    op.drop_column("tenants", "business_hours")
    op.drop_column("tenants", "question_sla_minutes")
