"use client";

import { Box, Group, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { useI18n } from "@/i18n/I18nProvider";
import { TONE_COLOR } from "@/theme";
import { isOpen, percentOf, type Run } from "./runs";
import { RUN_TONE } from "@/lib/tones";

// The resources of a run, in the API's fixed order: the breakdown keeps its place while totals grow.
const RESOURCES = ["orders", "shipments", "listings", "questions", "messages", "claims"] as const;

interface Props {
  run: Run;
  accountId: string;
  accountName: string;
}

/** A run of one account: what it is doing, how far it is per resource, how long it has left, or how it ended. */
export function SyncProgress({ run, accountId, accountName }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const open = isOpen(run.status);
  const percent = percentOf(run);
  const known = run.total > 0;
  const done = Math.min(run.done, run.total);
  const color = TONE_COLOR[RUN_TONE[run.status]];

  const headline =
    run.status === "QUEUED"
      ? t("sync.queued")
      : run.status === "RUNNING"
        ? t(`sync.kind.${run.kind}`)
        : i18n.label("sync.ended.", run.status);
  const count = known ? t("sync.count", { done: i18n.number(done), total: i18n.number(run.total) }) : null;
  const eta =
    run.status === "RUNNING" && run.etaSeconds !== null && run.etaSeconds > 0
      ? t("sync.eta", { duration: i18n.duration(run.etaSeconds) })
      : null;
  const reason = !open && run.status !== "SUCCEEDED" ? run.reason : null;
  const parts = RESOURCES.map(
    (resource) => run.progress.find((part) => part.resource === resource) ?? { resource, total: 0, done: 0 },
  );

  return (
    <Stack gap={8} data-testid={`sync-run-${accountId}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
        {/* Says each change of stage (queued, working, ended) once; the numbers are not read every second. */}
        <Text size="sm" fw={600} role="status">
          {headline}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {[i18n.percent(percent / 100), count, eta].filter(Boolean).join(" · ")}
        </Text>
      </Group>
      <Box
        role="progressbar"
        aria-label={t("sync.progressFor", { account: accountName })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={count ? `${i18n.percent(percent / 100)} (${count})` : headline}
        data-testid={`sync-progress-${accountId}`}
        data-status={run.status}
      >
        <Progress.Root size="md" radius="xl">
          <Progress.Section value={percent} color={color} animated={run.status === "RUNNING"} withAria={false} />
        </Progress.Root>
      </Box>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" verticalSpacing={6}>
        {parts.map((part) => {
          const partPercent = part.total > 0 ? Math.round((Math.min(part.done, part.total) / part.total) * 100) : 0;
          return (
            <Stack key={part.resource} gap={2} data-testid={`sync-part-${accountId}-${part.resource}`}>
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" tt="capitalize">
                  {i18n.label("sync.resource.", part.resource)}
                </Text>
                <Text size="xs" c="dimmed">
                  {part.total > 0 ? `${i18n.number(Math.min(part.done, part.total))}/${i18n.number(part.total)}` : t("common.none")}
                </Text>
              </Group>
              <Progress.Root size="xs" aria-hidden>
                <Progress.Section
                  value={part.total > 0 ? partPercent : open ? 0 : 100}
                  color={part.total > 0 || !open ? color : "gray.4"}
                  withAria={false}
                />
              </Progress.Root>
            </Stack>
          );
        })}
      </SimpleGrid>
      {reason && (
        <Text size="xs" c="red.8">
          {reason}
        </Text>
      )}
    </Stack>
  );
}
