"""Engines and sessions. Every tenant query runs in a transaction that sets ``app.tenant_id``.

The tenant is set with ``set_config(..., is_local => true)`` (``SET LOCAL``): it dies with the
transaction, so a pooled connection never carries one tenant's identity into another's request.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote, urlsplit, urlunsplit

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.config import Settings

SET_TENANT = text("SELECT set_config('app.tenant_id', :tenant, true), set_config('app.user_id', :user, true)")


def async_url(url: str) -> str:
    """``postgresql://…`` → ``postgresql+asyncpg://…`` (SQLAlchemy's driver selection)."""
    scheme, rest = url.split("://", 1)
    return f"postgresql+asyncpg://{rest}" if scheme in {"postgres", "postgresql"} else url


def plain_url(url: str) -> str:
    """The libpq/asyncpg form of a URL, without SQLAlchemy's ``+driver``."""
    scheme, rest = url.split("://", 1)
    return f"postgresql://{rest}" if scheme.startswith("postgresql") else url


def with_user(url: str, user: str, password: str) -> str:
    parts = urlsplit(plain_url(url))
    host = parts.netloc.rsplit("@", 1)[-1]
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def app_url_for(settings: Settings, admin_url: str) -> str:
    """The URL the application connects with: never the owner of the tables."""
    if settings.database_app_url:
        return plain_url(settings.database_app_url)
    return with_user(admin_url, settings.db_app_user, settings.db_app_password.get_secret_value())


class Database:
    """The application's connection pool, as the row-level-security-bound role."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = plain_url(url)
        self.engine: AsyncEngine = create_async_engine(
            async_url(url), pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
        )
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)

    @asynccontextmanager
    async def tenant(
        self, tenant_id: uuid.UUID | None, *, user_id: uuid.UUID | None = None
    ) -> AsyncIterator[AsyncSession]:
        """A transaction bound to one tenant (commit on success, rollback on error)."""
        async with self._sessions() as session, session.begin():
            await session.exec(  # type: ignore[call-overload]
                SET_TENANT,
                params={
                    "tenant": str(tenant_id) if tenant_id else "",
                    "user": str(user_id) if user_id else "",
                },
            )
            yield session

    @asynccontextmanager
    async def global_session(self, *, user_id: uuid.UUID | None = None) -> AsyncIterator[AsyncSession]:
        """A transaction with no tenant: tenant-owned tables read as empty."""
        async with self.tenant(None, user_id=user_id) as session:
            yield session

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()
