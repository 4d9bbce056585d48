"""Row-level security: every tenant-owned table is visible only to its tenant.

The tenant comes from ``app.tenant_id``, set per transaction (SET LOCAL) by the application. With
no tenant set, ``melihub_current_tenant()`` is NULL and every policy compares to NULL: no rows.
The few cross-tenant look-ups the system needs (routing a notification to its tenant, crons) go
through SECURITY DEFINER functions that return only routing facts, never tenant data.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES = (
    "memberships", "api_tokens", "auth_sessions", "audit_log", "meli_accounts", "items", "variations",
    "customers", "orders", "order_items", "payments", "shipments", "questions", "messages", "claims",
    "integration_events", "idempotency_keys",
)

FUNCTIONS = """
CREATE FUNCTION melihub_current_tenant() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION melihub_current_user() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

CREATE FUNCTION melihub_route_meli_user(p_ml_user_id bigint)
RETURNS TABLE (tenant_id uuid, account_id uuid, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT a.tenant_id, a.id, a.status FROM meli_accounts a WHERE a.ml_user_id = p_ml_user_id $$;

CREATE FUNCTION melihub_meli_account_directory()
RETURNS TABLE (tenant_id uuid, account_id uuid, ml_user_id bigint, status text, token_expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT a.tenant_id, a.id, a.ml_user_id, a.status, a.token_expires_at FROM meli_accounts a $$;

CREATE FUNCTION melihub_tenant_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT id FROM tenants $$;
"""


def upgrade() -> None:
    for statement in FUNCTIONS.split(";\n\n"):
        op.execute(statement.strip().rstrip(";"))
    for table in TENANT_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )
    # A signed-in user may list their own memberships (to choose a tenant) before one is chosen.
    op.execute(
        "CREATE POLICY member_reads_own ON memberships FOR SELECT USING (user_id = melihub_current_user())"
    )
    op.execute("ALTER TABLE tenants ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE tenants FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY tenant_self ON tenants "
        "USING (id = melihub_current_tenant()) WITH CHECK (id = melihub_current_tenant())"
    )
    op.execute(
        "CREATE POLICY tenant_member_reads ON tenants FOR SELECT "
        "USING (id IN (SELECT m.tenant_id FROM memberships m WHERE m.user_id = melihub_current_user()))"
    )


def downgrade() -> None:
    op.execute("DROP POLICY IF EXISTS tenant_member_reads ON tenants")
    op.execute("DROP POLICY IF EXISTS tenant_self ON tenants")
    op.execute("ALTER TABLE tenants NO FORCE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE tenants DISABLE ROW LEVEL SECURITY")
    op.execute("DROP POLICY IF EXISTS member_reads_own ON memberships")
    for table in TENANT_TABLES:
        op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for function in (
        "melihub_tenant_ids()", "melihub_meli_account_directory()", "melihub_route_meli_user(bigint)",
        "melihub_current_user()", "melihub_current_tenant()",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
