"""The one way a mutation runs (Saleor's ``BaseMutation`` is the model).

``BaseMutation.run`` authenticates and checks the permission, lets the subclass parse its input and call
one domain function (``perform``), maps every expected failure to ``UserError {field message code}`` in
the payload — caught here once, so no mutation writes its own try/except — and writes the audit row.
Global ids are parsed with ``call.id_of``: malformed, of another type or of another tenant all read
``NOT_FOUND`` on the argument's field.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import AuthError, Principal
from melihub.audit import service as audit
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.graphql.context import Info
from melihub.graphql.errors import UserError
from melihub.graphql.relay import InvalidGlobalId, global_id, row_id_of
from melihub.observability import get_logger
from melihub.runtime import Services

log = get_logger("melihub.graphql.mutation")


class Payload(Protocol):
    errors: list[UserError]


PayloadT = TypeVar("PayloadT", bound=Payload)


@dataclass
class AuditNote:
    """What the audit row of this call says beside actor, action and request: set by ``perform``."""

    target_type: str | None = None
    target_id: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    tenant_id: uuid.UUID | None = None  # for calls that start without a tenant (sign-in)
    actor_user_id: uuid.UUID | None = None


@dataclass
class MutationCall:
    """One mutation call: who calls, the services, and the audit note ``perform`` fills."""

    info: Info
    principal: Principal | None
    action: str
    note: AuditNote = field(default_factory=AuditNote)
    audit_written: bool = False  # in the change's own transaction (``unit``), so not again after the call

    @property
    def services(self) -> Services:
        return self.info.context.services

    def require_principal(self) -> Principal:
        assert self.principal is not None, "this mutation declared it needs no principal"
        return self.principal

    def id_of(self, field_name: str, value: str, *type_names: str) -> uuid.UUID:
        """The row id of a global id argument; ``NOT_FOUND`` on ``field_name`` when it is not one of ours."""
        try:
            return row_id_of(value, *type_names)
        except InvalidGlobalId:
            raise DomainError("no object with this id is visible to you", field=field_name, code="NOT_FOUND") from None

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[UnitOfWork]:
        """The caller's tenant transaction for the change; the audit row is written in it, so both commit
        or neither does. Name the target (``target``) inside the block."""
        principal = self.require_principal()
        async with unit_of_work(self.services.db, principal.tenant_id, user_id=principal.user_id) as work:
            yield work
            await write_audit(work.session, self)
            self.audit_written = True

    def target(self, type_name: str, row_id: uuid.UUID, **changes: Any) -> None:
        """Name the object this call changed, and optionally ``before``/``after`` of its fields."""
        self.note.target_type = type_name
        self.note.target_id = str(global_id(type_name, row_id))
        if "before" in changes:
            self.note.before = changes["before"]
        if "after" in changes:
            self.note.after = changes["after"]


class BaseMutation(ABC, Generic[PayloadT]):
    """Subclass per mutation: set ``name``, ``payload`` and ``permission``; implement ``perform``."""

    name: ClassVar[str]  # the mutation's GraphQL name: the audit row's action
    payload: ClassVar[type[Any]]
    permission: ClassVar[Permission | None] = None
    needs_principal: ClassVar[bool] = True

    @classmethod
    @abstractmethod
    async def perform(cls, call: MutationCall, **arguments: Any) -> PayloadT:
        """Parse the input, call one domain function, name the target (``call.target``), shape the payload."""

    @classmethod
    async def run(cls, info: Info, **arguments: Any) -> PayloadT:
        try:
            principal = cls._authorize(info)
            call = MutationCall(info=info, principal=principal, action=cls.name)
            result = await cls.perform(call, **arguments)
        except AuthError as exc:
            return cls._failed([UserError(field=None, message=str(exc), code=exc.code)])
        except DomainError as exc:
            return cls._failed([UserError(field=exc.field, message=str(exc), code=exc.code)])
        if not call.audit_written and not result.errors:
            await cls._audit(call)
        return result

    @classmethod
    def _authorize(cls, info: Info) -> Principal | None:
        if not cls.needs_principal:
            return info.context.principal
        return info.context.require(cls.permission)

    @classmethod
    def _failed(cls, errors: list[UserError]) -> PayloadT:
        payload: PayloadT = cls.payload(errors=errors)
        return payload

    @classmethod
    async def _audit(cls, call: MutationCall) -> None:
        """For calls that made no change in a unit of work of their own (sign-in, a connection test…)."""
        tenant_id = call.note.tenant_id or (call.principal.tenant_id if call.principal else None)
        if tenant_id is None:
            return  # nothing happened in any tenant (e.g. signing out without a session)
        async with call.services.db.tenant(tenant_id) as session:
            await write_audit(session, call)


async def write_audit(session: AsyncSession, call: MutationCall) -> None:
    """The call's audit row: the mutation's name, who, what it changed from what to what, from where."""
    principal, note = call.principal, call.note
    request = call.info.context.request
    await audit.record(
        session,
        principal,
        call.action,
        tenant_id=note.tenant_id or (principal.tenant_id if principal else None),
        target_type=note.target_type,
        target_id=note.target_id,
        before=note.before,
        after=note.after,
        ip=request.client.host if request and request.client else None,
        user_agent=request.headers.get("user-agent") if request else None,
        actor_user_id=note.actor_user_id,
    )
