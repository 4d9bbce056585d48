// How the hub's states read at a glance, the same on the board, the drawer and the desk.
import type { HubOrderStatus } from "./gql/graphql";
import type { Tone } from "@/theme";

export const STATUS_TONE: Record<HubOrderStatus, Tone> = {
  RECEBIDO: "info",
  PRONTO: "success",
  RETIRADO: "neutral",
};

/** Who may turn company switches on (MANAGE_TENANT). */
export const MANAGE_ROLES = ["OWNER", "ADMIN"] as const;
