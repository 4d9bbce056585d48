"""The floor's Query field for the schema root."""

from __future__ import annotations

import strawberry

from melihub.floor.graphql.resolvers import resolve_floor
from melihub.floor.graphql.types import FloorType


@strawberry.type
class FloorQuery:
    floor: FloorType = strawberry.field(
        resolver=resolve_floor,
        description="Today's sales beside the 7 days before, and what needs doing now (every role that reads).",
    )
