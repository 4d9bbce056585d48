"use client";

import { SegmentedControl } from "@mantine/core";
import { LOCALES, useI18n } from "@/i18n/I18nProvider";
import type { Locale } from "@/lib/format";

const SHORT: Record<Locale, string> = { "pt-BR": "PT", en: "EN" };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("header.language")}
      value={locale}
      onChange={(value) => setLocale(value as Locale)}
      data={LOCALES.map((option) => ({ value: option, label: SHORT[option] }))}
      data-testid="language-switch"
    />
  );
}
