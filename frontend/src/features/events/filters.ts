// What the filters offer, and the API filter they make.
import type { IntegrationEventFilter, IntegrationEventStatus } from "@/gql/graphql";
import { nextDay, zonedDayStart } from "./dates";
import type { Filters } from "./useQueryString";

export const STATUSES: readonly IntegrationEventStatus[] = [
  "RECEIVED",
  "PROCESSING",
  "PROCESSED",
  "RETRYING",
  "FAILED",
  "IGNORED",
];
export const TROUBLED = "TROUBLED";
export const TROUBLED_STATUSES: IntegrationEventStatus[] = ["FAILED", "RETRYING"];
export const TOPICS = ["orders_v2", "shipments", "items", "items_prices", "questions", "messages", "payments", "claims"] as const;

export function apiFilter(filters: Filters, timeZone: string): IntegrationEventFilter {
  return {
    meliAccountIds: filters.account ? [filters.account] : null,
    // Mercado Livre still sends some order notifications on the old "orders" topic.
    topics: filters.topic ? (filters.topic === "orders_v2" ? ["orders_v2", "orders"] : [filters.topic]) : null,
    statuses:
      filters.status === TROUBLED
        ? TROUBLED_STATUSES
        : STATUSES.includes(filters.status as IntegrationEventStatus)
          ? [filters.status as IntegrationEventStatus]
          : null,
    receivedFrom: filters.from ? zonedDayStart(filters.from, timeZone) : null,
    receivedTo: filters.to ? zonedDayStart(nextDay(filters.to), timeZone) : null,
  };
}
