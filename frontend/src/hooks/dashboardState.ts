// The dashboard's lists and how live changes fold into them.
import type { IntegrationEvent, MeliAccount, Order } from "@/lib/types";

export const MAX_ORDERS = 50;
export const MAX_EVENTS = 30;

export interface DashboardState {
  status: "loading" | "ready" | "error";
  accounts: MeliAccount[];
  orders: Order[];
  events: IntegrationEvent[];
  /** id → a counter bumped on each live change; odd/even picks the CSS animation to restart it. */
  flashes: Record<string, number>;
}

export type LiveChange =
  | { type: "order"; order: Order }
  | { type: "event"; event: IntegrationEvent }
  | { type: "account"; account: MeliAccount };

export type Action =
  | { type: "loading" }
  | { type: "loaded"; accounts: MeliAccount[]; orders: Order[]; events: IntegrationEvent[] }
  | { type: "failed" }
  | { type: "live"; change: LiveChange; flash: boolean }
  | { type: "flashEnded"; id: string };

export const initialState: DashboardState = {
  status: "loading",
  accounts: [],
  orders: [],
  events: [],
  flashes: {},
};

function changedId(change: LiveChange): string {
  if (change.type === "order") return change.order.id;
  if (change.type === "event") return change.event.id;
  return change.account.id;
}

function applyChange(state: DashboardState, change: LiveChange): DashboardState {
  switch (change.type) {
    case "order": {
      // A changed order is the most recent activity: it goes to the top.
      const rest = state.orders.filter((order) => order.id !== change.order.id);
      return { ...state, orders: [change.order, ...rest].slice(0, MAX_ORDERS) };
    }
    case "event": {
      // An event changes status several times: keep its place; a new one is the newest.
      const index = state.events.findIndex((event) => event.id === change.event.id);
      const events =
        index >= 0
          ? state.events.map((event, i) => (i === index ? change.event : event))
          : [change.event, ...state.events].slice(0, MAX_EVENTS);
      return { ...state, events };
    }
    case "account": {
      const known = state.accounts.some((account) => account.id === change.account.id);
      const accounts = known
        ? state.accounts.map((account) => (account.id === change.account.id ? change.account : account))
        : [...state.accounts, change.account];
      return { ...state, accounts };
    }
  }
}

export function reducer(state: DashboardState, action: Action): DashboardState {
  switch (action.type) {
    case "loading":
      // A reload keeps what is on screen; only the first load shows a loading state.
      return state.status === "error" ? { ...state, status: "loading" } : state;
    case "loaded":
      return {
        ...state,
        status: "ready",
        accounts: action.accounts,
        orders: action.orders.slice(0, MAX_ORDERS),
        events: action.events.slice(0, MAX_EVENTS),
      };
    case "failed":
      return state.status === "ready" ? state : { ...state, status: "error" };
    case "live": {
      const next = applyChange(state, action.change);
      if (!action.flash) return next;
      const id = changedId(action.change);
      return { ...next, flashes: { ...next.flashes, [id]: (next.flashes[id] ?? 0) + 1 } };
    }
    case "flashEnded": {
      if (!(action.id in state.flashes)) return state;
      const flashes = { ...state.flashes };
      delete flashes[action.id];
      return { ...state, flashes };
    }
  }
}
