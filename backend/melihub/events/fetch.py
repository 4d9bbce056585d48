"""What to fetch for a notification: the resource itself, plus what its row needs beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from melihub.meli.connector import Fetched, MeliConnector

PAYMENT_RESOURCE = re.compile(r"/(?:collections|payments)/(\d+)")


@dataclass
class Bundle:
    """The primary resource and related ones applied in the same transaction."""

    topic: str
    primary: Fetched | None
    description: dict[str, Any] | None = None
    related: list[Fetched] = field(default_factory=list)


def payment_id(resource: str) -> int | None:
    match = PAYMENT_RESOURCE.fullmatch(resource.strip())
    return int(match.group(1)) if match else None


async def fetch_bundle(connector: MeliConnector, topic: str, resource: str) -> Bundle:
    primary = await connector.fetch_notification(topic, resource)
    bundle = Bundle(topic=topic, primary=primary)
    if primary.kind == "order":
        shipping = (primary.raw.get("shipping") or {}).get("id")
        if shipping:
            bundle.related.append(await connector.fetch_shipment(str(shipping)))
    elif primary.kind == "item":
        description = await connector.client.get_item_description(connector.account, primary.external_id)
        bundle.description = description.raw
    return bundle
