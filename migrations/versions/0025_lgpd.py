"""LGPD: the raw-payload retention setting and erasure marks (issue 18).

``buyer_erasures`` marks a buyer (a Mercado Livre user id) the tenant erased; ``privacy_settings`` holds the
tenant's raw-payload retention (days; 0 keeps them). Both are tenant-owned under row-level security.

The erasure is enforced by the database, not by each applier: a ``BEFORE INSERT OR UPDATE`` trigger on every
table holding a buyer's personal data (customers, orders, shipments, messages, questions, claims, hub orders)
scrubs the row when its buyer is marked. So an order re-synced or re-notified from Mercado Livre after the
erasure (the sync's batch upsert, the pipeline's applier, the hub's intake, the billing-document fill) is
stored scrubbed whichever code path writes it, and ``melihub.privacy.erasure`` scrubs what is already stored
by touching those rows: one definition of "anonymised" for both.

``melihub_scrub_pii(jsonb)`` replaces, at any depth, the values of the keys that carry personal data
(names, documents, phones, e-mails, addresses, the buyer's comments) with null and nicknames with
"anonimizado"; ids, amounts, dates, items and fees stay. ``melihub_payload_retention_tenants()`` lists every
tenant with its retention (90 days without a row) for the purge cron (ids and numbers only).

Revision ID: 0025
Revises: 0024
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("buyer_erasures", "privacy_settings")
PII_KEYS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "alternative_phone",
    "identification",
    "billing_info",
    "doc_type",
    "doc_number",
    "receiver_name",
    "receiver_phone",
    "receiver_address",
    "address_line",
    "street_name",
    "street_number",
    "zip_code",
    "comment",
    "comments",
    "neighborhood",
    "latitude",
    "longitude",
)
ANONYMISED = "anonimizado"
ANONYMISED_TEXT = "[anonimizado]"

SCRUB = f"""
CREATE FUNCTION melihub_scrub_pii(p_doc jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE result jsonb;
BEGIN
    IF jsonb_typeof(p_doc) = 'object' THEN
        SELECT coalesce(jsonb_object_agg(e.key, CASE
                   WHEN e.key = 'nickname' AND jsonb_typeof(e.value) = 'string' THEN to_jsonb('{ANONYMISED}'::text)
                   WHEN e.key = ANY (ARRAY[{", ".join(f"'{key}'" for key in PII_KEYS)}]) THEN 'null'::jsonb
                   ELSE melihub_scrub_pii(e.value) END), '{{}}'::jsonb)
          INTO result FROM jsonb_each(p_doc) AS e;
        RETURN result;
    ELSIF jsonb_typeof(p_doc) = 'array' THEN
        SELECT coalesce(jsonb_agg(melihub_scrub_pii(a.value) ORDER BY a.n), '[]'::jsonb)
          INTO result FROM jsonb_array_elements(p_doc) WITH ORDINALITY AS a(value, n);
        RETURN result;
    END IF;
    RETURN p_doc;
END $$
"""
ERASED = """
CREATE FUNCTION melihub_buyer_erased(p_tenant uuid, p_buyer bigint) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT p_buyer IS NOT NULL AND EXISTS (
       SELECT 1 FROM buyer_erasures e WHERE e.tenant_id = p_tenant AND e.ml_user_id = p_buyer) $$
"""
# A message or question's own words (raw "text") and the buyer's attachments go with the buyer.
WITH_TEXT = f"""
CREATE FUNCTION melihub_scrub_with_text(p_doc jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(p_doc) <> 'object' THEN p_doc ELSE
       melihub_scrub_pii(p_doc)
       || CASE WHEN p_doc ? 'text' THEN jsonb_build_object('text', '{ANONYMISED_TEXT}') ELSE '{{}}'::jsonb END
       || CASE WHEN p_doc ? 'attachments' THEN jsonb_build_object('attachments', '[]'::jsonb) ELSE '{{}}'::jsonb END
   END $$
"""
# (table, the trigger body run when the row's buyer is marked, the condition naming that buyer)
TRIGGERS: dict[str, tuple[str, str]] = {
    "customers": (f"NEW.nickname := '{ANONYMISED}';", "melihub_buyer_erased(NEW.tenant_id, NEW.ml_user_id)"),
    "orders": ("NEW.raw := melihub_scrub_pii(NEW.raw);", "melihub_buyer_erased(NEW.tenant_id, NEW.buyer_ml_id)"),
    "claims": ("NEW.raw := melihub_scrub_pii(NEW.raw);", "melihub_buyer_erased(NEW.tenant_id, NEW.buyer_ml_id)"),
    "questions": (
        f"NEW.text := '{ANONYMISED_TEXT}'; NEW.raw := melihub_scrub_with_text(NEW.raw);",
        "melihub_buyer_erased(NEW.tenant_id, NEW.from_ml_user_id)",
    ),
    # Both directions of the buyer's thread: the seller's replies name and address the buyer too.
    "messages": (
        f"NEW.text := '{ANONYMISED_TEXT}'; NEW.raw := melihub_scrub_with_text(NEW.raw);",
        "(melihub_buyer_erased(NEW.tenant_id, NEW.from_ml_user_id) "
        "OR melihub_buyer_erased(NEW.tenant_id, NEW.to_ml_user_id))",
    ),
    # Only the destination: the origin is the seller's own address.
    "shipments": (
        "NEW.receiver_name := NULL; "
        "IF jsonb_typeof(NEW.raw -> 'destination') = 'object' THEN "
        "NEW.raw := jsonb_set(NEW.raw, '{destination}', melihub_scrub_pii(NEW.raw -> 'destination')); END IF; "
        "IF NEW.raw ? 'receiver_address' THEN NEW.raw := jsonb_set(NEW.raw, '{receiver_address}', 'null'); END IF;",
        "(melihub_buyer_erased(NEW.tenant_id, CASE WHEN NEW.raw #>> '{destination,receiver_id}' ~ '^[0-9]{1,18}$' "
        "THEN (NEW.raw #>> '{destination,receiver_id}')::bigint END) "
        "OR EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = NEW.tenant_id AND o.shipment_ml_id = NEW.ml_id "
        "AND melihub_buyer_erased(o.tenant_id, o.buyer_ml_id)))",
    ),
    # Checked so the billing-document fill does not ask Mercado Livre again for a buyer who is gone.
    "hub_orders": (
        "NEW.recipient_name := NULL; NEW.recipient_document := NULL; NEW.recipient_phone := NULL; "
        "NEW.recipient_email := NULL; NEW.document_checked_at := coalesce(NEW.document_checked_at, now());",
        "(NEW.channel = 'ML' AND NEW.external_id ~ '^[0-9]{1,18}$' AND EXISTS (SELECT 1 FROM orders o "
        "WHERE o.tenant_id = NEW.tenant_id AND (o.pack_id = NEW.external_id::bigint OR o.ml_id = NEW.external_id::bigint) "
        "AND melihub_buyer_erased(o.tenant_id, o.buyer_ml_id)))",
    ),
}
RETENTION_TENANTS = """
CREATE FUNCTION melihub_payload_retention_tenants() RETURNS TABLE (tenant_id uuid, days integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT t.id, coalesce(s.raw_payload_retention_days, 90) FROM tenants t
   LEFT JOIN privacy_settings s ON s.tenant_id = t.id ORDER BY t.id $$
"""


def _create_tables() -> None:
    op.create_table(
        "buyer_erasures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("ml_user_id", sa.BigInteger(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_by_user_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["erased_by_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "ml_user_id"),
    )
    op.create_table(
        "privacy_settings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("raw_payload_retention_days", sa.Integer(), server_default="90", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id"),
        sa.CheckConstraint("raw_payload_retention_days BETWEEN 0 AND 3650", name="privacy_settings_retention_check"),
    )
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            "USING (tenant_id = melihub_current_tenant()) WITH CHECK (tenant_id = melihub_current_tenant())"
        )


def upgrade() -> None:
    _create_tables()
    op.execute(SCRUB)
    op.execute(ERASED)
    op.execute(WITH_TEXT)
    for table, (body, condition) in TRIGGERS.items():
        op.execute(
            f"CREATE FUNCTION melihub_erasure_{table}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN IF {condition} THEN {body} END IF; RETURN NEW; END $$"
        )
        op.execute(
            f"CREATE TRIGGER melihub_erasure BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION melihub_erasure_{table}()"
        )
    op.execute(RETENTION_TENANTS)


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_payload_retention_tenants()")
    for table in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS melihub_erasure ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS melihub_erasure_{table}()")
    op.execute("DROP FUNCTION IF EXISTS melihub_scrub_with_text(jsonb)")
    op.execute("DROP FUNCTION IF EXISTS melihub_buyer_erased(uuid, bigint)")
    op.execute("DROP FUNCTION IF EXISTS melihub_scrub_pii(jsonb)")
    for table in reversed(TABLES):
        op.drop_table(table)
