"use client";

// Loaded lazily (next/dynamic, no SSR) by ScoreHistory: recharts is paid for when a score's detail opens.
import "@mantine/charts/styles.css";
import { Sparkline } from "@mantine/charts";

/** The score's values, oldest to newest, as one small line. */
export function ScoreSparkline({ values }: { values: readonly number[] }) {
  return (
    <Sparkline
      h={48}
      w={220}
      data={[...values]}
      color="meliBlue.7"
      curveType="linear"
      fillOpacity={0.25}
      strokeWidth={2}
      areaProps={{ isAnimationActive: false }}
      aria-hidden
    />
  );
}
