// What the screen knows about each metric `kpis` returns: its group's order, whether more is better,
// and which series each group draws. The numbers themselves always come from the API.
import type { KpiGroup, KpiMetricKey, KpiUnit, ReportsKpisQuery } from "@/gql/graphql";
import type { Locale } from "@/lib/format";
import { formatDuration, formatMoney, formatNumber } from "@/lib/format";

export type Metric = ReportsKpisQuery["kpis"]["metrics"][number];

export const GROUPS: readonly KpiGroup[] = ["SALES", "SERVICE", "LOGISTICS", "STOCK", "FUNNEL"];

/** The keys of each group in the order their tiles show. */
export const GROUP_KEYS: Record<KpiGroup, readonly KpiMetricKey[]> = {
  SALES: ["GMV", "ORDERS", "UNITS", "AVERAGE_TICKET", "CANCELLATION_RATE", "REFUNDS", "REFUNDED_AMOUNT"],
  SERVICE: ["QUESTION_RESPONSE_P50", "QUESTION_RESPONSE_P90", "QUESTION_SLA_COMPLIANCE", "MESSAGE_FIRST_REPLY_P50"],
  LOGISTICS: ["FILL_RATE", "AVERAGE_HANDLING_TIME", "LATE_SHIPMENTS", "NOT_DELIVERED", "RETURNS"],
  STOCK: ["OUT_OF_STOCK_SELLING", "DAYS_OUT_OF_STOCK", "STOCK_TURNOVER", "STOCK_COVERAGE_DAYS"],
  FUNNEL: ["VISITS", "QUESTIONS_ASKED", "VISIT_CONVERSION"],
};

/** The line (current against the compared period) and the bars each group draws. */
export const GROUP_CHARTS: Record<KpiGroup, { line: KpiMetricKey; bars?: KpiMetricKey }> = {
  SALES: { line: "GMV", bars: "ORDERS" },
  SERVICE: { line: "QUESTION_RESPONSE_P50", bars: "QUESTION_SLA_COMPLIANCE" },
  LOGISTICS: { line: "FILL_RATE", bars: "LATE_SHIPMENTS" },
  STOCK: { line: "STOCK_TURNOVER", bars: "DAYS_OUT_OF_STOCK" },
  FUNNEL: { line: "VISITS", bars: "QUESTIONS_ASKED" },
};

// A rise in these is bad news: the delta shows red when they go up.
const LOWER_IS_BETTER: ReadonlySet<KpiMetricKey> = new Set<KpiMetricKey>([
  "CANCELLATION_RATE",
  "REFUNDS",
  "REFUNDED_AMOUNT",
  "QUESTION_RESPONSE_P50",
  "QUESTION_RESPONSE_P90",
  "MESSAGE_FIRST_REPLY_P50",
  "AVERAGE_HANDLING_TIME",
  "LATE_SHIPMENTS",
  "NOT_DELIVERED",
  "RETURNS",
  "OUT_OF_STOCK_SELLING",
  "DAYS_OUT_OF_STOCK",
]);

export type Trend = "good" | "bad" | "flat";

/** Whether the change is good news, given the metric's polarity. */
export function trendOf(key: KpiMetricKey, deltaRatio: number): Trend {
  if (Math.round(deltaRatio * 1000) === 0) return "flat";
  const up = deltaRatio > 0;
  return up !== LOWER_IS_BETTER.has(key) ? "good" : "bad";
}

/** A value of the metric's unit: R$ 1.234,56, 12 pedidos, 3,4 %, 1 h 20 min, 4,5 dias. */
export function formatValue(locale: Locale, unit: KpiUnit, value: string | number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || value === "") return "—";
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  switch (unit) {
    case "MONEY":
      return formatMoney(locale, number, currency ?? "BRL");
    case "RATIO":
      return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(number);
    case "SECONDS":
      return formatDuration(locale, number);
    case "DAYS":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(number);
    case "COUNT":
      return Number.isInteger(number) ? formatNumber(locale, number) : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(number);
  }
}

/** The metric's tile key: one per currency for money. */
export function metricId(metric: Pick<Metric, "key" | "currency">): string {
  return metric.currency ? `${metric.key}-${metric.currency}` : metric.key;
}

/** The group's metrics in tile order (money ones per currency, in the report's currency order). */
export function metricsOf(group: KpiGroup, metrics: readonly Metric[], currencies: readonly string[]): Metric[] {
  const rank = (metric: Metric) => currencies.indexOf(metric.currency ?? "");
  return GROUP_KEYS[group].flatMap((key) =>
    metrics.filter((metric) => metric.key === key).sort((a, b) => rank(a) - rank(b)),
  );
}
