"use client";

import { Box, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from "@tabler/icons-react";
import dynamic from "next/dynamic";
import { memo, useDeferredValue, useId } from "react";
import { EmptyState } from "@/components/data/QueryState";
import type { KpiGranularity, KpiGroup, ReportsKpisQuery } from "@/gql/graphql";
import { useI18n, type MessageKey } from "@/i18n/I18nProvider";
import { formatValue, GROUP_CHARTS, metricId, metricsOf, trendOf, type Metric } from "./metrics";
import type { ChartPoint } from "./ReportCharts";

type Report = ReportsKpisQuery["kpis"];

const chartLoading = () => <Skeleton h={200} radius="md" aria-hidden />;
// recharts is most of @mantine/charts' weight: it loads after the numbers, and only on this route.
const TrendLineChart = dynamic(() => import("./ReportCharts").then((module) => module.TrendLineChart), { ssr: false, loading: chartLoading });
const BucketBarChart = dynamic(() => import("./ReportCharts").then((module) => module.BucketBarChart), { ssr: false, loading: chartLoading });

const BUCKET_FORMAT: Record<KpiGranularity, Intl.DateTimeFormatOptions> = {
  HOUR: { hour: "2-digit", minute: "2-digit" },
  DAY: { day: "2-digit", month: "2-digit" },
  WEEK: { day: "2-digit", month: "2-digit" },
  MONTH: { month: "short", year: "2-digit" },
};

function useBucketLabel(granularity: KpiGranularity): (start: string) => string {
  const { locale, timeZone } = useI18n();
  return (start) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...BUCKET_FORMAT[granularity], timeZone }).format(new Date(start));
    } catch {
      return start;
    }
  };
}

function useMetricName(): (metric: Pick<Metric, "key" | "currency">) => string {
  const { t } = useI18n();
  return (metric) => {
    const name = t(`reports.metric.${metric.key}` as MessageKey);
    return metric.currency ? t("reports.metric.inCurrency", { metric: name, currency: metric.currency }) : name;
  };
}

/** "↑ +12,5 %": green when the change is good news for this metric, red when bad (a rise in cancellations). */
function Delta({ metric }: { metric: Metric }) {
  const { t, locale } = useI18n();
  if (metric.deltaRatio === null || metric.deltaRatio === undefined) return null;
  const ratio = Number(metric.deltaRatio);
  const trend = trendOf(metric.key, ratio);
  const Icon = trend === "flat" ? IconMinus : ratio > 0 ? IconArrowUpRight : IconArrowDownRight;
  const color = trend === "good" ? "teal.9" : trend === "bad" ? "red.9" : "dimmed";
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(ratio);
  return (
    <Group gap={2} wrap="nowrap" c={color} data-testid={`report-metric-${metricId(metric)}-delta`} data-trend={trend}>
      <Icon size={16} aria-hidden />
      <Text size="sm" fw={600} c={color} span>
        {t("reports.delta", { delta: percent })}
      </Text>
      <VisuallyHidden>{t(`reports.delta.${trend}`)}</VisuallyHidden>
    </Group>
  );
}

