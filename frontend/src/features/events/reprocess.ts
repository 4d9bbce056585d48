import type { EventsRowFragment, IntegrationEventStatus } from "@/gql/graphql";

/** Statuses a person may send through the pipeline again (a running one is refused by the API). */
const REPROCESSABLE: readonly IntegrationEventStatus[] = ["FAILED", "RETRYING", "IGNORED"];

/** Mercado Livre's notifications go through the pipeline; melihub's own notes (linked, tested…) do not. */
export const FROM_MELI = "meli";

export function canBeReprocessed(event: Pick<EventsRowFragment, "source" | "status">): boolean {
  return event.source === FROM_MELI && REPROCESSABLE.includes(event.status);
}
