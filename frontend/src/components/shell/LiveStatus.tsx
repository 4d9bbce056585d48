"use client";

import { Alert, Badge } from "@mantine/core";
import { IconPlugConnectedX } from "@tabler/icons-react";
import { useT } from "@/i18n/I18nProvider";
import { useLiveState } from "@/lib/useLive";
import type { LiveState } from "@/lib/live";

const COLOR: Record<LiveState, string> = {
  connected: "green.8",
  connecting: "gray.7",
  reconnecting: "orange.8",
  offline: "red.8",
};

/** The header's small live badge; its data-state is what tests and screen readers follow. */
export function LiveIndicator() {
  const t = useT();
  const state = useLiveState();
  return (
    <Badge
      color={COLOR[state]}
      variant="dot"
      size="lg"
      role="status"
      aria-label={`${t("live.label")}: ${t(`live.${state}`)}`}
      data-testid="live-status"
      data-state={state}
    >
      {t(`live.${state}`)}
    </Badge>
  );
}

/** Across the page while a lost connection is retried: the screen may be behind, and says so. */
export function ReconnectingBanner() {
  const t = useT();
  const state = useLiveState();
  if (state !== "reconnecting") return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconPlugConnectedX aria-hidden />}
      role="status"
      mb="md"
      data-testid="live-banner"
    >
      {t("live.banner")}
    </Alert>
  );
}
