"""Plain SQL for the stock, funnel and buyer readers: their window and range arithmetic reads best as SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, TextClause
from sqlmodel.ext.asyncio.session import AsyncSession


async def sql_rows(session: AsyncSession, statement: TextClause, **params: Any) -> Sequence[Row[Any]]:
    """Every row ``statement`` returns with ``params`` bound."""
    result = await session.exec(statement, params=params)  # type: ignore[call-overload]
    return list(result.all())


async def sql_run(session: AsyncSession, statement: TextClause, **params: Any) -> None:
    await session.exec(statement, params=params)  # type: ignore[call-overload]
