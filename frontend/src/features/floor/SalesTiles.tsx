"use client";

import { Box, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from "@tabler/icons-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { EmptyState } from "@/components/data/QueryState";
import type { FloorSalesKpisQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import type { ChartMetric, HourBar } from "./SameHourChart";

type Report = FloorSalesKpisQuery["kpis"];
type Metric = Report["metrics"][number];

// recharts is most of @mantine/charts' weight: it loads after the figures, never in the first load.
const SameHourChart = dynamic(() => import("./SameHourChart").then((module) => module.SameHourChart), {
  ssr: false,
  loading: () => <Skeleton h={150} radius="md" aria-hidden />,
});

const amount = (value: string | null | undefined) => (value ? Number(value) : 0);

/** The hours of today that have begun (the current one included), from `kpis`' hourly series. */
function hoursSoFar(metric: Metric | undefined, generatedAt: string): Metric["series"] {
  const now = new Date(generatedAt).getTime();
  return (metric?.series ?? []).filter((point) => new Date(point.start).getTime() <= now);
}

/** Yesterday up to this hour: the compared series summed over the same hours. */
function yesterdaySoFar(metric: Metric | undefined, generatedAt: string): number {
  return hoursSoFar(metric, generatedAt).reduce((sum, point) => sum + amount(point.previous), 0);
}

function ratio(today: number, yesterday: number): number | null {
  if (yesterday === 0) return null;
  return (today - yesterday) / yesterday;
}

/** "+18% pedidos": up in green, down in red, both dark enough to read at AA on white. */
function Delta({ delta, label, testId }: { delta: number | null; label: (text: string) => string; testId: string }) {
  const { percent } = useI18n();
  if (delta === null) return null;
  const rounded = Math.round(delta * 100);
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  const Icon = rounded > 0 ? IconArrowUpRight : rounded < 0 ? IconArrowDownRight : IconMinus;
  const color = rounded > 0 ? "teal.9" : rounded < 0 ? "red.9" : "dimmed";
  return (
    <Group gap={2} wrap="nowrap" c={color} data-testid={testId} data-delta={rounded}>
      <Icon size={16} aria-hidden />
      <Text size="sm" fw={600} c={color} span>
        {label(`${sign}${percent(Math.abs(delta))}`)}
      </Text>
    </Group>
  );
}

interface SalesCardProps {
  currency: string;
  gmv: Metric | undefined;
  orders: Metric | undefined;
  generatedAt: string;
  tall: boolean;
  /** Several currencies: the order count (not split by currency) covers them all. */
  shared: boolean;
}

function SalesCard({ currency, gmv, orders, generatedAt, tall, shared }: SalesCardProps) {
  const { t, plural, number, moneyOf, dateTime } = useI18n();
  const [metric, setMetric] = useState<ChartMetric>("orders");
  const ordersToday = amount(orders?.total);
  const gmvToday = amount(gmv?.total);
  const ordersBefore = yesterdaySoFar(orders, generatedAt);
  const gmvBefore = yesterdaySoFar(gmv, generatedAt);
  const time = dateTime(generatedAt, "time");
  const noHistory = ordersBefore === 0 && gmvBefore === 0;
  const id = `floor-sales-${currency}`;
  const shown = metric === "gmv" ? gmv : orders;
  const format = (value: number) => (metric === "gmv" ? moneyOf(value, currency) : number(value));
  const hourLabel = (start: string) => dateTime(start, "time");
  const hours: HourBar[] = hoursSoFar(shown, generatedAt).map((point) => ({
    hour: hourLabel(point.start),
    today: amount(point.value),
    yesterday: amount(point.previous),
  }));
  const metricName = metric === "gmv" ? t("floor.chart.gmv") : t("floor.chart.orders");

  return (
    <Paper
      p="md"
      data-testid={id}
      data-orders={ordersToday}
      data-gmv={gmv?.total ?? "0"}
      aria-label={t("floor.sales.currency", { currency })}
      component="article"
    >
      <Group justify="space-between" align="center" mb="xs" gap="xs">
        <Text size="sm" fw={600} c="dimmed">
          {t("floor.sales.currency", { currency })}
        </Text>
        <SegmentedControl
          size="xs"
          value={metric}
          onChange={(value) => setMetric(value as ChartMetric)}
          aria-label={t("floor.chart.metric", { currency })}
          data={[
            { value: "orders", label: t("floor.chart.orders") },
            { value: "gmv", label: t("floor.chart.gmv") },
          ]}
        />
      </Group>
      <Group align="flex-end" wrap="wrap" gap="lg">
        <Stack gap={2} miw={170}>
          <Group gap={6} align="baseline" wrap="nowrap">
            <Text fz={34} fw={700} lh={1.1} data-testid={`${id}-orders`}>
              {number(ordersToday)}
            </Text>
            <Text size="sm" c="dimmed">
              {shared ? t("floor.sales.allCurrencies") : plural("floor.sales.orders", ordersToday)}
            </Text>
          </Group>
          <Text fz="xl" fw={600} lh={1.3} data-testid={`${id}-gmv`}>
            {moneyOf(gmvToday, currency)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("floor.sales.gmv")}
          </Text>
          <Stack gap={2} mt="sm">
            {noHistory ? (
              <Text size="xs" c="dimmed" maw={170}>
                {t("floor.sales.noHistory")}
              </Text>
            ) : (
              <>
                <Delta
                  delta={ratio(ordersToday, ordersBefore)}
                  label={(delta) => t("floor.sales.deltaOrders", { delta })}
                  testId={`${id}-delta-orders`}
                />
                <Delta
                  delta={ratio(gmvToday, gmvBefore)}
                  label={(delta) => t("floor.sales.deltaGmv", { delta })}
                  testId={`${id}-delta-gmv`}
                />
              </>
            )}
          </Stack>
        </Stack>
        {hours.some((hour) => hour.today > 0 || hour.yesterday > 0) && (
        <Box flex={1} miw={240} component="figure" m={0}>
          <SameHourChart
            hours={hours}
            height={tall ? 200 : 150}
            todayLabel={t("floor.chart.today")}
            yesterdayLabel={t("floor.chart.yesterday")}
            format={format}
          />
          <VisuallyHidden component="figcaption">
            {t("floor.chart.label", { metric: metricName, time })}
            <ul>
              {hours.map((hour) => (
                <li key={hour.hour}>
                  {t("floor.chart.hour", { hour: hour.hour, today: format(hour.today), yesterday: format(hour.yesterday) })}
                </li>
              ))}
            </ul>
          </VisuallyHidden>
        </Box>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t("floor.sales.compare", { time })}
        {!noHistory && (
          <>
            {" · "}
            {t("floor.sales.average", { orders: number(ordersBefore), gmv: moneyOf(gmvBefore, currency) })}
          </>
        )}
      </Text>
    </Paper>
  );
}

/** The currencies with a card: those the report names, or those with revenue today. */
export function currenciesOf(report: Report): string[] {
  const withGmv = report.metrics.filter((metric) => metric.key === "GMV" && metric.currency).map((metric) => metric.currency as string);
  return [...new Set([...report.currencies, ...withGmv])];
}

/** Today's orders and revenue per currency (from `kpis`, by hour), beside yesterday up to the same hour. */
export function SalesTiles({ report }: { report: Report | undefined }) {
  const { t } = useI18n();
  if (!report) return <Skeleton h={250} radius="lg" />;
  const currencies = currenciesOf(report);
  const orders = report.metrics.find((metric) => metric.key === "ORDERS");
  if (currencies.length === 0) {
    return (
      <Paper p="md" flex={1} data-testid="floor-sales-empty">
        <EmptyState>{t("floor.sales.empty")}</EmptyState>
      </Paper>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: currencies.length > 1 ? 2 : 1 }} spacing="md" flex={1}>
      {currencies.map((currency) => (
        <SalesCard
          key={currency}
          currency={currency}
          gmv={report.metrics.find((metric) => metric.key === "GMV" && metric.currency === currency)}
          orders={orders}
          generatedAt={report.generatedAt}
          tall={currencies.length === 1}
          shared={currencies.length > 1}
        />
      ))}
    </SimpleGrid>
  );
}
