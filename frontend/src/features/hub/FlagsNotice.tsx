"use client";

import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { IconToggleRight } from "@tabler/icons-react";
import { useState } from "react";
import { useMutation } from "urql";
import { useI18n } from "@/i18n/I18nProvider";
import { hubErrorText } from "./errors";
import { SetFeatureFlagMutation } from "./queries";

/** Both switches must be on for Mercado Livre orders to flow into the hub. */
export const HUB_FLAGS = ["integracao.ml.enabled", "hub.enabled"] as const;

/** The hub is off: say so, and let who manages the company turn both switches on. */
export function FlagsNotice({ off, canManage, onTurnedOn }: { off: readonly string[]; canManage: boolean; onTurnedOn: () => void }) {
  const i18n = useI18n();
  const { t, label, list } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, setFlag] = useMutation(SetFeatureFlagMutation);

  const turnOn = async () => {
    setBusy(true);
    setError(null);
    for (const key of off) {
      const result = await setFlag({ key, enabled: true });
      const text = hubErrorText(i18n, "flags", result.data?.setFeatureFlag.errors, result.error);
      if (text) {
        setError(`${t("hub.flags.failed")}: ${text}`);
        break;
      }
    }
    setBusy(false);
    onTurnedOn();
  };

  return (
    <Alert color="orange" variant="light" icon={<IconToggleRight aria-hidden />} data-testid="hub-flags-off" data-off={off.join(",")}>
      {/* The title as dark text: the alert's own orange title is below AA contrast. */}
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {t("hub.flags.title")}
        </Title>
        <Text size="sm">{t("hub.flags.body")}</Text>
        <Text size="sm" fw={600}>
          {t("hub.flags.off", { flags: list(off.map((key) => label("hub.flag.", key))) })}
        </Text>
        {canManage ? (
          <Button onClick={() => void turnOn()} loading={busy} data-testid="hub-flags-turn-on">
            {busy ? t("hub.flags.turningOn") : t("hub.flags.turnOn")}
          </Button>
        ) : (
          <Text size="sm" data-testid="hub-flags-ask">
            {t("hub.flags.askOwner")}
          </Text>
        )}
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
