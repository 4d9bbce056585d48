"use client";

import { SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/data/Time";
import type { IntegrationsAccountFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

function Metric({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** Last sync, lag, failed events in 24 h and the token's time left, as a description list. */
export function AccountMetrics({ account, now }: { account: IntegrationsAccountFragment; now: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { id, health } = account;
  const tokenExpiry = account.tokenExpiresAt ?? health.tokenExpiresAt;
  const tokenSeconds = tokenExpiry ? Math.round((new Date(tokenExpiry).getTime() - now) / 1000) : null;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="md" m={0}>
      <Metric label={t("integrations.metric.lastSync")} testId={`account-last-sync-${id}`}>
        {health.lastSyncedAt ? <RelativeTime iso={health.lastSyncedAt} /> : t("accounts.neverSynced")}
      </Metric>
      <Metric label={t("integrations.metric.lag")}>
        {health.cursorLagSeconds === null ? t("common.none") : i18n.duration(health.cursorLagSeconds)}
      </Metric>
      <Metric label={t("integrations.metric.failed")}>
        <Text span inherit c={health.failedEvents24h > 0 ? "red.8" : undefined}>
          {i18n.number(health.failedEvents24h)}
        </Text>
      </Metric>
      <Metric label={t("integrations.metric.token")} testId={`account-token-${id}`}>
        {tokenExpiry === null || tokenSeconds === null ? (
          t("common.none")
        ) : (
          <time dateTime={tokenExpiry} title={i18n.dateTime(tokenExpiry)}>
            {tokenSeconds > 0 ? (
              i18n.duration(tokenSeconds)
            ) : (
              <Text span inherit c="orange.8">
                {t("integrations.token.expired")}
              </Text>
            )}
          </time>
        )}
      </Metric>
    </SimpleGrid>
  );
}
