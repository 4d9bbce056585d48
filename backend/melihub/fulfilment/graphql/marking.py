"""What markPicked and markPacked share: their ids, their payload's shape and their audit row."""

from __future__ import annotations

import strawberry

from melihub.errors import DomainError
from melihub.fulfilment import marks
from melihub.fulfilment.units import ORDER_TYPE, SHIPMENT_TYPE, Ref
from melihub.graphql.errors import UserError
from melihub.graphql.mutation import MutationCall
from melihub.graphql.relay import InvalidGlobalId, decode_global_id, global_id
from melihub.orders.graphql.types import OrderType

IDS_DESCRIPTION = (
    "Order or shipment ids (at most 500): each names its whole pack (or shipment); several of one pack move it once."
)


def parsed_refs(ids: list[strawberry.ID]) -> tuple[list[Ref], list[DomainError]]:
    """The ids that name an order or a shipment, and a NOT_FOUND for each that does not."""
    marks.checked_ids(ids)
    refs: list[Ref] = []
    refused: list[DomainError] = []
    for given in dict.fromkeys(str(value) for value in ids):
        try:
            type_name, row_id = decode_global_id(given)
        except InvalidGlobalId:
            type_name, row_id = "", None
        if row_id is None or type_name not in (ORDER_TYPE, SHIPMENT_TYPE):
            refused.append(marks.refusal(given, "no order or shipment with this id is visible to you", "NOT_FOUND"))
        else:
            refs.append(Ref(given, type_name, row_id))
    return refs, refused


def note_moves(call: MutationCall, step: marks.Step) -> marks.Describe:
    """The audit row: each moved order's state before, and the step's state after."""

    def describe(moved: list[marks.MovedUnit]) -> None:
        before = {str(global_id(ORDER_TYPE, i)): unit.before.value for unit in moved for i in unit.order_ids}
        call.note.before = {"orders": before}
        call.note.after = {"orders": dict.fromkeys(before, step.value)}

    return describe


async def run_mark(
    call: MutationCall, ids: list[strawberry.ID], step: marks.Step
) -> tuple[list[OrderType], list[UserError]]:
    """The orders moved and the refusals, in the order the ids were given."""
    refs, refused = parsed_refs(ids)
    outcome = await marks.mark(
        call.services, call.require_principal(), refs, step, store_in=call.unit, describe=note_moves(call, step)
    )
    order_of_ids = {str(value): index for index, value in enumerate(ids)}
    errors = sorted([*refused, *outcome.refusals], key=lambda error: order_of_ids.get(error.field or "", 0))
    user_errors = [UserError(field=error.field, message=str(error), code=error.code) for error in errors]
    return [OrderType.of(order) for order in outcome.orders], user_errors
