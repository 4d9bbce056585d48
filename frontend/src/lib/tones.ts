// How states read at a glance: one tone per state, the same on every screen.
import type {
  AccountHealthState,
  IntegrationEventStatus,
  MeliAccountStatus,
  SyncRunStatus,
} from "@/gql/graphql";
import type { Tone } from "@/theme";

export const HEALTH_TONE: Record<AccountHealthState, Tone> = {
  HEALTHY: "success",
  DEGRADED: "warning",
  FAILING: "danger",
  REAUTH_REQUIRED: "danger",
};

export const ACCOUNT_TONE: Record<MeliAccountStatus, Tone> = {
  ACTIVE: "success",
  REAUTH_REQUIRED: "warning",
  DISABLED: "neutral",
};

export const RUN_TONE: Record<SyncRunStatus, Tone> = {
  QUEUED: "neutral",
  RUNNING: "info",
  SUCCEEDED: "success",
  FAILED: "danger",
  REAUTH_REQUIRED: "warning",
  CANCELLED: "neutral",
};

export const EVENT_TONE: Record<IntegrationEventStatus, Tone> = {
  RECEIVED: "neutral",
  PROCESSING: "info",
  PROCESSED: "success",
  RETRYING: "warning",
  FAILED: "danger",
  IGNORED: "neutral",
};

/** Events a person should look at: they did not make it (yet). */
export function isTroubled(status: IntegrationEventStatus): boolean {
  return status === "FAILED" || status === "RETRYING";
}

const ORDER_TONE: Record<string, Tone> = {
  paid: "success",
  confirmed: "info",
  payment_required: "warning",
  payment_in_process: "warning",
  partially_paid: "warning",
  partially_refunded: "warning",
  pending_cancel: "danger",
  cancelled: "danger",
  invalid: "neutral",
};

/** Mercado Livre's order statuses are free text that grows: an unknown one reads neutral. */
export function orderTone(status: string): Tone {
  return ORDER_TONE[status] ?? "neutral";
}
