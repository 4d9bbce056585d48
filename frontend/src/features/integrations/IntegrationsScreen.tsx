"use client";

import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import {
  IconActivity,
  IconAlertTriangle,
  IconHeartbeat,
  IconLock,
  IconPlugConnected,
  IconPlus,
  IconRefresh,
  IconWebhook,
} from "@tabler/icons-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { EmptyState, LoadError, Loading } from "@/components/data/QueryState";
import { StatTile } from "@/components/data/StatTile";
import { useSession } from "@/components/session/SessionProvider";
import type { IntegrationsAccountFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { AccountCard } from "./AccountCard";
import { ApplicationPanel } from "./application/ApplicationPanel";
import { ConnectAccountModal } from "./ConnectAccountModal";
import { requestErrorText, userErrorText } from "./errors";
import { capabilitiesOf, type Capabilities } from "./permissions";
import { AccountChangedSubscription, IntegrationsQuery, StartLinkMutation } from "./queries";
import { notify } from "./notify";
import { isOpen, type Run } from "./runs";
import { useLiveRuns } from "./useLiveRuns";

const TRIGGERS = [liveTrigger(AccountChangedSubscription, {})];
const HIGHLIGHT_MS = 8_000;

export function IntegrationsScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Integrations />
    </Suspense>
  );
}

function RoleNote({ caps, role }: { caps: Capabilities; role: string }) {
  const i18n = useI18n();
  if (caps.manage) return null;
  const roleName = i18n.label("integrations.role.", role);
  return (
    <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="role-note">
      <Text size="sm">
        {caps.operate
          ? i18n.t("integrations.roleNote.operate", { role: roleName })
          : i18n.t("integrations.roleNote.read", { role: roleName })}
      </Text>
    </Alert>
  );
}

