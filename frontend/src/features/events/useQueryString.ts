"use client";

import { useSearchParams } from "next/navigation";
import { useQueryStringWriter } from "@/lib/queryString";

/** The filters, as the query string holds them (a shared or reloaded link shows the same list). */
export interface Filters {
  account: string;
  topic: string;
  status: string;
  from: string;
  to: string;
}

export const FILTER_KEYS: readonly (keyof Filters)[] = ["account", "topic", "status", "from", "to"];
export const NO_FILTERS: Filters = { account: "", topic: "", status: "", from: "", to: "" };

/** The timeline's order: newest first (the default, no parameter) or `?sort=oldest`. */
export type Order = "newest" | "oldest";
export const OLDEST = "oldest";

export type QueryChanges = Partial<Filters> & { id?: string | null; sort?: string };

export function useQueryString() {
  const params = useSearchParams();
  const filters: Filters = {
    account: params.get("account") ?? "",
    topic: params.get("topic") ?? "",
    status: params.get("status") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  const order: Order = params.get("sort") === OLDEST ? "oldest" : "newest";
  const openId = params.get("id");
  const write = useQueryStringWriter<QueryChanges>();
  return { filters, order, openId, write };
}

export function isFiltered(filters: Filters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== "");
}
