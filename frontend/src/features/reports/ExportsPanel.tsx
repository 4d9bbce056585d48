"use client";

import { Alert, Anchor, Button, Group, Paper, Progress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconFileSpreadsheet } from "@tabler/icons-react";
import { useEffect, useId, useState } from "react";
import { useMutation, useQuery } from "urql";
import { EmptyState } from "@/components/data/QueryState";
import type { ExportFilter, ExportFormat, ExportKind, ReportsExportsQuery as ExportsData } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept, useLiveEvents } from "@/lib/useLive";
import { ReportsExportProgress, ReportsExportsQuery, ReportsStartExport } from "./queries";

export const EXPORT_KINDS: readonly ExportKind[] = ["ORDERS", "LISTINGS", "QUESTIONS", "SHIPMENTS", "KPIS"];
export const EXPORT_FORMATS: readonly ExportFormat[] = ["CSV", "XLSX"];
type ExportItem = ExportsData["exports"]["nodes"][number];
const OPEN: ReadonlySet<string> = new Set(["QUEUED", "RUNNING"]);

/**
 * The screen's filter as each kind takes it: the bucket size is the KPIs' alone, and the listings are
 * the account's current ones (a period would pick listings by when they were last synced).
 */
export function filterFor(kind: ExportKind, filter: ExportFilter): ExportFilter {
  if (kind === "KPIS") return filter;
  if (kind === "LISTINGS") return { meliAccountIds: filter.meliAccountIds };
  return { meliAccountIds: filter.meliAccountIds, range: filter.range };
}

/** One export: live progress while it is built (exportProgress), then its download link. */
function ExportRow({ initial }: { initial: ExportItem }) {
  const { t, plural, dateTime } = useI18n();
  const [current, setCurrent] = useState(initial);
  // A newer read of the list (a refetch) wins over an older progress event, and vice versa.
  useEffect(() => setCurrent((shown) => (initial.rows >= shown.rows || !OPEN.has(initial.status) ? initial : shown)), [initial]);
  useLiveEvents(ReportsExportProgress, { id: initial.id }, (data) => setCurrent(data.exportProgress), !OPEN.has(initial.status));
  const name = t("reports.schedules.name", {
    kind: t(`reports.exports.kind.${current.kind}`),
    format: current.format,
  });
  const status = t(`reports.exports.status.${current.status}`);
  return (
    <li data-testid={`export-${current.id}`} data-status={current.status} data-rows={current.rows}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="xs" c="dimmed">
          {status} · {plural("reports.exports.rows", current.rows)}
        </Text>
      </Group>
      {OPEN.has(current.status) && (
        <Progress
          value={Math.round(current.progress * 100)}
          size="md"
          mt={4}
          color="meliBlue.7"
          animated
          aria-label={t("reports.exports.progress", { name })}
          data-testid="export-progress"
        />
      )}
      {current.status === "DONE" && current.downloadUrl && (
        <Group gap="xs" mt={4}>
          <Anchor href={current.downloadUrl} download={current.fileName ?? undefined} size="sm" fw={600} data-testid="export-download">
            <Group gap={4} wrap="nowrap" component="span">
              <IconDownload size={16} aria-hidden />
              {t("reports.exports.download", { name: current.fileName ?? name })}
            </Group>
          </Anchor>
          {current.expiresAt && (
            <Text size="xs" c="dimmed">
              {t("reports.exports.expires", { time: dateTime(current.expiresAt, "dateTime") })}
            </Text>
          )}
        </Group>
      )}
      {current.status === "FAILED" && (
        <Text size="xs" c="red.9" mt={4}>
          {t("reports.exports.failed", { message: current.error ?? "" })}
        </Text>
      )}
    </li>
  );
}

/** CSV/XLSX of each kind with the screen's filter, and the exports of late with their progress. */
export function ExportsPanel({ filter }: { filter: ExportFilter | null }) {
  const { t } = useI18n();
  const heading = useId();
  const [result, refetch] = useQuery({ query: ReportsExportsQuery, variables: { first: 6 } });
  const [started, startExport] = useMutation(ReportsStartExport);
  const [problem, setProblem] = useState<string | null>(null);
  const exports = useKept(result)?.exports.nodes;
  const building = exports?.some((item) => OPEN.has(item.status)) ?? false;
  // Progress comes over exportProgress; the list is read again now and then as well, so an export that
  // ended before its subscription started (or while the socket was down) is not left "building".
  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), 3_000);
    return () => clearInterval(timer);
  }, [building, refetch]);

  const start = async (kind: ExportKind, format: ExportFormat) => {
    setProblem(null);
    if (!filter) return;
    const response = await startExport({ kind, format, filter: filterFor(kind, filter) });
    const errors = response.data?.startExport.errors ?? [];
    if (response.error || errors.length) setProblem(errors[0]?.message ?? response.error?.message ?? "");
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <Paper p="md" component="section" aria-labelledby={heading} data-testid="report-exports">
      <Title order={2} size="h4" id={heading}>
        {t("reports.exports.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("reports.exports.description")}
      </Text>
      <Stack gap={6}>
        {EXPORT_KINDS.map((kind) => (
          <Group key={kind} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm">{t(`reports.exports.kind.${kind}`)}</Text>
            <Group gap={6} wrap="nowrap">
              {EXPORT_FORMATS.map((format) => (
                <Button
                  key={format}
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
                  disabled={!filter || started.fetching}
                  onClick={() => void start(kind, format)}
                  aria-label={t("reports.exports.start", { kind: t(`reports.exports.kind.${kind}`), format })}
                  data-testid={`export-${kind}-${format}`}
                >
                  {format}
                </Button>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
      {problem !== null && (
        <Alert color="red" mt="sm" role="alert" data-testid="export-error">
          {t("reports.error", { message: problem })}
        </Alert>
      )}
      <Title order={3} size="h6" mt="md" mb="xs">
        {t("reports.exports.recent")}
      </Title>
      {!exports && <Skeleton h={60} />}
      {exports && exports.length === 0 && <EmptyState>{t("reports.exports.none")}</EmptyState>}
      {exports && exports.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} data-testid="export-list">
          {exports.map((item) => (
            <ExportRow key={item.id} initial={item} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
