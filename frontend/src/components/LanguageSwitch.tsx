"use client";

import { LOCALES, useI18n } from "@/i18n/I18nProvider";
import type { Locale } from "@/lib/format";

const SHORT_NAMES: Record<Locale, string> = { "pt-BR": "PT", en: "EN" };
const FULL_NAMES: Record<Locale, string> = { "pt-BR": "Português (Brasil)", en: "English" };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t("header.language")}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="lang-option"
          aria-pressed={option === locale}
          aria-label={`${SHORT_NAMES[option]} — ${FULL_NAMES[option]}`}
          title={FULL_NAMES[option]}
          data-testid={`lang-${SHORT_NAMES[option].toLowerCase()}`}
          onClick={() => setLocale(option)}
        >
          {SHORT_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
