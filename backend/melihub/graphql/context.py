"""Per-request GraphQL context: the principal, tenant-bound database sessions, named loaders."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import HTTPConnection
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import AuthError, Principal
from melihub.runtime import Services


@dataclass
class Context:
    request: HTTPConnection
    response: Response | None
    services: Services
    principal: Principal | None = None
    connection_params: dict[str, Any] | None = None
    # DataLoaders are created on first use and live for one request (or one subscription event).
    loaders: dict[str, Any] = field(default_factory=dict)

    def require(self, permission: Permission | None = None) -> Principal:
        """The principal, or an UNAUTHENTICATED/FORBIDDEN error."""
        if self.principal is None:
            raise AuthError("sign in or send an API token", "UNAUTHENTICATED")
        if permission is not None:
            self.principal.require(permission)
        return self.principal

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.require().tenant_id

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A transaction bound to the caller's tenant (row-level security applies)."""
        principal = self.require()
        async with self.services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
            yield session

    def loader(self, name: str, factory: Any) -> Any:
        if name not in self.loaders:
            self.loaders[name] = factory(self)
        return self.loaders[name]


Info = StrawberryInfo[Context, None]
