"""The one table of Mercado Livre resource kinds: topic → kind → fetch (with companions) → applier → change.

A notification names a topic and a resource path. :data:`TOPICS` says which kind the path points at
and the form it must have; :data:`KINDS` says how a kind is fetched by its id (with the companions its
row needs: an order's shipment, an item's description) and which domain applier stores it under which
change type. Adding a topic is one :class:`Topic`; adding a kind is one :class:`Kind`.

The event pipeline handles notifications through :func:`fetch_notification` and :func:`apply_bundle`;
a sync engine fetches ``KINDS[name].fetch(connector, id)`` and applies the bundle the same way.
``Kind.fetch`` always brings the companions; a notification may skip those melihub already holds
(``Kind.fetch_notified``: an order's shipment has its own topic).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.catalog import service as catalog
from melihub.claims import service as claims
from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult
from melihub.errors import DomainError
from melihub.hub import intake as hub_intake
from melihub.insights import upkeep as insights_upkeep
from melihub.kpis import upkeep as kpi_upkeep
from melihub.meli.connector import Fetched, MeliConnector
from melihub.meli.values import as_int, dig
from melihub.messages import service as messages
from melihub.orders import service as orders
from melihub.orders.batch import apply_orders
from melihub.questions import service as questions
from melihub.shipments import queries as shipment_queries
from melihub.shipments import service as shipments


class UnsupportedResource(ValueError):
    """A topic melihub does not fetch, or a resource path that does not fit its topic."""


class Unresolved(Exception):
    """The notification names its resource through another one we do not hold yet (the message says why)."""


@dataclass
class Bundle:
    """A fetched resource and its companions, applied in one transaction."""

    primary: Fetched
    description: dict[str, Any] | None = None  # an item's ``/description``
    related: list[Fetched] = field(default_factory=list)  # applied before the primary: an order's shipment


Fetch = Callable[[MeliConnector, str], Awaitable[Bundle]]
Apply = Callable[[AsyncSession, MeliAccount, Fetched, Bundle, uuid.UUID | None], Awaitable[ApplyResult]]
ApplyMany = Callable[[AsyncSession, MeliAccount, list[dict[str, Any]]], Awaitable[list[ApplyResult]]]
OpenSession = Callable[[], AbstractAsyncContextManager[AsyncSession]]
FetchNotified = Callable[[MeliConnector, str, OpenSession], Awaitable[Bundle]]


class DomainApplier(Protocol):
    async def __call__(
        self, session: AsyncSession, account: MeliAccount, raw: dict[str, Any], *, event_id: uuid.UUID | None = None
    ) -> ApplyResult: ...


@dataclass(frozen=True)
class Kind:
    """One kind of Mercado Livre resource."""

    name: str  # what the connector calls it (``Fetched.kind``)
    change_type: str  # the domain's entity: its ApplyResult.entity_type and the type of the Change published
    fetch: Fetch  # by external id, with its companions
    apply: Apply  # into its domain's rows, in the caller's transaction
    apply_many: ApplyMany | None = None  # the same for a batch of companion-less payloads (a sync's page)
    # For a notification, when companions melihub holds need not be fetched again (None: ``fetch``).
    fetch_notified: FetchNotified | None = None

    async def fetch_for_notification(
        self, connector: MeliConnector, external_id: str, open_session: OpenSession
    ) -> Bundle:
        if self.fetch_notified is None:
            return await self.fetch(connector, external_id)
        return await self.fetch_notified(connector, external_id, open_session)


@dataclass(frozen=True)
class Via:
    """A topic whose resource is another record (a payment) that leads to the kind's id (its order)."""

    resolve: Callable[[AsyncSession, str], Awaitable[str | None]]
    unknown: str  # why the notification is ignored when ``resolve`` finds nothing


@dataclass(frozen=True)
class Topic:
    """A notification topic: the kind it points at and the form of its resource."""

    name: str
    kind: Kind
    # Notification bodies are not signed: only a path of this form is fetched (group 1 is the id).
    resource: re.Pattern[str]
    handled: bool = True  # False: stored on arrival and marked ignored (a reprocess still fetches it)
    missed_feeds: bool = True  # False for legacy aliases: ML reports their missed feeds under the new name
    via: Via | None = None


# ---- kinds ----------------------------------------------------------------------------------------


