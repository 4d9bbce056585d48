/** Money {amount currency} as the API sends it: a decimal string and an ISO 4217 code. */
export interface MoneyLike {
  amount: string;
  currency: string;
}

export type Locale = "pt-BR" | "en";

export function formatMoney(locale: Locale, amount: string | number, currency: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${currency} ${String(amount)}`;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    // An unknown currency code must not break the page.
    return `${currency} ${value.toFixed(2)}`;
  }
}

export function formatMoneyValue(locale: Locale, money: MoneyLike | null | undefined): string {
  return money ? formatMoney(locale, money.amount, money.currency) : "—";
}

export type DateStyle = "dateTime" | "date" | "time" | "dayMonth";

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: "short", timeStyle: "short" },
  date: { dateStyle: "short" },
  time: { timeStyle: "short" },
  dayMonth: { day: "2-digit", month: "2-digit" },
};

/** In the tenant's time zone: a team in São Paulo reads São Paulo times wherever its browser is. */
export function formatDateTime(
  locale: Locale,
  iso: string | null | undefined,
  timeZone?: string,
  style: DateStyle = "dateTime",
): string {
  if (!iso) return "—";
  // A bare date ("2026-12-01") is a calendar day, not an instant: show it as that day.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? "UTC" : timeZone;
  try {
    return new Intl.DateTimeFormat(locale, { ...DATE_OPTIONS[style], timeZone: zone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, DATE_OPTIONS[style]).format(date); // an unknown zone name
  }
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
export function formatRelative(locale: Locale, iso: string, now: number, timeZone?: string): string {
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
  return formatDateTime(locale, iso, timeZone);
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
