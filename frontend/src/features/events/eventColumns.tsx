"use client";

import { ActionIcon, Button, Code, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconFileCode, IconRotateClockwise } from "@tabler/icons-react";
import { useMemo } from "react";
import type { ColumnDef } from "@/components/data/DataTable";
import { RelativeTime } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { EventsRowFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { EVENT_TONE, isTroubled } from "@/lib/tones";
import { canBeReprocessed, FROM_MELI } from "./reprocess";

type EventRow = EventsRowFragment;

/** The id of the one column the timeline sorts by (on the server: `IntegrationEventSort`). */
export const RECEIVED_COLUMN = "received";

interface Options {
  /** Wide screens show the last error in its own column; narrow ones leave it to the viewer. */
  wide: boolean;
  accountName: (id: string | null) => string;
  canReprocess: boolean;
  reprocessingId: string | null;
  reprocessing: boolean;
  onView: (id: string) => void;
  onReprocess: (id: string) => void;
}

/** The timeline's columns: received (sortable), event, status, last error (wide screens), actions. */
export function useEventColumns(options: Options): ColumnDef<EventRow, unknown>[] {
  const i18n = useI18n();
  const { t } = i18n;
  const { wide, accountName, canReprocess, reprocessingId, reprocessing, onView, onReprocess } = options;

  const columns = useMemo<ColumnDef<EventRow, unknown>[]>(
    () => [
      {
        id: RECEIVED_COLUMN,
        // The only accessor: the only column that sorts (newest first, then oldest first).
        accessorFn: (row) => row.receivedAt,
        sortDescFirst: true,
        header: t("eventsPage.col.received"),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm">
              <RelativeTime iso={row.original.receivedAt} />
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              {i18n.dateTime(row.original.receivedAt)}
            </Text>
          </Stack>
        ),
      },
      {
        id: "event",
        header: t("eventsPage.col.event"),
        cell: ({ row }) => (
          <Stack gap={2} align="flex-start">
            <Text size="sm" title={row.original.topic}>
              {i18n.label("topic.", row.original.topic)}
              <Text span size="xs" c="dimmed">
                {" · "}
                {accountName(row.original.meliAccountId)}
              </Text>
            </Text>
            <Code
              fz="xs"
              title={row.original.resource}
              maw={230}
              display="block"
              style={{ whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}
            >
              {row.original.resource}
            </Code>
          </Stack>
        ),
      },
      {
        id: "status",
        header: t("eventsPage.col.status"),
        cell: ({ row }) => {
          const event = row.original;
          return (
            <Stack gap={2} align="flex-start">
              <ToneBadge
                tone={EVENT_TONE[event.status]}
                urgent={event.status === "FAILED"}
                data-testid={`event-status-${event.id}`}
              >
                {i18n.label("eventStatus.", event.status)}
              </ToneBadge>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }} data-testid={`event-attempts-${event.id}`}>
                {event.source === FROM_MELI ? i18n.plural("events.attempts", event.attempts) : t("eventsPage.note")}
                {event.status === "RETRYING" && event.nextAttemptAt
                  ? ` · ${t("eventsPage.nextAttempt", { time: i18n.dateTime(event.nextAttemptAt, "time") })}`
                  : ""}
              </Text>
            </Stack>
          );
        },
      },
      {
        id: "actions",
        header: () => <span>{t("eventsPage.col.actions")}</span>,
        cell: ({ row }) => {
          const event = row.original;
          const what = `${i18n.label("topic.", event.topic)} ${event.resource}`;
          return (
            <Group gap={6} wrap="nowrap">
              <Tooltip label={t("eventsPage.view")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  c="gray.8"
                  onClick={() => onView(event.id)}
                  aria-label={t("eventsPage.viewFor", { event: what })}
                  data-testid={`event-view-${event.id}`}
                >
                  <IconFileCode size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
              {canReprocess && canBeReprocessed(event) && (
                <Button
                  size="compact-xs"
                  variant={isTroubled(event.status) ? "filled" : "default"}
                  leftSection={<IconRotateClockwise size={12} aria-hidden />}
                  loading={reprocessingId === event.id && reprocessing}
                  onClick={() => onReprocess(event.id)}
                  aria-label={t("eventsPage.reprocessFor", { event: what })}
                  data-testid={`event-reprocess-${event.id}`}
                >
                  {t("eventsPage.reprocess")}
                </Button>
              )}
            </Group>
          );
        },
      },
    ],
    [t, i18n, accountName, canReprocess, onReprocess, reprocessingId, reprocessing, onView],
  );
  const errorColumn = useMemo<ColumnDef<EventRow, unknown>>(
    () => ({
      id: "error",
      header: t("eventsPage.col.error"),
      cell: ({ row }) =>
        row.original.lastError ? (
          <Text
            size="xs"
            c={isTroubled(row.original.status) ? "red.9" : "dimmed"}
            lineClamp={2}
            maw={200}
            title={row.original.lastError}
            ff="monospace"
          >
            {row.original.lastError}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {t("common.none")}
          </Text>
        ),
    }),
    [t],
  );
  return useMemo(
    () => (wide ? [...columns.slice(0, -1), errorColumn, ...columns.slice(-1)] : columns),
    [wide, columns, errorColumn],
  );
}
