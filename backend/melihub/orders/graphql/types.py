"""Orders, their lines, payments and buyers as GraphQL types."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum

import strawberry

from melihub.catalog.graphql.loaders import listing_by_ml_id
from melihub.catalog.graphql.types import ListingType
from melihub.fulfilment.graphql.state_types import OrderFulfilmentType
from melihub.fulfilment.states import FulfilmentState
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.context import Context, Info
from melihub.graphql.loaders import load_now, then
from melihub.graphql.money import Money, money_of
from melihub.graphql.pagination import SortDirection
from melihub.graphql.relay import Node, global_id, register_node
from melihub.orders import queries
from melihub.orders.graphql.loaders import customer_by_id, order_items_by_order, orders_by_pack, payments_by_order
from melihub.orders.models import Customer, Order, OrderItem, Payment
from melihub.shipments.exceptions import ShipmentException
from melihub.shipments.graphql.loaders import shipment_by_ml_id
from melihub.shipments.graphql.types import ShipmentType

ORDER_TYPE = "Order"
PAYMENT_TYPE = "Payment"
CUSTOMER_TYPE = "Customer"


@strawberry.type(name="Customer", description="A buyer, as Mercado Livre shows them to the seller.")
class CustomerType(Node):
    ml_user_id: str = strawberry.field(description="Mercado Livre user id (a string: it exceeds 32 bits).")
    nickname: str | None
    site_id: str | None
    first_order_at: datetime | None
    last_order_at: datetime | None

    @classmethod
    def of(cls, customer: Customer) -> CustomerType:
        return cls(
            id=global_id(CUSTOMER_TYPE, customer.id),
            ml_user_id=str(customer.ml_user_id),
            nickname=customer.nickname,
            site_id=customer.site_id,
            first_order_at=customer.first_order_at,
            last_order_at=customer.last_order_at,
        )


@strawberry.type(name="OrderItem", description="One line of an order.")
class OrderItemType:
    line_no: int
    item_ml_id: str = strawberry.field(description="Mercado Livre item id of the listing sold.")
    variation_ml_id: str | None
    title: str
    sku: str | None
    quantity: int
    unit_price: Money
    full_unit_price: Money | None
    sale_fee: Money | None = strawberry.field(description="Mercado Livre's fee per unit.")
    _context: strawberry.Private[Context | None] = None

    @strawberry.field(description="The listing sold, when melihub holds it.")
    def listing(self, info: Info) -> ListingType | None:
        listing = load_now(listing_by_ml_id(self._context or info.context), self.item_ml_id)
        return then(listing, lambda found: ListingType.of(found, self._context) if found else None)

    @classmethod
    def of(cls, item: OrderItem, context: Context | None = None) -> OrderItemType:
        return cls(
            line_no=item.line_no,
            item_ml_id=item.item_ml_id,
            variation_ml_id=str(item.variation_ml_id) if item.variation_ml_id is not None else None,
            title=item.title,
            sku=item.sku,
            quantity=item.quantity,
            unit_price=Money(amount=item.unit_price, currency=item.currency_id),
            full_unit_price=money_of(item.full_unit_price, item.currency_id),
            sale_fee=money_of(item.sale_fee, item.currency_id),
            _context=context,
        )


@strawberry.type(name="Payment", description="A payment of an order (Mercado Pago).")
class PaymentType(Node):
    ml_id: str
    status: str = strawberry.field(description="Mercado Pago status: approved, pending, refunded, rejected…")
    status_detail: str | None
    amount: Money | None = strawberry.field(description="The transaction amount.")
    total_paid: Money | None
    refunded: Money | None
    shipping_cost: Money | None
    payment_method_id: str | None
    payment_type: str | None
    installments: int | None
    date_created: datetime | None
    date_approved: datetime | None

    @classmethod
    def of(cls, payment: Payment) -> PaymentType:
        currency = payment.currency_id
        return cls(
            id=global_id(PAYMENT_TYPE, payment.id),
            ml_id=str(payment.ml_id),
            status=payment.status,
            status_detail=payment.status_detail,
            amount=money_of(payment.transaction_amount, currency),
            total_paid=money_of(payment.total_paid_amount, currency),
            refunded=money_of(payment.transaction_amount_refunded, currency),
            shipping_cost=money_of(payment.shipping_cost, currency),
            payment_method_id=payment.payment_method_id,
            payment_type=payment.payment_type,
            installments=payment.installments,
            date_created=payment.date_created,
            date_approved=payment.date_approved,
        )


@strawberry.type(name="Order", description="A Mercado Livre order of a linked account.")
class OrderType(Node):
    ml_id: str = strawberry.field(description="Mercado Livre order id (a string: it exceeds 32 bits).")
    meli_account_id: strawberry.ID
    status: str = strawberry.field(description="Mercado Livre status: paid, confirmed, cancelled…")
    status_detail: str | None
    total_amount: Money | None
    paid_amount: Money | None
    date_created: datetime | None
    date_closed: datetime | None
    pack_id: str | None = strawberry.field(description="Orders bought together share a pack (and a shipment).")
    tags: list[str]
    updated_at: datetime = strawberry.field(description="When melihub last stored a change of this order.")
    _row_id: strawberry.Private[uuid.UUID]
    _customer_id: strawberry.Private[uuid.UUID | None]
    _shipment_ml_id: strawberry.Private[int | None]
    _pack_id: strawberry.Private[int | None]
    _order: strawberry.Private[Order]
    _context: strawberry.Private[Context | None] = None

    @strawberry.field
    def buyer(self, info: Info) -> CustomerType | None:
        if self._customer_id is None:
            return None
        customer = load_now(customer_by_id(self._context or info.context), self._customer_id)
        return then(customer, lambda found: CustomerType.of(found) if found else None)

    @strawberry.field
    def items(self, info: Info) -> list[OrderItemType]:
        rows = load_now(order_items_by_order(self._context or info.context), self._row_id)
        return then(rows, lambda found: [OrderItemType.of(row, self._context) for row in found])

    @strawberry.field
    def payments(self, info: Info) -> list[PaymentType]:
        rows = load_now(payments_by_order(self._context or info.context), self._row_id)
        return then(rows, lambda found: [PaymentType.of(row) for row in found])

    @strawberry.field(description="The shipment, when the order ships with Mercado Envios and melihub holds it.")
    def shipment(self, info: Info) -> ShipmentType | None:
        if self._shipment_ml_id is None:
            return None
        shipment = load_now(shipment_by_ml_id(self._context or info.context), self._shipment_ml_id)
        return then(shipment, lambda found: ShipmentType.of(found, self._context) if found else None)

    @strawberry.field(
        description="Picking and packing (melihub's marks) and what Mercado Livre's order and shipment status say."
    )
    def fulfilment(self, info: Info) -> OrderFulfilmentType:
        order, context = self._order, self._context
        if self._shipment_ml_id is None:
            return OrderFulfilmentType.of(order, None, context)
        shipment = load_now(shipment_by_ml_id(context or info.context), self._shipment_ml_id)
        return then(shipment, lambda found: OrderFulfilmentType.of(order, found.status if found else None, context))

    @strawberry.field(description="The other orders of the same pack (bought together); empty without a pack.")
    def pack_orders(self, info: Info) -> list[OrderType]:
        if self._pack_id is None:
            return []
        rows = load_now(orders_by_pack(self._context or info.context), self._pack_id)
        return then(rows, lambda found: [OrderType.of(row, self._context) for row in found if row.id != self._row_id])

    @classmethod
    def of(cls, order: Order, context: Context | None = None) -> OrderType:
        """``context``: the one to load nested objects with (a subscription event's fresh one)."""
        return cls(
            id=global_id(ORDER_TYPE, order.id),
            ml_id=str(order.ml_id),
            meli_account_id=global_id(ACCOUNT_TYPE, order.meli_account_id),
            status=order.status,
            status_detail=order.status_detail,
            total_amount=money_of(order.total_amount, order.currency_id),
            paid_amount=money_of(order.paid_amount, order.currency_id),
            date_created=order.date_created,
            date_closed=order.date_closed,
            pack_id=str(order.pack_id) if order.pack_id is not None else None,
            tags=list(order.tags),
            updated_at=order.synced_at,
            _row_id=order.id,
            _customer_id=order.customer_id,
            _shipment_ml_id=order.shipment_ml_id,
            _pack_id=order.pack_id,
            _order=order,
            _context=context,
        )


@strawberry.input(name="OrderFilter")
class OrderFilterInput:
    status: list[str] | None = strawberry.field(default=None, description="Any of these Mercado Livre statuses.")
    meli_account_ids: list[strawberry.ID] | None = None
    pack_id: str | None = None
    updated_since: datetime | None = strawberry.field(
        default=None, description="Only orders melihub stored a change of at or after this time (for syncing)."
    )
    fulfilment_state: list[FulfilmentState] | None = strawberry.field(
        default=None, description="Only orders in any of these fulfilment states (Order.fulfilment.state)."
    )
    exception: list[ShipmentException] | None = strawberry.field(
        default=None, description="Only orders whose shipment has any of these exceptions now."
    )
    dispatch_before: datetime | None = strawberry.field(
        default=None,
        description="Only orders whose shipment is still to hand to the carrier and due (handlingLimit) before this.",
    )
    search: str | None = strawberry.field(
        default=None,
        description="The order's, its pack's or its shipment's number, or a line's SKU (exactly); or part of the "
        "buyer's nickname or of a line's title.",
    )


@strawberry.enum(name="OrderSortField")
class OrderSortField(Enum):
    UPDATED_AT = "UPDATED_AT"
    DATE_CREATED = "DATE_CREATED"
    TOTAL_AMOUNT = "TOTAL_AMOUNT"


@strawberry.input(name="OrderSort", description="Sort by one field; ties are broken by id in the same direction.")
class OrderSortInput:
    field: OrderSortField = OrderSortField.UPDATED_AT
    direction: SortDirection = SortDirection.DESC


register_node(ORDER_TYPE, queries.orders_by_ids, OrderType.of)
register_node(PAYMENT_TYPE, queries.payments_by_ids, PaymentType.of)
register_node(CUSTOMER_TYPE, queries.customers_by_ids, CustomerType.of)
