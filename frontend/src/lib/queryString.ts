"use client";

import { useCallback } from "react";

export type QueryStringChanges = Record<string, string | null | undefined>;

/**
 * Changes the page's query string in place: a value sets its key, an empty one (or null) removes it.
 * Next's router follows history.replaceState: no navigation, no reload, and useSearchParams updates, so
 * a shared or reloaded link shows the same screen.
 */
export function writeQueryString(changes: QueryStringChanges): void {
  const next = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const query = next.toString();
  window.history.replaceState(null, "", query ? `${window.location.pathname}?${query}` : window.location.pathname);
}

/** A stable `write` for a screen whose state lives in the query string. */
export function useQueryStringWriter<Changes extends QueryStringChanges>(): (changes: Changes) => void {
  return useCallback((changes: Changes) => writeQueryString(changes), []);
}
