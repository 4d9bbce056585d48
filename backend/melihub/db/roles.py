"""The application role: owns nothing, is neither superuser nor BYPASSRLS, so every policy binds it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


async def ensure_app_role(conn: AsyncConnection, user: str, password: str) -> None:
    """Create or update the login role the application connects as (idempotent)."""
    exists = (await conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :u"), {"u": user})).scalar()
    verb = "ALTER" if exists else "CREATE"
    await conn.execute(
        text(
            f"{verb} ROLE {_quote_ident(user)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
            f"PASSWORD {_quote_literal(password)}"
        )
    )


async def grant_app_role(conn: AsyncConnection, user: str) -> None:
    """Data rights on every table and function, no DDL; re-run after each migration."""
    role = _quote_ident(user)
    database = (await conn.execute(text("SELECT current_database()"))).scalar_one()
    for statement in (
        f"GRANT CONNECT ON DATABASE {_quote_ident(database)} TO {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {role}",
        # The audit log is append-only for the application: a changed row can only come from outside it.
        f"REVOKE UPDATE, DELETE ON audit_log FROM {role}",
    ):
        await conn.execute(text(statement))
