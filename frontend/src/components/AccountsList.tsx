"use client";

import { useState } from "react";
import type { TrackedRun } from "@/hooks/dashboardState";
import type { SyncNowResult } from "@/hooks/useDashboardData";
import { useNow } from "@/hooks/useNow";
import { useI18n } from "@/i18n/I18nProvider";
import { isOpen } from "@/lib/sync";
import type { AccountHealth, MeliAccount } from "@/lib/types";
import { flashClass, whenOwnAnimationEnds } from "./flash";
import { StatusBadge } from "./StatusBadge";
import { SyncProgress } from "./SyncProgress";
import { ACCOUNT_TONES, HEALTH_TONES } from "./statusTones";

// How long a run that ended well stays on screen; failures stay until the next run.
const ENDED_VISIBLE_MS = 20_000;

interface Props {
  accounts: MeliAccount[];
  syncRuns: Record<string, TrackedRun>;
  canSync: boolean;
  onSyncNow: (accountId: string) => Promise<SyncNowResult>;
  flashes: Record<string, number>;
  onFlashEnd: (id: string) => void;
}

export function AccountsList({ accounts, syncRuns, canSync, onSyncNow, flashes, onFlashEnd }: Props) {
  const { t } = useI18n();
  const now = useNow(5_000);
  return (
    <section className="panel" aria-labelledby="accounts-heading" data-testid="accounts-list">
      <div className="panel-header">
        <h2 id="accounts-heading">{t("accounts.title")}</h2>
        <span className="panel-count">{accounts.length}</span>
      </div>
      {accounts.length === 0 ? (
        <p className="empty-state">{t("accounts.empty")}</p>
      ) : (
        <ul className="account-list">
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              tracked={syncRuns[account.id]}
              now={now}
              canSync={canSync}
              onSyncNow={onSyncNow}
              flash={flashClass(flashes, account.id)}
              onFlashEnd={onFlashEnd}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  account: MeliAccount;
  tracked: TrackedRun | undefined;
  now: number;
  canSync: boolean;
  onSyncNow: (accountId: string) => Promise<SyncNowResult>;
  flash: string;
  onFlashEnd: (id: string) => void;
}

function AccountRow({ account, tracked, now, canSync, onSyncNow, flash, onFlashEnd }: RowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [starting, setStarting] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const { health } = account;

  const run = tracked?.run;
  const open = !!run && isOpen(run.status);
  const showRun =
    !!run &&
    (open ||
      run.status === "FAILED" ||
      run.status === "REAUTH_REQUIRED" ||
      (tracked.endedAt !== null && now - tracked.endedAt < ENDED_VISIBLE_MS));
  const hint = healthHint(health, i18n);
  const errorText = [
    ...new Set(
      errors.map((code) => {
        const key = `sync.error.${code}`;
        return i18n.has(key) ? t(key) : t("sync.error.generic");
      }),
    ),
  ].join(" ");

  const syncNow = async () => {
    setStarting(true);
    setErrors([]);
    const result = await onSyncNow(account.id);
    setErrors(result.errors);
    setStarting(false);
  };

  return (
    <li
      className={`account-item${flash}`}
      onAnimationEnd={whenOwnAnimationEnds(() => onFlashEnd(account.id))}
      data-testid={`account-${account.id}`}
    >
      <span className="account-avatar" aria-hidden="true">
        {account.nickname.slice(0, 1).toUpperCase()}
      </span>
      <div className="account-body">
        <div className="account-row">
          <span className="account-nickname">{account.nickname}</span>
          <span className="account-badges">
            {account.status === "DISABLED" && (
              <StatusBadge tone={ACCOUNT_TONES[account.status]}>{t("accountStatus.DISABLED")}</StatusBadge>
            )}
            <span data-testid={`account-health-${account.id}`} data-state={health.state} title={hint ?? undefined}>
              <StatusBadge tone={HEALTH_TONES[health.state] ?? "neutral"}>
                <span className="visually-hidden">{t("health.label")}: </span>
                {i18n.has(`health.${health.state}`) ? t(`health.${health.state}`) : health.state}
              </StatusBadge>
            </span>
          </span>
        </div>
        <div className="account-row">
          <span className="account-meta">
            <span>{t("accounts.site", { site: account.siteId })}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid={`account-last-sync-${account.id}`}>
              {health.lastSyncedAt ? (
                <time dateTime={health.lastSyncedAt} title={i18n.dateTime(health.lastSyncedAt)}>
                  {t("accounts.lastSynced", { when: i18n.relative(health.lastSyncedAt, now) })}
                </time>
              ) : (
                t("accounts.neverSynced")
              )}
            </span>
          </span>
          {canSync && (
            <button
              type="button"
              className="button-secondary button-small"
              disabled={open || starting}
              aria-busy={starting || undefined}
              aria-label={t("sync.nowFor", { account: account.nickname })}
              onClick={syncNow}
              data-testid={`sync-now-${account.id}`}
            >
              {t("sync.now")}
            </button>
          )}
        </div>
        {hint && health.state !== "HEALTHY" && <p className="account-hint">{hint}</p>}
        {showRun && <SyncProgress run={run} accountId={account.id} accountName={account.nickname} />}
        {errorText && (
          <p className="account-error" role="alert" data-testid={`sync-error-${account.id}`}>
            {errorText}
          </p>
        )}
      </div>
    </li>
  );
}

type I18n = ReturnType<typeof useI18n>;

/** Why an account is not healthy, from what its health says. */
function healthHint(health: AccountHealth, i18n: I18n): string | null {
  const { t } = i18n;
  if (health.state === "HEALTHY") return null;
  if (health.state === "REAUTH_REQUIRED") return t("health.hint.reauth");
  const reasons: string[] = [];
  if (health.breakerOpen) reasons.push(t("health.hint.breakerOpen"));
  if (health.failedEvents24h > 0) reasons.push(i18n.plural("health.hint.failedEvents", health.failedEvents24h));
  if (reasons.length === 0 && health.lastSyncedAt === null) reasons.push(t("health.hint.neverSynced"));
  if (reasons.length === 0 && health.state === "DEGRADED" && health.cursorLagSeconds !== null) {
    reasons.push(t("health.hint.lag", { duration: i18n.duration(health.cursorLagSeconds) }));
  }
  if (reasons.length === 0 && health.state === "FAILING") reasons.push(t("health.hint.lastRunFailed"));
  return reasons.join(" ");
}
