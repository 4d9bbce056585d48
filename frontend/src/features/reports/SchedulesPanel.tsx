"use client";

import { ActionIcon, Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconCalendarX } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useMutation, useQuery } from "urql";
import { EmptyState } from "@/components/data/QueryState";
import type { ExportFilter, ExportFormat, ExportKind, ReportsSchedulesQuery as SchedulesData } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept } from "@/lib/useLive";
import { EXPORT_FORMATS, EXPORT_KINDS } from "./ExportsPanel";
import { ReportsCancelSchedule, ReportsCreateSchedule, ReportsSchedulesQuery } from "./queries";

type Schedule = SchedulesData["exportSchedules"]["nodes"][number];

/** The usual rhythms, as cron expressions in the tenant's zone. */
export const CRON_PRESETS = {
  monday8: "0 8 * * 1",
  daily7: "0 7 * * *",
  monthly1: "0 8 1 * *",
  hourly: "0 * * * *",
} as const;
type CronPreset = keyof typeof CRON_PRESETS | "custom";
const PRESET_NAMES: readonly CronPreset[] = ["monday8", "daily7", "monthly1", "hourly", "custom"];

function useScheduleName() {
  const { t } = useI18n();
  return (schedule: Pick<Schedule, "kind" | "format">) =>
    t("reports.schedules.name", { kind: t(`reports.exports.kind.${schedule.kind}`), format: schedule.format });
}

function ScheduleRow({ schedule, canOperate, onCancel, busy }: { schedule: Schedule; canOperate: boolean; onCancel: () => void; busy: boolean }) {
  const { t, dateTime } = useI18n();
  const name = useScheduleName()(schedule);
  const preset = (Object.keys(CRON_PRESETS) as (keyof typeof CRON_PRESETS)[]).find((key) => CRON_PRESETS[key] === schedule.cron);
  return (
    <li data-testid={`schedule-${schedule.id}`} data-active={schedule.active} data-cron={schedule.cron}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={0}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {name}
            </Text>
            <Badge size="sm" variant="light" color={schedule.active ? "teal" : "gray"} c={schedule.active ? "teal.9" : "gray.8"}>
              {schedule.active ? t("reports.schedules.active") : t("reports.schedules.cancelled")}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {preset ? t(`reports.schedules.preset.${preset}`) : schedule.cron}
            {schedule.active && schedule.nextRunAt && ` · ${t("reports.schedules.next", { time: dateTime(schedule.nextRunAt) })}`}
            {schedule.lastRunAt && ` · ${t("reports.schedules.last", { time: dateTime(schedule.lastRunAt) })}`}
          </Text>
        </Stack>
        {canOperate && schedule.active && (
          <Tooltip label={t("reports.schedules.cancel", { name })}>
            <ActionIcon
              variant="subtle"
              color="red"
              c="red.9"
              loading={busy}
              onClick={onCancel}
              aria-label={t("reports.schedules.cancel", { name })}
              data-testid="schedule-cancel"
            >
              <IconCalendarX size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </li>
  );
}

function CreateSchedule({ filter, onCreated }: { filter: ExportFilter | null; onCreated: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ExportKind>("ORDERS");
  const [format, setFormat] = useState<ExportFormat>("XLSX");
  const [preset, setPreset] = useState<CronPreset>("monday8");
  const [custom, setCustom] = useState("0 8 * * 1");
  const [created, create] = useMutation(ReportsCreateSchedule);
  const [problem, setProblem] = useState<string | null>(null);
  const cron = preset === "custom" ? custom.trim() : CRON_PRESETS[preset];

  const submit = async () => {
    setProblem(null);
    // A schedule's filter is fixed (the API has no period relative to each run): a repeating export of
    // rows takes the account alone, so each run has everything; the KPIs need a period, the screen's.
    const fixed = filter && (kind === "KPIS" ? filter : { meliAccountIds: filter.meliAccountIds });
    const response = await create({ kind, format, cron, filter: fixed });
    const errors = response.data?.createExportSchedule.errors ?? [];
    if (response.error || errors.length) setProblem(errors[0]?.message ?? response.error?.message ?? "");
    else onCreated();
  };

  return (
    <Stack gap="xs" component="form" onSubmit={(event) => { event.preventDefault(); void submit(); }} data-testid="schedule-create">
      <SimpleGrid cols={{ base: 1, sm: preset === "custom" ? 4 : 3 }} spacing="xs">
        <NativeSelect
          label={t("reports.schedules.kind")}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as ExportKind)}
          data={EXPORT_KINDS.map((value) => ({ value, label: t(`reports.exports.kind.${value}`) }))}
          data-testid="schedule-kind"
        />
        <NativeSelect
          label={t("reports.schedules.format")}
          value={format}
          onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}
          data={[...EXPORT_FORMATS]}
          data-testid="schedule-format"
        />
        <NativeSelect
          label={t("reports.schedules.when")}
          value={preset}
          onChange={(event) => setPreset(event.currentTarget.value as CronPreset)}
          data={PRESET_NAMES.map((value) => ({ value, label: t(`reports.schedules.preset.${value}`) }))}
          data-testid="schedule-preset"
        />
        {preset === "custom" && (
          <TextInput
            label={t("reports.schedules.cron")}
            description={t("reports.schedules.cronHint")}
            value={custom}
            onChange={(event) => setCustom(event.currentTarget.value)}
            data-testid="schedule-cron"
          />
        )}
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" ff="monospace" aria-live="polite">
          cron: {cron}
        </Text>
        <Button type="submit" size="sm" loading={created.fetching} disabled={!cron} data-testid="schedule-submit">
          {t("reports.schedules.create")}
        </Button>
      </Group>
      {problem !== null && (
        <Alert color="red" role="alert" data-testid="schedule-error">
          {t("reports.error", { message: problem })}
        </Alert>
      )}
    </Stack>
  );
}

