"use client";

import { Alert, Badge, Grid, Group, Paper, Stack, Text } from "@mantine/core";
import { IconKey, IconLock } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import type { Capabilities } from "../permissions";
import { AccountChangedSubscription } from "../queries";
import { ApplicationForm } from "./ApplicationForm";
import { ApplicationFacts, ApplicationUrls } from "./ApplicationSummary";
import type { IntegrationsApplicationFragment } from "./gql/graphql";
import { ApplicationQuery } from "./queries";

// An account linked or asked to reauthorize moves the application's count of linked accounts.
const TRIGGERS = [liveTrigger(AccountChangedSubscription, {})];

interface Props {
  caps: Capabilities;
  /** After a save or a removal (the accounts' states may have moved). */
  onChanged: () => void;
}

function ReauthNotice({ count, onClose }: { count: number; onClose: () => void }) {
  const i18n = useI18n();
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconKey aria-hidden />}
      withCloseButton
      closeButtonLabel={i18n.t("common.close")}
      onClose={onClose}
      role="status"
      data-testid="application-reauth-notice"
      data-count={count}
    >
      {/* The title as dark text: the alert's own orange title is below AA contrast. */}
      <Text size="sm" fw={600}>
        {i18n.plural("integrations.app.reauth.title", count)}
      </Text>
      <Text size="sm">{i18n.plural("integrations.app.reauth.body", count)}</Text>
    </Alert>
  );
}

function ModeLine({ application, caps }: { application: IntegrationsApplicationFragment | null; caps: Capabilities }) {
  const { t } = useI18n();
  const body = application
    ? t("integrations.app.ownBody")
    : caps.manage
      ? t("integrations.app.defaultBody")
      : t("integrations.app.defaultBodyViewer");
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Badge
          color={application ? "meliBlue.8" : "gray.7"}
          variant={application ? "filled" : "outline"}
          data-testid="application-mode"
          data-mode={application ? "own" : "default"}
        >
          {application ? t("integrations.app.mode.own") : t("integrations.app.mode.default")}
        </Badge>
      </Group>
      <Text size="sm">{body}</Text>
    </Stack>
  );
}

/** "Aplicativo Mercado Livre": melihub's application or the company's own, and the portal's addresses. */
export function ApplicationPanel({ caps, onChanged }: Props) {
  const { t } = useI18n();
  const [result, refetch] = useLiveQuery({ query: ApplicationQuery }, TRIGGERS);
  const [reauthorize, setReauthorize] = useState(0);
  const data = useKept(result);
  const application = data?.meliApplication ?? null;

  const changed = useCallback(
    (count: number) => {
      setReauthorize(count);
      refetch();
      onChanged();
    },
    [refetch, onChanged],
  );

  return (
    <Paper p="lg" component="section" aria-labelledby="application-heading" data-testid="application-panel">
      <SectionHeader id="application-heading" title={t("integrations.app.title")} description={t("integrations.app.description")} />
      {result.error && !data ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !data ? (
        <Loading />
      ) : (
        <Grid gap="lg" mt="sm">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="md">
              {reauthorize > 0 && <ReauthNotice count={reauthorize} onClose={() => setReauthorize(0)} />}
              <ModeLine application={application} caps={caps} />
              {application && <ApplicationFacts application={application} />}
              {caps.manage ? (
                <ApplicationForm key={application?.id ?? "melihub"} application={application} onChanged={changed} />
              ) : (
                <Group gap={6} wrap="nowrap" data-testid="application-read-only">
                  <IconLock size={16} aria-hidden />
                  <Text size="sm" c="dimmed">
                    {t("integrations.app.readOnly")}
                  </Text>
                </Group>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <ApplicationUrls urls={data.meliApplicationUrls} copyable={caps.manage} />
          </Grid.Col>
        </Grid>
      )}
    </Paper>
  );
}
