"use client";

// The run each account shows: seeded by the screen's load (open runs), carried on by syncProgress
// (about once a second while a run works) and by the answer of "sync now".
import { useCallback, useEffect, useRef, useState } from "react";
import { useLiveEvents } from "@/lib/useLive";
import { SyncProgressSubscription } from "./queries";
import { isOpen, supersedes, type Run } from "./runs";

export interface TrackedRun {
  run: Run;
  /** When this page saw it end (ms), null while open. */
  endedAt: number | null;
}

/**
 * `onStatusChange` hears each new status of a run (queued, running, its end) once, not every
 * progress write; `onRunEnded` hears a run's end.
 */
export function useLiveRuns(
  seed: readonly Run[],
  onRunEnded: (run: Run) => void,
  onStatusChange: (run: Run) => void,
) {
  const [runs, setRuns] = useState<Record<string, TrackedRun>>({});
  const ended = useRef(onRunEnded);
  ended.current = onRunEnded;
  const changed = useRef(onStatusChange);
  changed.current = onStatusChange;
  const statuses = useRef(new Map<string, string>());

  const apply = useCallback((run: Run) => {
    setRuns((current) => {
      const accountId = run.meliAccount.id;
      const known = current[accountId];
      if (!supersedes(run, known?.run)) return current;
      const sameRun = known?.run.id === run.id;
      const endedAt = isOpen(run.status) ? null : sameRun && known.endedAt ? known.endedAt : Date.now();
      return { ...current, [accountId]: { run, endedAt } };
    });
  }, []);

  useEffect(() => {
    seed.forEach(apply);
  }, [seed, apply]);

  useLiveEvents(SyncProgressSubscription, {}, (data) => {
    const run = data.syncProgress;
    apply(run);
    if (statuses.current.get(run.id) !== run.status) {
      statuses.current.set(run.id, run.status);
      changed.current(run);
    }
    if (!isOpen(run.status)) ended.current(run);
  });

  return { runs, apply };
}
