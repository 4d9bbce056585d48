"use client";

// Loaded lazily (next/dynamic, no SSR) by MetricGroup: recharts is paid for by /relatorios only.
import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";

export interface ChartPoint {
  label: string;
  value: number | null;
  previous: number | null;
}

interface ChartProps {
  points: readonly ChartPoint[];
  height: number;
  currentLabel: string;
  previousLabel: string;
  /** Draw the compared period's line (dashed). */
  compared: boolean;
  /** Counts: whole ticks only on the value axis. */
  whole: boolean;
  format: (value: number) => string;
}

/** The period as a solid blue line, the compared period dashed grey beneath it. */
export function TrendLineChart({ points, height, currentLabel, previousLabel, compared, whole, format }: ChartProps) {
  const series = [
    { name: "value", label: currentLabel, color: "meliBlue.7" },
    ...(compared ? [{ name: "previous", label: previousLabel, color: "gray.6", strokeDasharray: "5 4" }] : []),
  ];
  return (
    <LineChart
      h={height}
      data={[...points]}
      dataKey="label"
      series={series}
      curveType="linear"
      withDots={points.length <= 31}
      connectNulls
      gridAxis="y"
      tickLine="none"
      valueFormatter={format}
      textColor="gray.7"
      withLegend={compared}
      legendProps={{ verticalAlign: "top", height: 28 }}
      tooltipAnimationDuration={120}
      yAxisProps={{ width: 72, allowDecimals: !whole, tickFormatter: (value: number) => format(value) }}
      xAxisProps={{ fontSize: 11, minTickGap: 12 }}
      lineChartProps={{ accessibilityLayer: false }}
      // A live refetch redraws at once: no animation to wait for (nor to pay for on a busy machine).
      lineProps={{ isAnimationActive: false }}
      aria-hidden
    />
  );
}

/** One bar per bucket; with a comparison, the compared period's bar beside it in a light blue. */
export function BucketBarChart({ points, height, currentLabel, previousLabel, compared, whole, format }: ChartProps) {
  const series = [
    { name: "value", label: currentLabel, color: "meliBlue.7" },
    ...(compared ? [{ name: "previous", label: previousLabel, color: "meliBlue.2" }] : []),
  ];
  return (
    <BarChart
      h={height}
      data={[...points]}
      dataKey="label"
      series={series}
      gridAxis="y"
      tickLine="none"
      maxBarWidth={22}
      valueFormatter={format}
      textColor="gray.7"
      withLegend={compared}
      legendProps={{ verticalAlign: "top", height: 28 }}
      tooltipAnimationDuration={120}
      yAxisProps={{ width: 72, allowDecimals: !whole, tickFormatter: (value: number) => format(value) }}
      xAxisProps={{ fontSize: 11, minTickGap: 12 }}
      barChartProps={{ accessibilityLayer: false }}
      barProps={{ isAnimationActive: false }}
      aria-hidden
    />
  );
}
