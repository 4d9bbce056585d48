"use client";

import { Box, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from "@tabler/icons-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { EmptyState } from "@/components/data/QueryState";
import type { FloorFiguresQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import type { ChartMetric } from "./SameHourChart";

type Sales = FloorFiguresQuery["floor"]["sales"][number];

// recharts is most of @mantine/charts' weight: it loads after the figures, never in the first load.
const SameHourChart = dynamic(() => import("./SameHourChart").then((module) => module.SameHourChart), {
  ssr: false,
  loading: () => <Skeleton h={150} radius="md" aria-hidden />,
});

/** Today's figure against the average of the 7 days before (each up to this time of day). */
function ratio(today: number, average: number): number | null {
  if (average === 0) return null;
  return (today - average) / average;
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

function SalesCard({ sales, generatedAt, tall }: { sales: Sales; generatedAt: string; tall: boolean }) {
  const { t, plural, number, money, moneyOf, dateTime } = useI18n();
  const [metric, setMetric] = useState<ChartMetric>("orders");
  const before = sales.days.slice(0, -1);
  const averageOrders = before.reduce((sum, day) => sum + day.orders, 0) / Math.max(before.length, 1);
  const averageGmv = before.reduce((sum, day) => sum + Number(day.gmv.amount), 0) / Math.max(before.length, 1);
  const time = dateTime(generatedAt, "time");
  const noHistory = averageOrders === 0 && averageGmv === 0;
  const id = `floor-sales-${sales.currency}`;
  const first = sales.days[0];

  return (
    <Paper
      p="md"
      data-testid={id}
      data-orders={sales.orders}
      data-gmv={sales.gmv.amount}
      aria-label={t("floor.sales.currency", { currency: sales.currency })}
      component="article"
    >
      <Group justify="space-between" align="center" mb="xs" gap="xs">
        <Text size="sm" fw={600} c="dimmed">
          {t("floor.sales.currency", { currency: sales.currency })}
        </Text>
        <SegmentedControl
          size="xs"
          value={metric}
          onChange={(value) => setMetric(value as ChartMetric)}
          aria-label={t("floor.chart.metric", { currency: sales.currency })}
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
              {number(sales.orders)}
            </Text>
            <Text size="sm" c="dimmed">
              {plural("floor.sales.orders", sales.orders)}
            </Text>
          </Group>
          <Text fz="xl" fw={600} lh={1.3} data-testid={`${id}-gmv`}>
            {money(sales.gmv)}
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
                  delta={ratio(sales.orders, averageOrders)}
                  label={(delta) => t("floor.sales.deltaOrders", { delta })}
                  testId={`${id}-delta-orders`}
                />
                <Delta
                  delta={ratio(Number(sales.gmv.amount), averageGmv)}
                  label={(delta) => t("floor.sales.deltaGmv", { delta })}
                  testId={`${id}-delta-gmv`}
                />
              </>
            )}
          </Stack>
        </Stack>
        <Box flex={1} miw={240} component="figure" m={0}>
          <SameHourChart
            days={sales.days}
            height={tall ? 200 : 150}
            metric={metric}
            todayLabel={t("floor.chart.today")}
            seriesLabel={metric === "gmv" ? t("floor.chart.gmv") : t("floor.chart.orders")}
            dayLabel={(date) => dateTime(date, "dayMonth")}
            format={(value) => (metric === "gmv" ? moneyOf(value, sales.currency) : number(value))}
          />
          <VisuallyHidden component="figcaption">
            {t("floor.chart.label", {
              metric: metric === "gmv" ? t("floor.chart.gmv") : t("floor.chart.orders"),
              time,
              from: first ? dateTime(first.date, "dayMonth") : "",
            })}
            <ul>
              {sales.days.map((day) => (
                <li key={day.date}>
                  {t("floor.chart.day", {
                    day: dateTime(day.date, "dayMonth"),
                    orders: number(day.orders),
                    gmv: money(day.gmv),
                  })}
                </li>
              ))}
            </ul>
          </VisuallyHidden>
        </Box>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t("floor.sales.compare", { time })}
        {!noHistory && (
          <>
            {" · "}
            {t("floor.sales.average", {
              orders: number(Math.round(averageOrders * 10) / 10),
              gmv: moneyOf(averageGmv, sales.currency),
            })}
          </>
        )}
      </Text>
    </Paper>
  );
}

/** Today's orders and paid revenue per currency, beside the same hour of the 7 days before. */
export function SalesTiles({ floor }: { floor: FloorFiguresQuery["floor"] | undefined }) {
  const { t } = useI18n();
  if (!floor) return <Skeleton h={250} radius="lg" />;
  if (floor.sales.length === 0) {
    return (
      <Paper p="md" flex={1} data-testid="floor-sales-empty">
        <EmptyState>{t("floor.sales.empty")}</EmptyState>
      </Paper>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: floor.sales.length > 1 ? 2 : 1 }} spacing="md" flex={1}>
      {floor.sales.map((sales) => (
        <SalesCard key={sales.currency} sales={sales} generatedAt={floor.generatedAt} tall={floor.sales.length === 1} />
      ))}
    </SimpleGrid>
  );
}
