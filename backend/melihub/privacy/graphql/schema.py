"""The privacy domain's Query and Mutation fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.privacy.graphql.mutations.erase_customer_data import EraseCustomerDataPayload, erase_customer_data
from melihub.privacy.graphql.mutations.export_customer_data import ExportCustomerDataPayload, export_customer_data
from melihub.privacy.graphql.mutations.set_raw_payload_retention import (
    SetRawPayloadRetentionPayload,
    set_raw_payload_retention,
)
from melihub.privacy.graphql.resolvers import resolve_privacy_settings
from melihub.privacy.graphql.types import PrivacySettingsType


@strawberry.type
class PrivacyQuery:
    privacy_settings: PrivacySettingsType = strawberry.field(
        resolver=resolve_privacy_settings, description="The company's LGPD settings (owners and admins)."
    )


@strawberry.type
class PrivacyMutation:
    export_customer_data: ExportCustomerDataPayload = strawberry.mutation(
        resolver=export_customer_data,
        description="Everything melihub holds about a buyer (a Customer id), as JSON; audited (owners and admins).",
    )
    erase_customer_data: EraseCustomerDataPayload = strawberry.mutation(
        resolver=erase_customer_data,
        description="Anonymise a buyer across orders, shipments, messages, questions, claims, the hub and raw "
        "payloads, keeping amounts, dates, items and fees; later syncs stay anonymised. Audited; cannot be undone.",
    )
    set_raw_payload_retention: SetRawPayloadRetentionPayload = strawberry.mutation(
        resolver=set_raw_payload_retention,
        description="Days processed notifications keep their raw payload: 0 (kept) to 3650; default 90.",
    )
