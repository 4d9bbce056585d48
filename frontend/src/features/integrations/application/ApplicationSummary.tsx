"use client";

import { Button, Code, CopyButton, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useId, type ReactNode } from "react";
import { RelativeTime } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";
import type { IntegrationsApplicationFragment, IntegrationsApplicationQuery } from "./gql/graphql";

type Application = IntegrationsApplicationFragment;
type Urls = IntegrationsApplicationQuery["meliApplicationUrls"];

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" fw={500} data-testid={testId} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

function LastTest({ application }: { application: Application }) {
  const { t } = useI18n();
  if (!application.lastTestAt || application.lastTestOk === null) return <>{t("integrations.app.lastTest.never")}</>;
  return (
    <>
      <ToneBadge tone={application.lastTestOk ? "success" : "danger"} size="sm" data-ok={application.lastTestOk}>
        {application.lastTestOk ? t("integrations.app.lastTest.ok") : t("integrations.app.lastTest.failed")}
      </ToneBadge>{" "}
      <RelativeTime iso={application.lastTestAt} />
    </>
  );
}

/** The company's own application as it is stored: id, site, store, secret set, accounts, last test. */
export function ApplicationFacts({ application }: { application: Application }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="sm" m={0} data-testid="application-facts">
      <Fact label={t("integrations.app.clientId")} testId="application-fact-clientId">
        {application.clientId}
      </Fact>
      <Fact label={t("integrations.app.site")} testId="application-fact-site">
        {`${application.siteId} · ${i18n.label("integrations.site.", application.siteId)}`}
      </Fact>
      <Fact label={t("integrations.app.store")} testId="application-fact-store">
        {application.storeName || t("common.none")}
      </Fact>
      <Fact label={t("integrations.app.linked")} testId="application-fact-linked">
        {i18n.number(application.linkedAccounts)}
      </Fact>
      <Fact label={t("integrations.app.clientSecret")} testId="application-fact-secret">
        {application.secretSet ? t("integrations.app.secretSet") : t("integrations.app.secretMissing")}
      </Fact>
      <Fact label={t("integrations.app.lastTest")} testId="application-fact-last-test">
        <LastTest application={application} />
      </Fact>
    </SimpleGrid>
  );
}

function UrlRow({ label, value, testId, copyable }: { label: string; value: string; testId: string; copyable: boolean }) {
  const { t } = useI18n();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="nowrap" mih={30}>
        <Text size="sm" fw={600} id={labelId}>
          {label}
        </Text>
        {copyable && (
          <CopyButton value={value} timeout={2500}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                onClick={copy}
                variant={copied ? "filled" : "light"}
                color={copied ? "green" : undefined}
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                aria-label={`${copied ? t("common.copied") : t("common.copy")}: ${label}`}
                data-testid={`${testId}-copy`}
                data-copied={copied}
              >
                {copied ? t("common.copied") : t("common.copy")}
              </Button>
            )}
          </CopyButton>
        )}
      </Group>
      <Code block py={6} aria-labelledby={labelId} data-testid={testId} style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
        {value}
      </Code>
    </Stack>
  );
}

/** The two read-only addresses the application must be registered with on the developer portal. */
export function ApplicationUrls({ urls, copyable }: { urls: Urls; copyable: boolean }) {
  const { t } = useI18n();
  return (
    <Paper bg="gray.0" p="md" radius="md" data-testid="application-urls">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("integrations.app.urls.title")}
        </Title>
        <Text size="sm">{t("integrations.app.urls.hint")}</Text>
        <UrlRow label={t("integrations.app.urls.webhook")} value={urls.webhookUrl} testId="application-webhook-url" copyable={copyable} />
        <UrlRow label={t("integrations.app.urls.redirect")} value={urls.redirectUri} testId="application-redirect-uri" copyable={copyable} />
      </Stack>
    </Paper>
  );
}
