"use client";

import {
  Alert,
  Button,
  Code,
  CopyButton,
  Drawer,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy, IconRotateClockwise } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useQuery } from "urql";
import { LoadError, Loading } from "@/components/data/QueryState";
import { RelativeTime } from "@/components/data/Time";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept, useLiveEvents, useResync } from "@/lib/useLive";
import { EVENT_TONE, isTroubled } from "@/lib/tones";
import { ToneBadge } from "@/components/data/ToneBadge";
import { canBeReprocessed } from "./reprocess";
import { EventChangedSubscription, EventDetailQuery } from "./queries";

interface Props {
  eventId: string | null;
  accountName: (id: string | null) => string;
  canReprocess: boolean;
  reprocessing: boolean;
  onReprocess: (id: string) => void;
  onClose: () => void;
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
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

/** One event in full: where it is in the pipeline, why it failed, and the notification as received. */
export function EventDrawer({ eventId, accountName, canReprocess, reprocessing, onReprocess, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [result, reexecute] = useQuery({
    query: EventDetailQuery,
    variables: { id: eventId ?? "" },
    pause: !eventId,
  });
  const refetch = () => reexecute({ requestPolicy: "network-only" });
  useResync(() => {
    if (eventId) refetch();
  });
  // Its status turns live: each step of this event reads it again.
  useLiveEvents(
    EventChangedSubscription,
    { meliAccountIds: null },
    (data) => {
      if (data.integrationEventChanged.id === eventId) refetch();
    },
    !eventId,
  );
  const kept = useKept(result);
  const event = kept?.integrationEvent?.id === eventId ? kept.integrationEvent : null;
  const payload = event ? JSON.stringify(event.payload, null, 2) : "";
  const when = (iso: string | null | undefined) =>
    iso ? (
      <>
        {i18n.dateTime(iso)}{" "}
        <Text span size="xs" c="dimmed">
          (<RelativeTime iso={iso} />)
        </Text>
      </>
    ) : (
      t("common.none")
    );

  return (
    <Drawer
      opened={eventId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        event
          ? t("eventsPage.drawer.title", { topic: i18n.label("topic.", event.topic) })
          : t("eventsPage.drawer.loading")
      }
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {!event && result.error ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !event && result.data && !result.data.integrationEvent ? (
        <Alert color="gray" variant="light" data-testid="event-not-found">
          {t("eventsPage.drawer.notFound")}
        </Alert>
      ) : !event ? (
        <Loading />
      ) : (
        <Stack gap="md" data-testid="event-payload" data-status={event.status} data-event-id={event.id}>
          <Group justify="space-between" align="center" gap="sm">
            <Group gap="xs">
              <ToneBadge
                size="lg"
                tone={EVENT_TONE[event.status]}
                urgent={event.status === "FAILED"}
                data-testid="event-payload-status"
              >
                {i18n.label("eventStatus.", event.status)}
              </ToneBadge>
              <Code>{event.resource}</Code>
            </Group>
            {canReprocess && canBeReprocessed(event) && (
              <Button
                size="xs"
                variant={isTroubled(event.status) ? "filled" : "default"}
                leftSection={<IconRotateClockwise size={14} aria-hidden />}
                loading={reprocessing}
                onClick={() => onReprocess(event.id)}
                data-testid="event-payload-reprocess"
              >
                {t("eventsPage.reprocess")}
              </Button>
            )}
          </Group>

          {event.lastError && (
            <Alert
              color={event.status === "PROCESSED" ? "gray" : "red"}
              variant="light"
              icon={<IconAlertTriangle aria-hidden />}
              title={t("events.lastError")}
              data-testid="event-payload-error"
            >
              <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                {event.lastError}
              </Text>
            </Alert>
          )}

          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
            <Field label={t("eventsPage.col.topic")}>
              {i18n.label("topic.", event.topic)}{" "}
              <Text span size="xs" c="dimmed">
                ({event.topic})
              </Text>
            </Field>
            <Field label={t("eventsPage.col.account")}>{accountName(event.meliAccountId)}</Field>
            <Field label={t("eventsPage.field.attempts")} testId="event-payload-attempts">
              {i18n.number(event.attempts)}
            </Field>
            <Field label={t("eventsPage.field.deliveries")}>{i18n.number(event.deliveries)}</Field>
            <Field label={t("eventsPage.field.received")}>{when(event.receivedAt)}</Field>
            <Field label={t("eventsPage.field.processed")}>{when(event.processedAt)}</Field>
            {event.nextAttemptAt && event.status === "RETRYING" && (
              <Field label={t("eventsPage.field.nextAttempt")}>{i18n.dateTime(event.nextAttemptAt)}</Field>
            )}
            <Field label={t("eventsPage.field.updated")}>{when(event.updatedAt)}</Field>
            <Field label={t("eventsPage.field.source")}>{event.source}</Field>
            <Field label={t("eventsPage.field.notification")}>
              <Text span inherit ff="monospace" size="xs">
                {event.notificationId}
              </Text>
            </Field>
            {event.traceId && (
              <Field label={t("eventsPage.field.trace")} testId="event-payload-trace">
                <Text span inherit ff="monospace" size="xs" title={t("eventsPage.field.traceHint")}>
                  {event.traceId}
                </Text>
              </Field>
            )}
            {event.resourceVersion && (
              <Field label={t("eventsPage.field.version")}>
                <Text span inherit ff="monospace" size="xs">
                  {event.resourceVersion}
                </Text>
              </Field>
            )}
          </SimpleGrid>

          <Stack gap={6}>
            <Group justify="space-between">
              <Title order={3} size="h5">
                {t("eventsPage.drawer.payload")}
              </Title>
              <CopyButton value={payload}>
                {({ copied, copy }) => (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    c={copied ? "green.9" : "gray.8"}
                    leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                    onClick={copy}
                  >
                    {copied ? t("common.copied") : t("eventsPage.drawer.copy")}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Code
                block
                fz="xs"
                data-testid="event-payload-json"
                tabIndex={0}
                aria-label={t("eventsPage.drawer.payload")}
                role="region"
              >
                {payload}
              </Code>
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
