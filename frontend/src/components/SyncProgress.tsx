"use client";

import { useI18n } from "@/i18n/I18nProvider";
import { isOpen, pendingResources } from "@/lib/sync";
import type { SyncRun } from "@/lib/types";
import { RUN_TONES } from "./statusTones";

interface Props {
  run: SyncRun;
  accountId: string;
  accountName: string;
}

/** A run of one account: what it is doing, how far it is, how long it has left, or how it ended. */
export function SyncProgress({ run, accountId, accountName }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const open = isOpen(run.status);
  const known = run.total > 0;
  // Totals grow while a run discovers more; the bar never shows more done than found.
  const done = Math.min(run.done, run.total);
  const percent = known ? (done / run.total) * 100 : open ? 0 : 100;
  const indeterminate = open && !known;

  const headline =
    run.status === "QUEUED"
      ? t("sync.queued")
      : run.status === "RUNNING"
        ? t(`sync.kind.${run.kind}`)
        : i18n.has(`sync.ended.${run.status}`)
          ? t(`sync.ended.${run.status}`)
          : run.status;
  const count = known ? t("sync.count", { done: i18n.number(done), total: i18n.number(run.total) }) : null;
  const resourceName = (resource: string) => {
    const key = `sync.resource.${resource}`;
    return i18n.has(key) ? t(key) : resource;
  };
  const pending = open ? pendingResources(run).map(resourceName) : [];
  const eta =
    run.status === "RUNNING" && run.etaSeconds !== null && run.etaSeconds > 0
      ? t("sync.eta", { duration: i18n.duration(run.etaSeconds) })
      : null;
  const reason = !open && run.status !== "SUCCEEDED" ? run.reason : null;
  const breakdown = run.progress
    .filter((part) => part.total > 0)
    .map((part) => `${resourceName(part.resource)}: ${t("sync.count", { done: i18n.number(part.done), total: i18n.number(part.total) })}`)
    .join(" · ");

  return (
    <div
      className={`sync-progress sync-${RUN_TONES[run.status] ?? "neutral"}`}
      data-testid={`sync-progress-${accountId}`}
      data-status={run.status}
    >
      <p className="sync-progress-text" title={breakdown || undefined}>
        {/* Says each change of stage (queued, working, ended) once; the numbers are not read every second. */}
        <span className="sync-progress-headline" role="status">
          {headline}
        </span>
        {count && (
          <>
            {open ? " " : " · "}
            <span className="sync-progress-count">{count}</span>
          </>
        )}
        {pending.length > 0 && <span className="sync-progress-resources"> ({i18n.list(pending)})</span>}
        {eta && (
          <>
            {" · "}
            <span className="sync-progress-eta">{eta}</span>
          </>
        )}
        {reason && <span className="sync-progress-reason">: {reason}</span>}
      </p>
      <div
        className={`sync-bar${indeterminate ? " sync-bar-indeterminate" : ""}`}
        role="progressbar"
        aria-label={t("sync.progressFor", { account: accountName })}
        aria-valuemin={0}
        aria-valuemax={known ? run.total : 100}
        aria-valuenow={known ? done : indeterminate ? undefined : 100}
        aria-valuetext={count ?? headline}
        data-testid={`sync-bar-${accountId}`}
      >
        <span className="sync-bar-fill" style={indeterminate ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
