"""What each role may do. Checked in services (not only in the GraphQL layer)."""

from __future__ import annotations

from enum import StrEnum

from melihub.accounts.models import Role


class Permission(StrEnum):
    READ = "read"  # listings, orders, shipments, questions, KPIs
    OPERATE = "operate"  # stock, prices, shipments, hub handoffs
    ANSWER = "answer"  # questions and post-sale messages
    MANAGE_USERS = "manage_users"
    MANAGE_TENANT = "manage_tenant"  # the company's own settings: name, time zone
    MANAGE_TOKENS = "manage_tokens"
    MANAGE_WEBHOOKS = "manage_webhooks"  # outbound webhook subscriptions and their replays
    MANAGE_CONNECTIONS = "manage_connections"  # link/unlink Mercado Livre accounts
    VIEW_INTEGRATION = "view_integration"  # the integration timeline and raw payloads
    REPROCESS = "reprocess"
    VIEW_AUDIT = "view_audit"  # the audit log: owners and admins only
    MANAGE_PERSONAL_DATA = "manage_personal_data"  # LGPD: export or erase a buyer, payload retention


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.ADMIN: frozenset(Permission),
    Role.OPERATOR: frozenset({P.READ, P.OPERATE, P.ANSWER, P.VIEW_INTEGRATION}),
    Role.SUPPORT: frozenset({P.READ, P.ANSWER}),
    Role.ANALYST: frozenset({P.READ}),
    Role.INTEGRATOR: frozenset({P.READ, P.OPERATE, P.ANSWER, P.VIEW_INTEGRATION, P.REPROCESS}),
}


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(role.value for role in Role)
        raise ValueError(f"unknown role {value!r}; expected one of: {allowed}") from None


def role_allows(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]
