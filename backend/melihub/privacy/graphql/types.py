"""What an erasure did, and the tenant's privacy settings."""

from __future__ import annotations

from datetime import datetime

import strawberry

from melihub.privacy.erasure import Erasure


@strawberry.type(description="What eraseCustomerData scrubbed: rows per table, and the export files dropped.")
class CustomerErasureType:
    erased_at: datetime
    customers: int
    orders: int
    shipments: int
    messages: int
    questions: int
    claims: int
    hub_orders: int
    hub_notifications: int
    integration_events: int
    exports_expired: int = strawberry.field(description="Finished export files that could name the buyer, dropped.")

    @classmethod
    def of(cls, erasure: Erasure) -> CustomerErasureType:
        rows = erasure.rows
        return cls(
            erased_at=erasure.erased_at,
            customers=rows.get("customers", 0),
            orders=rows.get("orders", 0),
            shipments=rows.get("shipments", 0),
            messages=rows.get("messages", 0),
            questions=rows.get("questions", 0),
            claims=rows.get("claims", 0),
            hub_orders=rows.get("hubOrders", 0),
            hub_notifications=rows.get("hubNotifications", 0),
            integration_events=rows.get("integrationEvents", 0),
            exports_expired=erasure.exports_expired,
        )


@strawberry.type(name="PrivacySettings", description="The company's LGPD settings.")
class PrivacySettingsType:
    raw_payload_retention_days: int = strawberry.field(
        description="Days a processed notification's raw payload is kept before the purge replaces it (0: kept)."
    )
