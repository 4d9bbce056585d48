// What the dashboard decides about sync runs, apart from how it shows them.
import type { Role, SyncRun, SyncRunStatus } from "./types";

/** Roles allowed to start a sync (the API's OPERATE permission); the others only watch. */
const SYNCING_ROLES: readonly Role[] = ["OWNER", "ADMIN", "OPERATOR", "INTEGRATOR"];

export function canSync(role: Role): boolean {
  return SYNCING_ROLES.includes(role);
}

export function isOpen(status: SyncRunStatus): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

/** A run's states only move forward: queued, then running, then one of the endings. */
function stage(status: SyncRunStatus): number {
  if (status === "QUEUED") return 0;
  if (status === "RUNNING") return 1;
  return 2;
}

function time(iso: string | null): number {
  const value = iso ? new Date(iso).getTime() : NaN;
  return Number.isNaN(value) ? 0 : value;
}

/**
 * Whether `incoming` should replace `current` as what an account shows. Live events, the load and the
 * mutation's answer can arrive in any order: an older picture of the same run (an earlier stage or an
 * earlier heartbeat) never replaces a newer one, and an older run never replaces a newer run.
 */
export function supersedes(incoming: SyncRun, current: SyncRun | undefined): boolean {
  if (!current) return true;
  if (incoming.id !== current.id) return time(incoming.createdAt) >= time(current.createdAt);
  const [next, now] = [stage(incoming.status), stage(current.status)];
  if (next !== now) return next > now;
  if (next === 2) return false; // an ended run does not change any more
  return time(incoming.heartbeatAt) >= time(current.heartbeatAt);
}

/** The resources still being worked through (found more than done so far), in the API's order. */
export function pendingResources(run: SyncRun): string[] {
  return run.progress.filter((part) => part.done < part.total).map((part) => part.resource);
}
