"use client";

import { Badge, Button, CloseButton, Group, Paper, Stack, Text } from "@mantine/core";
import { IconRepeat } from "@tabler/icons-react";
import { useCallback, useMemo, useState } from "react";
import { useMutation } from "urql";
import { ConnectionTable, SectionHeader } from "@/components/data/ConnectionTable";
import type { ColumnDef } from "@/components/data/DataTable";
import { useCursorPages } from "@/components/data/Pager";
import { useI18n } from "@/i18n/I18nProvider";
import { useLiveQuery } from "@/lib/useLive";
import { TONE_COLOR, type Tone } from "@/theme";
import { requestErrorText } from "@/features/integrations/errors";
import { webhookErrorText } from "./errors";
import { notify } from "@/features/integrations/notify";
import type { WebhookDeliveryRowFragment, WebhookDeliveryStatus, WebhookSubscriptionRowFragment } from "./gql/graphql";
import { ReplayWebhookDeliveryMutation, WebhookDeliveriesQuery } from "./queries";

const PAGE_SIZE = 20;
const TONE: Record<WebhookDeliveryStatus, Tone> = {
  PENDING: "neutral",
  SENDING: "info",
  RETRYING: "warning",
  DELIVERED: "success",
  FAILED: "danger",
};

interface Props {
  subscription: WebhookSubscriptionRowFragment;
  canReplay: boolean;
  onClose: () => void;
}

/** A subscription's deliveries, newest first, with each one's outcome and a replay. */
export function DeliveryLog({ subscription, canReplay, onClose }: Props) {
  const i18n = useI18n();
  const { t, label, dateTime, plural } = i18n;
  const pages = useCursorPages(PAGE_SIZE);
  const [result, refresh] = useLiveQuery({
    query: WebhookDeliveriesQuery,
    variables: { subscriptionId: subscription.id, ...pages.variables },
  });
  const [, replay] = useMutation(ReplayWebhookDeliveryMutation);
  const [replaying, setReplaying] = useState<string | null>(null);

  const resend = useCallback(
    async (row: WebhookDeliveryRowFragment) => {
      setReplaying(row.id);
      const answer = await replay({ id: row.id });
      setReplaying(null);
      const errors = answer.data?.replayWebhookDelivery.errors ?? [];
      const closeLabel = t("common.close");
      if (answer.error || errors.length) {
        const message = answer.error ? requestErrorText(i18n, answer.error) : webhookErrorText(i18n, errors);
        notify({ color: "red", title: t("webhooks.failed"), message, closeLabel });
        return;
      }
      notify({ color: "green", title: t("webhooks.replayed"), message: t("webhooks.replayedBody"), closeLabel, testId: "webhook-replayed" });
      refresh();
    },
    [replay, refresh, t, i18n],
  );

  const columns = useMemo<ColumnDef<WebhookDeliveryRowFragment, unknown>[]>(
    () => [
      {
        id: "created",
        header: t("webhooks.dcol.created"),
        cell: ({ row }) => (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            {dateTime(row.original.createdAt)}
          </Text>
        ),
      },
      {
        id: "event",
        header: t("webhooks.dcol.event"),
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{label("webhooks.event.", row.original.event)}</Text>
            {row.original.replayOf && (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {t("webhooks.replayOf")}
              </Badge>
            )}
          </Group>
        ),
      },
      {
        id: "status",
        header: t("webhooks.dcol.status"),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Badge color={TONE_COLOR[TONE[row.original.status]]} variant="dot" tt="none" fw={500} miw="max-content" data-testid={`delivery-status-${row.original.id}`}>
              {label("webhooks.dstatus.", row.original.status)}
            </Badge>
            {row.original.nextAttemptAt && (
              <Text size="xs" c="dimmed">
                {t("webhooks.nextAttempt", { time: dateTime(row.original.nextAttemptAt, "time") })}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: "attempts",
        header: t("webhooks.dcol.attempts"),
        cell: ({ row }) => <Text size="sm">{row.original.attempts}</Text>,
      },
      {
        id: "response",
        header: t("webhooks.dcol.response"),
        cell: ({ row }) => (
          <Stack gap={0} maw={320}>
            <Text size="sm" style={{ whiteSpace: "nowrap" }}>
              {row.original.responseStatus ?? t("webhooks.noAnswer")}
              {row.original.durationMs != null && ` · ${row.original.durationMs} ms`}
            </Text>
            {row.original.error && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {row.original.error}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: "actions",
        header: () => <span>{t("webhooks.dcol.actions")}</span>,
        cell: ({ row }) =>
          canReplay ? (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconRepeat size={14} aria-hidden />}
              loading={replaying === row.original.id}
              onClick={() => resend(row.original)}
              aria-label={t("webhooks.replayNamed", { time: dateTime(row.original.createdAt) })}
              data-testid={`replay-${row.original.id}`}
            >
              {t("webhooks.replay")}
            </Button>
          ) : null,
      },
    ],
    [t, label, dateTime, canReplay, replaying, resend],
  );

  return (
    <Paper p="lg" component="section" aria-labelledby="webhook-log-title" data-testid="webhook-log">
      <SectionHeader
        id="webhook-log-title"
        title={t("webhooks.deliveries.title")}
        description={t("webhooks.deliveries.of", { url: subscription.url })}
        action={<CloseButton onClick={onClose} aria-label={t("webhooks.deliveries.close")} />}
      />
      <ConnectionTable
        connection={result.data?.webhookDeliveries}
        error={result.error}
        onRetry={refresh}
        pages={pages}
        columns={columns}
        getRowId={(row) => row.id}
        caption={(count) => plural("webhooks.deliveries.caption", count)}
        rowProps={(row) => ({ "data-testid": `delivery-${row.original.id}` })}
        testId="deliveries-table"
        minWidth={760}
        empty={t("webhooks.deliveries.empty")}
      />
    </Paper>
  );
}