def _alone(fetch: Callable[[MeliConnector, str], Awaitable[Fetched]]) -> Fetch:
    async def fetch_alone(connector: MeliConnector, external_id: str) -> Bundle:
        return Bundle(await fetch(connector, external_id))

    return fetch_alone


def _shipping_of(order: Fetched) -> int | None:
    return as_int(dig(order.raw, "shipping", "id")) or None


async def _with_shipment(connector: MeliConnector, order: Fetched, shipping: int | None) -> Bundle:
    bundle = Bundle(order)
    if shipping is not None:
        bundle.related.append(await connector.fetch_shipment(str(shipping)))
    return bundle


async def _fetch_order(connector: MeliConnector, order_id: str) -> Bundle:
    order = await connector.fetch_order(order_id)
    return await _with_shipment(connector, order, _shipping_of(order))


async def _fetch_order_for_notification(connector: MeliConnector, order_id: str, open_session: OpenSession) -> Bundle:
    """The order, and its shipment unless we hold it as this order's: a held shipment's changes come
    through the ``shipments`` topic, so fetching it again would spend a call on what we already have."""
    order = await connector.fetch_order(order_id)
    shipping = _shipping_of(order)
    if shipping is not None:
        async with open_session() as session:
            held = await shipment_queries.holds_shipment_of_order(session, shipping, int(order.external_id))
        if held:
            shipping = None
    return await _with_shipment(connector, order, shipping)


async def _fetch_item(connector: MeliConnector, item_id: str) -> Bundle:
    item = await connector.fetch_item(item_id)
    description = await connector.fetch_item_description(item.external_id)
    return Bundle(item, description=description.raw)


def _raw(applier: DomainApplier) -> Apply:
    async def apply_raw(
        session: AsyncSession, account: MeliAccount, fetched: Fetched, _bundle: Bundle, event_id: uuid.UUID | None
    ) -> ApplyResult:
        return await applier(session, account, fetched.raw, event_id=event_id)

    return apply_raw


async def _apply_item(
    session: AsyncSession, account: MeliAccount, fetched: Fetched, bundle: Bundle, event_id: uuid.UUID | None
) -> ApplyResult:
    return await catalog.apply_item(session, account, fetched.raw, description=bundle.description, event_id=event_id)


ORDER = Kind(
    "order",
    orders.ENTITY,
    _fetch_order,
    _raw(orders.apply_order),
    apply_many=apply_orders,
    fetch_notified=_fetch_order_for_notification,
)
ITEM = Kind("item", catalog.ENTITY, _fetch_item, _apply_item)
SHIPMENT = Kind(
    "shipment",
    shipments.ENTITY,
    _alone(MeliConnector.fetch_shipment),
    _raw(shipments.apply_shipment),
    apply_many=shipments.apply_shipments,
)
QUESTION = Kind("question", questions.ENTITY, _alone(MeliConnector.fetch_question), _raw(questions.apply_question))
MESSAGE = Kind("message", messages.ENTITY, _alone(MeliConnector.fetch_message), _raw(messages.apply_message))
CLAIM = Kind("claim", claims.ENTITY, _alone(MeliConnector.fetch_claim), _raw(claims.apply_claim))
KINDS: dict[str, Kind] = {kind.name: kind for kind in (ORDER, ITEM, SHIPMENT, QUESTION, MESSAGE, CLAIM)}


# ---- topics ---------------------------------------------------------------------------------------


async def _order_of_payment(session: AsyncSession, payment_id: str) -> str | None:
    payment = int(payment_id)
    order = await orders.order_ml_id_of_payment(session, payment) if payment else None
    return str(order) if order is not None else None


