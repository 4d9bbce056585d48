"""Notification ingest in one round trip, and the sweeper's cross-tenant view of pending work.

``melihub_ingest_notification`` resolves the seller's tenant and writes the inbox row (or the
unrouted row) in the same statement the webhook handler sends, so a notification is durable
before Mercado Livre gets its 200 — and at the cost of a single INSERT.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INGEST = """
CREATE FUNCTION melihub_ingest_notification(
    p_event_id uuid, p_notification_id text, p_topic text, p_resource text, p_ml_user_id bigint, p_payload jsonb,
    p_ignored boolean
) RETURNS TABLE (event_id uuid, tenant_id uuid, status text, inserted boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_tenant uuid;
    v_account uuid;
BEGIN
    SELECT a.tenant_id, a.id INTO v_tenant, v_account FROM meli_accounts a WHERE a.ml_user_id = p_ml_user_id;
    IF v_tenant IS NULL THEN
        INSERT INTO unrouted_notifications AS u
            (id, notification_id, topic, resource, ml_user_id, payload, deliveries, received_at)
        VALUES (p_event_id, p_notification_id, p_topic, p_resource, p_ml_user_id, p_payload, 1, now())
        ON CONFLICT (notification_id) DO UPDATE SET deliveries = u.deliveries + 1
        RETURNING u.id, NULL::uuid, 'unrouted'::text, (xmax = 0) INTO event_id, tenant_id, status, inserted;
        RETURN NEXT;
        RETURN;
    END IF;
    INSERT INTO integration_events AS e
        (id, tenant_id, meli_account_id, source, notification_id, topic, resource, ml_user_id, payload, status,
         attempts, deliveries, received_at, updated_at)
    VALUES (p_event_id, v_tenant, v_account, 'meli', p_notification_id, p_topic, p_resource,
            p_ml_user_id, p_payload, CASE WHEN p_ignored THEN 'ignored' ELSE 'received' END, 0, 1, now(), now())
    ON CONFLICT (tenant_id, source, notification_id)
        DO UPDATE SET deliveries = e.deliveries + 1
    RETURNING e.id, e.tenant_id, e.status, (xmax = 0) INTO event_id, tenant_id, status, inserted;
    RETURN NEXT;
END $$
"""

PENDING = """
CREATE FUNCTION melihub_pending_resources(p_grace_seconds integer, p_stale_seconds integer, p_limit integer)
RETURNS TABLE (tenant_id uuid, topic text, resource text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT e.tenant_id, e.topic, e.resource
    FROM integration_events e
    WHERE (e.status = 'received' AND e.received_at < now() - make_interval(secs => p_grace_seconds))
       OR (e.status = 'retrying' AND e.next_attempt_at <= now())
       OR (e.status = 'processing' AND e.updated_at < now() - make_interval(secs => p_stale_seconds))
    LIMIT p_limit
$$
"""


def upgrade() -> None:
    op.execute(INGEST)
    op.execute(PENDING)


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS melihub_pending_resources(integer, integer, integer)")
    op.execute("DROP FUNCTION IF EXISTS melihub_ingest_notification(uuid, text, text, text, bigint, jsonb, boolean)")
