"""Per-request GraphQL context: the principal, tenant-bound database sessions, named loaders."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import HTTPConnection
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import AuthError, Principal
from melihub.db.engine import Database
from melihub.observability import get_logger
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
    # An HTTP request reads through one tenant transaction (closed by the view when it ends); a socket's
    # subscription events never share one, so no transaction outlives an event.
    share_reads: bool = False
    _reads: SharedReads | None = field(default=None, repr=False)

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
        """A transaction bound to the caller's tenant (row-level security applies), for reading."""
        principal = self.require()
        if not self.share_reads:
            async with self.services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
                yield session
            return
        if self._reads is None or self._reads.principal != principal:
            await self.close()  # the caller changed (signed in during this request): new identity, new reads
            self._reads = SharedReads(self.services.db, principal)
        async with self._reads.use() as session:
            yield session

    async def close(self) -> None:
        """End the request's shared read transaction, if one was opened, and let go of its loaders.

        A DataLoader, its cached futures and their tasks refer to each other: left alone they wait for the
        cycle collector (thousands of objects a page, paid as a pause in some later request); clearing the
        caches frees them now.
        """
        reads, self._reads = self._reads, None
        if reads is not None:
            await reads.close()
        for loader in self.loaders.values():
            loader.clear_all()
        self.loaders.clear()

    def loader(self, name: str, factory: Any) -> Any:
        if name not in self.loaders:
            self.loaders[name] = factory(self)
        return self.loaders[name]


Info = StrawberryInfo[Context, None]
log = get_logger("melihub.graphql")


class SharedReads:
    """One read transaction for a request's resolvers and loaders, used by one of them at a time.

    Every loader of a page would otherwise open its own transaction (checkout, BEGIN, tenant setup,
    COMMIT): about a millisecond each. Loaders run as separate tasks, hence the lock; a task that already
    holds the session (a nested use) gets it again without waiting on itself.
    """

    def __init__(self, db: Database, principal: Principal) -> None:
        self.db = db
        self.principal = principal
        self._stack = AsyncExitStack()
        self._session: AsyncSession | None = None
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[Any] | None = None

    @asynccontextmanager
    async def use(self) -> AsyncIterator[AsyncSession]:
        task = asyncio.current_task()
        if self._holder is not None and self._holder is task and self._session is not None:
            yield self._session
            return
        async with self._lock:
            self._holder = task
            try:
                if self._session is None:
                    principal = self.principal
                    self._session = await self._stack.enter_async_context(
                        self.db.tenant(principal.tenant_id, user_id=principal.user_id)
                    )
                yield self._session
            finally:
                self._holder = None

    async def close(self) -> None:
        try:
            await self._stack.aclose()
        except Exception as exc:  # noqa: BLE001 - a read transaction that failed mid-request: already reported
            log.warning("graphql.read_transaction_close_failed", error=type(exc).__name__)
