"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { GraphQLRequestError, request } from "@/lib/graphql";
import { onResync, subscribe } from "@/lib/live";
import {
  ACCOUNT_CHANGED,
  ACCOUNT_QUERY,
  DASHBOARD_QUERY,
  EVENT_CHANGED,
  ORDER_CHANGED,
  SYNC_NOW_MUTATION,
  SYNC_PROGRESS,
} from "@/lib/queries";
import { withSession } from "@/lib/session";
import { isOpen } from "@/lib/sync";
import type {
  Connection,
  IntegrationEvent,
  MeliAccount,
  Order,
  SyncMeliAccountNowPayload,
  SyncRun,
} from "@/lib/types";
import { initialState, reducer, type DashboardState, type LiveChange } from "./dashboardState";

interface DashboardQuery {
  meliAccounts: Connection<MeliAccount>;
  orders: Connection<Order>;
  integrationEvents: Connection<IntegrationEvent>;
  queuedRuns: Connection<SyncRun>;
  runningRuns: Connection<SyncRun>;
}

/** What asking for a sync came to: nothing to say, or the error codes to show (never thrown). */
export type SyncNowResult = { errors: string[] };

const RESYNC_DEBOUNCE_MS = 300;

export interface DashboardData extends DashboardState {
  reload: () => void;
  flashEnded: (id: string) => void;
  syncNow: (accountId: string) => Promise<SyncNowResult>;
}

/** Loads the dashboard once, then keeps it current from the subscriptions. */
export function useDashboardData(): DashboardData {
  const [state, dispatch] = useReducer(reducer, initialState);
  const loadSeq = useRef(0);
  // Live changes that arrive while a load is in flight are re-applied on top of its result.
  const duringLoad = useRef<LiveChange[] | null>(null);

  // A run that ends moves its account's health (last sync, state): read the account again.
  const refreshAccount = useCallback((id: string) => {
    withSession(() => request<{ node: MeliAccount | null }>(ACCOUNT_QUERY, { id })).then(
      ({ node }) => {
        if (!node) return;
        const change: LiveChange = { type: "account", account: node };
        duringLoad.current?.push(change);
        dispatch({ type: "live", change, flash: true });
      },
      () => {}, // the next load or account change brings it; nothing to tell the user
    );
  }, []);

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
          openRuns: [...data.queuedRuns.nodes, ...data.runningRuns.nodes],
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
      subscribe<{ syncProgress: SyncRun }>(SYNC_PROGRESS, ({ syncProgress: run }) => {
        // About once a second per running account: no flash, the bar itself moves.
        const change: LiveChange = { type: "syncRun", run, at: Date.now() };
        duringLoad.current?.push(change);
        dispatch({ type: "live", change, flash: false });
        if (!isOpen(run.status)) refreshAccount(run.meliAccount.id);
      }),
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
  }, [reload, refreshAccount]);

  const syncNow = useCallback(async (accountId: string): Promise<SyncNowResult> => {
    try {
      const data = await withSession(() =>
        request<{ syncMeliAccountNow: SyncMeliAccountNowPayload }>(SYNC_NOW_MUTATION, { meliAccountId: accountId }),
      );
      const { syncRun, errors } = data.syncMeliAccountNow;
      if (syncRun) {
        // Shown at once, queued; syncProgress carries it on from there (or already did).
        const change: LiveChange = { type: "syncRun", run: syncRun, at: Date.now() };
        duringLoad.current?.push(change);
        dispatch({ type: "live", change, flash: false });
      }
      return { errors: errors.map((error) => error.code) };
    } catch (error) {
      return { errors: error instanceof GraphQLRequestError ? error.codes : ["UNKNOWN"] };
    }
  }, []);

  const flashEnded = useCallback((id: string) => dispatch({ type: "flashEnded", id }), []);

  return { ...state, reload, flashEnded, syncNow };
}
