// The shapes the dashboard selects from the API (see schema.graphql).

export type Role = "OWNER" | "ADMIN" | "OPERATOR" | "SUPPORT" | "ANALYST" | "INTEGRATOR";

export interface Me {
  role: Role;
  tenant: { name: string };
  user: { email: string; name: string } | null;
}

export type MeliAccountStatus = "ACTIVE" | "REAUTH_REQUIRED" | "DISABLED";

export interface MeliAccount {
  id: string;
  nickname: string;
  siteId: string;
  status: MeliAccountStatus;
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

export interface Connection<T> {
  edges: { node: T }[];
  nodes: T[];
}
