"use client";

import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconKey } from "@tabler/icons-react";
import Link from "next/link";
import type { IntegrationsAccountFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import type { Capabilities } from "./permissions";

interface Props {
  account: IntegrationsAccountFragment;
  caps: Capabilities;
  disabled: boolean;
  needsReauth: boolean;
  /** The health's advice (null when all is well or the account is disabled). */
  hint: string | null;
  reauthorizing: boolean;
  onReauthorize: () => void;
}

/** What needs attention: a re-authorization, the health's advice, or why a disabled account is idle. */
export function AccountNotices({ account, caps, disabled, needsReauth, hint, reauthorizing, onReauthorize }: Props) {
  const { t } = useI18n();
  const { id, health } = account;
  return (
    <>
      {needsReauth && !disabled && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconKey aria-hidden />}
          data-testid={`reauth-alert-${id}`}
        >
          {/* The title as dark text: the alert's own orange title is below AA contrast. */}
          <Stack gap="xs" align="flex-start">
            <Text size="sm" fw={600}>
              {t("integrations.reauth.title")}
            </Text>
            <Text size="sm" mt={-6}>{caps.manage ? t("health.hint.reauth") : t("integrations.reauth.askAdmin")}</Text>
            {caps.manage && (
              <Button
                size="xs"
                leftSection={<IconKey size={14} aria-hidden />}
                loading={reauthorizing}
                onClick={onReauthorize}
                data-testid={`account-reauth-${id}`}
              >
                {t("integrations.reauth.action")}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      {hint && !needsReauth && (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={16} color="var(--mantine-color-orange-8)" aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" data-testid={`account-hint-${id}`}>
            {hint}{" "}
            {health.failedEvents24h > 0 && (
              <Anchor
                component={Link}
                href={`/integracoes/eventos/?account=${encodeURIComponent(id)}&status=TROUBLED`}
                size="sm"
                underline="always"
              >
                {t("integrations.account.seeFailed")}
              </Anchor>
            )}
          </Text>
        </Group>
      )}
      {disabled && (
        <Text size="sm" c="dimmed">
          {caps.manage ? t("integrations.account.disabledHint") : t("integrations.account.disabledHintViewer")}
        </Text>
      )}
    </>
  );
}