_ORDER_PATH = re.compile(r"/orders/(\d+)")
_CLAIM_PATH = re.compile(r"(?:/post-purchase/v\d+)?/claims/(\d+)")
TOPICS: dict[str, Topic] = {
    topic.name: topic
    for topic in (
        Topic("orders_v2", ORDER, _ORDER_PATH),
        Topic("orders", ORDER, _ORDER_PATH, missed_feeds=False),  # the legacy name of orders_v2
        Topic("created_orders", ORDER, _ORDER_PATH, handled=False),  # orders_v2 brings the same orders
        Topic("items", ITEM, re.compile(r"/items/([A-Z]{3}\d+)")),
        Topic("questions", QUESTION, re.compile(r"/questions/(\d+)")),
        Topic("shipments", SHIPMENT, re.compile(r"/shipments/(\d+)")),
        Topic("messages", MESSAGE, re.compile(r"(?:/messages/)?([0-9a-fA-F]{8,64})")),
        Topic("claims", CLAIM, _CLAIM_PATH),
        Topic("post_purchase", CLAIM, _CLAIM_PATH, handled=False),
        # A payment is stored with its order: refetch the order, if we hold it; if not, its order brings it.
        Topic(
            "payments",
            ORDER,
            re.compile(r"/(?:collections|payments)/(\d+)"),
            via=Via(_order_of_payment, "payment of an order not yet known; its order brings it"),
        ),
    )
}
# Every other topic is stored on arrival and marked ignored.
HANDLED_TOPICS = frozenset(name for name, topic in TOPICS.items() if topic.handled)
MISSED_FEEDS_TOPICS = tuple(name for name, topic in TOPICS.items() if topic.handled and topic.missed_feeds)


# ---- handling a notification ----------------------------------------------------------------------


def topic_of(name: str) -> Topic:
    found = TOPICS.get(name)
    if found is None:
        raise UnsupportedResource(f"unsupported notification topic {name!r}")
    return found


async def fetch_notification(
    connector: MeliConnector, topic_name: str, resource: str, open_session: OpenSession
) -> Bundle:
    """GET what a notification points at (its body is only a pointer; the GET is the truth).

    Raises :class:`UnsupportedResource` for an unknown topic or a path of the wrong form, and
    :class:`Unresolved` when a ``via`` topic leads to nothing we hold. ``open_session`` reads what we
    hold: a ``via`` record, or the companions a kind need not fetch again.
    """
    topic = topic_of(topic_name)
    path = resource.strip()
    match = topic.resource.fullmatch(path)
    if topic.via is None:
        if match is None:
            raise UnsupportedResource(f"resource {path!r} does not fit topic {topic_name!r}")
        return await topic.kind.fetch_for_notification(connector, match.group(1), open_session)
    target = None
    if match is not None:
        async with open_session() as session:
            target = await topic.via.resolve(session, match.group(1))
    if target is None:
        raise Unresolved(topic.via.unknown)
    return await topic.kind.fetch_for_notification(connector, target, open_session)


async def apply_bundle(
    session: AsyncSession, account: MeliAccount, bundle: Bundle, event_id: uuid.UUID | None
) -> list[ApplyResult]:
    """Apply the companions, then the primary (last in the list), in the caller's transaction."""
    results = [await apply_fetched(session, account, f, bundle, event_id) for f in (*bundle.related, bundle.primary)]
    await _after_apply(session, account, results)
    return results


async def _after_apply(session: AsyncSession, account: MeliAccount, results: list[ApplyResult]) -> None:
    """What follows every applied change, in its transaction: the KPI rollups, the pickup hub's orders, the
    listings' scores."""
    await kpi_upkeep.after_apply(session, account, results)
    await hub_intake.after_apply(session, account, results)
    await insights_upkeep.after_apply(session, account, results)


async def apply_fetched(
    session: AsyncSession, account: MeliAccount, fetched: Fetched, bundle: Bundle, event_id: uuid.UUID | None
) -> ApplyResult:
    kind = KINDS.get(fetched.kind)
    if kind is None:
        raise DomainError(f"no handler for {fetched.kind!r} resources", code="UNSUPPORTED")
    return await kind.apply(session, account, fetched, bundle, event_id)


async def apply_batch(session: AsyncSession, account: MeliAccount, bundles: list[Bundle]) -> list[ApplyResult]:
    """Bundles in order (no companions); a run of one kind that applies in batches goes in one call."""
    results: list[ApplyResult] = []
    index = 0
    while index < len(bundles):
        kind = KINDS.get(bundles[index].primary.kind)
        end = index + 1
        while end < len(bundles) and bundles[end].primary.kind == bundles[index].primary.kind:
            end += 1
        if kind is not None and kind.apply_many is not None and end - index > 1:
            results.extend(await kind.apply_many(session, account, [b.primary.raw for b in bundles[index:end]]))
        else:
            for bundle in bundles[index:end]:
                results.append(await apply_fetched(session, account, bundle.primary, bundle, None))
        index = end
    await _after_apply(session, account, results)
    return results
