"""The audit domain's Query fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.audit.graphql.resolvers import resolve_audit_log
from melihub.audit.graphql.types import AuditEntryType
from melihub.graphql.pagination import Connection


@strawberry.type
class AuditQuery:
    audit_log: Connection[AuditEntryType] = strawberry.field(
        resolver=resolve_audit_log,
        description="Every change made in the tenant, newest first (owners and admins).",
    )
