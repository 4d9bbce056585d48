"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { request } from "@/lib/graphql";
import { onResync, subscribe } from "@/lib/live";
import { ACCOUNT_CHANGED, DASHBOARD_QUERY, EVENT_CHANGED, ORDER_CHANGED } from "@/lib/queries";
import { withSession } from "@/lib/session";
import type { Connection, IntegrationEvent, MeliAccount, Order } from "@/lib/types";
import { initialState, reducer, type DashboardState, type LiveChange } from "./dashboardState";

interface DashboardQuery {
  meliAccounts: Connection<MeliAccount>;
  orders: Connection<Order>;
  integrationEvents: Connection<IntegrationEvent>;
}

const RESYNC_DEBOUNCE_MS = 300;

export interface DashboardData extends DashboardState {
  reload: () => void;
  flashEnded: (id: string) => void;
}

/** Loads the dashboard once, then keeps it current from the subscriptions. */
export function useDashboardData(): DashboardData {
  const [state, dispatch] = useReducer(reducer, initialState);
  const loadSeq = useRef(0);
  // Live changes that arrive while a load is in flight are re-applied on top of its result.
  const duringLoad = useRef<LiveChange[] | null>(null);

  const reload = useCallback(() => {
    const seq = ++loadSeq.current;
    duringLoad.current = [];
    dispatch({ type: "loading" });
    withSession(() => request<DashboardQuery>(DASHBOARD_QUERY)).then(
      (data) => {
        if (seq !== loadSeq.current) return;
        dispatch({
          type: "loaded",
          accounts: data.meliAccounts.nodes,
          orders: data.orders.edges.map((edge) => edge.node),
          events: data.integrationEvents.edges.map((edge) => edge.node),
        });
        duringLoad.current?.forEach((change) => dispatch({ type: "live", change, flash: false }));
        duringLoad.current = null;
      },
      () => {
        if (seq !== loadSeq.current) return;
        duringLoad.current = null;
        dispatch({ type: "failed" });
      },
    );
  }, []);

  useEffect(() => {
    const live = (change: LiveChange) => {
      duringLoad.current?.push(change);
      dispatch({ type: "live", change, flash: true });
    };
    const stops = [
      subscribe<{ orderChanged: Order }>(ORDER_CHANGED, (data) => live({ type: "order", order: data.orderChanged })),
      subscribe<{ integrationEventChanged: IntegrationEvent }>(EVENT_CHANGED, (data) =>
        live({ type: "event", event: data.integrationEventChanged }),
      ),
      subscribe<{ meliAccountChanged: MeliAccount }>(ACCOUNT_CHANGED, (data) =>
        live({ type: "account", account: data.meliAccountChanged }),
      ),
    ];
    let resyncTimer: ReturnType<typeof setTimeout> | undefined;
    const stopResync = onResync(() => {
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(reload, RESYNC_DEBOUNCE_MS);
    });
    reload();
    return () => {
      clearTimeout(resyncTimer);
      stopResync();
      stops.forEach((stop) => stop());
      loadSeq.current++; // a load still in flight is now stale
    };
  }, [reload]);

  const flashEnded = useCallback((id: string) => dispatch({ type: "flashEnded", id }), []);

  return { ...state, reload, flashEnded };
}
