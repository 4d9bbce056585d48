"use client";

// Loaded lazily (next/dynamic, no SSR) by SalesTiles: recharts stays out of the floor's first load.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";

export type ChartMetric = "orders" | "gmv";

export interface HourBar {
  hour: string;
  today: number;
  yesterday: number;
}

interface SameHourChartProps {
  /** Today's hours up to now, oldest first, each beside the same hour of yesterday. */
  hours: readonly HourBar[];
  height: number;
  todayLabel: string;
  yesterdayLabel: string;
  format: (value: number) => string;
}

/** Today's bars in the brand's blue beside yesterday's in a light blue: like for like, hour by hour. */
export function SameHourChart({ hours, height, todayLabel, yesterdayLabel, format }: SameHourChartProps) {
  return (
    <BarChart
      h={height}
      data={[...hours]}
      dataKey="hour"
      series={[
        { name: "yesterday", label: yesterdayLabel, color: "meliBlue.2" },
        { name: "today", label: todayLabel, color: "meliBlue.7" },
      ]}
      withYAxis={false}
      gridAxis="none"
      tickLine="none"
      maxBarWidth={14}
      valueFormatter={format}
      textColor="gray.7"
      withLegend
      legendProps={{ verticalAlign: "top", height: 24 }}
      tooltipAnimationDuration={120}
      barChartProps={{ accessibilityLayer: false, margin: { top: 4, right: 4, left: 4, bottom: 0 }, barGap: 1 }}
      xAxisProps={{ fontSize: 11, minTickGap: 8 }}
      aria-hidden
    />
  );
}
