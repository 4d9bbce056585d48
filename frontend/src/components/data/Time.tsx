"use client";

import { Tooltip } from "@mantine/core";
import { useEffect, useState } from "react";
import { useI18n } from "@/i18n/I18nProvider";

/** The current time, ticking every `ms`, for ages and countdowns that move on screen. */
export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** "há 3 min", with the exact time (in the tenant's zone) on hover and for screen readers. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const { relative, dateTime, t } = useI18n();
  const now = useNow();
  if (!iso) return <>{t("common.none")}</>;
  const exact = dateTime(iso);
  return (
    <Tooltip label={exact}>
      <time dateTime={iso} title={exact}>
        {relative(iso, now)}
      </time>
    </Tooltip>
  );
}
