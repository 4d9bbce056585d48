"use client";

// Screens stay live with two moves: a query refetched (throttled) when a subscription says its data
// changed, and refetched again after a reconnect, so nothing that happened meanwhile is missed.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useClient, useQuery, type AnyVariables, type UseQueryArgs } from "urql";
import { liveState, onLiveState, onResync, type LiveState } from "./live";

export function useLiveState(): LiveState {
  return useSyncExternalStore(onLiveState, liveState, () => "connecting");
}

/** Runs `handler` after every resync (reconnect, re-attached subscription). */
export function useResync(handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => onResync(() => latest.current()), []);
}

/** Calls `fn` at once, then at most once per `ms` while calls keep coming (the last one always runs). */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const state = useRef<{ last: number; timer?: ReturnType<typeof setTimeout> }>({ last: 0 });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return useCallback(() => {
    const now = Date.now();
    const wait = state.current.last + ms - now;
    if (wait <= 0) {
      state.current.last = now;
      latest.current();
      return;
    }
    if (state.current.timer) return;
    state.current.timer = setTimeout(() => {
      state.current.timer = undefined;
      state.current.last = Date.now();
      latest.current();
    }, wait);
  }, [ms]);
}

export interface LiveTrigger {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any subscription document
  query: TypedDocumentNode<any, any>;
  variables?: AnyVariables;
}

/** A trigger for useLiveQuery, its variables checked against its subscription document. */
export function liveTrigger<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  ...variables: Record<string, never> extends Variables ? [Variables?] : [Variables]
): LiveTrigger {
  return { query, variables: variables[0] };
}

/**
 * The last data a query delivered for `key` (its variables): urql clears `data` when a refetch fails
 * (the API restarting), and a screen gone blank while it reconnects is worse than one a few seconds
 * behind. Data of other variables (another filter or page still arriving) is never shown for `key`.
 * Without `key`, whatever arrived last is kept.
 */
export function useKept<T>(result: { data?: T; operation?: { variables: unknown } }, key?: unknown): T | undefined {
  const wanted = key === undefined ? null : JSON.stringify(key);
  const kept = useRef<{ key: string | null; data: T } | null>(null);
  const own = wanted === null || (result.operation ? JSON.stringify(result.operation.variables ?? {}) === wanted : false);
  if (result.data !== undefined && own) kept.current = { key: wanted, data: result.data };
  return kept.current && (wanted === null || kept.current.key === wanted) ? kept.current.data : undefined;
}

/** Every result of each subscription, in order, to `onEvent` (through urql's subscription exchange). */
export function useLiveEvents<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onEvent: (data: Data) => void,
  pause = false,
): void {
  const client = useClient();
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    if (pause) return;
    const { unsubscribe } = client.subscription(query, JSON.parse(key) as Variables).subscribe((result) => {
      if (result.data) latest.current(result.data);
    });
    return unsubscribe;
  }, [client, query, key, pause]);
}

function useRefetchOn(triggers: readonly LiveTrigger[], refetch: () => void, pause: boolean): void {
  const client = useClient();
  const key = useMemo(() => JSON.stringify(triggers.map((trigger) => trigger.variables ?? {})), [triggers]);
  const documents = useRef(triggers);
  documents.current = triggers;
  useEffect(() => {
    if (pause) return;
    const variables = JSON.parse(key) as AnyVariables[];
    const stops = documents.current.map((trigger, index) =>
      client.subscription(trigger.query, variables[index]).subscribe(() => refetch()),
    );
    return () => stops.forEach((stop) => stop.unsubscribe());
  }, [client, key, refetch, pause]);
}

/**
 * useQuery that stays current: refetched from the network (keeping what is on screen meanwhile)
 * when any trigger subscription fires, at most every `throttleMs`, and after every resync.
 */
export function useLiveQuery<Data, Variables extends AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
  triggers: readonly LiveTrigger[] = [],
  throttleMs = 750,
) {
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const refetch = useThrottled(() => reexecute({ requestPolicy: "network-only" }), throttleMs);
  useResync(refetch);
  useRefetchOn(triggers, refetch, Boolean(args.pause));
  return [result, refetch] as const;
}
