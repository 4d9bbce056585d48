"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** The tab in the link: conversations (no parameter) or `?tab=reclamacoes`. */
export type Tab = "conversas" | "reclamacoes";
export const CLAIMS_TAB = "reclamacoes";

/** Which claims the tab lists: open ones (no parameter), `?claims=encerradas` or `?claims=todas`. */
export type ClaimsShown = "abertas" | "encerradas" | "todas";
const CLAIMS_SHOWN: readonly ClaimsShown[] = ["abertas", "encerradas", "todas"];

/** Mercado Livre's claim status for each choice (null: any). */
export const CLAIM_STATUS: Record<ClaimsShown, string | null> = {
  abertas: "opened",
  encerradas: "closed",
  todas: null,
};

export interface InboxState {
  tab: Tab;
  /** The open conversation (`?c=`), or null. */
  conversationId: string | null;
  account: string;
  unreadOnly: boolean;
  claims: ClaimsShown;
}

export type InboxChanges = { tab?: Tab; c?: string | null; account?: string; unread?: boolean; claims?: ClaimsShown };

/** The screen's state, as the query string holds it: a shared or reloaded link shows the same thing. */
export function useInboxQuery() {
  const params = useSearchParams();
  const claims = params.get("claims") as ClaimsShown | null;
  const state: InboxState = {
    tab: params.get("tab") === CLAIMS_TAB ? CLAIMS_TAB : "conversas",
    conversationId: params.get("c") || null,
    account: params.get("account") ?? "",
    unreadOnly: params.get("unread") === "1",
    claims: claims && CLAIMS_SHOWN.includes(claims) ? claims : "abertas",
  };
  // Next's router follows history.replaceState: no navigation, no reload, useSearchParams updates.
  const write = useCallback((changes: InboxChanges) => {
    const next = new URLSearchParams(window.location.search);
    const set = (key: string, value: string | null | undefined) => (value ? next.set(key, value) : next.delete(key));
    if ("tab" in changes) set("tab", changes.tab === CLAIMS_TAB ? CLAIMS_TAB : null);
    if ("c" in changes) set("c", changes.c);
    if ("account" in changes) set("account", changes.account);
    if ("unread" in changes) set("unread", changes.unread ? "1" : null);
    if ("claims" in changes) set("claims", changes.claims === "abertas" ? null : changes.claims);
    const query = next.toString();
    window.history.replaceState(null, "", query ? `${window.location.pathname}?${query}` : window.location.pathname);
  }, []);
  return { state, write };
}
