"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import {
  formatDateTime,
  formatDuration,
  formatList,
  formatMoney,
  formatMoneyValue,
  formatNumber,
  formatPercent,
  formatRelative,
  type DateStyle,
  type Locale,
  type MoneyLike,
} from "@/lib/format";
import { CATALOGS, type MessageKey } from "./catalog";

export type { MessageKey } from "./catalog";
export const LOCALES: readonly Locale[] = ["pt-BR", "en"];
export const DEFAULT_LOCALE: Locale = "pt-BR";
export const DEFAULT_TIME_ZONE = "America/Sao_Paulo";
const STORAGE_KEY = "melihub.locale";

type Vars = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The tenant's zone: every time on screen is read in it. */
  timeZone: string;
  setTimeZone: (timeZone: string) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** `<base>.one` for exactly 1, else `<base>.other` (right for both pt-BR and en). */
  plural: (base: string, count: number) => string;
  has: (key: string) => key is MessageKey;
  /** `prefix + value` when the catalog knows it (an enum value), else the value itself. */
  label: (prefix: string, value: string) => string;
  money: (money: MoneyLike | null | undefined) => string;
  moneyOf: (amount: string | number, currency: string) => string;
  dateTime: (iso: string | null | undefined, style?: DateStyle) => string;
  relative: (iso: string, now: number) => string;
  percent: (ratio: number) => string;
  /** A count in the locale's digits and grouping (pt-BR 1.234, en 1,234). */
  number: (value: number) => string;
  /** A rough span: "45 s", "3 min", "1 h 20 min". */
  duration: (seconds: number) => string;
  list: (items: string[]) => string;
}

const I18nContext = createContext<I18n | null>(null);

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return LOCALES.find((locale) => locale === value) ?? null;
  } catch {
    return null; // storage can be blocked (private mode, policies)
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // The static export is rendered in pt-BR; a stored choice is applied once mounted.
  const [locale, setLocaleState] = useState<Locale>(DEFAULT_LOCALE);
  const [timeZone, setTimeZone] = useState<string>(DEFAULT_TIME_ZONE);

  useEffect(() => {
    const stored = storedLocale();
    if (stored) setLocaleState(stored);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = CATALOGS[locale];
    const has = (key: string): key is MessageKey => key in messages;
    // A key missing at run time (an enum value newer than this build) shows as itself.
    const t = (key: MessageKey, vars?: Vars) => interpolate(messages[key] ?? key, vars);
    const lookup = (key: string, vars?: Vars) => (has(key) ? t(key, vars) : key);
    return {
      locale,
      setLocale,
      timeZone,
      setTimeZone,
      t,
      // Not Intl.PluralRules: CLDR makes pt "0 tentativa", where Brazilians write "0 tentativas".
      plural: (base, count) =>
        lookup(count === 1 ? `${base}.one` : `${base}.other`, { count: formatNumber(locale, count) }),
      has,
      label: (prefix, value) => (has(prefix + value) ? t((prefix + value) as MessageKey) : value),
      money: (money) => formatMoneyValue(locale, money),
      moneyOf: (amount, currency) => formatMoney(locale, amount, currency),
      dateTime: (iso, style) => formatDateTime(locale, iso, timeZone, style),
      relative: (iso, now) => formatRelative(locale, iso, now, timeZone),
      percent: (ratio) => formatPercent(locale, ratio),
      number: (value) => formatNumber(locale, value),
      duration: (seconds) => formatDuration(locale, seconds),
      list: (items) => formatList(locale, items),
    };
  }, [locale, setLocale, timeZone]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n needs an <I18nProvider> above it");
  return i18n;
}

/** The translate function alone, for components that only show text. */
export function useT(): I18n["t"] {
  return useI18n().t;
}
