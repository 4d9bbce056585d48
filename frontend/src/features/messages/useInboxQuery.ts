"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { type QueryStringChanges, writeQueryString } from "@/lib/queryString";

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
  const write = useCallback((changes: InboxChanges) => {
    const next: QueryStringChanges = {};
    if ("tab" in changes) next.tab = changes.tab === CLAIMS_TAB ? CLAIMS_TAB : null;
    if ("c" in changes) next.c = changes.c;
    if ("account" in changes) next.account = changes.account;
    if ("unread" in changes) next.unread = changes.unread ? "1" : null;
    if ("claims" in changes) next.claims = changes.claims === "abertas" ? null : changes.claims;
    writeQueryString(next);
  }, []);
  return { state, write };
}
