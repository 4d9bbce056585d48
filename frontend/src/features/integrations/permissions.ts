// What each role may do here (docs/graphql.md, "Roles and permissions"). The API refuses the rest
// anyway; the screens hide or disable what a role cannot do and say why.
import type { Role } from "@/gql/graphql";

const MANAGE: readonly Role[] = ["OWNER", "ADMIN"]; // startMeliLink, unlinkMeliAccount
const OPERATE: readonly Role[] = ["OWNER", "ADMIN", "OPERATOR", "INTEGRATOR"]; // sync, test
const VIEW_EVENTS: readonly Role[] = ["OWNER", "ADMIN", "OPERATOR", "INTEGRATOR"]; // integrationEvents
const REPROCESS: readonly Role[] = ["OWNER", "ADMIN", "INTEGRATOR"]; // reprocessEvent

export interface Capabilities {
  /** Connect, reauthorize and unlink accounts (needs a signed-in person, not an API token). */
  manage: boolean;
  /** Sync now and test a connection. */
  operate: boolean;
  viewEvents: boolean;
  reprocess: boolean;
}

export function capabilitiesOf(role: Role, authMethod?: string): Capabilities {
  return {
    manage: MANAGE.includes(role) && authMethod !== "API_TOKEN",
    operate: OPERATE.includes(role),
    viewEvents: VIEW_EVENTS.includes(role),
    reprocess: REPROCESS.includes(role),
  };
}
