// The period of the reports: calendar days of the tenant's zone ("2026-12-01"), both inclusive, as
// `kpis` takes them. Date arithmetic runs on UTC noon of each day, so no zone or DST shift moves a day.
import type { KpiComparison, KpiGranularity } from "@/gql/graphql";

export { todayIn } from "./today";

export const PRESETS = ["today", "7d", "30d", "thisMonth", "lastMonth", "12m", "custom"] as const;
export type Preset = (typeof PRESETS)[number];
export const GRANULARITIES: readonly KpiGranularity[] = ["HOUR", "DAY", "WEEK", "MONTH"];
export const COMPARISONS = ["PREVIOUS_PERIOD", "PREVIOUS_YEAR", "NONE"] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** The API refuses longer ranges. */
export const MAX_DAYS = 400;

export interface DayRange {
  from: string;
  to: string;
}

function toDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

function firstOfMonth(day: string, monthsBack = 0): string {
  const date = toDate(day);
  return toDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1, 12)));
}

/** Days in the range, both ends counted (0 when it runs backwards). */
export function daysIn(range: DayRange): number {
  return Math.max(0, Math.round((toDate(range.to).getTime() - toDate(range.from).getTime()) / 86_400_000) + 1);
}

export function isValidRange(range: DayRange): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(range.from) || !day.test(range.to)) return false;
  const days = daysIn(range);
  return days >= 1 && days <= MAX_DAYS;
}

/** The range a preset names, ending today (the month presets: whole months, so monthly buckets are whole). */
export function presetRange(preset: Exclude<Preset, "custom">, today: string): DayRange {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "thisMonth":
      return { from: firstOfMonth(today), to: today };
    case "lastMonth":
      return { from: firstOfMonth(today, 1), to: addDays(firstOfMonth(today), -1) };
    case "12m":
      return { from: firstOfMonth(today, 11), to: today };
  }
}

/** The bucket size that draws the range well: hours up to 2 days, days up to 62, weeks up to 180, else months. */
export function granularityFor(range: DayRange): KpiGranularity {
  const days = daysIn(range);
  if (days <= 2) return "HOUR";
  if (days <= 62) return "DAY";
  if (days <= 180) return "WEEK";
  return "MONTH";
}

export function compareToOf(comparison: Comparison): KpiComparison | null {
  return comparison === "NONE" ? null : comparison;
}
