import type { IntegrationEventStatus, MeliAccountStatus } from "@/lib/types";
import type { Tone } from "./StatusBadge";

export const ACCOUNT_TONES: Record<MeliAccountStatus, Tone> = {
  ACTIVE: "success",
  REAUTH_REQUIRED: "warning",
  DISABLED: "neutral",
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
