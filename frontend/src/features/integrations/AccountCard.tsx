"use client";

import { Alert, Grid, Paper, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconPlugConnected } from "@tabler/icons-react";
import { useNow } from "@/components/data/Time";
import type { IntegrationsAccountFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { healthHint } from "@/lib/health";
import { AccountActions } from "./AccountActions";
import { AccountHeader } from "./AccountHeader";
import { AccountMetrics } from "./AccountMetrics";
import { AccountNotices } from "./AccountNotices";
import type { Capabilities } from "./permissions";
import { RecentRuns } from "./RecentRuns";
import { isOpen, type Run } from "./runs";
import { SyncProgress } from "./SyncProgress";
import { useAccountActions } from "./useAccountActions";
import type { TrackedRun } from "./useLiveRuns";

// How long a run that ended well stays on the card; failures stay until the next run.
const ENDED_VISIBLE_MS = 60_000;

type Account = IntegrationsAccountFragment;

interface Props {
  account: Account;
  tracked: TrackedRun | undefined;
  caps: Capabilities;
  highlighted: boolean;
  runsKey: number;
  onRunStarted: (run: Run) => void;
  onReauthorize: (account: Account) => Promise<string | null>;
}

/** One linked account: who it is, how its sync is doing, what can be done about it. */
export function AccountCard({ account, tracked, caps, highlighted, runsKey, onRunStarted, onReauthorize }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow(5_000);
  const { health } = account;

  const id = account.id;
  const name = account.nickname || account.mlUserId;
  const actions = useAccountActions({ account, name, onRunStarted, onReauthorize });
  const disabled = account.status === "DISABLED";
  const needsReauth = account.status === "REAUTH_REQUIRED" || health.state === "REAUTH_REQUIRED";
  const run = tracked?.run;
  const open = !!run && isOpen(run.status);
  const showRun =
    !!run &&
    (open ||
      run.status === "FAILED" ||
      run.status === "REAUTH_REQUIRED" ||
      (tracked.endedAt !== null && now - tracked.endedAt < ENDED_VISIBLE_MS));
  const hint = disabled ? null : healthHint(health, i18n);

  const syncBlocked = disabled
    ? t("integrations.sync.blocked.disabled")
    : needsReauth
      ? t("integrations.sync.blocked.reauth")
      : open
        ? t("integrations.sync.blocked.running")
        : null;
  const { testResult, error } = actions;

  return (
    <Paper
      component="article"
      aria-labelledby={`account-name-${id}`}
      data-testid={`account-${id}`}
      data-status={account.status}
      p="lg"
      bd={highlighted ? "2px solid var(--mantine-color-meliBlue-5)" : undefined}
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <AccountHeader account={account} name={name} caps={caps} disabled={disabled} needsReauth={needsReauth} />
            <AccountNotices
              account={account}
              caps={caps}
              disabled={disabled}
              needsReauth={needsReauth}
              hint={hint}
              reauthorizing={actions.reauthorizing}
              onReauthorize={actions.reauthorize}
            />
            <AccountMetrics account={account} now={now} />

            {testResult && (
              <Alert
                color={testResult.ok ? "green" : "red"}
                variant="light"
                icon={testResult.ok ? <IconPlugConnected aria-hidden /> : <IconAlertTriangle aria-hidden />}
                withCloseButton
                closeButtonLabel={t("common.close")}
                onClose={actions.clearTestResult}
                data-testid={`account-test-result-${id}`}
                data-ok={testResult.ok}
                role="status"
              >
                <Text size="sm">{testResult.text}</Text>
              </Alert>
            )}
            {error && (
              <Alert color="red" variant="light" role="alert" data-testid={`account-error-${id}`}>
                <Text size="sm">{error}</Text>
              </Alert>
            )}

            <AccountActions
              id={id}
              name={name}
              caps={caps}
              disabled={disabled}
              needsReauth={needsReauth}
              syncBlocked={syncBlocked}
              actions={actions}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm">
            {showRun && run ? (
              <Paper withBorder={false} bg="gray.0" p="sm" radius="md">
                <SyncProgress run={run} accountId={id} accountName={name} />
              </Paper>
            ) : null}
            <RecentRuns accountId={id} accountName={name} refreshKey={runsKey} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