function Integrations() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const caps = capabilitiesOf(me.role, me.authMethod);
  const [result, refetch] = useLiveQuery({ query: IntegrationsQuery }, TRIGGERS);
  const [, startLink] = useMutation(StartLinkMutation);
  const [connectOpen, setConnectOpen] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [runsKeys, setRunsKeys] = useState<Record<string, number>>({});

  const data = useKept(result);
  const accounts = data?.meliAccounts.nodes;
  const seed = useMemo(() => [...(data?.running.nodes ?? []), ...(data?.queued.nodes ?? [])], [data]);
  // An ended run moves the account's health (last sync, lag, state); each new status, its recent runs.
  const onRunEnded = useCallback(() => refetch(), [refetch]);
  const onStatusChange = useCallback(
    (run: Run) =>
      setRunsKeys((keys) => ({ ...keys, [run.meliAccount.id]: (keys[run.meliAccount.id] ?? 0) + 1 })),
    [],
  );
  const { runs, apply } = useLiveRuns(seed, onRunEnded, onStatusChange);

  // Back from Mercado Livre's authorization: say which account was linked, then drop the query string.
  const linked = useSearchParams().get("linked");
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!linked || !accounts || announced.current === linked) return;
    announced.current = linked;
    const account = accounts.find((candidate) => candidate.id === linked);
    notify({
      color: "green",
      title: t("integrations.linked.title"),
      message: account
        ? t("integrations.linked.body", { account: account.nickname || account.mlUserId })
        : t("integrations.linked.bodyUnknown"),
      closeLabel: t("common.close"),
      autoClose: 8_000,
      testId: "linked-notification",
    });
    window.history.replaceState(null, "", window.location.pathname);
    if (account) {
      setHighlight(account.id);
      requestAnimationFrame(() =>
        document.querySelector(`[data-testid="account-${CSS.escape(account.id)}"]`)?.scrollIntoView({ block: "center" }),
      );
    }
  }, [linked, accounts, t]);
  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  /** Asks the API where to authorize and sends the browser there; a problem comes back as text. */
  const authorize = useCallback(
    async (site: string): Promise<string | null> => {
      const answer = await startLink({ site });
      if (answer.error) return requestErrorText(i18n, answer.error);
      const payload = answer.data?.startMeliLink;
      if (!payload) return t("integrations.error.generic");
      if (payload.errors.length > 0) return userErrorText(i18n, payload.errors);
      if (!payload.authorizeUrl) return t("integrations.error.generic");
      window.location.assign(payload.authorizeUrl);
      return null;
    },
    [startLink, i18n, t],
  );
  const reauthorize = useCallback(
    (account: IntegrationsAccountFragment) => authorize(account.siteId),
    [authorize],
  );

  const active = accounts?.filter((account) => account.status !== "DISABLED") ?? [];
  const healthy = active.filter((account) => account.health.state === "HEALTHY").length;
  const failed = active.reduce((sum, account) => sum + account.health.failedEvents24h, 0);
  const syncing = Object.values(runs).filter((tracked) => isOpen(tracked.run.status)).length;

  const connectButton = (testId: string) =>
    caps.manage ? (
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setConnectOpen(true)} data-testid={testId}>
        {t("integrations.connect.action")}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        title={t("integrations.title")}
        description={t("integrations.description")}
        actions={
          <>
            {caps.viewEvents && (
              <Button
                component={Link}
                href="/integracoes/eventos/"
                variant="default"
                leftSection={<IconActivity size={16} aria-hidden />}
              >
                {t("integrations.openEvents")}
              </Button>
            )}
            {caps.viewEvents && (
              <Button
                component={Link}
                href="/integracoes/webhooks/"
                variant="default"
                leftSection={<IconWebhook size={16} aria-hidden />}
                data-testid="open-webhooks"
              >
                {t("integrations.openWebhooks")}
              </Button>
            )}
            {connectButton("connect-account")}
          </>
        }
      />
      <Stack gap="lg">
        <RoleNote caps={caps} role={me.role} />

        {result.error && !data ? (
          <LoadError error={result.error} onRetry={refetch} />
        ) : !accounts ? (
          <Loading />
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
              <StatTile
                label={t("integrations.stat.active")}
                value={i18n.number(active.length)}
                hint={i18n.plural("integrations.stat.activeHint", accounts.length)}
                icon={<IconPlugConnected size={18} />}
                tone="info"
                testId="stat-active"
              />
              <StatTile
                label={t("integrations.stat.healthy")}
                value={`${i18n.number(healthy)}/${i18n.number(active.length)}`}
                hint={healthy === active.length ? t("integrations.stat.healthyAll") : t("integrations.stat.healthySome")}
                icon={<IconHeartbeat size={18} />}
                tone={healthy === active.length ? "success" : "warning"}
                testId="stat-healthy"
              />
              <StatTile
                label={t("integrations.stat.failed")}
                value={i18n.number(failed)}
                hint={
                  caps.viewEvents && failed > 0 ? (
                    <Anchor component={Link} href="/integracoes/eventos/?status=TROUBLED" size="xs">
                      {t("integrations.stat.failedLink")}
                    </Anchor>
                  ) : (
                    t("integrations.stat.failedHint")
                  )
                }
                icon={<IconAlertTriangle size={18} />}
                tone={failed > 0 ? "danger" : "neutral"}
                testId="stat-failed"
              />
              <StatTile
                label={t("integrations.stat.syncing")}
                value={i18n.number(syncing)}
                hint={syncing > 0 ? t("integrations.stat.syncingHint") : t("integrations.stat.syncingIdle")}
                icon={<IconRefresh size={18} />}
                tone={syncing > 0 ? "info" : "neutral"}
                testId="stat-syncing"
              />
            </SimpleGrid>

            <Stack gap="sm" component="section" aria-labelledby="accounts-heading" data-testid="accounts-list">
              <Group justify="space-between" align="center">
                <Group gap="xs">
                  <Title order={2} size="h4" id="accounts-heading">
                    {t("accounts.title")}
                  </Title>
                  <Badge color="gray.7" variant="outline">
                    {i18n.number(accounts.length)}
                  </Badge>
                </Group>
              </Group>
              {accounts.length === 0 ? (
                <Stack align="center" gap="sm" py="xl">
                  <EmptyState>{t("accounts.empty")}</EmptyState>
                  {connectButton("connect-account-empty")}
                </Stack>
              ) : (
                accounts.map((account) => (
                  <AccountCard
                    key={account.id}
                    account={account}
                    tracked={runs[account.id]}
                    caps={caps}
                    highlighted={highlight === account.id}
                    runsKey={runsKeys[account.id] ?? 0}
                    onRunStarted={apply}
                    onReauthorize={reauthorize}
                  />
                ))
              )}
            </Stack>
          </>
        )}

        <ApplicationPanel caps={caps} onChanged={refetch} />
      </Stack>
      <ConnectAccountModal opened={connectOpen} onClose={() => setConnectOpen(false)} onConnect={authorize} />
    </>
  );
}
