import type { Money } from "./types";

export type Locale = "pt-BR" | "en";

/**
 * A Decimal string ("1234.5", "-0.01") as integer hundredths, so sums stay exact.
 * Returns null for anything that is not a plain decimal.
 */
export function decimalToCents(amount: string): bigint | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  // Sub-cent digits are dropped: Mercado Livre amounts have at most two decimals.
  const cents = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
  return sign ? -cents : cents;
}

export function formatMoney(locale: Locale, amount: string | bigint, currency: string): string {
  const value = typeof amount === "bigint" ? Number(amount) / 100 : Number(amount);
  if (!Number.isFinite(value)) return `${currency} ${String(amount)}`;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    // An unknown currency code must not break the page.
    return `${currency} ${value.toFixed(2)}`;
  }
}

export function formatMoneyValue(locale: Locale, money: Money | null | undefined): string {
  return money ? formatMoney(locale, money.amount, money.currency) : "—";
}

export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(date);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

/** "há 2 minutos" / "2 minutes ago"; past a week, the date itself reads better. */
export function formatRelative(locale: Locale, iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  // Clamped to the past: a server clock slightly ahead must not read "in 3 seconds".
  let value = Math.min(0, Math.round((then - now) / 1000));
  if (value > -5) value = 0;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return rtf.format(value, unit);
    value = Math.round(value / size);
  }
  return formatDateTime(locale, iso);
}

/** Sums per currency, so a seller with accounts in several countries sees each total. */
export function sumByCurrency(amounts: Money[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const money of amounts) {
    const cents = decimalToCents(money.amount);
    if (cents === null) continue;
    totals.set(money.currency, (totals.get(money.currency) ?? 0n) + cents);
  }
  return totals;
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

function unit(locale: Locale, value: number, name: "second" | "minute" | "hour"): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
}

/** A rough span for estimates: "45 s", "3 min", "1 h 20 min" (rounded up: an estimate should not promise). */
export function formatDuration(locale: Locale, seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return unit(locale, whole, "second");
  const minutes = Math.ceil(whole / 60);
  if (minutes < 60) return unit(locale, minutes, "minute");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${unit(locale, hours, "hour")} ${unit(locale, rest, "minute")}` : unit(locale, hours, "hour");
}

/** "pedidos, envios e anúncios" / "orders, shipments, and listings". */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
}
