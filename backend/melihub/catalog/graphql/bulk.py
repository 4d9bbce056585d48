"""Bulk operations as GraphQL: ``BulkOperation`` (a Node), its lines, ``bulkOperation(id)`` and
``bulkOperationProgress(id)``."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry

from melihub.accounts.permissions import Permission
from melihub.catalog import bulk
from melihub.catalog.graphql.types import LISTING_TYPE, VARIATION_TYPE
from melihub.catalog.models import BulkOperation, BulkOperationLine
from melihub.graphql.context import Info
from melihub.graphql.live import changed_objects
from melihub.graphql.pagination import node_by_id
from melihub.graphql.relay import Node, global_id, not_found, parse_global_id, register_node

BULK_OPERATION_TYPE = "BulkOperation"


@strawberry.enum(name="BulkOperationStatus")
class BulkOperationStatus(Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"


@strawberry.enum(name="BulkLineResult")
class BulkLineResult(Enum):
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"
    NOT_FOUND = "NOT_FOUND"
    AMBIGUOUS_SKU = "AMBIGUOUS_SKU"
    CONFLICT = "CONFLICT"
    FAILED = "FAILED"


@strawberry.type(name="BulkOperationLine", description="One line of a bulk operation and what became of it.")
class BulkOperationLineType:
    position: int = strawberry.field(description="The line's place in the call, from 0.")
    sku: str | None = strawberry.field(description="The SKU the line gave, if it named one.")
    listing_id: strawberry.ID | None = strawberry.field(description="The listing it set (given, or found by SKU).")
    variation_id: strawberry.ID | None = strawberry.field(description="The variation it set, if any.")
    available_quantity: int = strawberry.field(description="The stock the line asked for.")
    result: BulkLineResult | None = strawberry.field(description="Null while the line waits its turn.")
    message: str | None = strawberry.field(description="Why it was not UPDATED, when there is more to say.")
    previous_quantity: int | None = strawberry.field(description="The stock Mercado Livre had before.")

    @classmethod
    def of(cls, line: BulkOperationLine) -> BulkOperationLineType:
        return cls(
            position=line.position,
            sku=line.sku,
            listing_id=global_id(LISTING_TYPE, line.listing_id) if line.listing_id else None,
            variation_id=global_id(VARIATION_TYPE, line.variation_id) if line.variation_id else None,
            available_quantity=line.available_quantity,
            result=BulkLineResult(line.result) if line.result else None,
            message=line.message,
            previous_quantity=line.previous_quantity,
        )


@strawberry.type(name="BulkOperation", description="A bulk stock update: its job's progress and a result per line.")
class BulkOperationType(Node):
    kind: str = strawberry.field(description="STOCK (bulkUpdateStock).")
    status: BulkOperationStatus
    total: int = strawberry.field(description="How many lines it has.")
    done: int = strawberry.field(description="How many lines have their result.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime
    _row_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="Its lines in the order given (of these results, when asked).")
    async def lines(self, info: Info, result: list[BulkLineResult] | None = None) -> list[BulkOperationLineType]:
        info.context.require(Permission.READ)
        wanted = [r.value for r in result] if result else None
        async with info.context.session() as session:
            rows = await bulk.lines_of(session, self._row_id, wanted)
        return [BulkOperationLineType.of(row) for row in rows]

    @classmethod
    def of(cls, operation: BulkOperation) -> BulkOperationType:
        return cls(
            id=global_id(BULK_OPERATION_TYPE, operation.id),
            kind=operation.kind,
            status=BulkOperationStatus(operation.status),
            total=operation.total,
            done=operation.done,
            created_at=operation.created_at,
            started_at=operation.started_at,
            finished_at=operation.finished_at,
            updated_at=operation.updated_at,
            _row_id=operation.id,
        )


async def resolve_bulk_operation(info: Info, id: strawberry.ID) -> BulkOperationType | None:
    return await node_by_id(info, id, BULK_OPERATION_TYPE, bulk.get_operation, BulkOperationType.of)


async def bulk_operation_progress(info: Info, id: strawberry.ID) -> AsyncGenerator[BulkOperationType, None]:
    principal = info.context.require(Permission.READ)
    operation_id = parse_global_id(id, "id", BULK_OPERATION_TYPE)
    async with info.context.session() as session:
        if await bulk.get_operation(session, principal, operation_id) is None:
            raise not_found("id", id)  # refused at once, before any change is awaited
    async for operation, _context in changed_objects(info, bulk.BULK_CHANGE, None, bulk.get_operation):
        if operation.id == operation_id:
            yield BulkOperationType.of(operation)


register_node(BULK_OPERATION_TYPE, bulk.operations_by_ids, BulkOperationType.of)
