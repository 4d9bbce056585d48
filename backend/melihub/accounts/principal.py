"""The authenticated caller of a request: who, for which tenant, with which role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from melihub.accounts.models import Role
from melihub.accounts.permissions import Permission, role_allows


class AuthMethod(StrEnum):
    SESSION = "session"
    API_TOKEN = "api_token"


class AuthError(Exception):
    """Authentication or authorization failed; ``code`` is shown to clients."""

    def __init__(self, message: str, code: str = "UNAUTHENTICATED") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Principal:
    tenant_id: uuid.UUID
    role: Role
    method: AuthMethod
    user_id: uuid.UUID | None = None
    api_token_id: uuid.UUID | None = None
    session_family: uuid.UUID | None = None
    # None: every linked Mercado Livre account; else only these.
    meli_account_ids: frozenset[uuid.UUID] | None = None

    def can(self, permission: Permission) -> bool:
        return role_allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise AuthError(f"role {self.role.value!r} may not {permission.value.replace('_', ' ')}", "FORBIDDEN")

    def sees_account(self, account_id: uuid.UUID) -> bool:
        return self.meli_account_ids is None or account_id in self.meli_account_ids
