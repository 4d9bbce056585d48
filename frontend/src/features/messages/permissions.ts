// Who may reply and mark read (docs/graphql.md: sendMessage and markConversationRead need the
// "answer" permission). The API refuses the rest anyway; the screen hides what a role cannot do.
import type { Role } from "@/gql/graphql";

const ANSWER: readonly Role[] = ["OWNER", "ADMIN", "OPERATOR", "SUPPORT", "INTEGRATOR"];

export function canAnswer(role: Role): boolean {
  return ANSWER.includes(role);
}