function MetricTile({ metric, compared }: { metric: Metric; compared: boolean }) {
  const { t, locale } = useI18n();
  const name = useMetricName()(metric);
  const value = (amount: string | null | undefined) => formatValue(locale, metric.unit, amount, metric.currency);
  return (
    <Paper
      p="sm"
      px="md"
      component="article"
      aria-label={name}
      data-testid={`report-metric-${metricId(metric)}`}
      data-total={metric.total ?? ""}
      data-previous={metric.previous ?? ""}
    >
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {name}
        </Text>
        <Text fz={24} fw={700} lh={1.15} data-testid={`report-metric-${metricId(metric)}-value`}>
          {metric.total === null || metric.total === undefined ? t("reports.noData") : value(metric.total)}
        </Text>
        {compared && (
          <>
            <Delta metric={metric} />
            <Text size="xs" c="dimmed">
              {t("reports.previous", { value: value(metric.previous) })}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function pointsOf(metric: Metric, label: (start: string) => string): ChartPoint[] {
  const toNumber = (value: string | null | undefined) => (value === null || value === undefined ? null : Number(value));
  return metric.series.map((point) => ({ label: label(point.start), value: toNumber(point.value), previous: toNumber(point.previous) }));
}

interface MetricChartProps {
  metric: Metric;
  kind: "line" | "bars";
  granularity: Report["granularity"];
  compared: boolean;
}

/** What a chart draws: a live refetch that leaves it the same does not redraw it. */
function sameChart(a: MetricChartProps, b: MetricChartProps): boolean {
  return (
    a.kind === b.kind &&
    a.granularity === b.granularity &&
    a.compared === b.compared &&
    JSON.stringify([a.metric.key, a.metric.currency, a.metric.series]) === JSON.stringify([b.metric.key, b.metric.currency, b.metric.series])
  );
}

const MetricChart = memo(function MetricChart({ metric, kind, granularity: bucket, compared }: MetricChartProps) {
  const { t, locale } = useI18n();
  const name = useMetricName()(metric);
  const label = useBucketLabel(bucket);
  const points = pointsOf(metric, label);
  const format = (value: number) => formatValue(locale, metric.unit, value, metric.currency);
  const granularity = t(`reports.granularity.${bucket}`).toLowerCase();
  const title = t("reports.chart.bars", { metric: name, granularity });
  const caption = kind === "line" ? t("reports.chart.line", { metric: name, granularity }) : title;
  const Chart = kind === "line" ? TrendLineChart : BucketBarChart;
  return (
    <Paper p="md" component="figure" m={0} data-testid={`report-chart-${kind}-${metricId(metric)}`}>
      <Text size="sm" fw={600} mb={4} aria-hidden>
        {title}
      </Text>
      <Chart
        points={points}
        height={200}
        currentLabel={t("reports.chart.current")}
        previousLabel={t("reports.chart.previous")}
        compared={compared}
        whole={metric.unit === "COUNT"}
        format={format}
      />
      <VisuallyHidden component="figcaption">
        {caption}
        <ul>
          {points.map((point, index) => (
            <li key={index}>
              {compared
                ? t("reports.chart.pointCompared", { start: point.label, value: format(point.value ?? 0), previous: format(point.previous ?? 0) })
                : t("reports.chart.point", { start: point.label, value: format(point.value ?? 0) })}
            </li>
          ))}
        </ul>
      </VisuallyHidden>
    </Paper>
  );
}, sameChart);

/** The chart's metric: the first currency's for money (the report lists its main currency first). */
function chartMetric(metrics: readonly Metric[], key: Metric["key"] | undefined): Metric | undefined {
  return key ? metrics.find((metric) => metric.key === key && metric.series.length > 0) : undefined;
}

/** One metric group: its tiles (total, delta with the metric's polarity), then its line and bar charts. */
export function MetricGroup({ group, report }: { group: KpiGroup; report: Report | undefined }) {
  const { t } = useI18n();
  const heading = useId();
  const metrics = report ? metricsOf(group, report.metrics, report.currencies) : [];
  const compared = Boolean(report?.comparedRange);
  // The tiles take a new report at once; the charts follow in a render React may interrupt, so a live
  // number is never held back by drawing.
  const drawn = useDeferredValue(report);
  const drawnMetrics = drawn ? metricsOf(group, drawn.metrics, drawn.currencies) : [];
  const line = chartMetric(drawnMetrics, GROUP_CHARTS[group].line);
  const bars = chartMetric(drawnMetrics, GROUP_CHARTS[group].bars);
  const chartProps = { granularity: drawn?.granularity ?? "DAY", compared: Boolean(drawn?.comparedRange) } as const;
  return (
    <Box component="section" aria-labelledby={heading} data-testid={`report-group-${group}`}>
      <Title order={2} size="h4" id={heading} mb="sm">
        {t(`reports.group.${group}`)}
      </Title>
      {!report ? (
        <Skeleton h={120} radius="md" />
      ) : metrics.length === 0 ? (
        <Paper p="md">
          <EmptyState>{t("reports.group.empty")}</EmptyState>
        </Paper>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            {metrics.map((metric) => (
              <MetricTile key={metricId(metric)} metric={metric} compared={compared} />
            ))}
          </SimpleGrid>
          {(line || bars) && (
            <SimpleGrid cols={{ base: 1, lg: line && bars ? 2 : 1 }} spacing="md">
              {line && <MetricChart metric={line} kind="line" {...chartProps} />}
              {bars && <MetricChart metric={bars} kind="bars" {...chartProps} />}
            </SimpleGrid>
          )}
        </Stack>
      )}
    </Box>
  );
}
