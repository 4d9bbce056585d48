// What the integrations screen decides about sync runs, apart from how it shows them.
import type { IntegrationsSyncRunFragment, SyncRunStatus } from "@/gql/graphql";

export type Run = IntegrationsSyncRunFragment;

export function isOpen(status: SyncRunStatus): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

/** A run's states only move forward: queued, then running, then one of the endings. */
function stage(status: SyncRunStatus): number {
  if (status === "QUEUED") return 0;
  if (status === "RUNNING") return 1;
  return 2;
}

function time(iso: string | null | undefined): number {
  const value = iso ? new Date(iso).getTime() : NaN;
  return Number.isNaN(value) ? 0 : value;
}

/**
 * Whether `incoming` should replace `current` as what an account shows. Live events, loads and the
 * mutation's answer arrive in any order: an older picture of the same run (an earlier stage or an
 * earlier heartbeat) never replaces a newer one, and an older run never replaces a newer run.
 */
export function supersedes(incoming: Run, current: Run | undefined): boolean {
  if (!current) return true;
  if (incoming.id !== current.id) return time(incoming.createdAt) >= time(current.createdAt);
  const [next, now] = [stage(incoming.status), stage(current.status)];
  if (next !== now) return next > now;
  if (next === 2) return false; // an ended run does not change any more
  return time(incoming.heartbeatAt) >= time(current.heartbeatAt);
}

/** 0–100: done over total (totals grow while a run discovers more; never more done than found). */
export function percentOf(run: Pick<Run, "status" | "total" | "done">): number {
  if (run.total > 0) return Math.round((Math.min(run.done, run.total) / run.total) * 100);
  return isOpen(run.status) ? 0 : 100;
}

/** Seconds a run took (or has taken so far). */
export function runSeconds(run: Run, now: number): number | null {
  const start = time(run.startedAt ?? run.createdAt);
  if (!start) return null;
  const end = run.finishedAt ? time(run.finishedAt) : now;
  return Math.max(0, Math.round((end - start) / 1000));
}
