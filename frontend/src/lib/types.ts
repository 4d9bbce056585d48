// The shapes the dashboard selects from the API (see schema.graphql).

export type Role = "OWNER" | "ADMIN" | "OPERATOR" | "SUPPORT" | "ANALYST" | "INTEGRATOR";

export interface Me {
  role: Role;
  tenant: { name: string };
  user: { email: string; name: string } | null;
}

export type MeliAccountStatus = "ACTIVE" | "REAUTH_REQUIRED" | "DISABLED";

export type AccountHealthState = "HEALTHY" | "DEGRADED" | "FAILING" | "REAUTH_REQUIRED";

export interface AccountHealth {
  lastSyncedAt: string | null;
  cursorLagSeconds: number | null;
  failedEvents24h: number;
  tokenExpiresAt: string | null;
  breakerOpen: boolean;
  state: AccountHealthState;
}

export interface MeliAccount {
  id: string;
  nickname: string;
  siteId: string;
  status: MeliAccountStatus;
  health: AccountHealth;
}

export type SyncRunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "REAUTH_REQUIRED" | "CANCELLED";

export type SyncRunKind = "BACKFILL" | "INCREMENTAL";

export interface SyncResourceProgress {
  /** orders, shipments, listings, questions, messages or claims (newer ones are shown as they come). */
  resource: string;
  total: number;
  done: number;
}

export interface SyncRun {
  id: string;
  kind: SyncRunKind;
  status: SyncRunStatus;
  progress: SyncResourceProgress[];
  total: number;
  done: number;
  etaSeconds: number | null;
  reason: string | null;
  createdAt: string;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
  meliAccount: { id: string };
}

export interface Money {
  /** A Decimal serialized as a string: never a float. */
  amount: string;
  currency: string;
}

export interface Order {
  id: string;
  mlId: string;
  /** Mercado Livre's own lowercase status; unknown values are shown as they come. */
  status: string;
  totalAmount: Money | null;
  dateCreated: string | null;
  updatedAt: string;
  buyer: { nickname: string | null } | null;
  items: { title: string; quantity: number }[];
}

export type IntegrationEventStatus = "RECEIVED" | "PROCESSING" | "PROCESSED" | "RETRYING" | "FAILED" | "IGNORED";

export interface IntegrationEvent {
  id: string;
  topic: string;
  resource: string;
  status: IntegrationEventStatus;
  receivedAt: string;
  attempts: number;
  lastError: string | null;
}

export interface UserError {
  field: string | null;
  message: string;
  code: string;
}

export interface SyncMeliAccountNowPayload {
  syncRun: SyncRun | null;
  joined: boolean;
  errors: UserError[];
}

export interface Connection<T> {
  edges: { node: T }[];
  nodes: T[];
}
