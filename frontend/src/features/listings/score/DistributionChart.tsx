"use client";

// Loaded lazily (next/dynamic, no SSR) by AccountScores: recharts is paid for when the tab opens.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";

export interface BandBar {
  band: string;
  count: number;
  /** The band's level colour: below 50 basic, 50–79 satisfactory, 80 and up professional. */
  color: string;
}

export function DistributionChart({ bars, label }: { bars: readonly BandBar[]; label: string }) {
  return (
    <BarChart
      h={220}
      data={[...bars]}
      dataKey="band"
      series={[{ name: "count", label, color: "meliBlue.7" }]}
      gridAxis="x"
      tickLine="none"
      maxBarWidth={36}
      textColor="gray.7"
      tooltipAnimationDuration={120}
      yAxisProps={{ width: 32, allowDecimals: false }}
      xAxisProps={{ fontSize: 11, interval: 0 }}
      barChartProps={{ accessibilityLayer: false }}
      barProps={{ isAnimationActive: false }}
      aria-hidden
    />
  );
}