/** The repeating exports: listed for everyone; created and cancelled by those who operate. */
export function SchedulesPanel({ filter, canOperate }: { filter: ExportFilter | null; canOperate: boolean }) {
  const { t } = useI18n();
  const heading = useId();
  const [result, refetch] = useQuery({ query: ReportsSchedulesQuery, variables: { first: 20 } });
  const [cancelling, cancel] = useMutation(ReportsCancelSchedule);
  const [busyId, setBusyId] = useState<string | null>(null);
  const schedules = useKept(result)?.exportSchedules.nodes;
  const reload = () => refetch({ requestPolicy: "network-only" });
  const cancelOne = async (id: string) => {
    setBusyId(id);
    await cancel({ id });
    setBusyId(null);
    reload();
  };
  return (
    <Paper p="md" component="section" aria-labelledby={heading} data-testid="report-schedules">
      <Title order={2} size="h4" id={heading}>
        {t("reports.schedules.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("reports.schedules.description")}
      </Text>
      {canOperate ? (
        <CreateSchedule filter={filter} onCreated={reload} />
      ) : (
        <Text size="sm" c="dimmed" data-testid="schedule-read-only">
          {t("reports.schedules.readOnly")}
        </Text>
      )}
      <Stack gap="sm" component="ul" p={0} mt="md" mb={0} mx={0} style={{ listStyle: "none" }} data-testid="schedule-list">
        {!schedules && <Skeleton h={40} component="li" />}
        {schedules?.length === 0 && (
          <li>
            <EmptyState>{t("reports.schedules.none")}</EmptyState>
          </li>
        )}
        {schedules?.map((schedule) => (
          <ScheduleRow
            key={schedule.id}
            schedule={schedule}
            canOperate={canOperate}
            busy={cancelling.fetching && busyId === schedule.id}
            onCancel={() => void cancelOne(schedule.id)}
          />
        ))}
      </Stack>
    </Paper>
  );
}
