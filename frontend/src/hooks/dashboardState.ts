// The dashboard's lists and how live changes fold into them.
import { isOpen, supersedes } from "@/lib/sync";
import type { IntegrationEvent, MeliAccount, Order, SyncRun } from "@/lib/types";

export const MAX_ORDERS = 50;
export const MAX_EVENTS = 30;

/** The run an account shows: its open one, or the last one seen ending on this page. */
export interface TrackedRun {
  run: SyncRun;
  /** When this page saw it end (Date.now()), so the outcome can stay on screen a little while. */
  endedAt: number | null;
}

export interface DashboardState {
  status: "loading" | "ready" | "error";
  accounts: MeliAccount[];
  /** Account id → its run. */
  syncRuns: Record<string, TrackedRun>;
  orders: Order[];
  events: IntegrationEvent[];
  /** id → a counter bumped on each live change; odd/even picks the CSS animation to restart it. */
  flashes: Record<string, number>;
}

export type LiveChange =
  | { type: "order"; order: Order }
  | { type: "event"; event: IntegrationEvent }
  | { type: "account"; account: MeliAccount }
  | { type: "syncRun"; run: SyncRun; at: number };

export type Action =
  | { type: "loading" }
  | { type: "loaded"; accounts: MeliAccount[]; orders: Order[]; events: IntegrationEvent[]; openRuns: SyncRun[] }
  | { type: "failed" }
  | { type: "live"; change: LiveChange; flash: boolean }
  | { type: "flashEnded"; id: string };

export const initialState: DashboardState = {
  status: "loading",
  accounts: [],
  syncRuns: {},
  orders: [],
  events: [],
  flashes: {},
};

function changedId(change: LiveChange): string {
  if (change.type === "order") return change.order.id;
  if (change.type === "event") return change.event.id;
  if (change.type === "syncRun") return change.run.meliAccount.id;
  return change.account.id;
}

function trackRun(runs: Record<string, TrackedRun>, run: SyncRun, at: number): Record<string, TrackedRun> {
  const accountId = run.meliAccount.id;
  const current = runs[accountId];
  if (!supersedes(run, current?.run)) return runs;
  return { ...runs, [accountId]: { run, endedAt: isOpen(run.status) ? null : at } };
}

/** After a load: its open runs, and the endings this page saw for accounts that have none open. */
function loadedRuns(previous: Record<string, TrackedRun>, openRuns: SyncRun[]): Record<string, TrackedRun> {
  const runs: Record<string, TrackedRun> = {};
  for (const [accountId, tracked] of Object.entries(previous)) {
    if (!isOpen(tracked.run.status)) runs[accountId] = tracked;
  }
  return openRuns.reduce((acc, run) => trackRun(acc, run, 0), runs);
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
    case "syncRun":
      return { ...state, syncRuns: trackRun(state.syncRuns, change.run, change.at) };
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
        syncRuns: loadedRuns(state.syncRuns, action.openRuns),
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
