"use client";

import { Box, Group, Skeleton, Stack, Text } from "@mantine/core";
import { EmptyState } from "@/components/data/QueryState";
import { useNow } from "@/components/data/Time";
import type { FloorEventsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { EVENT_TONE } from "@/lib/tones";
import { FloorPanel } from "./shared";
import { ToneBadge } from "@/components/data/ToneBadge";

type Event = FloorEventsQuery["integrationEvents"]["nodes"][number];

function EventRow({ event, now }: { event: Event; now: number }) {
  const { t, label, relative, dateTime, plural } = useI18n();
  const failed = event.status === "FAILED";
  return (
    <Box
      component="li"
      px="xs"
      py={6}
      data-testid={`floor-event-${event.id}`}
      data-status={event.status}
      bg={failed ? "var(--mantine-color-red-0)" : undefined}
      style={{ borderRadius: "var(--mantine-radius-sm)" }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={0} miw={0}>
          <Text size="sm" fw={500} truncate>
            {label("topic.", event.topic)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" truncate title={event.resource}>
            {event.resource}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          <ToneBadge tone={EVENT_TONE[event.status]} size="sm">
            {t(`eventStatus.${event.status}`)}
          </ToneBadge>
          <Text size="xs" c="dimmed">
            <time dateTime={event.receivedAt} title={dateTime(event.receivedAt)}>
              {relative(event.receivedAt, now)}
            </time>
            {event.attempts > 1 && ` · ${plural("events.attempts", event.attempts)}`}
          </Text>
        </Stack>
      </Group>
      {failed && event.lastError && (
        <Text size="xs" c="red.9" mt={2} lineClamp={2} title={event.lastError}>
          {t("events.lastError")}: {event.lastError}
        </Text>
      )}
    </Box>
  );
}

/** The latest notifications from Mercado Livre, as they move through melihub. */
export function EventsTicker({ events }: { events: readonly Event[] | undefined }) {
  const { t } = useI18n();
  const now = useNow(10_000);
  return (
    <FloorPanel
      title={t("floor.events.title")}
      testId="floor-events"
      action={{ href: "/integracoes/eventos/", label: t("floor.events.all") }}
    >
      {!events ? (
        <Skeleton h={200} radius="md" />
      ) : events.length === 0 ? (
        <EmptyState>{t("floor.events.empty")}</EmptyState>
      ) : (
        <Stack component="ol" gap={2} m={0} p={0} aria-label={t("floor.events.caption")} style={{ listStyle: "none" }}>
          {events.map((event) => (
            <EventRow key={event.id} event={event} now={now} />
          ))}
        </Stack>
      )}
    </FloorPanel>
  );
}
