import type { AccountHealthState, IntegrationEventStatus, MeliAccountStatus, SyncRunStatus } from "@/lib/types";
import type { Tone } from "./StatusBadge";

export const ACCOUNT_TONES: Record<MeliAccountStatus, Tone> = {
  ACTIVE: "success",
  REAUTH_REQUIRED: "warning",
  DISABLED: "neutral",
};

export const HEALTH_TONES: Record<AccountHealthState, Tone> = {
  HEALTHY: "success",
  DEGRADED: "warning",
  FAILING: "danger",
  REAUTH_REQUIRED: "warning",
};

/** The colour of a run's bar: the brand's while it works, then its outcome. */
export const RUN_TONES: Record<SyncRunStatus, Tone> = {
  QUEUED: "info",
  RUNNING: "info",
  SUCCEEDED: "success",
  FAILED: "danger",
  REAUTH_REQUIRED: "warning",
  CANCELLED: "neutral",
};

export const EVENT_TONES: Record<IntegrationEventStatus, Tone> = {
  RECEIVED: "info",
  PROCESSING: "info",
  PROCESSED: "success",
  RETRYING: "warning",
  FAILED: "danger",
  IGNORED: "neutral",
};

const ORDER_TONES: Record<string, Tone> = {
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

export function orderTone(status: string): Tone {
  return ORDER_TONES[status] ?? "neutral";
}
