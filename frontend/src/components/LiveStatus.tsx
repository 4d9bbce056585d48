"use client";

import { useLiveState } from "@/hooks/useLiveState";
import { useT } from "@/i18n/I18nProvider";

export function LiveStatus() {
  const t = useT();
  const state = useLiveState();
  return (
    <div
      className={`live-status live-${state}`}
      data-testid="live-status"
      data-state={state}
      role="status"
      aria-live="polite"
      title={t("live.label")}
    >
      <span className="live-dot" aria-hidden="true" />
      <span>{t(`live.${state}`)}</span>
    </div>
  );
}
