import type { Role } from "@/gql/graphql";

/** Every role, most powerful first (the order of the selects). */
export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "OPERATOR", "SUPPORT", "ANALYST", "INTEGRATOR"];

/** Who may open the admin screen (the backend's MANAGE_USERS / MANAGE_TOKENS / MANAGE_TENANT). */
export function canAdminister(role: Role): boolean {
  return role === "OWNER" || role === "ADMIN";
}

/** Roles the caller may give a member: only an owner makes (or unmakes) another owner. */
export function memberRolesFor(caller: Role): Role[] {
  return ROLES.filter((role) => role !== "OWNER" || caller === "OWNER");
}

/** Roles of an API token: never owner, and admin tokens only from an owner. */
export function tokenRolesFor(caller: Role): Role[] {
  return ROLES.filter((role) => role !== "OWNER" && (role !== "ADMIN" || caller === "OWNER"));
}
