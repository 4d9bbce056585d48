"""Every operation is costed before it runs, refused over the maximum, and paid from the caller's bucket.

Each response says what it cost in ``extensions.cost`` (Shopify's names): ``requestedQueryCost`` (the
worst case, costed before running), ``actualQueryCost`` (what the result turned out to cost: the
difference goes back to the bucket) and ``throttleStatus``. An operation that does not run (invalid,
refused) costs nothing. A Redis outage must not take the API down: the bucket is then not enforced
(``currentlyAvailable`` is null) and a warning is logged.
"""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import OperationType
from redis.exceptions import RedisError
from strawberry.extensions import SchemaExtension

from melihub.config import Settings
from melihub.graphql.cost import actual_cost, requested_cost
from melihub.graphql.errors import AppError
from melihub.graphql.throttle import LeakyBucket, Take, bucket_key
from melihub.observability import get_logger

log = get_logger("melihub.graphql.limits")

# One warning per this many seconds while Redis is down, not one per request.
OUTAGE_WARNING_EVERY_S = 10.0
_last_outage_warning = -math.inf


def _warn_outage(error: Exception) -> None:
    global _last_outage_warning
    now = time.monotonic()
    if now - _last_outage_warning >= OUTAGE_WARNING_EVERY_S:
        _last_outage_warning = now
        log.warning("graphql.throttle_unavailable", error=type(error).__name__, detail=str(error)[:200])


class CostLimiter(SchemaExtension):
    def __init__(self) -> None:
        self.requested = 0
        self.actual = 0  # what was taken from the bucket, after the refund
        self._bucket: LeakyBucket | None = None
        self._key = ""
        self._available: float | None = None
        self._read = False

    def _setup(self) -> Settings | None:
        """The settings of this process and the caller's bucket; None for a bare ``schema.execute``."""
        context = self.execution_context.context
        services = getattr(context, "services", None)
        if services is None:
            return None
        settings: Settings = services.settings
        if self._bucket is None:
            capacity, rate = settings.graphql_bucket_capacity, settings.graphql_bucket_restore_per_s
            self._bucket = LeakyBucket(services.redis, capacity, rate)
            self._key = bucket_key(getattr(context, "principal", None), getattr(context, "request", None))
        return settings

    async def _take(self, cost: float) -> Take | None:
        """Take ``cost`` (0: only look); None when the bucket cannot be reached, so it is not enforced."""
        self._read = True
        if self._bucket is None:
            return None
        try:
            take = await self._bucket.take(self._key, cost)
        except (RedisError, OSError, TimeoutError) as exc:
            _warn_outage(exc)
            self._available = None
            return None
        self._available = take.available
        return take

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None  # on_execute runs on validated documents only
        schema, document = context.schema._schema, context.graphql_document
        settings = self._setup()
        try:
            self.requested = requested_cost(schema, document, context.operation_name, context.variables)
        except RecursionError:  # validation bounds the depth already; should it miss a case, refuse
            raise AppError("this operation is nested too deeply to cost", "MAX_COST_EXCEEDED") from None
        maximum = min(settings.graphql_max_cost, settings.graphql_bucket_capacity) if settings else math.inf
        if self.requested > maximum:
            await self._take(0)
            raise AppError(
                f"this operation costs {self.requested}, more than the maximum of {maximum} per operation",
                "MAX_COST_EXCEEDED",
                requestedQueryCost=self.requested,
                maximumCost=maximum,
            )
        take = await self._take(self.requested)
        if take is not None and not take.taken:
            raise AppError(
                f"throttled: this operation costs {self.requested}, {math.floor(take.available)} available; "
                f"retry in {take.retry_after_s} s",
                "THROTTLED",
                requestedQueryCost=self.requested,
                retryAfterSeconds=take.retry_after_s,
            )
        self.actual = self.requested
        yield
        result = context.result
        if context.operation_type is OperationType.SUBSCRIPTION or not isinstance(result, GraphQLExecutionResult):
            return  # a subscription pays its selection once, when it starts
        try:
            spent = actual_cost(schema, document, context.operation_name, context.variables, result.data)
        except RecursionError:
            return  # charged as requested
        # The actual walk may count an abstract type's branches twice: never charge above the estimate.
        self.actual = min(spent, self.requested)
        if self.actual < self.requested and take is not None:
            await self._take(self.actual - self.requested)

    async def get_results(self) -> dict[str, Any]:
        settings = self._setup()
        if settings is None:
            return {}
        if not self._read:  # the operation did not run (a parse or validation error): only look
            await self._take(0)
        available = None if self._available is None else math.floor(self._available)
        return {
            "cost": {
                "requestedQueryCost": self.requested,
                "actualQueryCost": self.actual,
                "throttleStatus": {
                    "maximumAvailable": settings.graphql_bucket_capacity,
                    "currentlyAvailable": available,
                    "restoreRate": settings.graphql_bucket_restore_per_s,
                },
            }
        }
