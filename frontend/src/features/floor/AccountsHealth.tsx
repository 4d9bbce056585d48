"use client";

import { Avatar, Group, Progress, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useCallback, useState } from "react";
import { EmptyState } from "@/components/data/QueryState";
import { useNow } from "@/components/data/Time";
import type { FloorAccountsQuery, FloorSyncProgressSubscription } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useLiveEvents } from "@/lib/useLive";
import { FloorSyncProgress } from "./documents";
import { healthHint } from "@/lib/health";
import { HEALTH_TONE } from "@/lib/tones";
import { FloorPanel } from "./shared";
import { ToneBadge } from "@/components/data/ToneBadge";

type Account = FloorAccountsQuery["meliAccounts"]["nodes"][number];
type Run = FloorSyncProgressSubscription["syncProgress"];

const OPEN = new Set(["QUEUED", "RUNNING"]);


/** The open run of each account, as syncProgress reports it (a run that ends leaves the map). */
function useOpenRuns(): Map<string, Run> {
  const [runs, setRuns] = useState<Map<string, Run>>(() => new Map());
  const onRun = useCallback((data: FloorSyncProgressSubscription) => {
    const run = data.syncProgress;
    setRuns((current) => {
      const next = new Map(current);
      if (OPEN.has(run.status)) next.set(run.meliAccount.id, run);
      else next.delete(run.meliAccount.id);
      return next;
    });
  }, []);
  useLiveEvents(FloorSyncProgress, {}, onRun);
  return runs;
}

function RunProgress({ run, nickname }: { run: Run; nickname: string }) {
  const { t, label, percent } = useI18n();
  const current = run.progress.find((resource) => resource.done < resource.total);
  const value = run.total > 0 ? run.done / run.total : 0;
  return (
    <Stack gap={2} data-testid={`floor-account-sync-${run.meliAccount.id}`}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {run.status === "QUEUED"
            ? t("sync.queued")
            : current
              ? t("floor.accounts.syncing", { resource: label("sync.resource.", current.resource) })
              : t(`sync.kind.${run.kind}`)}
        </Text>
        {run.total > 0 && (
          <Text size="xs" c="dimmed">
            {percent(value)}
          </Text>
        )}
      </Group>
      <Progress
        value={value * 100}
        size="sm"
        animated={run.status === "RUNNING"}
        aria-label={t("sync.progressFor", { account: nickname })}
      />
    </Stack>
  );
}

function AccountRow({ account, run, now }: { account: Account; run: Run | undefined; now: number }) {
  const i18n = useI18n();
  const { t, relative, dateTime, label } = i18n;
  const { health } = account;
  const hint = healthHint(health, i18n);
  return (
    <Stack gap={4} data-testid={`floor-account-${account.id}`} data-state={health.state}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <Avatar size={32} radius="xl" color="meliBlue.7" variant="light" aria-hidden>
            {account.nickname.slice(0, 1).toUpperCase()}
          </Avatar>
          <Stack gap={0} miw={0}>
            <Text size="sm" fw={600} truncate>
              {account.nickname}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {t("accounts.site", { site: account.siteId })}
            </Text>
            <Text size="xs" c="dimmed" data-testid={`floor-account-last-sync-${account.id}`}>
              {health.lastSyncedAt ? (
                <time dateTime={health.lastSyncedAt} title={dateTime(health.lastSyncedAt)}>
                  {t("accounts.lastSynced", { when: relative(health.lastSyncedAt, now) })}
                </time>
              ) : (
                t("accounts.neverSynced")
              )}
            </Text>
          </Stack>
        </Group>
        <ToneBadge tone={HEALTH_TONE[health.state]} style={{ flexShrink: 0 }} data-testid={`floor-account-health-${account.id}`}>
          <VisuallyHidden>{t("health.label")}: </VisuallyHidden>
          {label("health.", health.state)}
        </ToneBadge>
      </Group>
      {account.status === "DISABLED" && (
        <Text size="xs" c="dimmed">
          {t("accountStatus.DISABLED")}
        </Text>
      )}
      {hint && (
        <Text size="xs" c={health.state === "FAILING" ? "red.9" : "dimmed"}>
          {hint}
        </Text>
      )}
      {run && <RunProgress run={run} nickname={account.nickname} />}
    </Stack>
  );
}

/** Each linked account's sync health, live, with the way to the integrations screen. */
export function AccountsHealth({ accounts }: { accounts: readonly Account[] | undefined }) {
  const { t } = useI18n();
  const now = useNow(15_000);
  const runs = useOpenRuns();
  return (
    <FloorPanel
      title={t("accounts.title")}
      testId="floor-accounts"
      action={{ href: "/integracoes/", label: t("floor.accounts.manage") }}
    >
      {!accounts ? (
        <Skeleton h={64} radius="md" />
      ) : accounts.length === 0 ? (
        <EmptyState>{t("floor.accounts.empty")}</EmptyState>
      ) : (
        <Stack gap="md">
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} run={runs.get(account.id)} now={now} />
          ))}
        </Stack>
      )}
    </FloorPanel>
  );
}
