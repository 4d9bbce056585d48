"use client";

import { useEffect, useMemo } from "react";
import type { CombinedError } from "urql";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import type { HubCardFragment } from "./gql/graphql";
import { HubBoardQuery, HubOrderChangedSubscription } from "./queries";

export type HubCard = HubCardFragment;
export type ColumnKey = "waiting" | "received" | "ready" | "pickedUp";
export const COLUMNS: readonly ColumnKey[] = ["waiting", "received", "ready", "pickedUp"];

export interface Column {
  key: ColumnKey;
  cards: HubCard[];
  totalCount: number;
}

const ON_ITS_WAY = new Set(["PENDING", "SENDING", "RETRYING"]);
// The worker records a delivery without announcing it on the live bus: while a notice is on its
// way the board asks again at this pace, so "Aviso enviado" shows without a reload.
const DELIVERY_POLL_MS = 4_000;

export function lastNotification(card: HubCard) {
  return card.notifications.length ? card.notifications[card.notifications.length - 1] : null;
}

export function useHubBoard(search: string): {
  columns: Column[] | undefined;
  error: CombinedError | undefined;
  refetch: () => void;
} {
  const variables = { search: search.trim() || null };
  const triggers = useMemo(() => [liveTrigger(HubOrderChangedSubscription)], []);
  const [result, refetch] = useLiveQuery({ query: HubBoardQuery, variables }, triggers);
  const board = useKept(result, variables);
  const columns = useMemo(
    () => (board ? COLUMNS.map((key) => ({ key, cards: board[key].nodes, totalCount: board[key].totalCount })) : undefined),
    [board],
  );
  const delivering = Boolean(
    columns?.some((column) => column.cards.some((card) => ON_ITS_WAY.has(lastNotification(card)?.status ?? ""))),
  );
  useEffect(() => {
    if (!delivering) return;
    const timer = setInterval(refetch, DELIVERY_POLL_MS);
    return () => clearInterval(timer);
  }, [delivering, refetch]);
  return { columns, error: result.error, refetch };
}
