"use client";

// Loaded lazily (next/dynamic, no SSR) by SalesTiles: recharts stays out of the floor's first load.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import type { FloorFiguresQuery } from "@/gql/graphql";

export type ChartMetric = "orders" | "gmv";

type Day = FloorFiguresQuery["floor"]["sales"][number]["days"][number];

interface SameHourChartProps {
  /** 8 days, oldest first: the 7 before today, then today, each up to this time of day. */
  days: readonly Day[];
  height: number;
  metric: ChartMetric;
  todayLabel: string;
  /** What the bars count, for the tooltip. */
  seriesLabel: string;
  dayLabel: (date: string) => string;
  format: (value: number) => string;
}

/** Today's bar in the brand's blue, the 7 days before it in a light blue: like for like, by this hour. */
export function SameHourChart({ days, height, metric, todayLabel, seriesLabel, dayLabel, format }: SameHourChartProps) {
  const last = days.length - 1;
  const data = days.map((day, index) => ({
    day: index === last ? todayLabel : dayLabel(day.date),
    value: metric === "gmv" ? Number(day.gmv.amount) : day.orders,
    color: index === last ? "meliBlue.7" : "meliBlue.2",
  }));
  return (
    <BarChart
      h={height}
      data={data}
      dataKey="day"
      series={[{ name: "value", label: seriesLabel, color: "meliBlue.2" }]}
      withYAxis={false}
      gridAxis="none"
      tickLine="none"
      maxBarWidth={28}
      minBarSize={2}
      valueFormatter={format}
      textColor="gray.7"
      tooltipAnimationDuration={120}
      withBarValueLabel={metric === "orders"}
      valueLabelProps={{ formatter: (value: unknown) => (value ? format(Number(value)) : ""), fontSize: 11 }}
      barChartProps={{ accessibilityLayer: false, margin: { top: 18, right: 4, left: 4, bottom: 0 } }}
      xAxisProps={{ interval: 0, fontSize: 11 }}
      aria-hidden
    />
  );
}
