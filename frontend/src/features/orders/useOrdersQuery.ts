"use client";

import { useSearchParams } from "next/navigation";
import { useQueryStringWriter } from "@/lib/queryString";
import type { FulfilmentState, OrderFilter, ShipmentException } from "@/gql/graphql";
import { nextDay, zonedDayStart } from "@/features/events/dates";

/** The filters, as the query string holds them (a shared or reloaded link shows the same list). */
export interface Filters {
  conta: string;
  status: string;
  etapa: string;
  despacho: string;
  excecao: string;
}

export const FILTER_KEYS: readonly (keyof Filters)[] = ["conta", "status", "etapa", "despacho", "excecao"];
export const NO_FILTERS: Filters = { conta: "", status: "", etapa: "", despacho: "", excecao: "" };

export const STATUSES = ["paid", "confirmed", "payment_required", "payment_in_process", "partially_refunded", "cancelled"] as const;
export const STATES: readonly FulfilmentState[] = ["TO_PICK", "PICKED", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"];
export const EXCEPTIONS: readonly ShipmentException[] = [
  "LATE_TO_DISPATCH",
  "NOT_DELIVERED",
  "RETURNING",
  "CANCELLED_AFTER_LABEL",
];

export type QueryChanges = Partial<Filters> & { pedido?: string | null; bancada?: string | null };

export function useOrdersQuery() {
  const params = useSearchParams();
  const filters: Filters = {
    conta: params.get("conta") ?? "",
    status: params.get("status") ?? "",
    etapa: params.get("etapa") ?? "",
    despacho: params.get("despacho") ?? "",
    excecao: params.get("excecao") ?? "",
  };
  const openId = params.get("pedido");
  const bench = params.get("bancada") === "1";
  const write = useQueryStringWriter<QueryChanges>();
  return { filters, openId, bench, write };
}

export function isFiltered(filters: Filters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== "");
}

export function orderFilter(filters: Filters, timeZone: string): OrderFilter {
  const state = STATES.find((value) => value === filters.etapa);
  const exception = EXCEPTIONS.find((value) => value === filters.excecao);
  return {
    meliAccountIds: filters.conta ? [filters.conta] : null,
    status: filters.status ? [filters.status] : null,
    fulfilmentState: state ? [state] : null,
    exception: exception ? [exception] : null,
    dispatchBefore: dispatchDeadline(filters, timeZone),
  };
}

/** The end of the dispatch-by day in the tenant's zone (an instant), or null without one. */
export function dispatchDeadline(filters: Filters, timeZone: string): string | null {
  return filters.despacho ? zonedDayStart(nextDay(filters.despacho), timeZone) : null;
}
