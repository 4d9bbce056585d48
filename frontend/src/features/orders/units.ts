// A pack (cart) is one unit of work: its orders share one shipment and one label, so the list shows,
// selects and moves units, never a single order of a pack.
import type { FulfilmentState, OrdersRowFragment, OrdersShipmentFragment } from "@/gql/graphql";

export type OrderRow = OrdersRowFragment;
export type ShipmentRow = OrdersShipmentFragment;
type Listed = OrderRow & { packOrders?: readonly OrderRow[] };

export interface Unit {
  /** The pack id, else the order id: stable across pages and refetches. */
  key: string;
  packId: string | null;
  orders: OrderRow[];
  shipment: ShipmentRow | null;
  /** The least advanced state of its orders (a cancelled order of a live pack stays behind). */
  state: FulfilmentState;
}

const ORDER_OF_STATES: readonly FulfilmentState[] = ["TO_PICK", "PICKED", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"];

function unitState(orders: readonly OrderRow[]): FulfilmentState {
  const live = orders.filter((order) => order.fulfilment.state !== "CANCELLED");
  const states = (live.length ? live : orders).map((order) => ORDER_OF_STATES.indexOf(order.fulfilment.state));
  return ORDER_OF_STATES[Math.min(...states)] ?? "TO_PICK";
}

/** The orders of a page as units, in the order their first order came; a pack brings its other orders. */
export function unitsOf(rows: readonly Listed[]): Unit[] {
  const units = new Map<string, Map<string, OrderRow>>();
  for (const row of rows) {
    const key = row.packId ? `pack:${row.packId}` : `order:${row.id}`;
    const orders = units.get(key) ?? new Map<string, OrderRow>();
    for (const order of [row, ...(row.packOrders ?? [])]) if (!orders.has(order.id)) orders.set(order.id, order);
    units.set(key, orders);
  }
  return [...units.entries()].map(([key, byId]) => {
    const orders = [...byId.values()].sort((a, b) => a.mlId.localeCompare(b.mlId));
    return {
      key,
      packId: orders[0]?.packId ?? null,
      orders,
      shipment: orders.find((order) => order.shipment)?.shipment ?? null,
      state: unitState(orders),
    };
  });
}

/** What the marks and labels take: the unit's shipment (one per pack), else every order id. */
export function idsOf(unit: Unit): string[] {
  return unit.shipment ? [unit.shipment.id] : unit.orders.map((order) => order.id);
}

/** Every code a bench may scan for this unit: order, shipment and pack numbers, and SKUs. */
export function codesOf(unit: Unit): string[] {
  const codes = unit.orders.flatMap((order) => [order.mlId, ...order.items.map((item) => item.sku ?? "")]);
  if (unit.shipment) codes.push(unit.shipment.mlId);
  if (unit.packId) codes.push(unit.packId);
  return codes.filter(Boolean).map((code) => code.toUpperCase());
}
