"""auditLog(filter, first/after, last/before): the tenant's changes, newest first."""

from __future__ import annotations

from melihub.accounts.graphql.types import API_TOKEN_TYPE, USER_TYPE
from melihub.accounts.permissions import Permission
from melihub.audit import queries
from melihub.audit.graphql.types import AuditEntryType, AuditLogFilterInput
from melihub.graphql.context import Info
from melihub.graphql.pagination import Connection, PageArgs, page_of
from melihub.graphql.relay import InvalidGlobalId, decode_global_id, parse_global_id


def _target_ids(target_id: str | None) -> list[str] | None:
    """The stored forms of a target: its global id and, for rows recorded before global ids, its row id."""
    if target_id is None:
        return None
    try:
        _, row_id = decode_global_id(target_id)
    except InvalidGlobalId:
        return [str(target_id)]
    return [str(target_id), str(row_id)]


def audit_filter(given: AuditLogFilterInput) -> queries.AuditFilter:
    user_id = token_id = None
    if given.actor_id is not None:
        row_id = parse_global_id(given.actor_id, "actorId", USER_TYPE, API_TOKEN_TYPE)
        if decode_global_id(given.actor_id)[0] == USER_TYPE:
            user_id = row_id
        else:
            token_id = row_id
    return queries.AuditFilter(
        actor_user_id=user_id,
        actor_token_id=token_id,
        action=given.action,
        actions=given.actions,
        target_ids=_target_ids(given.target_id),
        since=given.from_,
        until=given.to,
    )


async def resolve_audit_log(
    info: Info,
    filter: AuditLogFilterInput | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[AuditEntryType]:
    given = filter or AuditLogFilterInput()

    async def filters() -> queries.AuditFilter:
        return audit_filter(given)

    return await page_of(
        info,
        queries.list_audit_entries,
        filters,
        AuditEntryType.of,
        PageArgs(first, after, last, before),
        queries.NEWEST_FIRST,
        permission=Permission.VIEW_AUDIT,
    )
