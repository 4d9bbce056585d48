"use client";

import { Group, Paper, Stack, Switch, Text } from "@mantine/core";
import { IconCircleCheck, IconPlayerPause } from "@tabler/icons-react";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { SectionTitle } from "./SectionTitle";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useI18n, type MessageKey } from "@/i18n/I18nProvider";
import { useKept } from "@/lib/useLive";
import { hubErrorText } from "../errors";
import { HUB_FLAGS } from "../FlagsNotice";
import { HubFlagsQuery, SetFeatureFlagMutation } from "../queries";

type Flag = (typeof HUB_FLAGS)[number];

/** "Fluxo": the two switches that let Mercado Livre's paid orders into the hub; each saves at once. */
export function FlowSwitches({ canManage }: { canManage: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [result, refetch] = useQuery({ query: HubFlagsQuery });
  const flags = useKept(result)?.featureFlags;
  const [pending, setPending] = useState<{ key: Flag; enabled: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setFlag] = useMutation(SetFeatureFlagMutation);

  const isOn = (key: Flag) => (pending?.key === key ? pending.enabled : Boolean(flags?.find((flag) => flag.key === key)?.enabled));
  const toggle = async (key: Flag, enabled: boolean) => {
    setPending({ key, enabled });
    setError(null);
    const answer = await setFlag({ key, enabled });
    const text = hubErrorText(i18n, "flags", answer.data?.setFeatureFlag.errors, answer.error);
    if (text) setError(`${t("hub.settings.flagFailed")}: ${text}`);
    setPending(null); // the answer's flags refresh the query (urql's document cache)
  };
  const flowing = HUB_FLAGS.every(isOn);
  const Icon = flowing ? IconCircleCheck : IconPlayerPause;

  return (
    <Paper p="lg" h="100%" component="section" aria-labelledby="hub-settings-flow-title" data-testid="hub-settings-flow">
      <SectionTitle id="hub-settings-flow-title" title={t("hub.settings.flow")} description={t("hub.settings.flowHint")} />
      {result.error && !flags ? (
        <LoadError error={result.error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !flags ? (
        <Loading />
      ) : (
        <Stack gap="md" mt="sm">
          {HUB_FLAGS.map((key) => (
            <Switch
              key={key}
              label={t(`hub.settings.flag.${key}` as MessageKey)}
              description={t(`hub.settings.flag.${key}.hint` as MessageKey)}
              checked={isOn(key)}
              onChange={(event) => void toggle(key, event.currentTarget.checked)}
              disabled={!canManage || pending !== null}
              data-testid={`hub-settings-flag-${key}`}
            />
          ))}
          <Group gap={6} wrap="nowrap" role="status" data-testid="hub-settings-flowing" data-flowing={flowing ? "true" : "false"}>
            <Icon size={18} aria-hidden color={flowing ? "var(--mantine-color-green-8)" : "var(--mantine-color-gray-7)"} />
            <Text size="sm" fw={500}>
              {t(flowing ? "hub.settings.flowOn" : "hub.settings.flowOff")}
            </Text>
          </Group>
          {error && (
            <Text size="sm" c="red.9" role="alert">
              {error}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
